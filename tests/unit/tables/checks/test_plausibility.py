"""Plausibility of extracted text: each rule flags the misread shape at its row, and leaves alone
the real text that looks like it (names in camel case, compounds, suspended hyphens, titles that
end in a heading's words)."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from pipeline.commands.revalidate import read_csv_tables
from pipeline.tables.checks import plausibility
from pipeline.tables.checks.plausibility import Vocabulary
from pipeline.tables.validate import validate_tables
from tests.support.paths import RAW

PDF = RAW / "cambodia-2022.pdf"


@pytest.fixture(scope="module")
def clean(run_output) -> dict[str, pd.DataFrame]:
    tables, findings = validate_tables(read_csv_tables(run_output(PDF))[0])
    assert not findings
    return tables


@pytest.fixture
def frames(clean) -> dict[str, pd.DataFrame]:
    return {table: df.copy() for table, df in clean.items()}


def edit(frames: dict[str, pd.DataFrame], table: str, match: dict, column: str, value) -> pd.Series:
    """Set one cell of the row matching ``match``; returns the row."""
    df = frames[table]
    mask = pd.Series(True, index=df.index)
    for key, wanted in match.items():
        mask &= df[key] == wanted
    (index,) = df.index[mask]
    df.loc[index, column] = value
    return df.loc[index]


def located(findings) -> list[tuple]:
    return [(f.code, f.table, f.column, f.seq, f.value, f.page, f.bbox) for f in findings]


def at(row: pd.Series, code: str, table: str, column: str, seq: int, value: str) -> tuple:
    box = tuple(float(row[c]) for c in ("x0", "top", "x1", "bottom"))
    return (code, table, column, seq, value, int(row["page"]), box)


def test_the_clean_profile_has_none_of_these_findings(clean):
    for _, check in CHECKS:
        assert list(check(clean)) == []


CHECKS = [
    ("heading-in-value", plausibility.headings_in_names),
    ("words-glued", plausibility.glued_words),
    ("year-range-cut", plausibility.year_ranges_cut),
    ("hyphen-space", plausibility.hyphens_before_space),
    ("status-in-label", plausibility.statuses_in_labels),
    ("bullet-in-text", plausibility.bullets_inside),
    ("range-mark-in-text", plausibility.range_marks_inside),
    ("note-number-glued", plausibility.note_numbers_glued),
    ("url-glued", plausibility.urls_glued),
    ("profile-id-malformed", plausibility.profile_ids),
]


# --------------------------------------------------------------------------- headings


@pytest.mark.parametrize(
    "title",
    [
        "Lack of resources Trends",  # sentence case, then a capitalised heading
        "Lack of resources: Annex",  # punctuation between
        "Diaspora Youth Network Diaspora organisations in Europe",  # title case, then sentence case
        "Spotlight on effective practices Migrant workers",  # a heading, then the title
    ],
)
def test_a_title_with_a_heading_read_into_it(frames, title):
    row = edit(frames, "obstacles", {"seq": 1}, "title", title)
    assert located(plausibility.headings_in_names(frames)) == [
        at(row, "heading-in-value", "obstacles", "title", 1, title)
    ]


@pytest.mark.parametrize(
    "title",
    [
        "National Diaspora Policy Framework",  # the heading's words, in the title's own case
        "Low trust in institutions",
        "Remittances Policy",
        "Spotlight Series for Diaspora Youth",
        "Law on Emigration and Remittances",
    ],
)
def test_a_title_ending_in_a_headings_words_is_left_alone(frames, title):
    edit(frames, "obstacles", {"seq": 1}, "title", title)
    assert list(plausibility.headings_in_names(frames)) == []


def test_a_country_with_any_heading_in_it(frames):
    row = edit(frames, "destinations", {"rank": 1}, "country", "Thailand Top countries of destination")
    assert located(plausibility.headings_in_names(frames)) == [
        at(row, "heading-in-value", "destinations", "country", 1, "Thailand Top countries of destination")
    ]


# --------------------------------------------------------------------------- glued words


@pytest.mark.parametrize(
    "name,glued",
    [
        ("Ministry of Labour and VocationalTraining", "VocationalTraining"),  # camel seam, both words
        (
            "Ministry of Labour and Vocational Training thousandsofCambodians",
            "thousandsofCambodians",
        ),  # splits
        (
            "Ministryoflabourandvocationaltrainingandinterior",
            "Ministryoflabourandvocationaltrainingandinterior",
        ),
        ("Ministry of Labour and Vocational Training ofmigration", "ofmigration"),  # written apart elsewhere
        ("Ministry of Labour and migrationThe", "migrationThe"),  # a short word after the seam
    ],
)
def test_glued_words_in_a_name(frames, name, glued):
    row = edit(frames, "institutions", {"seq": 2}, "name", name)
    assert located(plausibility.glued_words(frames)) == [
        at(row, "words-glued", "institutions", "name", 2, glued)
    ]


@pytest.mark.parametrize(
    "name",
    [
        "MoLVT",
        "McDonald House",
        "iPhone Labour Desk",
        "eGovernment Office",
        "MoneyGram Labour",  # 'Gram' is not a word of the document
        "WhatsApp Group",
        "RecruitmentGateway Desk",  # two words of the document, never written one after the other
        "柬埔寨劳工和职业培训部负责海外移民工人的招聘和保护工作以及相关政策",  # a script without case
        "Cooperation Nevertheless Homeland",  # compounds the document never writes apart
    ],
)
def test_names_in_camel_case_and_compounds_are_not_glued(frames, name):
    edit(frames, "institutions", {"seq": 2}, "name", name)
    assert list(plausibility.glued_words(frames)) == []


def test_the_far_out_length_comes_from_the_documents_own_words():
    short = Vocabulary.of(["a an the on in of to by it we"] * 3)
    long = Vocabulary.of(["institutionalising recommendations implementation internationalisation"] * 3)
    assert short.far_out < long.far_out
    assert long.far_out >= len("internationalisation")  # a word the document writes twice


# --------------------------------------------------------------------------- cut and broken text


def test_a_cut_year_range(frames):
    row = edit(frames, "practices", {"seq": 4}, "title", "The Employment Permit Scheme 2013-20")
    assert located(plausibility.year_ranges_cut(frames)) == [
        at(row, "year-range-cut", "practices", "title", 4, "2013-20")
    ]


def test_full_and_abbreviated_year_ranges_and_numbers_are_not_cut(frames):
    edit(frames, "practices", {"seq": 4}, "title", "Scheme 2013-2020, ISO 3166-1, No. 012/2007-1, 2018-19")
    assert list(plausibility.year_ranges_cut(frames)) == []


def test_a_line_end_hyphen_left_in_a_word(frames):
    text = frames["obstacles"].loc[frames["obstacles"]["seq"] == 2, "text"].iloc[0]
    row = edit(frames, "obstacles", {"seq": 2}, "text", "Dispersed migra- tion. " + text)
    assert located(plausibility.hyphens_before_space(frames)) == [
        at(row, "hyphen-space", "obstacles", "text", 2, "migra- tion")
    ]


def test_a_layout_engines_hyphen_left_before_a_space(frames):
    text = frames["obstacles"].loc[frames["obstacles"]["seq"] == 2, "text"].iloc[0]
    row = edit(frames, "obstacles", {"seq": 2}, "text", "A bilateral admini\u2010 strative process. " + text)
    assert located(plausibility.hyphens_before_space(frames)) == [
        at(row, "hyphen-space", "obstacles", "text", 2, "admini\u2010 strative")
    ]


def test_a_suspended_hyphen_is_left_alone(frames):
    edit(frames, "obstacles", {"seq": 2}, "text", "Both provincial- and national-level offices.")
    assert list(plausibility.hyphens_before_space(frames)) == []


def test_a_timeline_entry_read_into_another_rows_text(frames):
    text = frames["obstacles"].loc[frames["obstacles"]["seq"] == 1, "text"].iloc[0]
    row = edit(frames, "obstacles", {"seq": 1}, "text", text + " 2014 ● National Strategic Development Plan")
    assert located(plausibility.bullets_inside(frames)) == [
        at(row, "bullet-in-text", "obstacles", "text", 1, "2014 ● National Strategic")
    ]


def test_a_bullet_opening_or_closing_a_text_is_left_alone(frames):
    edit(frames, "obstacles", {"seq": 1}, "text", "● Lack of staff and resources ●")
    assert list(plausibility.bullets_inside(frames)) == []


def test_a_year_columns_range_mark_read_into_a_timeline_text(frames):
    """The column "2016 / ∨ / 2020" read line by line into the text beside it."""
    text = "The ∨ programme placed diaspora professionals in 2020 public hospitals."
    row = edit(frames, "policy_framework", {"seq": 2}, "description", text)
    assert located(plausibility.range_marks_inside(frames)) == [
        at(row, "range-mark-in-text", "policy_framework", "description", 2, "The ∨ programme")
    ]


def test_a_range_mark_between_two_years_is_a_period_and_left_alone(frames):
    text = "A plan for the period (2014 ∨ 2018), renewed."
    edit(frames, "policy_framework", {"seq": 2}, "description", text)
    assert list(plausibility.range_marks_inside(frames)) == []


def test_a_printed_status_read_into_a_rights_label(frames):
    row = edit(frames, "political_rights", {"seq": 3}, "label", "Voting from abroad Not yet implemented")
    assert located(plausibility.statuses_in_labels(frames)) == [
        at(row, "status-in-label", "political_rights", "label", 3, "Voting from abroad Not yet implemented")
    ]


def test_a_label_that_only_contains_a_status_word_is_left_alone(frames):
    edit(frames, "political_rights", {"seq": 3}, "label", "Yes or no vote on dual citizenship abroad")
    assert list(plausibility.statuses_in_labels(frames)) == []


def test_a_note_number_glued_to_its_text(frames):
    row = edit(frames, "footnotes", {"number": 5}, "text", "5Ministry of Labour")
    assert located(plausibility.note_numbers_glued(frames)) == [
        at(row, "note-number-glued", "footnotes", "text", 5, "5Ministry")
    ]


def test_a_note_starting_with_an_ordinal_is_not_glued(frames):
    edit(frames, "footnotes", {"number": 5}, "text", "3rd ASEAN Forum on Migrant Labour")
    assert list(plausibility.note_numbers_glued(frames)) == []


@pytest.mark.parametrize("tail", ["The", "and"])
def test_a_url_glued_to_the_next_word(frames, tail):
    url = "https://www.ilo.org/report.pdf" if tail == "and" else "https://www.ilo.org/page"
    row = edit(frames, "footnote_urls", {"number": 6, "seq": 1}, "url", url + tail)
    assert located(plausibility.urls_glued(frames)) == [
        at(row, "url-glued", "footnote_urls", "url", 1, url + tail)
    ]


def test_a_url_in_camel_case_is_not_glued(frames):
    edit(frames, "footnote_urls", {"number": 6, "seq": 1}, "url", "https://www.ilo.org/Pages/ShowReport.html")
    edit(frames, "footnote_urls", {"number": 7, "seq": 1}, "url", "https://www.ilo.org/a/index.html?itemId=5")
    edit(frames, "footnote_urls", {"number": 8, "seq": 1}, "url", "https://www.ilo.org/Pages/ShowReport")
    assert list(plausibility.urls_glued(frames)) == []


# --------------------------------------------------------------------------- profile ids


@pytest.mark.parametrize(
    "column,value,reason",
    [
        ("iso3", "THA", "its country part is not the row's iso3 THA"),
        ("edition", date(2022, 10, 1), "its date part is not the row's edition 2022-10"),
    ],
)
def test_a_profile_id_that_is_not_its_rows_iso3_and_edition(frames, column, value, reason):
    edit(frames, "profiles", {"profile_id": "KHM-2022-09"}, column, value)
    (found,) = plausibility.profile_ids(frames)
    assert (found.code, found.table, found.column, found.value, found.file) == (
        "profile-id-malformed",
        "profiles",
        "profile_id",
        "KHM-2022-09",
        "cambodia-2022.pdf",
    )
    assert reason in found.message


def test_a_profile_without_a_country_is_not_reported_again(frames):
    frames["profiles"]["profile_id"] = "UNKNOWN-2022-09"
    frames["profiles"]["iso3"] = pd.NA
    assert list(plausibility.profile_ids(frames)) == []
