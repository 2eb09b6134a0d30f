"""Sources of one profile compared: rows matched by natural key, every value but provenance, a
value one side does not show (a status drawn only as an icon) not taken for a disagreement."""

from __future__ import annotations

import pandas as pd
import pytest

from pipeline.commands.revalidate import read_csv_tables
from pipeline.tables.checks.sources import KEYS, sources_disagree
from pipeline.tables.validate import validate_tables
from schemas import TABLES
from tests.support.paths import RAW

PDF, TEXT = "cambodia-2022.pdf", "cambodia-2022.txt"


@pytest.fixture(scope="module")
def both(run_output) -> dict[str, pd.DataFrame]:
    """The tables of the PDF and of the text edition, as one run of both gives them before it merges
    them into one record (each source validated on its own: together they repeat the profile's key)."""
    pdf, text = (validate_tables(read_csv_tables(run_output(RAW / name))[0]) for name in (PDF, TEXT))
    assert not pdf[1] and not text[1]
    return {t: pd.concat([pdf[0][t], text[0][t]], ignore_index=True) for t in TABLES}


@pytest.fixture
def frames(both) -> dict[str, pd.DataFrame]:
    return {table: df.copy() for table, df in both.items()}


def cell(frames, table: str, source: str, match: dict, column: str, value) -> pd.Series:
    df = frames[table]
    mask = df["source_file"] == source
    for key, wanted in match.items():
        mask &= df[key] == wanted
    (index,) = df.index[mask]
    df.loc[index, column] = value
    return df.loc[index]


def test_the_pdf_and_its_text_edition_agree(both):
    assert list(sources_disagree(both)) == []


def test_every_table_has_a_key():
    assert set(KEYS) == set(TABLES)


def test_destinations_are_matched_by_country_so_a_swap_is_two_ranks_that_differ(frames):
    france = cell(frames, "destinations", PDF, {"country": "France"}, "rank", 4)
    cell(frames, "destinations", PDF, {"country": "Australia"}, "rank", 3)
    found = sorted((f.value, f.column, f.seq, f.file) for f in sources_disagree(frames))
    assert found == [("3", "rank", 3, PDF), ("4", "rank", 4, PDF)]
    assert france["page"] is not None


def test_rows_are_matched_by_key_not_by_position(frames):
    df = frames["destinations"]
    frames["destinations"] = pd.concat(
        [df[df["source_file"] == PDF].iloc[::-1], df[df["source_file"] == TEXT]]
    )
    assert list(sources_disagree(frames)) == []


def test_a_differing_country_is_reported_at_the_pdf_row(frames):
    row = cell(frames, "destinations", TEXT, {"rank": 3}, "emigrants", 69749)
    pdf_row = frames["destinations"][(frames["destinations"]["source_file"] == PDF)].iloc[2]
    (found,) = sources_disagree(frames)
    assert (found.code, found.table, found.column, found.seq, found.file, found.value) == (
        "sources-disagree",
        "destinations",
        "emigrants",
        3,
        PDF,
        "69748",
    )
    assert found.page == pdf_row["page"] and found.bbox == tuple(
        float(pdf_row[c]) for c in ("x0", "top", "x1", "bottom")
    )
    assert found.message == (
        f"destinations iso3 or country FRA: emigrants is '69748' in {PDF} but '69749' in {TEXT}"
    )
    assert row["line"] is not None


def test_a_status_printed_in_the_pdf_and_absent_from_the_text_is_not_a_disagreement(frames):
    cell(frames, "political_rights", PDF, {"seq": 1}, "status", "yes")
    assert list(sources_disagree(frames)) == []


def test_two_statuses_that_differ_are(frames):
    cell(frames, "political_rights", PDF, {"seq": 1}, "status", "yes")
    cell(frames, "political_rights", TEXT, {"seq": 1}, "status", "no")
    (found,) = sources_disagree(frames)
    assert (found.table, found.column, found.seq, found.value) == ("political_rights", "status", 1, "yes")


def test_a_row_only_the_text_edition_has_is_reported_at_its_line(frames):
    df = frames["footnotes"]
    text_row = df[(df["source_file"] == TEXT) & (df["number"] == 23)].iloc[0]
    frames["footnotes"] = df[~((df["source_file"] == PDF) & (df["number"] == 23))]
    (found,) = sources_disagree(frames)
    assert (found.table, found.column, found.seq, found.file, found.line, found.page) == (
        "footnotes",
        "number",
        23,
        TEXT,
        int(text_row["line"]),
        None,
    )
    assert found.message == f"footnotes number 23: the row is in {TEXT} but not in {PDF}"


def test_a_single_source_is_compared_with_nothing(frames):
    single = {t: df[df["source_file"] == PDF].copy() for t, df in frames.items()}
    cell(single, "indicators", PDF, {"indicator": "remittances_usd_million"}, "value", 1.0)
    assert list(sources_disagree(single)) == []


def test_a_column_added_to_a_table_is_compared_too(frames):
    rights = frames["political_rights"]
    rights["status_text"] = pd.Series(pd.NA, index=rights.index, dtype="string")
    cell(frames, "political_rights", PDF, {"seq": 3}, "status", "no")
    cell(frames, "political_rights", PDF, {"seq": 3}, "status_text", "Not yet implemented")
    assert list(sources_disagree(frames)) == []  # the text edition shows no status
    cell(frames, "political_rights", TEXT, {"seq": 3}, "status", "no")
    cell(frames, "political_rights", TEXT, {"seq": 3}, "status_text", "No")
    (found,) = sources_disagree(frames)
    assert (found.table, found.column, found.seq, found.value) == (
        "political_rights",
        "status_text",
        3,
        "Not yet implemented",
    )


def test_a_table_without_a_declared_key_is_compared_by_its_primary_key(frames):
    from pipeline.tables.checks.sources import key_of

    assert key_of("footnotes") == ("number",)
    assert key_of("no_such_table") == ()
    frames["extra"] = frames["obstacles"].drop(columns=["seq"])
    cell(frames, "extra", TEXT, {"title": "Media landscape"}, "text", "changed")
    (found,) = sources_disagree(frames)
    assert (found.table, found.column, found.file) == ("extra", "text", PDF)
