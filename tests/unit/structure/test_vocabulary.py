"""Heading wordings: which section or subsection a heading opens."""

from __future__ import annotations

import pytest

from pipeline.structure.vocabulary import section_of, subsection_of


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
    assert subsection_of(heading) == subsection
