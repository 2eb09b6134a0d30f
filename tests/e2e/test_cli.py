"""The command line: exit statuses, outputs of good documents kept, the report."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

from pipeline.cli import main
from tests.support.paths import RAW, ROOT


def test_run_on_raw_exits_0_and_writes_every_table(tmp_path):
    out = tmp_path / "out"
    assert main(["run", str(RAW), "--out", str(out)]) == 0
    for table in ("profiles", "indicators", "citations", "footnote_urls"):
        assert (out / f"{table}.csv").exists() and (out / f"{table}.parquet").exists()
    report = json.loads((out / "validation" / "report.json").read_text())
    assert report["summary"]["errors"] == 0 and report["summary"]["documents"] == 2
    assert {f["code"] for f in report["findings"]} == {"indicator-not-shown", "status-not-shown"}


def test_usage_error_exits_2(capsys):
    assert main(["run", "--no-such-flag"]) == 2
    assert main([]) == 2


def test_a_broken_file_fails_the_run_but_good_outputs_are_written(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    shutil.copy(RAW / "cambodia-2022.txt", src)
    (src / "broken.pdf").write_bytes(b"not a pdf at all")
    out = tmp_path / "out"
    assert main(["run", str(src), "--out", str(out)]) == 1
    report = json.loads((out / "validation" / "report.json").read_text())
    codes = {(f["file"], f["code"]) for f in report["findings"] if f["severity"] == "error"}
    assert codes == {("broken.pdf", "not-a-pdf")}
    assert (out / "institutions.csv").read_text().count("cambodia-2022.txt") == 9


def test_schema_failures_are_reported_with_table_column_and_page(tmp_path):
    from pipeline.runner.process import process
    from pipeline.tables.build import frames
    from pipeline.tables.validate import validate_tables

    result = process(RAW / "cambodia-2022.pdf", (RAW / "cambodia-2022.pdf").read_bytes())
    tables = frames([result.records])
    tables["political_rights"].loc[0, "status"] = "maybe"
    _, findings = validate_tables(tables)
    (f,) = findings
    assert (f.code, f.table, f.column, f.value, f.page, f.seq) == (
        "schema-check-failed",
        "political_rights",
        "status",
        "maybe",
        1,
        1,
    )
    assert "isin" in f.check


def test_console_script_module_runs(tmp_path):
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "pipeline",
            "run",
            str(RAW / "cambodia-2022.txt"),
            "--out",
            str(tmp_path / "o"),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stderr
    assert "KHM-2022-09" in proc.stdout


def _report_of(documents: list[dict]) -> dict:
    return {
        "documents": documents,
        "summary": {
            "by_code": {},
            "severity_of_code": {},
            "documents": len(documents),
            "errors": sum(d["errors"] for d in documents),
            "warnings": sum(d["warnings"] for d in documents),
        },
    }


def _document(n: int, status: str = "ok", errors: int = 0) -> dict:
    return {
        "file": f"country-{n:03d}.txt",
        "profile_id": f"C{n:02d}-2024-01",
        "status": status,
        "errors": errors,
        "warnings": 2,
    }


def test_a_big_run_lists_the_documents_with_errors_and_totals_the_others(capsys, tmp_path):
    from pipeline.console import LISTED, print_report

    documents = [_document(n) for n in range(LISTED + 10)]
    documents[7] = _document(7, status="failed", errors=1)
    documents[12] = _document(12, errors=2)
    print_report(_report_of(documents), (), tmp_path, title="run")
    out = capsys.readouterr().out
    assert "country-007.txt" in out and "country-012.txt" in out
    assert "country-000.txt" not in out
    assert f"{LISTED + 8} more documents, all ok" in out
    assert str(2 * (LISTED + 8)) in out  # their warnings


def test_a_small_run_lists_every_document(capsys, tmp_path):
    from pipeline.console import LISTED, print_report

    print_report(_report_of([_document(n) for n in range(LISTED)]), (), tmp_path, title="run")
    out = capsys.readouterr().out
    assert all(f"country-{n:03d}.txt" in out for n in range(LISTED))
    assert "more documents" not in out


def test_the_program_ends_with_the_status_of_its_command(tmp_path):
    """``python -m pipeline`` (the console script's entry point too) exits with the command's status."""
    bad = tmp_path / "in" / "empty.txt"
    bad.parent.mkdir()
    bad.write_text("")
    proc = subprocess.run(
        [sys.executable, "-m", "pipeline", "run", str(bad.parent), "--out", str(tmp_path / "o")],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 1, proc.stderr
    assert "[file-empty]" in proc.stderr
