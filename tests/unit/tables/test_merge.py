"""One profile, one record: the sources of an edition merged into the preferred one's rows, the
others named in profiles.source_files, their disagreements found before anything is dropped."""

from __future__ import annotations

import pandas as pd
import pytest

from pipeline.commands.revalidate import read_csv_tables
from pipeline.tables.merge import merge_sources
from pipeline.tables.validate import validate_tables
from schemas import TABLES
from tests.support.paths import RAW, golden_dir

PDF, TEXT = "cambodia-2022.pdf", "cambodia-2022.txt"
Frames = dict[str, pd.DataFrame]


def _as_read(name: str) -> Frames:
    """One source's tables as a run of it alone writes them (its golden tables)."""
    frames, problems = read_csv_tables(golden_dir(RAW / name))
    tables, findings = validate_tables(frames)
    assert not problems and not findings
    assert tables["profiles"]["source_files"].tolist() == [[name]]
    return tables


@pytest.fixture(scope="module")
def read() -> dict[str, Frames]:
    return {name: _as_read(name) for name in (PDF, TEXT)}


def together(*sources: Frames) -> Frames:
    return {t: pd.concat([s[t] for s in sources], ignore_index=True) for t in TABLES}


def listing(frames: Frames, *files: str) -> Frames:
    """``frames`` with ``files`` as the profile's source_files."""
    profiles = frames["profiles"]
    listed = pd.Series([list(files)] * len(profiles), index=profiles.index, dtype=object)
    return {**frames, "profiles": profiles.assign(source_files=listed)}


def assert_same(actual: Frames, expected: Frames) -> None:
    assert list(actual) == list(expected)
    for table in expected:
        pd.testing.assert_frame_equal(actual[table], expected[table], obj=table)


def test_the_pdf_and_its_text_edition_are_one_record_of_the_text_edition(read):
    merged = merge_sources(together(read[PDF], read[TEXT]))
    assert_same(merged.frames, listing(read[TEXT], TEXT, PDF))
    assert merged.findings == ()
    tables, findings = validate_tables(merged.frames)
    assert findings == () and all(len(tables[t]) == len(read[TEXT][t]) for t in TABLES)


def test_prefer_pdf_keeps_the_pdf_rows_in_any_input_order(read):
    for order in ((read[PDF], read[TEXT]), (read[TEXT], read[PDF])):
        assert_same(merge_sources(together(*order), "pdf").frames, listing(read[PDF], PDF, TEXT))


def test_a_profile_from_one_source_is_unchanged_but_for_naming_it(read):
    merged = merge_sources(together(read[PDF]))
    assert_same(merged.frames, listing(read[PDF], PDF))


def test_two_editions_of_one_country_stay_two_profiles(read):
    older = {t: df.assign(profile_id="KHM-2020-09") for t, df in read[PDF].items()}
    merged = merge_sources(together(older, read[TEXT]))
    profiles = merged.frames["profiles"]
    assert profiles[["profile_id", "source_file"]].values.tolist() == [
        ["KHM-2020-09", PDF],
        ["KHM-2022-09", TEXT],
    ]
    assert profiles["source_files"].tolist() == [[PDF], [TEXT]]
    assert merged.findings == ()
    assert all(len(merged.frames[t]) == len(read[PDF][t]) + len(read[TEXT][t]) for t in TABLES)


def test_the_sources_are_compared_before_the_merge_drops_one(read):
    pdf = {t: df.copy() for t, df in read[PDF].items()}
    indicators = pdf["indicators"]
    indicators.loc[indicators["indicator"] == "remittances_usd_million", "value"] = 1972.0
    for prefer, kept in (("text", 1272.0), ("pdf", 1972.0)):
        merged = merge_sources(together(pdf, read[TEXT]), prefer)
        (found,) = merged.findings
        assert (found.code, found.file, found.table, found.column, found.value) == (
            "sources-disagree",
            PDF,
            "indicators",
            "value",
            "1972",
        )
        rows = merged.frames["indicators"]
        assert rows.loc[rows["indicator"] == "remittances_usd_million", "value"].tolist() == [kept]


def test_of_two_sources_of_one_format_the_first_by_name_is_kept(read):
    copy = {t: df.assign(source_file="a-copy.pdf") for t, df in read[PDF].items()}
    merged = merge_sources(together(read[PDF], read[TEXT], copy), "pdf")
    assert merged.frames["profiles"]["source_files"].tolist() == [["a-copy.pdf", PDF, TEXT]]
    assert set(merged.frames["footnotes"]["source_file"]) == {"a-copy.pdf"}


def test_a_preference_that_is_not_a_format_is_refused(read):
    with pytest.raises(ValueError, match="prefer must be one of pdf, text, not 'word'"):
        merge_sources(together(read[TEXT]), "word")
