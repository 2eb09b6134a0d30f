"""The enrichment stage, one pattern family at a time, on small made-up records."""

from __future__ import annotations

import pytest

from pipeline.enrich import enrich
from pipeline.enrich.instruments import reference
from pipeline.enrich.patterns import country_names, derived_acronyms, spelling_variants
from pipeline.model.records import (
    ProfileRecords,
)
from tests.support.records import records


def mentions(recs: ProfileRecords, label: str | None = None, table: str = "sections"):
    found = enrich(recs).records.mentions
    return [m for m in found if (label is None or m.label == label) and m.table == table]


# -- every family ---------------------------------------------------------------------------------


def test_offsets_index_the_cell_and_sentences_count_from_one():
    text = "Workers went to Thailand. Later, Sub-Decree No. 190 (2011) cut fees by 20% for Japan."
    found = mentions(records(text))
    assert [(m.text, m.sentence) for m in found] == [
        ("Thailand", 1),
        ("Sub-Decree No. 190 (2011)", 2),
        ("20%", 2),
        ("Japan", 2),
    ]
    assert all(text[m.start : m.end] == m.text for m in found)


def test_output_is_deterministic():
    recs = records(
        "In May 2022 South Korea and France paid US$20 under Prakas 012/2007 and the MoLVT.",
        institutions=[("Ministry of Labour and Vocational Training", "MoLVT")],
    )
    assert enrich(recs) == enrich(recs)


# -- countries ------------------------------------------------------------------------------------


def test_countries_resolve_to_iso3_by_name_alias_and_spelling():
    found = mentions(
        records(
            "South Korea, the United States of America, Viet Nam, Vietnam, Côte d'Ivoire, "
            "Cote d'Ivoire, the Republic of Korea, the UK and the US."
        ),
        "GPE",
    )
    assert [(m.text, m.iso3) for m in found] == [
        ("South Korea", "KOR"),
        ("United States of America", "USA"),
        ("Viet Nam", "VNM"),
        ("Vietnam", "VNM"),
        ("Côte d'Ivoire", "CIV"),
        ("Cote d'Ivoire", "CIV"),
        ("Republic of Korea", "KOR"),
        ("UK", "GBR"),
        ("US", "USA"),
    ]


def test_lower_case_words_are_not_countries():
    assert mentions(records("Let us cook turkey in a chad of guinea pigs."), "GPE") == []


def test_country_names_come_from_pycountry_and_the_alias_table():
    names = dict(country_names())
    assert names["South Korea"] == "KOR" and names["Mongolia"] == "MNG" and names["Ghana"] == "GHA"
    assert names["Ivory Coast"] == "CIV"  # pipeline.model.countries.ALIASES
    assert len({code for code in names.values()}) >= 249


# -- organisations and institutions ---------------------------------------------------------------

ACTORS = dict(
    institutions=[
        ("International Labour Organisation", "ILO"),
        ("Ministry of Labour and Vocational Training", "MoLVT"),
        ("Ministry of Interior", None),
    ],
    organisations=[("Association Khmers De Toulouse", None)],
)


def test_actors_link_by_name_acronym_and_case_variant():
    found = mentions(
        records(
            "The MOLVT, the MoLVT and the Ministry of Labour and Vocational Training met the ILO's "
            "staff and the International Labour Organization. The MOI agreed.",
            **ACTORS,
        ),
        "ORG",
    )
    assert [(m.text, m.org_table, m.org_seq) for m in found] == [
        ("MOLVT", "institutions", 2),
        ("MoLVT", "institutions", 2),
        ("Ministry of Labour and Vocational Training", "institutions", 2),
        ("ILO", "institutions", 1),
        ("International Labour Organization", "institutions", 1),
        ("MOI", "institutions", 3),
    ]


def test_an_acronym_written_in_lower_case_is_a_word():
    assert mentions(records("ilo and molvt are not acronyms here.", **ACTORS), "ORG") == []


def test_a_name_two_rows_share_links_to_neither_and_is_reported():
    recs = records(
        "The DLA met.",
        institutions=[("Diaspora Liaison Agency", "DLA")],
        organisations=[("Dutch Legal Aid", "DLA")],
    )
    result = enrich(recs)
    [m] = [m for m in result.records.mentions if m.table == "sections"]
    assert (m.label, m.org_table, m.org_seq) == ("ORG", None, None)
    [f] = result.findings
    assert f.code == "mention-ambiguous" and f.value == "DLA" and "institutions:1" in f.message


def test_derived_initials_only_when_the_profile_gives_no_acronym():
    assert derived_acronyms("Ministry of Interior") == ["MOI"]
    assert derived_acronyms("The Department of Employment and Manpower") == ["DEM", "DOEAM"]
    recs = records(
        "The MOI and the MOI met.",
        institutions=[("Ministry of Interior", None), ("Ministry of Industry", None)],
    )
    assert mentions(recs, "ORG") == []  # initials two rows share are dropped, not guessed


def test_spelling_variants():
    assert spelling_variants("Organisation") == ["organisation", "organization"]
    assert spelling_variants("Labour") == ["labor", "labour"]
    assert spelling_variants("Médecins") == ["medecins", "médecins"]


# -- legal instruments ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, kind, number, year",
    [
        ("Prakas 012/2007", "prakas", "012", 2007),
        ("Prakas 012/07", "prakas", "012", 2007),
        ("sub-decree 68/2009 (2009)", "sub-decree", "68", 2009),
        ("Sub-Decree No. 190 (2011)", "sub-decree", "190", 2011),
        ("sub-decree 190", "sub-decree", "190", None),
        ("Law on Diaspora Relations No. 45", "law", "45", None),
        ("Law No. 45 of 2013", "law", "45", 2013),
        ("Decree no.12/2010", "decree", "12", 2010),
        ("Memorandum of Understanding (MoU) between Ghana and Togo", "mou", None, None),
        ("National Employment Policy", "policy", None, None),
    ],
)
def test_instrument_reference(text, kind, number, year):
    ref = reference(text)
    assert (ref.kind, ref.number, ref.year) == (kind, number, year)


def test_a_year_right_after_a_numbered_instrument_is_its_year():
    assert reference("sub-decree 70", " in 2006.").year == 2006
    assert reference("Prakas 5", " in January 2007 to").year == 2007


def test_variants_merge_into_one_instrument_each():
    recs = records(
        "Prakas 012/2007 set up a taskforce; Prakas 012/07 staffed it.",
        "Sub-Decree No. 190 (2011) followed sub-decree 68/2009 (2009); sub-decree 190 is in force.",
        "The board was set up by sub-decree 70 in 2006.",
    )
    result = enrich(recs).records
    got = [(i.kind, i.number, i.year, i.name, len(i.mentions)) for i in result.instruments]
    assert got == [
        ("prakas", "012", 2007, "Prakas 012/2007", 2),
        ("sub-decree", "190", 2011, "Sub-Decree No. 190 (2011)", 2),
        ("sub-decree", "68", 2009, "sub-decree 68/2009 (2009)", 1),
        ("sub-decree", "70", 2006, "sub-decree 70", 1),
    ]
    laws = [m for m in result.mentions if m.label == "LAW"]
    assert [m.instrument for m in laws] == [1, 1, 2, 3, 2, 4]
    assert result.instruments[1].rows == ("sections:2",)


def test_a_yearless_mention_of_two_dated_instruments_stays_apart_and_is_reported():
    result = enrich(records("Decree 5/2001 and Decree 5/2003 differ; decree 5 is cited."))
    assert [(i.number, i.year) for i in result.records.instruments] == [("5", 2001), ("5", 2003), ("5", None)]
    assert [f.code for f in result.findings] == ["instrument-ambiguous"]


def test_named_instruments_and_what_is_not_one():
    found = mentions(
        records(
            "Under the National Migration Policy and the Dual Nationality Act, the new Sub-Decree and "
            "the law apply; the government's policy and Law 2005 do not name one."
        ),
        "LAW",
    )
    assert [m.text for m in found] == ["National Migration Policy", "Dual Nationality Act"]


def test_framework_titles_and_their_acronyms_are_one_instrument():
    recs = records(
        "The LMP and the Policy on Labour Migration guide the MoU with Ghana.",
        framework=[
            ("Policy on Labour Migration (LMP) for Togo", "The LMP strategy outlines goals."),
            ("Memorandum of Understanding (MoU) between Togo and Ghana", "It regulates recruitment."),
            ("Technical and Vocational Education and Training", "The policy serves as a guide."),
        ],
    )
    result = enrich(recs).records
    assert [(i.seq, i.kind, i.name, i.framework_seq) for i in result.instruments] == [
        (1, "policy", "Policy on Labour Migration (LMP) for Togo", 1),
        (2, "mou", "Memorandum of Understanding (MoU) between Togo and Ghana", 2),
        (3, "policy", "Technical and Vocational Education and Training", 3),
    ]
    assert [m.instrument for m in result.mentions if m.label == "LAW" and m.table == "sections"] == [1, 1, 2]


# -- dates, money, percentages --------------------------------------------------------------------


def test_years_and_periods():
    found = mentions(
        records(
            "In 2013, 2014–2018, 2019-2021, between 2000 and 2015, May 2022, 3 June 2005, the early "
            "1990s and since 1969; not Covid-19 or 745 trainees."
        ),
        "DATE",
    )
    assert [(m.text, m.year, m.end_year) for m in found] == [
        ("2013", 2013, None),
        ("2014–2018", 2014, 2018),
        ("2019-2021", 2019, 2021),
        ("between 2000 and 2015", 2000, 2015),
        ("May 2022", 2022, None),
        ("3 June 2005", 2005, None),
        ("early 1990s", 1990, 1999),
        ("1969", 1969, None),
    ]


def test_money_amounts_and_currencies():
    found = mentions(
        records(
            "Fees fell to US$20, inflows reached USD 1,272 million, grants of 200 cedis, EUR 5 million, "
            "€30, 10 US dollars and $15; 20 real cases are not money."
        ),
        "MONEY",
    )
    assert [(m.text, m.amount, m.currency) for m in found] == [
        ("US$20", 20.0, "USD"),
        ("USD 1,272 million", 1.272e9, "USD"),
        ("200 cedis", 200.0, "GHS"),
        ("EUR 5 million", 5e6, "EUR"),
        ("€30", 30.0, "EUR"),
        ("10 US dollars", 10.0, "USD"),
        ("$15", 15.0, None),
    ]


def test_percentages():
    found = mentions(records("A 160% rise, 4.9 per cent of GDP and 12 percent of workers."), "PERCENT")
    assert [(m.text, m.amount) for m in found] == [
        ("160%", 160.0),
        ("4.9 per cent", 4.9),
        ("12 percent", 12.0),
    ]


# -- an optional statistical model ----------------------------------------------------------------


def test_a_model_adds_entities_where_the_rules_found_none_marked_by_source(tmp_path):
    import spacy

    model = spacy.blank("en")
    ruler = model.add_pipe("entity_ruler")
    ruler.add_patterns(
        [
            {"label": "ORG", "pattern": "OECD"},
            {"label": "PERSON", "pattern": "Hun Sen"},
            {"label": "ORG", "pattern": "Thailand"},
            {"label": "GPE", "pattern": "Phnom Penh"},
        ]
    )
    model.to_disk(tmp_path / "model")
    recs = records("Hun Sen met the OECD in Phnom Penh and Thailand.")
    found = [m for m in enrich(recs, model=str(tmp_path / "model")).records.mentions if m.table == "sections"]
    assert [(m.text, m.label, m.source.startswith("model:"), m.iso3) for m in found] == [
        ("OECD", "ORG", True, None),
        ("Phnom Penh", "GPE", True, None),
        ("Thailand", "GPE", False, "THA"),
    ]


def test_a_missing_model_is_reported_and_the_rules_still_run():
    result = enrich(records("Japan."), model="no_such_model_xx")
    assert [f.code for f in result.findings] == ["ner-model-unavailable"]
    assert [m.iso3 for m in result.records.mentions] == ["JPN"]


def test_the_command_line_passes_the_model_on(tmp_path):
    import json

    from pipeline.cli import main
    from tests.support.paths import FIXTURES

    out = tmp_path / "out"
    assert (
        main(["run", str(FIXTURES / "ghana-2023.txt"), "--out", str(out), "--ner-model", "no_such_model_xx"])
        == 1
    )
    report = json.loads((out / "validation" / "report.json").read_text())
    assert report["summary"]["by_code"]["ner-model-unavailable"] == 1
    assert (out / "mentions.csv").read_text().count("\n") > 1  # the rules' mentions are written all the same
