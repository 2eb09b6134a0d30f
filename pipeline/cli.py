"""Command line: ``python -m pipeline run [PATH ...] [--out DIR] [--prefer text|pdf] [--workers N]
[--cache DIR | --no-cache]``, ``inspect FILE.pdf``, ``validate DIR`` and ``diff OLD NEW``. Thin:
parse arguments, call the stage, turn its result into messages and an exit status."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from pipeline import __version__
from pipeline.model.domain import PREFERRED_FORMAT, SOURCE_FORMATS


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="diaspora-profiles", description="EUDiF diaspora engagement profiles -> validated tables"
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="extract, validate and write tables")
    run.add_argument(
        "paths",
        nargs="*",
        type=_input_path,
        default=[Path("raw")],
        help="profile files or folders (default: raw/)",
    )
    run.add_argument("--out", type=Path, default=Path("output"), help="output folder (default: output/)")
    run.add_argument(
        "--ner-model",
        metavar="NAME",
        default=None,
        help="an installed spaCy model (package or folder) whose entities add to the rules' mentions",
    )
    run.add_argument(
        "--prefer",
        choices=SOURCE_FORMATS,
        default=PREFERRED_FORMAT,
        help="an edition given as PDF and as text is one record: the source whose values it holds "
        f"(default: {PREFERRED_FORMAT}; the other is named in profiles.source_files)",
    )
    run.add_argument(
        "--workers", type=_positive, default=None, help="worker processes (default: the number of CPUs)"
    )
    run.add_argument(
        "--cache",
        type=Path,
        default=None,
        help="result cache folder (default: $DIASPORA_PROFILES_CACHE, else ~/.cache/diaspora-profiles)",
    )
    run.add_argument(
        "--no-cache",
        action="store_true",
        help="read and parse every document; neither read nor write the cache",
    )
    run.add_argument(
        "--stats",
        type=Path,
        default=None,
        help="also write the run's statistics (documents processed, from the cache, workers, peak memory) "
        "as JSON",
    )
    inspect = sub.add_parser("inspect", help="draw what every block of a PDF became, one PNG per page")
    inspect.add_argument("file", type=Path, help="a profile PDF")
    inspect.add_argument(
        "--pages", type=_pages, default=None, help="pages to draw, e.g. 1,3 or 2-4,7 (default: all)"
    )
    inspect.add_argument(
        "--out", type=Path, default=None, help="folder for the PNGs (default: inspect/<file stem>/)"
    )
    validate = sub.add_parser(
        "validate", help="re-validate an output folder from its CSVs and rewrite its report"
    )
    validate.add_argument("folder", type=Path, metavar="DIR", help="an output folder written by 'run'")
    validate.add_argument(
        "--rebuild",
        action="store_true",
        help="after validating, rewrite the Parquet files, datapackage.json, the database and the report "
        "from the (edited) CSVs",
    )
    diff = sub.add_parser(
        "diff", help="what changed between two editions: records added, removed and changed"
    )
    diff.add_argument("old", type=Path, help="old edition(s): a profile file or an output folder")
    diff.add_argument("new", type=Path, help="new edition(s): a profile file or an output folder")
    diff.add_argument(
        "--out",
        type=Path,
        default=Path("changes"),
        help="folder for changes.csv, changes.parquet, changes.md, changes.html (default: changes/)",
    )
    diff.add_argument(
        "--exit-code", action="store_true", help="exit with status 1 when anything changed (as git diff does)"
    )
    return parser


def _pages(text: str) -> set[int]:
    """``1,3`` or ``2-4,7``: page numbers and ranges, counted from 1."""
    pages: set[int] = set()
    for part in text.split(","):
        first, dash, last = part.strip().partition("-")
        try:
            low, high = int(first), int(last if dash else first)
        except ValueError:
            raise argparse.ArgumentTypeError(
                f"pages are numbers and ranges separated by commas (e.g. 2-4,7), not {text!r}"
            ) from None
        if low < 1 or high < low:
            raise argparse.ArgumentTypeError(f"pages are numbered from 1 and ranges go upwards: {text!r}")
        pages.update(range(low, high + 1))
    return pages


def _input_path(text: str) -> Path:
    if not text.strip():
        raise argparse.ArgumentTypeError("an input path is empty")
    return Path(text)


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be a whole number of at least 1, not {text!r}")
    return value


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on usage errors, 0 on --help
        return int(exc.code or 0)
    commands = {"run": _run, "inspect": _inspect, "validate": _validate, "diff": _diff}
    return commands[args.command](args)


def console_main() -> int:
    """``main`` as a program (the console script and ``python -m pipeline``)."""
    return main()


def _run(args: argparse.Namespace) -> int:
    from pipeline.console import print_summary, progress_reporter
    from pipeline.output.write import OutputBusy, UnsafeOutput
    from pipeline.runner.cache import ResultCache, default_cache_dir
    from pipeline.runner.discover import InputRefused
    from pipeline.runner.pool import default_workers
    from pipeline.runner.run import run

    cache = None if args.no_cache else ResultCache(args.cache or default_cache_dir())
    try:
        with progress_reporter() as progress:
            result = run(
                list(args.paths),
                args.out,
                workers=args.workers or default_workers(),
                cache=cache,
                progress=progress,
                ner_model=args.ner_model,
                prefer=args.prefer,
            )
    except InputRefused as exc:
        return _refused(f"{exc}; nothing was written")
    except UnsafeOutput as exc:
        return _refused(f"--out {exc}; give another folder")
    except OutputBusy as exc:
        return _refused(str(exc))
    except OSError as exc:
        print(f"error: cannot write {safe(str(args.out))}: {safe(exc.strerror or str(exc))}", file=sys.stderr)
        return 1
    print_summary(result)
    if args.stats is not None and result.stats is not None:
        from dataclasses import asdict

        args.stats.write_text(json.dumps(asdict(result.stats), indent=2) + "\n", encoding="utf-8")
    return result.exit_code


def _refused(message: str) -> int:
    print(f"error: {safe(message)}", file=sys.stderr)
    return 2


def safe(text: str) -> str:
    from pipeline.console import one_line

    return one_line(text)


def _inspect(args: argparse.Namespace) -> int:
    from pipeline.commands.inspection import PagesOutOfRange, write_inspection
    from pipeline.model.findings import ProfileError

    if args.file.suffix.lower() != ".pdf" or not args.file.is_file():
        return _refused(f"{args.file}: inspect takes an existing .pdf file")
    out = args.out or Path("inspect") / args.file.stem
    try:
        written, counts = write_inspection(args.file, out, args.pages)
    except PagesOutOfRange as exc:
        return _refused(str(exc))
    except ProfileError as exc:
        print(
            f"error: {safe(f'{exc.finding.file}: [{exc.finding.code}] {exc.finding.message}')}",
            file=sys.stderr,
        )
        return 1
    summary = ", ".join(f"{n} {kind}" for kind, n in sorted(counts.items()))
    print(safe(f"{len(written)} page images in {out}/ ({summary}); labels in {out}/labels.json"))
    return 0


def _validate(args: argparse.Namespace) -> int:
    from pipeline.commands.revalidate import NotAnOutputFolder, revalidate
    from pipeline.console import print_report
    from pipeline.output.write import OutputBusy

    if not args.folder.is_dir():
        return _refused(f"{args.folder} is not a folder")
    try:
        result = revalidate(args.folder, rebuild=args.rebuild)
    except (NotAnOutputFolder, OutputBusy) as exc:
        return _refused(str(exc))
    except OSError as exc:
        print(
            f"error: cannot write in {safe(str(args.folder))}: {safe(exc.strerror or str(exc))}",
            file=sys.stderr,
        )
        return 1
    print_report(result.report, result.findings, result.out, title="diaspora-profiles validate")
    return result.exit_code


def _diff(args: argparse.Namespace) -> int:
    from pipeline.commands.diff import DiffInputError, diff_paths, write_changes
    from pipeline.console import print_changes

    try:
        result = diff_paths(args.old, args.new)
    except DiffInputError as exc:
        return _refused(str(exc))
    try:
        write_changes(args.out, result)
    except OSError as exc:
        print(f"error: cannot write {safe(str(args.out))}: {safe(exc.strerror or str(exc))}", file=sys.stderr)
        return 1
    print_changes(result, args.out)
    for warning in result.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    return 1 if args.exit_code and result.changes else 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
