"""The profile's own names (``patterns.profile_patterns``) found in a doc: the matches spaCy's
token Matcher finds for the same patterns, found faster.

A token Matcher costs per token and per pattern, and a profile has dozens of names. Every
name pattern is a fixed sequence of single-token specs on LOWER, ORTH and IS_LOWER, so each
has an anchor: one spec whose token must be one of a few lower-case words. A PhraseMatcher on
LOWER finds the anchors' tokens; each pattern is then checked, spec by spec, at the one start
its anchor allows. A pattern of another shape (none is built today) goes to a token Matcher.

spaCy is imported only when the matcher is built.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from pipeline.enrich.patterns import Pattern, ProfilePatterns, TokenSpec

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token
    from spacy.vocab import Vocab

_STRING_ATTRS = {"LOWER": "lower_", "ORTH": "orth_"}
_FLAG_ATTRS = {"IS_LOWER": "is_lower"}


@dataclass(frozen=True)
class _Anchored:
    key: str
    specs: tuple[TokenSpec, ...]
    offset: int  # index of the anchor spec in the pattern


def _words(spec: TokenSpec) -> frozenset[str] | None:
    """The lower-case words a token fitting ``spec`` may be (None: any word): its LOWER, the
    lower case of its ORTH."""
    found: frozenset[str] | None = None
    for attr, value in spec.items():
        if attr not in _STRING_ATTRS:
            continue
        values = value["IN"] if isinstance(value, dict) else [value]
        words = frozenset(v.lower() for v in values) if attr == "ORTH" else frozenset(values)
        found = words if found is None else found & words
    return found


def _simple(spec: TokenSpec) -> bool:
    """A spec this module checks itself: string attributes equal to a value or IN values,
    boolean flags equal to a value."""
    for attr, value in spec.items():
        if attr in _STRING_ATTRS:
            if isinstance(value, dict):
                if set(value) != {"IN"} or not all(isinstance(v, str) for v in value["IN"]):
                    return False
            elif not isinstance(value, str):
                return False
        elif attr in _FLAG_ATTRS:
            if not isinstance(value, bool):
                return False
        else:
            return False
    return True


def _anchor(pattern: Pattern) -> int | None:
    """The spec that narrows the pattern most: the fewest candidate words, then the longest
    shortest word; only words that are their own lower case (a token's LOWER is)."""
    best, best_rank = None, None
    for i, spec in enumerate(pattern):
        words = _words(spec)
        if not words or any(w.lower() != w for w in words):
            continue
        rank = (len(words), -min(len(w) for w in words), i)
        if best_rank is None or rank < best_rank:
            best, best_rank = i, rank
    return best


def _fits(token: Token, spec: TokenSpec) -> bool:
    for attr, value in spec.items():
        if attr in _FLAG_ATTRS:
            if getattr(token, _FLAG_ATTRS[attr]) != value:
                return False
            continue
        actual = getattr(token, _STRING_ATTRS[attr])
        if isinstance(value, dict):
            if actual not in value["IN"]:
                return False
        elif actual != value:
            return False
    return True


class NameMatcher:
    """``matcher(doc)`` -> (key, start, end) of every match, as a token Matcher holding the
    profile's patterns under their keys returns them (in another order)."""

    def __init__(self, vocab: Vocab, names: ProfilePatterns):
        from spacy.matcher import Matcher, PhraseMatcher
        from spacy.tokens import Doc

        self._anchored: dict[str, list[_Anchored]] = {}
        self._phrases = PhraseMatcher(vocab, attr="LOWER", validate=False)
        self._fallback = Matcher(vocab, validate=False)
        for key, pattern in names.patterns:
            offset = _anchor(pattern) if all(_simple(s) for s in pattern) else None
            if offset is None:
                self._fallback.add(key, [pattern])
                continue
            anchored = _Anchored(key, tuple(pattern), offset)
            for word in sorted(_words(pattern[offset]) or ()):
                if word not in self._anchored:
                    self._anchored[word] = []
                    self._phrases.add(word, [Doc(vocab, words=[word])])
                self._anchored[word].append(anchored)
        self._strings = vocab.strings

    def __len__(self) -> int:
        return len(self._anchored) + len(self._fallback)

    def __call__(self, doc: Doc) -> list[tuple[str, int, int]]:
        found: set[tuple[str, int, int]] = set()
        if self._anchored:
            for word_key, position, _ in self._phrases(doc):
                for anchored in self._anchored[self._strings[word_key]]:
                    start = position - anchored.offset
                    end = start + len(anchored.specs)
                    if (
                        start >= 0
                        and end <= len(doc)
                        and all(_fits(doc[start + i], spec) for i, spec in enumerate(anchored.specs))
                    ):
                        found.add((anchored.key, start, end))
        if len(self._fallback):
            found.update((self._strings[key], start, end) for key, start, end in self._fallback(doc))
        return sorted(found, key=lambda m: (m[1], m[2], m[0]))
