"""What a person sees at the end of a run: one line per document error (and per duplicate or
skipped input), then a short summary."""

from __future__ import annotations

import sys

from pipeline.errors import Finding, Severity
from pipeline.run import RunResult


def is_console_line(f: Finding) -> bool:
    """Errors about a whole document or input, and warnings about a whole input file (a
    duplicate, a skipped file); findings inside a document's content are in the report."""
    if f.severity is Severity.ERROR:
        return f.table is None
    return f.code in ("duplicate-file", "file-skipped")


def one_line(text: str) -> str:
    """Control characters (a newline in a file name) shown escaped, so one finding is one line."""
    return "".join(ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii") for ch in text)


def print_summary(result: RunResult) -> None:
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    err = Console(stderr=True, highlight=False)
    for f in result.findings:
        if is_console_line(f):
            hint = f" -- {f.hint}" if f.hint else ""
            colour = "red" if f.severity is Severity.ERROR else "yellow"
            text = one_line(f"{f.file or ''}: [{f.code}] {f.message}{hint}")
            err.print(f"[{colour}]{f.severity.value}[/{colour}] {escape(text)}", markup=True, soft_wrap=True)
    out = Console(file=sys.stdout, highlight=False)
    table = Table(title="diaspora-profiles run", show_lines=False)
    for column in ("file", "profile", "status", "errors", "warnings"):
        table.add_column(column)
    for d in result.report["documents"]:
        table.add_row(escape(one_line(d["file"])), escape(d["profile_id"] or "-"), d["status"], str(d["errors"]), str(d["warnings"]))
    out.print(table)
    s = result.report["summary"]
    out.print(escape(f"{s['documents']} documents, {s['errors']} errors, {s['warnings']} warnings; "
                     f"tables in {result.out}/, report in {result.out}/validation/report.json"))
