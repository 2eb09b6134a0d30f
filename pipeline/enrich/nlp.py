"""The spaCy pipeline, built once per process: ``spacy.blank("en")`` (its tokenizer, told which
abbreviations keep their full stop) with spaCy's sentencizer, and the rules every profile shares
(``patterns.static_patterns``: countries, instruments, dates, amounts, percentages) in its
EntityRuler.

spaCy is imported here only, and only when a profile is first enriched: a run that never
enriches does not pay for it. An optional statistical model is loaded by name or path, once.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from pipeline.enrich import vocabulary as v
from pipeline.enrich.patterns import static_patterns

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language
    from spacy.pipeline import EntityRuler

# Abbreviations that end in a full stop but do not end a sentence ("Sub-Decree No. 190").
ABBREVIATIONS = tuple(w for w in v.NUMBER_WORDS if w.endswith(".")) + ("No.", "Nr.", "Nos.", "Art.")
RULER = "entity_ruler"


@lru_cache(maxsize=1)
def rules_nlp() -> Language:
    """The rules pipeline: its docs come out split into sentences, their entities those the
    shared rules find (the EntityRuler keeps, among overlapping matches, the longest, then the
    earliest)."""
    import spacy
    from spacy.attrs import ORTH
    from spacy.pipeline import EntityRuler
    from spacy.tokenizer import Tokenizer

    nlp = spacy.blank("en")
    assert isinstance(nlp.tokenizer, Tokenizer)
    for abbreviation in ABBREVIATIONS:
        nlp.tokenizer.add_special_case(abbreviation, [{ORTH: abbreviation}])
    nlp.add_pipe("sentencizer")
    ruler = nlp.add_pipe(RULER, config={"validate": False, "overwrite_ents": False})
    assert isinstance(ruler, EntityRuler)
    ruler.add_patterns(static_patterns(lambda text: [t.text for t in nlp.tokenizer(text)]))
    return nlp


def shared_rules() -> EntityRuler:
    """The EntityRuler of ``rules_nlp``, holding the rules every profile shares."""
    from spacy.pipeline import EntityRuler

    ruler = rules_nlp().get_pipe(RULER)
    assert isinstance(ruler, EntityRuler)
    return ruler


def tokenize(text: str) -> list[str]:
    """Token texts of ``text`` as the rules pipeline splits them (profile patterns use it)."""
    return [t.text for t in rules_nlp().tokenizer(text)]


class ModelUnavailable(Exception):
    pass


@lru_cache(maxsize=4)
def model_nlp(name: str) -> tuple[Language, str]:
    """A statistical pipeline (package name or folder) and the source tag of its entities."""
    import spacy

    try:
        nlp = spacy.load(name, exclude=["lemmatizer", "textcat", "textcat_multilabel"])
    except (OSError, ImportError, ValueError) as exc:
        raise ModelUnavailable(str(exc).splitlines()[0]) from exc
    if "ner" not in nlp.pipe_names and "entity_ruler" not in nlp.pipe_names:
        raise ModelUnavailable(f"pipeline '{name}' has no entity recogniser")
    meta = nlp.meta
    return nlp, f"model:{meta.get('lang', 'xx')}_{meta.get('name', 'pipeline')}-{meta.get('version', '0')}"
