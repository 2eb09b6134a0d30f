"""The rules on texts made to sit at their edges: what the shared rules (the EntityRuler of the
rules pipeline) find in them, how the pipeline splits sentences, and the profile's own names
(found by a matcher built for the profile, never in another profile's docs)."""

from __future__ import annotations

import pytest

from pipeline.enrich import enrich
from pipeline.enrich.names import ProfileNames, phrases
from pipeline.enrich.nlp import rules_nlp, tokenize
from pipeline.enrich.patterns import profile_patterns
from pipeline.enrich.texts import cells
from tests.support.paths import FIXTURES, RAW
from tests.support.records import records

PROFILES = [RAW / "cambodia-2022.txt", FIXTURES / "ghana-2023.txt", FIXTURES / "moldova-2024.txt"]


def entities(text: str) -> list[tuple[str, str, str | None]]:
    """(text, label, pattern id) of each entity the shared rules find in ``text``."""
    return [(e.text, e.label_, e.id_ or None) for e in rules_nlp()(text).ents]


def money(*texts: str) -> list[tuple[str, str, None]]:
    return [(t, "MONEY", None) for t in texts]


def laws(*texts: str) -> list[tuple[str, str, None]]:
    return [(t, "LAW", None) for t in texts]


def dates(*texts: str) -> list[tuple[str, str, None]]:
    return [(t, "DATE", None) for t in texts]


def percents(*texts: str) -> list[tuple[str, str, None]]:
    return [(t, "PERCENT", None) for t in texts]


EDGES = [
    (
        "US$ 20 million and US$30 then 200 Ghana cedis, EUR 5 bn, 12 USD, 3 euros, £7",
        money("US$ 20 million", "US$30", "200 Ghana cedis", "EUR 5 bn", "12 USD", "3 euros", "£7"),
    ),
    (  # "No.190" is one token, no number word; "45-a" is cut at its hyphen
        "Sub-Decree No. 190 (2011), Sub-decree No.190, Prakas 012/2007 of 2009 and Law No 45-a",
        laws("Sub-Decree No. 190 (2011)", "Prakas 012/2007 of 2009", "Law No 45"),
    ),
    (  # "NS/RKT 2" is no serial number: the named kind stands alone
        "the Memorandum of Understanding No. 3 of 2015; MoU 12/2010 (2011) and Royal Decree NS/RKT 2",
        laws("Memorandum of Understanding No. 3 of 2015", "MoU 12/2010 (2011)", "Royal Decree"),
    ),
    (
        "between 2000 and 2015, 2014–2018, 2014-2018, 2014 to 2016, May 2022, 12 May 2022, May 12, 2022",
        dates(
            "between 2000 and 2015",
            "2014–2018",
            "2014-2018",
            "2014 to 2016",
            "May 2022",
            "12 May 2022",
            "May 12, 2022",
        ),
    ),
    (  # years run from 1800 to 2100
        "the early 1990s and mid 2000s, 1899, 2100, 2101, 21000, 20155",
        dates("early 1990s", "mid 2000s", "1899", "2100"),
    ),
    (
        "A 160% rise, 4.9 per cent of GDP, 12 percent and 7 pct. 1,000,000 Per Cent",
        percents("160%", "4.9 per cent", "12 percent", "7 pct", "1,000,000 Per Cent"),
    ),
    (  # a name opening with its kind has no "the" before its second capitalised word
        "Law on the Status of Overseas Workers No. 45 of 2013 and the National Employment Policy 2015",
        dates("2013") + laws("National Employment Policy") + dates("2015"),
    ),
    (
        "Dual Nationality Act No. 5 of 2002 (2003); Labour Law of 1997; "
        "Policy on Labour Migration for Cambodia",
        laws("Dual Nationality Act No. 5 of 2002")
        + dates("2003")
        + laws("Labour Law of 1997", "Policy on Labour Migration for Cambodia"),
    ),
    (
        "No. 5 No. 6 No. 7 No. 8 No. 9 No. 10 No. 11 No. 12 Decree 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15",
        laws("Decree 1"),
    ),
    (
        "1 2 3 4 5 6 7 8 9 10 percent 11 12 13 14 15 16 17 18 19 2020 2021 2022 2023 per cent",
        percents("10 percent") + dates("2020", "2021", "2022") + percents("2023 per cent"),
    ),
    (  # exact spellings, accents or none; "Korea" alone names no country
        "Côte d'Ivoire, Cote d'Ivoire, South Korea, Korea, Republic of Korea and the UK sent 5% to Cambodia.",
        [
            ("Côte d'Ivoire", "GPE", "CIV"),
            ("Cote d'Ivoire", "GPE", "CIV"),
            ("South Korea", "GPE", "KOR"),
            ("Republic of Korea", "GPE", "KOR"),
            ("UK", "GPE", "GBR"),
            ("5%", "PERCENT", None),
            ("Cambodia", "GPE", "KHM"),
        ],
    ),
    (  # a numbered kind in any case; a named one written as a title ("\u212a" is the Kelvin sign)
        "ACT 5 of 2001, act no. 5, LAW 12, Constitution 1993, \u212aode 12, Decision 12/2012",
        laws("ACT 5 of 2001", "act no. 5", "LAW 12") + dates("1993") + laws("Decision 12/2012"),
    ),
    (  # a name before its kind takes no "the"
        "The Very Long Named National Diaspora Engagement and Migration Policy for the Kingdom No. 12 (2014) "
        "ends here",
        laws("Very Long Named National Diaspora Engagement and Migration Policy") + dates("2014"),
    ),
    (
        "Law on Status and Rights of Overseas Cambodian Workers and of the Their Families Abroad "
        "No. 45 of 2013.",
        laws(
            "Law on Status and Rights of Overseas Cambodian Workers and of the Their Families Abroad "
            "No. 45 of 2013"
        ),
    ),
    (
        "the Migration Policy no. 12 (2014) and the Labour Strategy No. 7 (2015) "
        "or the Migration Plan no . 9 (2016)",
        laws(
            "Migration Policy no. 12 (2014)", "Labour Strategy No. 7 (2015)", "Migration Plan no . 9 (2016)"
        ),
    ),
    (
        "the Policy concerning Overseas Labour Migration and Return of Cambodian Workers Abroad No. 3 (2017)",
        laws(
            "Policy concerning Overseas Labour Migration and Return of Cambodian Workers Abroad No. 3 (2017)"
        ),
    ),
    (  # characters that lower-case longer ("İ") do not shift what is found
        "İİİİİİİİİİİİ İstanbul Decree No. 5 of 2010, SUB-DECREE No. 7, sub-decree 8/2011 and Prakas 3",
        laws("Decree No. 5 of 2010", "SUB-DECREE No. 7", "sub-decree 8/2011", "Prakas 3"),
    ),
    (  # kinds next to kinds, and a word holding a kind ("Lawyers")
        "Lawyers of the Actors Policy Law Act, Plan Strategy Code on Labour Law on Law of 2001 "
        "and Policy (2019)",
        laws("Actors Policy", "Code on Labour", "Law on Law of 2001") + dates("2019"),
    ),
    (  # a kind in lower case names nothing; a name stops at a line break's whitespace token
        "migration policy, the Policy on\nLabour Migration, Sub-Decree on Diaspora Policy No. 5",
        laws("Decree on Diaspora Policy No. 5"),
    ),
    ("9", []),
    ("2011", dates("2011")),
    ("$", []),
    ("Law", []),
    ("", []),
]


@pytest.mark.parametrize("text, expected", EDGES, ids=[t[:40] for t, _ in EDGES])
def test_shared_rules_on_edge_texts(text, expected):
    assert entities(text) == expected


SENTENCES = [
    ("One. Two! Three? (Four.) Five...", ["One. ", "Two! ", "Three? (", "Four.) ", "Five..."]),
    ("No. 190 stays. «Quote.» Next", ["No. 190 stays. «", "Quote.» ", "Next"]),  # "No." ends none
    (" . ", [" . "]),
    ("a.b. c", ["a.b. ", "c"]),
    ("?!", ["?!"]),
    (
        "Sub-Decree No. 190 (2011) and Art. 5 apply. Later",
        ["Sub-Decree No. 190 (2011) and Art. 5 apply. ", "Later"],
    ),
]


@pytest.mark.parametrize("text, expected", SENTENCES)
def test_sentences(text, expected):
    assert [s.text_with_ws for s in rules_nlp()(text).sents] == expected


# -- the profile's own names ----------------------------------------------------------------------

MADE_UP = records(
    "The Ministry of Labour and the ministry of labour, MoLVT, MOLVT, molvt and the MOI met "
    "the Ministry of Labor; the National Strategy (NSDE) and NSDE 2.",
    "The Ministry of Labour and Vocational Training, the MINISTRY OF LABOR AND VOCATIONAL TRAINING, the "
    "ministry of Labour and Vocational Training, the Ministry of labour and Vocational Training, the "
    "National Strategy for Diaspora Engagement and the NSDE's plan; Ministry of Interior, MoI, M.O.I.",
    "The EU Liaison Office, the Eu Liaison Office, the eu liaison office and the EU liaison office.",
    framework=[("National Strategy for Diaspora Engagement (NSDE)", "")],
    institutions=[
        ("Ministry of Labour and Vocational Training", "MoLVT"),
        ("Ministry of Interior", None),
        ("EU Liaison Office", "ELO"),
    ],
)


def names_in(recs, text: str) -> list[tuple[str, str]]:
    nlp = rules_nlp()
    doc = nlp(text)
    return [(s.text, s.id_) for s in ProfileNames(nlp.vocab, profile_patterns(recs, tokenize))(doc)]


@pytest.mark.parametrize(
    "seq, expected",
    [
        (  # an acronym in any case but lower; derived initials (MOI) when the profile gives none
            1,
            [
                ("MoLVT", "ORG:molvt"),
                ("MOLVT", "ORG:molvt"),
                ("MOI", "ORG:moi"),
                ("NSDE", "LAW:nsde"),
                ("NSDE", "LAW:nsde"),
            ],
        ),
        (  # a capitalised word of a name is not written in lower case; spelling variants count
            2,
            [
                (
                    "Ministry of Labour and Vocational Training",
                    "ORG:ministry of labour and vocational training",
                ),
                (
                    "MINISTRY OF LABOR AND VOCATIONAL TRAINING",
                    "ORG:ministry of labour and vocational training",
                ),
                (
                    "National Strategy for Diaspora Engagement",
                    "LAW:national strategy for diaspora engagement",
                ),
                ("NSDE", "LAW:nsde"),
                ("Ministry of Interior", "ORG:ministry of interior"),
                ("MoI", "ORG:moi"),
            ],
        ),
        (  # a short all-capital word of a name is written so
            3,
            [("EU Liaison Office", "ORG:eu liaison office")],
        ),
    ],
)
def test_profile_names(seq, expected):
    assert names_in(MADE_UP, MADE_UP.sections[seq - 1].text) == expected


def test_overlapping_names_are_all_found_the_longest_first():
    recs = records(
        "",
        framework=[("National Strategy for Diaspora Engagement (NSDE)", "")],
    )
    assert names_in(recs, "the National Strategy for Diaspora Engagement (NSDE) of 2020") == [
        (
            "National Strategy for Diaspora Engagement (NSDE)",
            "LAW:national strategy for diaspora engagement (nsde)",
        ),
        ("National Strategy for Diaspora Engagement", "LAW:national strategy for diaspora engagement"),
        ("NSDE", "LAW:nsde"),
    ]


def test_a_name_is_sought_in_every_spelling_its_pattern_allows():
    recs = records("", institutions=[("International Labour Organisation", "ILO")])
    [(_, pattern)] = [p for p in profile_patterns(recs, tokenize).patterns if "international" in p[0]]
    assert phrases(pattern) == [
        ["international", "labor", "organisation"],
        ["international", "labor", "organization"],
        ["international", "labour", "organisation"],
        ["international", "labour", "organization"],
    ]


def test_a_pattern_that_fixes_no_word_is_refused():
    with pytest.raises(ValueError, match="LOWER or ORTH"):
        phrases([{"LOWER": "plan"}, {"IS_DIGIT": True}])


def test_profile_names_are_found_as_a_token_matcher_finds_them():
    """The phrase matcher only narrows where the token Matcher looks: on every prose cell of the
    profiles, the names found are those a token Matcher holding the patterns finds."""
    from spacy.matcher import Matcher

    from pipeline.runner.process import process

    nlp = rules_nlp()
    for recs in [MADE_UP] + [process(p, p.read_bytes()).records for p in PROFILES]:
        names = profile_patterns(recs, tokenize)
        reference = Matcher(nlp.vocab, validate=False)
        for key, pattern in names.patterns:
            reference.add(key, [pattern])
        found = ProfileNames(nlp.vocab, names)
        for text in [c.text for c in cells(recs)] + [t for t, _ in EDGES]:
            doc = nlp(text)
            expected = {(nlp.vocab.strings[k], s, e) for k, s, e in reference(doc)}
            assert {(s.id_, s.start, s.end) for s in found(doc)} == expected, text


def test_a_profiles_names_are_never_found_in_another_profiles_prose():
    text = "The MoLVT and the Ministry of Interior met the Ghana Diaspora Office (GDO)."
    cambodia = records(text, institutions=[("Ministry of Labour and Vocational Training", "MoLVT")])
    ghana = records(text, institutions=[("Ghana Diaspora Office", "GDO")])

    def actors(recs) -> list[str]:
        return [m.text for m in enrich(recs).records.mentions if m.label == "ORG" and m.table == "sections"]

    first, second, again = actors(cambodia), actors(ghana), actors(cambodia)
    assert (first, second, again) == (["MoLVT"], ["Ghana Diaspora Office", "GDO"], ["MoLVT"])


def test_a_profile_name_wins_a_tie_with_a_shared_rule_and_loses_to_a_longer_match():
    recs = records(
        "The Dual Nationality Act and the Diaspora Relations Act No. 45 of 2013 apply.",
        framework=[("Dual Nationality Act", ""), ("Diaspora Relations Act", "")],
    )
    result = enrich(recs).records
    laws = [m for m in result.mentions if m.label == "LAW" and m.table == "sections"]
    instruments = {i.seq: i for i in result.instruments}
    assert [(m.text, instruments[m.instrument].framework_seq) for m in laws] == [
        ("Dual Nationality Act", 1),  # the framework title, not the shared named-instrument rule
        ("Diaspora Relations Act No. 45 of 2013", None),  # the shared rule's longer match
    ]
