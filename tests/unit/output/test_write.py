"""The writers' formats: a table's CSV cells, and report.json one entry per line."""

from __future__ import annotations

import csv
import json
import os

import pandas as pd
import pytest

from pipeline.output.write import (
    OutputBusy,
    csv_cells,
    csv_text,
    is_output_folder,
    lock_path,
    output_lock,
    output_problem,
    report_json,
    write_csv,
    write_marker,
)


def tricky_table() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "name": pd.Series(["plain", 'a "quoted", text', "two\nlines", None, "ü; ;"], dtype="str"),
            "count": pd.Series([1, None, -3, 10**12, 0], dtype="Int64"),
            "share": pd.Series([0.1, None, 1e-05, 1e16, 2.0], dtype="Float64"),
            "flag": pd.Series([True, False, None, True, None], dtype="boolean"),
            "raw": pd.Series([1.5, float("nan"), 3.0, -0.0, 7.25], dtype="float64"),
            "kinds": pd.Series([["culture", "development"], [], None, ["a;b"], "text"], dtype=object),
        }
    )


def test_a_table_is_written_cell_for_cell_as_pandas_writes_it(tmp_path):
    """Nulls are empty cells, lists ';'-joined, numbers and booleans as pandas prints them;
    quotes and line breaks quoted as the csv module does."""
    df = tricky_table()
    write_csv(tmp_path / "t.csv", df)
    expected = df.assign(kinds=df["kinds"].map(lambda v: ";".join(v) if isinstance(v, list) else v))
    assert (tmp_path / "t.csv").read_bytes() == expected.to_csv(index=False, lineterminator="\n").encode(
        "utf-8"
    )
    assert (tmp_path / "t.csv").read_text(encoding="utf-8").splitlines()[
        1
    ] == "plain,1,0.1,True,1.5,culture;development"


def test_an_empty_table_is_its_header_row(tmp_path):
    write_csv(tmp_path / "t.csv", tricky_table().iloc[0:0])
    assert (tmp_path / "t.csv").read_text(encoding="utf-8") == "name,count,share,flag,raw,kinds\n"


def test_report_json_puts_each_entry_on_one_line():
    report = {
        "summary": {"documents": 2, "by_code": {"x-y": 1}},
        "documents": [{"file": "a.txt", "errors": 0}],
        "tables": [],
        "findings": [{"code": "x-y", "value": "é", "bbox": [1.5, 2]}, {"code": "z", "value": None}],
    }
    text = report_json(report)
    assert json.loads(text) == report
    lines = text.splitlines()
    assert '    {"code": "x-y", "value": "é", "bbox": [1.5, 2]},' in lines
    assert '    {"code": "z", "value": null}' in lines
    assert '    "by_code": {' in lines and '  "tables": [],' in lines


def test_text_a_spreadsheet_would_run_as_a_formula_is_written_as_text_and_numbers_stay_numbers(tmp_path):
    cells = ["=1+1", "+33 1 23", "-note", "@SUM(1)", "\tx", "\rx", "'quoted", "plain", None]
    df = pd.DataFrame(
        {
            "text": pd.Series(cells, dtype="str"),
            "count": pd.Series([-3, 3, -1, 0, 1, 2, 3, 4, None], dtype="Int64"),
            "share": pd.Series([-0.5] * 9, dtype="Float64"),
            "kinds": pd.Series(
                [["=a", "b"], ["b", "=a"], [], None, ["-"], ["x"], ["y"], ["z"], ["w"]], dtype=object
            ),
        }
    )
    text = csv_cells(df["text"])
    assert text == ["'=1+1", "'+33 1 23", "'-note", "'@SUM(1)", "'\tx", "'\rx", "''quoted", "plain", None]
    assert [csv_text(cell) for cell in text[:8]] == cells[:8]  # read back exactly
    assert csv_cells(df["kinds"])[:3] == ["'=a;b", "b;=a", ""]
    write_csv(tmp_path / "t.csv", df.iloc[:4])
    with open(tmp_path / "t.csv", newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert [r["text"] for r in rows] == ["'=1+1", "'+33 1 23", "'-note", "'@SUM(1)"]
    assert [r["count"] for r in rows] == ["-3", "3", "-1", "0"] and rows[0]["share"] == "-0.5"  # numbers


def test_an_output_folder_is_one_with_the_marker_or_an_old_one_with_only_outputs(tmp_path):
    (tmp_path / "new").mkdir()
    write_marker(tmp_path / "new")
    old = tmp_path / "old"
    (old / "validation").mkdir(parents=True)
    (old / "validation" / "report.json").write_text("{}")
    (old / "profiles.csv").write_text("")
    assert is_output_folder(tmp_path / "new") and is_output_folder(old)
    (old / "thesis.odt").write_text("years of work")
    assert not is_output_folder(old)
    assert "not the output of an earlier run" in output_problem(old)
    assert output_problem(tmp_path / "new") is None


def test_one_holder_of_an_output_lock_at_a_time_and_the_lock_is_gone_after(tmp_path):
    out = tmp_path / "out"
    with output_lock(out):
        assert lock_path(out).read_text() == f"{os.getpid()}\n"
        with pytest.raises(OutputBusy, match=f"another run \\(process {os.getpid()}\\) is writing"):
            with output_lock(out):
                pass
    assert not lock_path(out).exists()
    lock_path(out).write_text("999999999\n")  # left by a killed run: nobody holds it
    with output_lock(out):
        assert lock_path(out).read_text() == f"{os.getpid()}\n"
