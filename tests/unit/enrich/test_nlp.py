"""The shared rules' EntityRuler looks with its token Matcher only where a token pattern can match:
every pattern holds a token ``TOKEN_GATE`` finds, and the entities are those of spaCy's plain
EntityRuler."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import spacy

from pipeline.enrich import vocabulary as v
from pipeline.enrich.nlp import ABBREVIATIONS, rules_nlp, shared_rules, tokenize
from pipeline.enrich.patterns import TOKEN_GATE, static_patterns
from pipeline.enrich.texts import cells
from pipeline.runner.process import parsed
from tests.support.paths import OTHER_COUNTRIES, RAW

PROFILES = [RAW / "cambodia-2022.txt", RAW / "cambodia-2022.pdf", *OTHER_COUNTRIES]


def _texts(path: Path) -> list[str]:
    result = parsed(path, path.read_bytes())
    assert result.records is not None
    return [cell.text for cell in cells(result.records)]


def _words() -> set[str]:
    """Every token of the fixture profiles, and of the vocabulary's words."""
    words = {t for path in PROFILES for text in _texts(path) for t in tokenize(text)}
    return words | {w for kind in v.KINDS for w in tokenize(kind)} | {k.capitalize() for k in v.NAMED_KINDS}


def _gated(spec: dict, digit_free: set[str]) -> bool:
    """A token spec that only tokens TOKEN_GATE finds can match: a regex no digit-free word
    matches, or a capitalised named kind."""
    if spec.get("OP") not in (None, "+"):
        return False  # may match no token at all
    text = spec.get("TEXT")
    if isinstance(text, dict) and "REGEX" in text:
        return not any(re.search(text["REGEX"], w) for w in digit_free)
    lower = spec.get("LOWER")
    words = lower.get("IN", []) if isinstance(lower, dict) else [lower]
    return spec.get("IS_TITLE") is True and bool(words) and set(words) <= set(v.NAMED_KINDS)


def test_every_shared_token_pattern_holds_a_token_the_gate_finds():
    digit_free = {w for w in _words() if not any(ch.isdigit() for ch in w)}
    token_patterns = [p for p in shared_rules().patterns if not isinstance(p["pattern"], str)]
    assert token_patterns
    for p in token_patterns:
        assert any(_gated(spec, digit_free) for spec in p["pattern"]), p
    assert TOKEN_GATE.search("the Dual Nationality Act") and TOKEN_GATE.search("in 2013")
    assert not TOKEN_GATE.search("an act of the policy makers in Cambodia")


@pytest.mark.parametrize("path", PROFILES, ids=lambda p: p.name)
def test_the_gated_ruler_finds_what_a_plain_entity_ruler_finds(path):
    plain = spacy.blank("en")
    for abbreviation in ABBREVIATIONS:
        plain.tokenizer.add_special_case(abbreviation, [{"ORTH": abbreviation}])
    plain.add_pipe("sentencizer")
    ruler = plain.add_pipe("entity_ruler", config={"validate": False, "overwrite_ents": False})
    ruler.add_patterns(static_patterns(tokenize))  # type: ignore[attr-defined]
    texts = _texts(path)
    assert texts

    def found(nlp) -> list[list[tuple]]:
        return [[(e.start, e.end, e.label_, e.id_) for e in doc.ents] for doc in nlp.pipe(texts)]

    assert found(rules_nlp()) == found(plain)
    assert any(entities for entities in found(plain))
