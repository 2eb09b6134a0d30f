"""The profile's own names (``patterns.profile_patterns``: its actors' names and acronyms, its
framework titles) found in a doc: the matches of spaCy's token Matcher holding the profile's
patterns.

A token Matcher costs per token and per pattern, and a profile has dozens of names: on
Cambodia's profile its 42 name patterns take 11.7 ms (CPU, measured), a quarter of the whole
stage. So a PhraseMatcher on LOWER (spaCy's way to match many phrases, its cost not growing
with them) first finds where a name may be, and the token Matcher decides on those tokens only:
3.8 ms. This is exact: every name pattern is a fixed sequence of token specs that each fix the
token's lower case (LOWER, or ORTH) and may also ask for its case (IS_LOWER, ORTH), so each of
its matches is one of the phrases made of the lower cases its specs allow.

A ``ProfileNames`` is built for one profile and used on that profile's docs only, so that no
profile's names are ever found in another's. spaCy is imported only when one is built.
"""

from __future__ import annotations

from itertools import product
from typing import TYPE_CHECKING

from pipeline.enrich.patterns import Pattern, ProfilePatterns, TokenSpec

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Span
    from spacy.vocab import Vocab


def lower_forms(spec: TokenSpec) -> list[str]:
    """The lower cases a token fitting ``spec`` may have: its LOWER value(s), its ORTH value
    lower-cased."""
    if "LOWER" in spec:
        value = spec["LOWER"]
        return sorted(value["IN"]) if isinstance(value, dict) else [value]
    if isinstance(spec.get("ORTH"), str):
        return [spec["ORTH"].lower()]
    raise ValueError(f"a name's token spec must fix its LOWER or ORTH: {spec}")


def phrases(pattern: Pattern) -> list[list[str]]:
    """Every sequence of lower-case words a match of ``pattern`` may be."""
    return [list(words) for words in product(*map(lower_forms, pattern))]


class ProfileNames:
    """``names(doc)``: every match of the profile's patterns, overlapping ones included, as
    spans labelled ORG or LAW whose id is the key of the name's target; by start, the longest
    first, then by key."""

    def __init__(self, vocab: Vocab, names: ProfilePatterns):
        from spacy.matcher import Matcher, PhraseMatcher
        from spacy.tokens import Doc

        self._labels = {key: target.label for key, target in names.targets.items()}
        self._candidates = PhraseMatcher(vocab, attr="LOWER", validate=False)
        self._matcher = Matcher(vocab, validate=False)
        for key, pattern in names.patterns:
            self._candidates.add(key, [Doc(vocab, words=words) for words in phrases(pattern)])
            self._matcher.add(key, [pattern])

    def __call__(self, doc: Doc) -> list[Span]:
        from spacy.tokens import Span

        strings = doc.vocab.strings
        spans = []
        for start, end in sorted({(start, end) for _, start, end in self._candidates(doc)}):
            for key, first, last in self._matcher(doc[start:end]):
                if (first, last) == (0, end - start):
                    spans.append(
                        Span(doc, start, end, label=self._labels[strings[key]], span_id=strings[key])
                    )
        return sorted(spans, key=lambda s: (s.start, -len(s), s.id_))
