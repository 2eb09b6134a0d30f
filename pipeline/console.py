"""What a person sees: progress while a run goes (a bar on a terminal, plain log lines
otherwise), then one line per document error (and per duplicate or skipped input), a short
summary table, and where the report is.

Text that comes from a profile or a file name is shown as it is and nothing more: its control
characters (ANSI escapes, CR, newlines) escaped (``one_line``), and never read as rich markup
(``plain``: a ``rich.text.Text``, which rich prints without parsing)."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.model.findings import Finding, Scope, Severity

if TYPE_CHECKING:
    from rich.text import Text

    from pipeline.runner.pool import Progress
    from pipeline.runner.run import RunResult


@contextmanager
def progress_reporter(stream=None) -> Iterator[Callable[[Progress], None]]:
    """A rich progress bar when ``stream`` (default stderr) is a terminal, else one log line
    per document: ``[ 3/80] processed name.pdf`` or ``[ 4/80] cached name.txt``."""
    stream = stream or sys.stderr
    if not stream.isatty():
        width = 0

        def log(p: Progress) -> None:
            nonlocal width
            width = width or len(str(p.total))
            print(
                f"[{p.done:>{width}}/{p.total}] {'cached' if p.cached else 'processed'} {one_line(p.file)}",
                file=stream,
                flush=True,
            )

        yield log
        return

    from rich.console import Console
    from rich.markup import escape
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        TextColumn,
        TimeElapsedColumn,
    )
    from rich.progress import Progress as Bar

    with Bar(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("{task.fields[file]}"),
        console=Console(file=stream),
        transient=False,
        auto_refresh=False,
    ) as bar:  # no refresh thread: worker processes are forked meanwhile
        task = None

        def advance(p: Progress) -> None:
            nonlocal task
            if task is None:
                task = bar.add_task("profiles", total=p.total, file="")
            bar.update(
                task,
                completed=p.done,
                file=escape(f"{'cached' if p.cached else 'read'} {one_line(p.file)}"),
                refresh=True,
            )

        yield advance


ALWAYS_SHOWN = frozenset(
    {"duplicate-file", "file-skipped", "file-not-regular", "link-outside", "parquet-stale"}
)


def is_console_line(f: Finding) -> bool:
    """Errors about a whole document or input, warnings about a whole input file (a duplicate,
    a skipped file), and a table whose Parquet file is stale; findings inside a document's
    content are in the report."""
    if f.code in ALWAYS_SHOWN:
        return True
    return f.severity is Severity.ERROR and f.scope is Scope.DOCUMENT


def one_line(text: str) -> str:
    """Control characters (a newline in a file name) shown escaped, so one finding is one line."""
    return "".join(ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii") for ch in text)


def plain(text: object) -> Text:
    """``text`` as one line of literal text for rich: no markup, no control characters."""
    from rich.text import Text

    return Text(one_line(str(text)))


def print_summary(result: RunResult) -> None:
    from rich.console import Console

    print_report(result.report, result.findings, result.out, title="diaspora-profiles run")
    if result.stats is not None:
        st = result.stats
        out = Console(file=sys.stdout, highlight=False)
        peak = f", peak worker memory {max(st.worker_peak_mb):.0f} MB" if st.worker_peak_mb else ""
        out.print(
            f"{st.processed} processed, {st.from_cache} from the cache, {st.workers} workers{peak}; "
            f"{st.seconds:.1f} s",
            markup=False,
        )
        if st.cache_write_errors:
            Console(stderr=True, highlight=False).print(
                f"[yellow]warning[/yellow] {st.cache_write_errors} results could not be written to the cache",
                markup=True,
            )


LISTED = 20  # the most documents listed one by one; in a bigger run, those with errors and a total


def print_report(report: dict, findings: tuple[Finding, ...], out: Path, title: str) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    err = Console(stderr=True, highlight=False)
    for f in findings:
        if is_console_line(f):
            hint = f" -- {f.hint}" if f.hint else ""
            colour = "red" if f.severity is Severity.ERROR else "yellow"
            place = f.file or (f"{f.table}.csv" if f.table else "")
            text = one_line(f"{place}: [{f.code}] {f.message}{hint}")
            err.print(Text.assemble((f.severity.value, colour), " ", text), soft_wrap=True)
    out_console = Console(file=sys.stdout, highlight=False)
    table = Table(title=title, show_lines=False)
    for column in ("file", "profile", "status", "errors", "warnings"):
        table.add_column(column)
    documents = report["documents"]
    listed = (
        documents
        if len(documents) <= LISTED
        else [d for d in documents if d["status"] != "ok" or d["errors"]]
    )
    for d in listed:
        table.add_row(
            plain(d["file"]),
            plain(d["profile_id"] or "-"),
            plain(d["status"]),
            str(d["errors"]),
            str(d["warnings"]),
        )
    if len(listed) < len(documents):  # a big run: the others in one row (each is in the report)
        rest = [d for d in documents if d not in listed]
        table.add_row(
            f"{len(rest)} {'more ' if listed else ''}documents, all ok",
            "",
            "ok",
            "0",
            str(sum(d["warnings"] for d in rest)),
        )
    out_console.print(table)
    s = report["summary"]
    if s["by_code"]:
        codes = Table(title="findings by code", show_lines=False)
        for column in ("code", "severity", "findings"):
            codes.add_column(column)
        for code, n in s["by_code"].items():
            severity = s["severity_of_code"][code]
            colour = "red" if severity == "error" else "yellow"
            codes.add_row(plain(code), Text(severity, style=colour), str(n))
        out_console.print(codes)
    out_console.print(
        plain(
            f"{s['documents']} documents, {s['errors']} errors, {s['warnings']} warnings; "
            f"tables in {out}/, report in {out}/validation/report.html (and report.json)"
        ),
        soft_wrap=True,
    )


def print_changes(result, out) -> None:
    """The diff as a table: one row per record added or removed, one per changed column."""
    from rich.console import Console
    from rich.table import Table

    from pipeline.commands.diff import counts_by_table, delta_text, excerpts

    console = Console(file=sys.stdout, highlight=False, width=None if sys.stdout.isatty() else 160)
    table = Table(title=plain(f"changes from {result.old} to {result.new}"))
    for column in ("country", "table", "record", "change", "column", "old", "new", "delta"):
        table.add_column(column, overflow="fold")
    for c in result.changes:
        old, new = excerpts(c)  # a long text: its changed words with context
        table.add_row(
            plain(c.iso3 or c.country or ""),
            plain(c.table),
            plain(_clip(c.record)),
            plain(c.change),
            plain(c.column or ""),
            plain(_clip(old or "", 160) if c.change == "changed" else ""),
            plain(_clip(new or "", 160) if c.change == "changed" else ""),
            delta_text(c.delta) if c.delta is not None else "",
        )
    if result.changes:
        console.print(table)
    for cd in result.countries:
        totals = {"added": 0, "removed": 0, "changed": 0}
        for per in counts_by_table(cd.changes).values():
            for kind in totals:
                totals[kind] += per[kind]
        old = cd.old.profile_id if cd.old else "-"
        new = cd.new.profile_id if cd.new else "-"
        console.print(
            plain(
                f"{cd.country or cd.key} ({cd.key}) {old} -> {new}: {totals['added']} added, "
                f"{totals['removed']} removed, {totals['changed']} changed"
            )
        )
    console.print(
        plain(f"written: {out}/changes.csv, {out}/changes.parquet, {out}/changes.md, {out}/changes.html")
    )


def _clip(text: str, width: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"
