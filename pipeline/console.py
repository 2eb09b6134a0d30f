"""What a person sees at the end of a run: one line per document error (and per duplicate or
skipped input), a short summary table, and where the report is."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.errors import Finding, Severity

if TYPE_CHECKING:
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
    print_report(result.report, result.findings, result.out, title="diaspora-profiles run")


def print_report(report: dict, findings: tuple[Finding, ...], out: Path, title: str) -> None:
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    err = Console(stderr=True, highlight=False)
    for f in findings:
        if is_console_line(f):
            hint = f" -- {f.hint}" if f.hint else ""
            colour = "red" if f.severity is Severity.ERROR else "yellow"
            text = one_line(f"{f.file or ''}: [{f.code}] {f.message}{hint}")
            err.print(f"[{colour}]{f.severity.value}[/{colour}] {escape(text)}", markup=True, soft_wrap=True)
    out_console = Console(file=sys.stdout, highlight=False)
    table = Table(title=title, show_lines=False)
    for column in ("file", "profile", "status", "errors", "warnings"):
        table.add_column(column)
    for d in report["documents"]:
        table.add_row(escape(one_line(d["file"])), escape(d["profile_id"] or "-"), d["status"], str(d["errors"]), str(d["warnings"]))
    out_console.print(table)
    s = report["summary"]
    if s["by_code"]:
        codes = Table(title="findings by code", show_lines=False)
        for column in ("code", "severity", "findings"):
            codes.add_column(column)
        for code, n in s["by_code"].items():
            severity = s["severity_of_code"][code]
            colour = "red" if severity == "error" else "yellow"
            codes.add_row(code, f"[{colour}]{severity}[/{colour}]", str(n))
        out_console.print(codes)
    out_console.print(escape(f"{s['documents']} documents, {s['errors']} errors, {s['warnings']} warnings; "
                             f"tables in {out}/, report in {out}/validation/report.html (and report.json)"), soft_wrap=True)
