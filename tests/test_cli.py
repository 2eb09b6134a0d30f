"""The command line: exit statuses, outputs of good documents kept, the report."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

from pipeline.cli import main
from tests.conftest import RAW, ROOT


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
    from pipeline.tables import frames
    from pipeline.validate import validate_tables
    from pipeline.run import process

    result = process(RAW / "cambodia-2022.pdf", (RAW / "cambodia-2022.pdf").read_bytes())
    tables = frames([result.records])
    tables["political_rights"].loc[0, "status"] = "maybe"
    _, findings = validate_tables(tables)
    (f,) = findings
    assert (f.code, f.table, f.column, f.value, f.page, f.seq) == ("schema-check-failed", "political_rights", "status", "maybe", 1, 1)
    assert "isin" in f.check


def test_console_script_module_runs(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "pipeline", "run", str(RAW / "cambodia-2022.txt"), "--out", str(tmp_path / "o")],
                          cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert "KHM-2022-09" in proc.stdout
