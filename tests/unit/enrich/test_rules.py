"""The fast matchers find what spaCy's plain ones find: the shared rules (families run only on
texts, and windows, that may match) what an EntityRuler holding every shared pattern finds, and
the profile's names (anchored) what a token Matcher holding the profile's patterns finds; on
every prose cell of the profiles and on texts made to sit at the edges of the shortcuts (long
names around their kind word, words that hold a kind word, kinds next to kinds)."""

from __future__ import annotations

import pytest

from pipeline.enrich.names import NameMatcher
from pipeline.enrich.nlp import ABBREVIATIONS, rules_nlp, shared_rules, tokenize
from pipeline.enrich.patterns import profile_patterns, static_patterns
from pipeline.enrich.texts import cells
from tests.support.paths import FIXTURES, RAW
from tests.support.records import records

PROFILES = [RAW / "cambodia-2022.txt", FIXTURES / "ghana-2023.txt", FIXTURES / "moldova-2024.txt"]
EDGES = [
    "US$ 20 million and US$30 then 200 Ghana cedis, EUR 5 bn, 12 USD, 3 euros, £7",
    "Sub-Decree No. 190 (2011), Sub-decree No.190, Prakas 012/2007 of 2009 and Law No 45-a",
    "the Memorandum of Understanding No. 3 of 2015; MoU 12/2010 (2011) and Royal Decree NS/RKT 2",
    "between 2000 and 2015, 2014–2018, 2014-2018, 2014 to 2016, May 2022, 12 May 2022, May 12, 2022",
    "the early 1990s and mid 2000s, 1899, 2100, 2101, 21000, 20155",
    "A 160% rise, 4.9 per cent of GDP, 12 percent and 7 pct. 1,000,000 Per Cent",
    "Law on the Status of Overseas Workers No. 45 of 2013 and the National Employment Policy 2015",
    "Dual Nationality Act No. 5 of 2002 (2003); Labour Law of 1997; Policy on Labour Migration for Cambodia",
    "No. 5 No. 6 No. 7 No. 8 No. 9 No. 10 No. 11 No. 12 Decree 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15",
    "1 2 3 4 5 6 7 8 9 10 percent 11 12 13 14 15 16 17 18 19 2020 2021 2022 2023 per cent",
    "Côte d'Ivoire, Cote d'Ivoire, South Korea, Korea, Republic of Korea and the UK sent 5% to Cambodia.",
    "ACT 5 of 2001, act no. 5, LAW 12, Constitution 1993, \u212aode 12, Decision 12/2012",
    "The Very Long Named National Diaspora Engagement and Migration Policy for the Kingdom No. 12 (2014) "
    "ends here",
    "Law on Status and Rights of Overseas Cambodian Workers and of the Their Families Abroad No. 45 of 2013.",
    "the Migration Policy no. 12 (2014) and the Labour Strategy No. 7 (2015) "
    "or the Migration Plan no . 9 (2016)",
    "the Policy concerning Overseas Labour Migration and Return of Cambodian Workers Abroad No. 3 (2017)",
    "İİİİİİİİİİİİ İstanbul Decree No. 5 of 2010, SUB-DECREE No. 7, sub-decree 8/2011 and Prakas 3",
    "Lawyers of the Actors Policy Law Act, Plan Strategy Code on Labour Law on Law of 2001 and Policy (2019)",
    "migration policy, the Policy on\nLabour Migration, Sub-Decree on Diaspora Policy No. 5",
    "9",
    "2011",
    "$",
    "Law",
    "",
]


@pytest.fixture(scope="module")
def reference_ruler():
    import spacy
    from spacy.attrs import ORTH

    nlp = spacy.blank("en")
    for abbreviation in ABBREVIATIONS:
        nlp.tokenizer.add_special_case(abbreviation, [{ORTH: abbreviation}])
    ruler = nlp.add_pipe("entity_ruler", config={"validate": False, "overwrite_ents": False})
    ruler.add_patterns(static_patterns(tokenize))
    return nlp


def _texts() -> list[str]:
    from pipeline.runner.process import process

    found = list(EDGES)
    for path in PROFILES:
        found += [c.text for c in cells(process(path, path.read_bytes()).records)]
    return found


def test_shared_rules_find_what_an_entity_ruler_finds(reference_ruler):
    nlp, rules = rules_nlp(), shared_rules()
    for text in _texts():
        expected = [(e.start, e.end, e.label_, e.ent_id_ or None) for e in reference_ruler(text).ents]
        assert [(m.start, m.end, m.label, m.pattern_id) for m in rules(nlp(text), text)] == expected, text


def test_profile_names_are_found_as_a_token_matcher_finds_them():
    from spacy.matcher import Matcher

    from pipeline.runner.process import process

    nlp = rules_nlp()
    made_up = records(
        "The Ministry of Labour and the ministry of labour, MoLVT, MOLVT, molvt and the MOI met "
        "the Ministry of Labor; the National Strategy (NSDE) and NSDE 2.",
        framework=[("National Strategy for Diaspora Engagement (NSDE)", "")],
        institutions=[
            ("Ministry of Labour and Vocational Training", "MoLVT"),
            ("Ministry of Interior", None),
        ],
    )
    profiles = [made_up] + [process(p, p.read_bytes()).records for p in PROFILES]
    for recs in profiles:
        names = profile_patterns(recs, tokenize)
        reference = Matcher(nlp.vocab, validate=False)
        for key, pattern in names.patterns:
            reference.add(key, [pattern])
        fast = NameMatcher(nlp.vocab, names)
        for text in [c.text for c in cells(recs)] + EDGES:
            doc = nlp(text)
            expected = sorted(
                {(nlp.vocab.strings[k], s, e) for k, s, e in reference(doc)}, key=lambda m: (m[1], m[2], m[0])
            )
            assert fast(doc) == expected, text


def test_a_pattern_without_an_anchor_is_matched_all_the_same():
    nlp = rules_nlp()
    recs = records("Plan B", framework=[("Plan B", "")])
    names = profile_patterns(recs, tokenize)
    odd = names.__class__(
        patterns=names.patterns + (("LAW:odd", [{"IS_DIGIT": True}, {"LOWER": "b"}]),), targets=names.targets
    )
    assert NameMatcher(nlp.vocab, odd)(nlp("Plan B and 7 B")) == [("LAW:plan b", 0, 2), ("LAW:odd", 3, 5)]


def test_sentences_start_where_spacys_sentencizer_starts_them():
    import spacy

    from pipeline.enrich.nlp import sentence_starts

    reference = spacy.blank("en")
    reference.tokenizer = rules_nlp().tokenizer
    reference.add_pipe("sentencizer")
    texts = _texts() + [
        "One. Two! Three? (Four.) Five...",
        "No. 190 stays. «Quote.» Next",
        " . ",
        "a.b. c",
        "?!",
    ]
    nlp = rules_nlp()
    for text in texts:
        assert sentence_starts(nlp(text)) == [s.start_char for s in reference(text).sents], text
