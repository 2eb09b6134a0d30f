"""A PDF and the text edition of one profile, run together, are one record: the text edition's values
(or the PDF's with ``--prefer pdf``), both files named in ``profiles.source_files``. The sources are
compared before they are merged: where they disagree, the run exits 1 with a ``sources-disagree``
error at the PDF's row (page and box), naming the table, the row, the column and both values, and
``validate DIR`` keeps those findings."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pandas as pd
import pytest

from pipeline.cli import main
from schemas import TABLES
from tests.support.paths import RAW, golden_dir, read_tables

PDF, TEXT = RAW / "cambodia-2022.pdf", RAW / "cambodia-2022.txt"
PID = "KHM-2022-09"
LOCATION = ("code", "severity", "file", "table", "column", "seq", "value", "page", "bbox", "line", "message")


def _run_both(tmp_path: Path, edit, *options: str) -> tuple[int, list[dict], Path]:
    """Run the PDF with a copy of the text edition changed by ``edit``."""
    inputs = tmp_path / "in"
    inputs.mkdir()
    shutil.copy(PDF, inputs)
    text = TEXT.read_text(encoding="utf-8")
    changed = edit(text)
    assert changed != text
    (inputs / TEXT.name).write_text(changed, encoding="utf-8")
    out = tmp_path / "out"
    status = main(["run", str(inputs), "--out", str(out), "--no-cache", "--workers", "1", *options])
    return status, _disagreements(out), out


def _disagreements(out: Path) -> list[dict]:
    report = json.loads((out / "validation" / "report.json").read_text(encoding="utf-8"))
    return [{k: f[k] for k in LOCATION} for f in report["findings"] if f["code"] == "sources-disagree"]


def _pdf_row(table: str, column: str, value: str) -> pd.Series:
    """The PDF's row, as a run of the PDF alone writes it (its golden tables)."""
    df = read_tables(golden_dir(PDF))[table]
    (index,) = df.index[df[column] == value]
    return df.loc[index]


def _box(row: pd.Series) -> list[float]:
    return [float(row[c]) for c in ("x0", "top", "x1", "bottom")]


@pytest.mark.parametrize("prefer, kept", [((), 1972), (("--prefer", "pdf"), 1272)], ids=["text", "pdf"])
def test_a_figure_that_differs_between_pdf_and_text_is_an_error_at_the_pdf_row(
    tmp_path, capsys, prefer, kept
):
    status, found, out = _run_both(tmp_path, lambda t: t.replace("**1,272**", "**1,972**"), *prefer)
    row = _pdf_row("indicators", "indicator", "remittances_usd_million")
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
    indicators = read_tables(out)["indicators"]
    (remittances,) = indicators[indicators["indicator"] == "remittances_usd_million"].to_dict("records")
    assert float(remittances["value"]) == kept and remittances["raw"] == f"{kept:,}" and len(indicators) == 8
    source, other = (PDF.name, TEXT.name) if prefer else (TEXT.name, PDF.name)
    assert set(indicators["source_file"]) == {source}
    profiles = read_tables(out)["profiles"]
    assert profiles[["source_file", "source_files"]].values.tolist() == [[source, f"{source};{other}"]]


def test_validate_keeps_the_disagreements_of_the_run(tmp_path, capsys):
    """The output folder holds the merged record only: ``validate DIR`` cannot compare the sources
    again, so it keeps their disagreements from the folder's report, and still exits 1."""
    status, found, out = _run_both(tmp_path, lambda t: t.replace("**1,272**", "**1,972**"))
    assert status == 1 and len(found) == 2
    assert main(["validate", str(out)]) == 1
    assert _disagreements(out) == found
    report = out / "validation" / "report.json"
    report.unlink()  # without a report, the documents are the profiles' source files
    main(["validate", str(out)])
    documents = json.loads(report.read_text(encoding="utf-8"))["documents"]
    assert [(d["file"], d["profile_id"]) for d in documents] == [(TEXT.name, PID), (PDF.name, PID)]


@pytest.mark.parametrize("prefer, source", [((), TEXT), (("--prefer", "pdf"), PDF)], ids=["text", "pdf"])
def test_pdf_and_text_of_one_edition_are_one_record_of_the_preferred_source(tmp_path, capsys, prefer, source):
    """raw/ holds Cambodia 2022 as PDF and as text: every table holds it once, exactly as a run of
    the preferred source alone writes it (its golden tables), with both files named in profiles."""
    out = tmp_path / "out"
    assert main(["run", str(RAW), "--out", str(out), "--no-cache", "--workers", "1", *prefer]) == 0
    assert _disagreements(out) == []
    tables, alone = read_tables(out), read_tables(golden_dir(source))
    other = ({PDF, TEXT} - {source}).pop()
    expected_files = f"{source.name};{other.name}"
    assert tables["profiles"]["source_files"].tolist() == [expected_files]
    for table in TABLES:
        expected = alone[table]
        if table == "profiles":
            expected = expected.assign(source_files=expected_files)
        pd.testing.assert_frame_equal(tables[table], expected, obj=table)


def test_a_row_only_the_pdf_has_is_an_error_at_that_row(tmp_path, capsys):
    status, found, out = _run_both(tmp_path, lambda t: t.replace("Canada\t24,836\n", ""))
    row = _pdf_row("destinations", "country", "Canada")
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
    assert len(profiles) == len(sources) and profiles["source_format"].eq("text").all()
    listed = profiles["source_files"].str.split(";")
    assert [files[0] for files in listed] == profiles["source_file"].tolist()
    assert listed.map(len).sum() == len(sources) * (len(VARIANTS) + 1) + 1


def test_a_run_taken_from_the_cache_keeps_its_preference(tmp_path, capsys):
    """The result cache reuses a whole run's output for the same documents: not for the other
    preference, whose tables hold the other source's rows."""
    for number, (prefer, source) in enumerate([((), TEXT), (("--prefer", "pdf"), PDF), ((), TEXT)]):
        out = tmp_path / f"out{number}"
        assert main(["run", str(RAW), "--out", str(out), "--workers", "1", *prefer]) == 0
        assert read_tables(out)["profiles"]["source_file"].tolist() == [source.name]


@pytest.mark.parametrize("prefer", [(), ("--prefer", "pdf")], ids=["text", "pdf"])
def test_a_flaw_of_one_source_is_reported_when_its_rows_are_the_ones_kept(tmp_path, capsys, prefer):
    """The checks of one document's texts (``DOCUMENT_CHECKS``, made in the worker) are reported for
    the source whose rows the tables keep; the other source's flaw is its disagreement."""
    glued = lambda t: t.replace("Whilst voting from abroad", "Whilst votingfromabroad")  # noqa: E731
    status, found, out = _run_both(tmp_path, glued, *prefer)
    report = json.loads((out / "validation" / "report.json").read_text(encoding="utf-8"))
    flaws = [(f["file"], f["table"], f["value"]) for f in report["findings"] if f["code"] == "words-glued"]
    assert status == 1
    assert [f["column"] for f in found] == ["text"] and found[0]["table"] == "footnotes"
    assert flaws == ([] if prefer else [(TEXT.name, "footnotes", "votingfromabroad")])
