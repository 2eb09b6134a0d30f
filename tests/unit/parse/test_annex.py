"""Names, acronyms, years and countries of the annex's actors."""

from __future__ import annotations

from pipeline.parse.annex import split_country, split_name


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
