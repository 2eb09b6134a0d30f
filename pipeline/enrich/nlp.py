"""The spaCy pipeline, built once per process: ``spacy.blank("en")`` (its tokenizer, told which
abbreviations keep their full stop) with spaCy's sentencizer, and the rules every profile shares
(``patterns.static_patterns``: countries, instruments, dates, amounts, percentages) in its
EntityRuler.

spaCy is imported here only, and only when a profile is first enriched: a run that never
enriches does not pay for it. An optional statistical model is loaded by name or path, once.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import TYPE_CHECKING

from pipeline.enrich import vocabulary as v
from pipeline.enrich.patterns import TOKEN_GATE, static_patterns

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language
    from spacy.pipeline import EntityRuler

# Abbreviations that end in a full stop but do not end a sentence ("Sub-Decree No. 190").
ABBREVIATIONS = tuple(w for w in v.NUMBER_WORDS if w.endswith(".")) + ("No.", "Nr.", "Nos.", "Art.")
RULER = "entity_ruler"  # the shared rules' component, made by the GATED_RULER factory
GATED_RULER = "diaspora_gated_entity_ruler"


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
    _register_gated_ruler()
    ruler = nlp.add_pipe(GATED_RULER, name=RULER, config={"validate": False, "overwrite_ents": False})
    assert isinstance(ruler, EntityRuler)
    ruler.add_patterns(static_patterns(lambda text: [t.text for t in nlp.tokenizer(text)]))
    return nlp


def _register_gated_ruler() -> None:
    """Register the ``GATED_RULER`` factory (once): spaCy's EntityRuler, with its configuration,
    whose token Matcher looks only at texts in which ``TOKEN_GATE`` finds a digit or a capitalised
    instrument kind (no shared token pattern can match elsewhere); its phrase patterns (the
    countries) look at every text. The same entities as the plain EntityRuler
    (tests/unit/enrich/test_nlp.py compares them on every fixture profile), in two thirds of the
    time: the token Matcher was most of enrichment, which took 27 ms of a profile's CPU and takes
    17 ms gated (on the bench's cold run, 0.8 s of CPU)."""
    from spacy.language import Language
    from spacy.pipeline import EntityRuler
    from spacy.pipeline.entityruler import DEFAULT_ENT_ID_SEP
    from spacy.tokens import Doc

    if GATED_RULER in Language.factories:
        return

    class GatedEntityRuler(EntityRuler):
        def match(self, doc: Doc) -> list[tuple[int, int, int]]:
            if TOKEN_GATE.search(doc.text):
                return super().match(doc)
            # the phrase patterns' matches alone, ordered as EntityRuler.match orders all of them
            found = {(key, start, end) for key, start, end in self.phrase_matcher(doc) if start != end}
            return sorted(found, key=lambda m: (m[2] - m[1], -m[1]), reverse=True)

    def make(  # the arguments of spaCy's make_entity_ruler
        nlp: Language,
        name: str,
        phrase_matcher_attr: int | str | None,
        matcher_fuzzy_compare: Callable,
        validate: bool,
        overwrite_ents: bool,
        ent_id_sep: str,
        scorer: Callable | None,
    ) -> EntityRuler:
        return GatedEntityRuler(
            nlp,
            name,
            phrase_matcher_attr=phrase_matcher_attr,
            matcher_fuzzy_compare=matcher_fuzzy_compare,
            validate=validate,
            overwrite_ents=overwrite_ents,
            ent_id_sep=ent_id_sep,
            scorer=scorer,
        )

    Language.factory(
        GATED_RULER,
        assigns=["doc.ents", "token.ent_type", "token.ent_iob"],
        default_config={
            "phrase_matcher_attr": None,
            "matcher_fuzzy_compare": {"@misc": "spacy.levenshtein_compare.v1"},
            "validate": False,
            "overwrite_ents": False,
            "ent_id_sep": DEFAULT_ENT_ID_SEP,
            "scorer": {"@scorers": "spacy.entity_ruler_scorer.v1"},
        },
    )(make)


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
