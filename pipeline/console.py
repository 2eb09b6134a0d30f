"""What a person sees at the end of a run: one line per document error, a short summary."""

from __future__ import annotations

import sys

from pipeline.errors import Severity
from pipeline.run import RunResult


def print_summary(result: RunResult) -> None:
    from rich.console import Console
    from rich.table import Table

    err = Console(stderr=True, highlight=False)
    for f in result.findings:
        if f.severity is Severity.ERROR and f.table is None:
            hint = f" ({f.hint})" if f.hint else ""
            err.print(f"[red]error[/red] {f.file or ''}: [{f.code}] {f.message}{hint}", markup=True, soft_wrap=True)
    out = Console(file=sys.stdout, highlight=False)
    table = Table(title="diaspora-profiles run", show_lines=False)
    for column in ("file", "profile", "status", "errors", "warnings"):
        table.add_column(column)
    for d in result.report["documents"]:
        table.add_row(d["file"], d["profile_id"] or "-", d["status"], str(d["errors"]), str(d["warnings"]))
    out.print(table)
    s = result.report["summary"]
    out.print(f"{s['documents']} documents, {s['errors']} errors, {s['warnings']} warnings; "
              f"tables in {result.out}/, report in {result.out}/validation/report.json")
