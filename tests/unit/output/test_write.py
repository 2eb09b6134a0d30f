"""The writers' formats: a table's CSV cells, and report.json one entry per line."""

from __future__ import annotations

import json

import pandas as pd

from pipeline.output.write import report_json, write_csv


def tricky_table() -> pd.DataFrame:
    return pd.DataFrame({
        "name": pd.Series(["plain", 'a "quoted", text', "two\nlines", None, "ü; ;"], dtype="str"),
        "count": pd.Series([1, None, -3, 10**12, 0], dtype="Int64"),
        "share": pd.Series([0.1, None, 1e-05, 1e16, 2.0], dtype="Float64"),
        "flag": pd.Series([True, False, None, True, None], dtype="boolean"),
        "raw": pd.Series([1.5, float("nan"), 3.0, -0.0, 7.25], dtype="float64"),
        "kinds": pd.Series([["culture", "development"], [], None, ["a;b"], "text"], dtype=object),
    })


def test_a_table_is_written_cell_for_cell_as_pandas_writes_it(tmp_path):
    """Nulls are empty cells, lists ';'-joined, numbers and booleans as pandas prints them;
    quotes and line breaks quoted as the csv module does."""
    df = tricky_table()
    write_csv(tmp_path / "t.csv", df)
    expected = df.assign(kinds=df["kinds"].map(lambda v: ";".join(v) if isinstance(v, list) else v))
    written = tmp_path / "t.csv"
    assert written.read_bytes() == expected.to_csv(index=False, lineterminator="\n").encode("utf-8")
    assert written.read_text(encoding="utf-8").splitlines()[1] == "plain,1,0.1,True,1.5,culture;development"


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
