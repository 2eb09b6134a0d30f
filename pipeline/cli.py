"""Command line: ``python -m pipeline run [PATH ...] [--out DIR]``. Thin: parse arguments, call
the run, turn its result into messages and an exit status."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pipeline import __version__


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="diaspora-profiles", description="EUDiF diaspora engagement profiles -> validated tables")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="extract, validate and write tables")
    run.add_argument("paths", nargs="*", type=Path, default=[Path("raw")], help="profile files or folders (default: raw/)")
    run.add_argument("--out", type=Path, default=Path("output"), help="output folder (default: output/)")
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on usage errors, 0 on --help
        return int(exc.code or 0)
    if args.command == "run":
        return _run(args)
    return 2  # pragma: no cover - argparse enforces the choices


def _run(args: argparse.Namespace) -> int:
    from pipeline.console import print_summary
    from pipeline.run import run
    from pipeline.write import UnsafeOutput, output_problem

    if (problem := output_problem(args.out, list(args.paths))) is not None:
        print(f"error: --out {problem}; give another folder", file=sys.stderr)
        return 2
    try:
        result = run(list(args.paths), args.out)
    except UnsafeOutput as exc:
        print(f"error: --out {exc}; give another folder", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"error: cannot write {args.out}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    print_summary(result)
    return result.exit_code


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
