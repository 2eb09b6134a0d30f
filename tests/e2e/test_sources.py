"""A PDF and the text edition of one profile, run together, agree on every value; where they do not,
the run exits 1 with a ``sources-disagree`` error at the PDF's row (page and box), naming the table,
the row, the column and both values."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pandas as pd

from pipeline.cli import main
from tests.support.paths import RAW, read_tables

PDF, TEXT = RAW / "cambodia-2022.pdf", RAW / "cambodia-2022.txt"
LOCATION = ("code", "severity", "file", "table", "column", "seq", "value", "page", "bbox", "line", "message")


def _run_both(tmp_path: Path, edit) -> tuple[int, list[dict], Path]:
    """Run the PDF with a copy of the text edition changed by ``edit``."""
    inputs = tmp_path / "in"
    inputs.mkdir()
    shutil.copy(PDF, inputs)
    text = TEXT.read_text(encoding="utf-8")
    changed = edit(text)
    assert changed != text
    (inputs / TEXT.name).write_text(changed, encoding="utf-8")
    out = tmp_path / "out"
    status = main(["run", str(inputs), "--out", str(out), "--no-cache", "--workers", "1"])
    report = json.loads((out / "validation" / "report.json").read_text(encoding="utf-8"))
    found = [{k: f[k] for k in LOCATION} for f in report["findings"] if f["code"] == "sources-disagree"]
    return status, found, out


def _pdf_row(out: Path, table: str, column: str, value: str) -> pd.Series:
    df = read_tables(out)[table]
    (index,) = df.index[(df["source_file"] == PDF.name) & (df[column] == value)]
    return df.loc[index]


def _box(row: pd.Series) -> list[float]:
    return [float(row[c]) for c in ("x0", "top", "x1", "bottom")]


def test_a_figure_that_differs_between_pdf_and_text_is_an_error_at_the_pdf_row(tmp_path, capsys):
    status, found, out = _run_both(tmp_path, lambda t: t.replace("**1,272**", "**1,972**"))
    row = _pdf_row(out, "indicators", "indicator", "remittances_usd_million")
    where = {"severity": "error", "file": PDF.name, "table": "indicators", "seq": 8, "line": None}
    where |= {"page": int(row["page"]), "bbox": _box(row)}
    key = "indicators indicator remittances_usd_million"
    assert status == 1
    assert sorted(found, key=lambda f: f["column"]) == [
        {
            "code": "sources-disagree",
            **where,
            "column": "raw",
            "value": "1,272",
            "message": f"{key}: raw is '1,272' in cambodia-2022.pdf but '1,972' in cambodia-2022.txt",
        },
        {
            "code": "sources-disagree",
            **where,
            "column": "value",
            "value": "1272",
            "message": f"{key}: value is '1272' in cambodia-2022.pdf but '1972' in cambodia-2022.txt",
        },
    ]


def test_a_row_only_the_pdf_has_is_an_error_at_that_row(tmp_path, capsys):
    status, found, out = _run_both(tmp_path, lambda t: t.replace("Canada\t24,836\n", ""))
    row = _pdf_row(out, "destinations", "country", "Canada")
    assert status == 1
    assert found == [
        {
            "code": "sources-disagree",
            "severity": "error",
            "file": PDF.name,
            "table": "destinations",
            "column": "iso3,country",
            "seq": 5,
            "value": "iso3 or country CAN",
            "page": int(row["page"]),
            "bbox": _box(row),
            "line": None,
            "message": "destinations iso3 or country CAN: the row is in cambodia-2022.pdf but not in "
            "cambodia-2022.txt",
        }
    ]


def test_a_long_text_that_differs_is_shown_at_its_first_difference(tmp_path, capsys):
    status, found, _ = _run_both(
        tmp_path, lambda t: t.replace("aided by a 2013 guideline", "aided by a 2014 guideline")
    )
    assert status == 1
    (trends,) = [f for f in found if f["table"] == "sections"]
    assert trends["column"] == "text" and trends["seq"] == 1 and trends["page"] is not None
    assert (
        "aided by a 2013 guideline" in trends["message"] and "aided by a 2014 guideline" in trends["message"]
    )
    assert trends["message"].count("...") == 4 and len(trends["message"]) < 400


def test_every_layout_variant_run_with_its_text_edition_gives_no_error(tmp_path, capsys):
    """Each typeset variant of each profile, run with the text edition it was typeset from: the
    sources agree and no text is implausible (the checks flag nothing that extraction got right)."""
    from tests.support.paths import FIXTURES
    from tests.support.typeset import VARIANTS, typeset

    inputs = tmp_path / "in"
    inputs.mkdir()
    sources = [TEXT, *sorted(FIXTURES.glob("*.txt"))]
    for source in sources:
        shutil.copy(source, inputs)
        for variant in sorted(VARIANTS):
            typeset(str(source), VARIANTS[variant], str(inputs / f"{source.stem}-{variant}.pdf"))
    shutil.copy(PDF, inputs)
    out = tmp_path / "out"
    status = main(["run", str(inputs), "--out", str(out), "--no-cache"])
    report = json.loads((out / "validation" / "report.json").read_text(encoding="utf-8"))
    errors = [(f["file"], f["code"], f["message"]) for f in report["findings"] if f["severity"] == "error"]
    assert errors == [] and status == 0
    profiles = read_tables(out)["profiles"]
    assert profiles.groupby("profile_id")["source_format"].agg(set).map(len).eq(2).all()
    assert len(profiles) == len(sources) * (len(VARIANTS) + 1) + 1
