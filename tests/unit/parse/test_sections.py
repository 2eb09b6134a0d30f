"""Focused rules of the parse stage."""

from __future__ import annotations

from datetime import date

import pytest

from pipeline.model.countries import resolve
from pipeline.model.document import Block, Span, Where
from pipeline.parse.annex import split_country, split_name
from pipeline.parse.credits import parse_credits
from pipeline.parse.framework import parse_framework
from pipeline.parse.notes import parse_notes
from pipeline.parse.text import colon_lead, parse_number
from pipeline.structure.outline import Note


@pytest.mark.parametrize(
    "raw,value",
    [("1,272", 1272), ("4.9", 4.9), ("689,451", 689451), ("1.234.567", 1234567), ("12,5", 12.5), ("x", None)],
)
def test_numbers(raw, value):
    assert parse_number(raw) == value


def test_names_acronyms_and_years():
    assert split_name("International Labour Organisation (ILO) 1969") == (
        "International Labour Organisation",
        "ILO",
        1969,
    )
    assert split_name("Ministry of Interior") == ("Ministry of Interior", None, None)


def test_country_is_the_longest_trailing_country_name():
    assert split_country("Association Solidarité Cambodge France") == (
        "Association Solidarité Cambodge",
        "France",
        "FRA",
    )
    assert split_country("Friends of Ghana United Kingdom")[1:] == ("United Kingdom", "GBR")
    assert split_country("No country here")[1] is None


@pytest.mark.parametrize(
    "name,iso3",
    [
        ("South Korea", "KOR"),
        ("Vietnam", "VNM"),
        ("Côte d'Ivoire", "CIV"),
        ("Russian Federation", "RUS"),
        ("Atlantis", None),
    ],
)
def test_country_names(name, iso3):
    assert resolve(name) == iso3


def test_inline_colon_lead():
    assert colon_lead("Citizen rights: Prime Minister spoke.").lead == "Citizen rights"
    assert colon_lead("In 2020, the figures: many.").lead is None


def _note(n, text):
    return Note(n, Block(spans=(Span(text),), where=Where(line=n)))


def test_notes_urls_page_refs_and_ibid():
    parsed, urls = parse_notes(
        (
            _note(1, "See <https://a.org/x> or https://b.org/y.pdf: 17"),
            _note(2, "Ibid"),
            _note(3, "Interview with an official, 2021."),
        ),
        "f",
    )
    n1, n2, n3 = parsed.records
    assert [u.url for u in urls] == ["https://a.org/x", "https://b.org/y.pdf"]
    assert n1.page_ref == 17 and n1.text == "See https://a.org/x or https://b.org/y.pdf: 17"
    assert n2.ibid_of == 1 and n3.ibid_of is None
    assert [u.domain for u in urls] == ["a.org", "b.org"]


def test_credits():
    blocks = tuple(
        Block(spans=(Span(t),), where=Where())
        for t in ("Written by: Jane Doe", "Edited by: EUDiF", "March 2021", "Updated June 2023")
    )
    c = parse_credits(blocks, "f")
    assert (c.written_by, c.edited_by, c.published, c.updated) == (
        "Jane Doe",
        "EUDiF",
        date(2021, 3, 1),
        date(2023, 6, 1),
    )
    assert c.edition == date(2023, 6, 1)  # the update dates the edition


def test_credits_without_update():
    blocks = tuple(
        Block(spans=(Span(t),), where=Where()) for t in ("Written by: A", "Edited by: B", "November 2024")
    )
    c = parse_credits(blocks, "f")
    assert (c.published, c.updated, c.edition) == (date(2024, 11, 1), None, date(2024, 11, 1))


def test_timeline_entry_title_from_bold_or_marker():
    bold = Block(
        spans=(
            Span("2014", bold=True),
            Span(" ∨ 2018 ● "),
            Span("Plan:", bold=True),
            Span("8", marker=True),
            Span(" It does."),
        ),
        where=Where(),
    )
    plain = Block(
        spans=(Span("2007 ● Prakas 012/2007"), Span("5", marker=True), Span(" created it.")), where=Where()
    )
    a, b = parse_framework((bold, plain), "f").records
    assert (a.start_year, a.end_year, a.title, a.description) == (2014, 2018, "Plan", "It does.")
    assert (b.start_year, b.end_year, b.title, b.description) == (
        2007,
        None,
        "Prakas 012/2007",
        "created it.",
    )


@pytest.mark.parametrize(
    "heading,section",
    [
        ("**Facts & Figures**", "facts"),
        ("» Policy and legislative framework:", "framework"),
        ("Trends.", "trends"),
        ("Challenges", "obstacles"),
        ("Spotlight: diaspora bonds", "practices"),
        ("ANNEX: List of actors", "annex"),
        ("Diaspora-related institutions", "institutions"),
        ("Diaspora organizations in Europe", "organisations"),
        ("Endnotes :", "notes"),
        ("Spotlighting", None),
        ("Facts", None),
        ("", None),
    ],
)
def test_a_heading_opens_the_first_section_whose_pattern_it_matches_whole(heading, section):
    from pipeline.structure.vocabulary import section_of

    assert section_of(heading) == section


@pytest.mark.parametrize(
    "heading,subsection",
    [
        ("Top countries of destination", ("facts", "destinations")),
        ("- Political rights:", ("facts", "political_rights")),
        ("At sub-ministerial level", ("institutions", "sub-ministerial")),
        ("Local institutions", ("institutions", "local")),
        ("Remittances (% of GDP)", None),
    ],
)
def test_a_subheading_names_its_section_and_subsection(heading, subsection):
    from pipeline.structure.vocabulary import subsection_of

    assert subsection_of(heading) == subsection
