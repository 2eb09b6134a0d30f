"""The spaCy pipeline, built once per process: ``spacy.blank("en")`` (its tokenizer), the
sentence starts spaCy's sentencizer would set, and the rules every profile shares
(``ruler.py``: countries, instrument shapes, dates, amounts), matched on its docs.

spaCy is imported here only, and only when a profile is first enriched: a run that never
enriches does not pay for it. An optional statistical model is loaded by name or path, once.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from pipeline.enrich import vocabulary as v
from pipeline.enrich.patterns import static_families

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language

    from pipeline.enrich.ruler import SharedRules

# Abbreviations that end in a full stop but do not end a sentence ("Sub-Decree No. 190").
ABBREVIATIONS = tuple(w for w in v.NUMBER_WORDS if w.endswith(".")) + ("No.", "Nr.", "Nos.", "Art.")


@lru_cache(maxsize=1)
def rules_nlp() -> Language:
    import spacy
    from spacy.attrs import ORTH
    from spacy.tokenizer import Tokenizer

    nlp = spacy.blank("en")
    tokenizer = nlp.tokenizer
    assert isinstance(tokenizer, Tokenizer)  # spacy.blank's; Language types it as any callable
    for abbreviation in ABBREVIATIONS:
        tokenizer.add_special_case(abbreviation, [{ORTH: abbreviation}])
    return nlp


@lru_cache(maxsize=1)
def _sentence_punct() -> frozenset[int]:
    from spacy.pipeline import Sentencizer
    from spacy.strings import get_string_id

    return frozenset(get_string_id(c) for c in Sentencizer.default_punct_chars)


def sentence_starts(doc) -> list[int]:
    """Character offsets where the sentences of ``doc`` start, as spaCy's sentencizer (default
    punctuation) splits them: its rule run on the doc's token arrays, which spares a Token
    object per token. A sentence starts at the first token, and at the first token after a
    sentence-final character that is neither punctuation nor such a character."""
    from spacy.attrs import IDX, IS_PUNCT, ORTH

    if not len(doc):
        return []
    final = _sentence_punct()
    rows = doc.to_array([ORTH, IS_PUNCT, IDX]).tolist()
    starts = [rows[0][2]]
    seen_final = False
    for orth, is_punct, idx in rows:
        is_final = orth in final
        if seen_final and not is_punct and not is_final:
            starts.append(idx)
            seen_final = False
        elif is_final:
            seen_final = True
    return starts


@lru_cache(maxsize=1)
def shared_rules() -> SharedRules:
    from pipeline.enrich.ruler import SharedRules

    nlp = rules_nlp()
    return SharedRules(nlp.vocab, static_families(tokenize), nlp.make_doc)


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
