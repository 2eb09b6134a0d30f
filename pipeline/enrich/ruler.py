"""The rules every profile shares, matched on a cell's tokens: the countries in a PhraseMatcher,
the token patterns in one Matcher per family (``patterns.static_families``), each run only on a
text that may match it. spaCy's token Matcher costs per token and per pattern, and most cells
hold no digit and no kind word, so most families skip most cells. A family of patterns of
bounded length whose every match holds an anchor token (one with a digit) is matched only on
the windows of the doc around its anchor tokens: a match holding the anchor token k lies in
tokens k - n + 1 .. k + n - 1 when no pattern is longer than n tokens. A family whose patterns
repeat a spec ("*": the words of a name) has no such bound; given a ``Stretch`` it is matched on
the windows that reach from each anchor token over the tokens that may belong to a match.

The matches are resolved as spaCy's EntityRuler (``overwrite_ents`` off, on a doc without
entities) resolves them, so the entities are the ones an EntityRuler holding every pattern
finds: duplicates and empty matches dropped, the longest first, then the earliest, a match
touching a token already taken dropped.

spaCy is imported only when the rules are built (``nlp.shared_rules``).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from pipeline.enrich.patterns import Family, Pattern, Stretch

if TYPE_CHECKING:  # pragma: no cover
    from spacy.matcher import Matcher, PhraseMatcher
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

ID_SEPARATOR = "||"  # the EntityRuler's: the key of a pattern with an id is "LABEL||id"


@dataclass(frozen=True)
class RuleMatch:
    """A resolved match, in tokens of its doc."""

    start: int
    end: int
    label: str
    pattern_id: str | None  # the id of its pattern (ISO3 of a country)


@dataclass(frozen=True)
class _Stage:
    family: Family
    matcher: Matcher | PhraseMatcher
    anchor: re.Pattern | None = None  # Family.anchor, compiled when the family is matched on windows
    reach: int | None = (
        None  # the most tokens a match of the family spans; None: unbounded (see Family.stretch)
    )


def longest(patterns: list[Pattern]) -> int | None:
    """The most tokens a match of ``patterns`` can span; None when a spec repeats (* or +)."""
    if any(spec.get("OP") in ("*", "+") for p in patterns for spec in p):
        return None
    return max(len(p) for p in patterns)


class SharedRules:
    def __init__(self, vocab: Vocab, families: list[Family], make_doc: Callable[[str], Doc]):
        from spacy.attrs import IDX, LENGTH
        from spacy.matcher import Matcher, PhraseMatcher

        self._offsets = [IDX, LENGTH]  # a token's first character and length
        self.families = tuple(families)
        self._labels: dict[int, tuple[str, str | None]] = {}
        token_stages, phrase_stages = [], []
        for family in families:
            phrases = [p for p in family.patterns if isinstance(p["pattern"], str)]
            tokens = [p for p in family.patterns if not isinstance(p["pattern"], str)]
            if phrases:
                phrase_matcher = PhraseMatcher(vocab, validate=False)
                for entry, doc in zip(phrases, map(make_doc, (p["pattern"] for p in phrases)), strict=True):
                    phrase_matcher.add(self._key(vocab, entry), [doc])
                phrase_stages.append(_Stage(family, phrase_matcher))
            if tokens:
                matcher = Matcher(vocab, validate=False)
                for entry in tokens:
                    matcher.add(self._key(vocab, entry), [entry["pattern"]])
                reach = longest([entry["pattern"] for entry in tokens]) if family.anchor else None
                windowed = reach is not None or family.stretch is not None
                token_stages.append(
                    _Stage(
                        family,
                        matcher,
                        re.compile(family.anchor) if family.anchor and windowed else None,
                        reach,
                    )
                )
        # the EntityRuler lists its token matches before its phrase matches
        self._stages = tuple(token_stages + phrase_stages)

    def _key(self, vocab: Vocab, entry: dict) -> str:
        key = entry["label"] if not entry.get("id") else f"{entry['label']}{ID_SEPARATOR}{entry['id']}"
        self._labels[vocab.strings.add(key)] = (entry["label"], entry.get("id") or None)
        return key

    @property
    def patterns(self) -> list[dict]:
        return [p for family in self.families for p in family.patterns]

    def __call__(self, doc: Doc, text: str) -> list[RuleMatch]:
        """The entities the shared rules find in ``doc`` (the tokens of ``text``), by start."""
        matches: list[tuple[int, int, int]] = []
        starts: list[int] | None = None  # each token's first character
        lengths: list[int] = []  # and its length
        for stage in self._stages:
            family = stage.family
            if not family.may_match(text):
                continue
            if stage.anchor is None:
                matches += stage.matcher(doc)
                continue
            if starts is None:
                offsets = doc.to_array(self._offsets)
                starts, lengths = offsets[:, 0].tolist(), offsets[:, 1].tolist()
            sought = text.lower() if family.fold else text
            if len(sought) != len(text):  # lower-casing lengthened a character ("İ"): offsets differ
                windows = [(0, len(starts))]
            elif stage.reach is not None:
                windows = _windows(sought, starts, stage.anchor, stage.reach, family.leads)
            else:
                assert family.stretch is not None  # windowed without a reach: the family stretches
                windows = _stretched_windows(text, starts, lengths, stage.anchor, family.stretch)
            for first, last in windows:
                matches += [
                    (key, first + start, first + end) for key, start, end in stage.matcher(doc[first:last])
                ]
        return self._resolve(matches)

    def _resolve(self, matches: list[tuple[int, int, int]]) -> list[RuleMatch]:
        """The EntityRuler's ``match`` and ``set_annotations``, on a doc without entities."""
        final = sorted(
            {(key, start, end) for key, start, end in matches if start != end},
            key=lambda m: (m[2] - m[1], -m[1]),
            reverse=True,
        )
        kept: list[RuleMatch] = []
        seen: set[int] = set()
        for key, start, end in final:
            if start not in seen and end - 1 not in seen:
                label, pattern_id = self._labels[key]
                kept.append(RuleMatch(start, end, label, pattern_id))
                seen.update(range(start, end))
        return sorted(kept, key=lambda m: m.start)


def _windows(
    text: str, starts: list[int], anchor: re.Pattern, reach: int, leads: bool = False
) -> list[tuple[int, int]]:
    """Token ranges [first, last) holding every match of at most ``reach`` tokens that holds a
    token with ``anchor`` (that starts with it, when ``leads``). ``starts``: each token's first
    character; a token ends where the next starts, and an anchor starts at no space. (``text``
    may be the doc's text lower-cased, when that keeps every character's offset.)"""
    found = []
    for hit in anchor.finditer(text):
        token = bisect.bisect_right(starts, hit.start()) - 1
        found.append((token if leads else max(token - reach + 1, 0), min(token + reach, len(starts))))
    return _merged(found)


def _stretched_windows(
    text: str, starts: list[int], lengths: list[int], anchor: re.Pattern, stretch: Stretch
) -> list[tuple[int, int]]:
    """Token ranges [first, last) holding every match that holds a token with ``anchor``:
    from that token back over the tokens ``stretch.before`` accepts, and on over those
    ``stretch.after`` accepts and ``stretch.tail`` more (``starts``, ``lengths``: each token's
    first character and length)."""

    def token_text(i: int) -> str:
        return text[starts[i] : starts[i] + lengths[i]]

    found: list[tuple[int, int]] = []
    for hit in anchor.finditer(text):
        token = bisect.bisect_right(starts, hit.start()) - 1
        first = token
        while first > 0 and stretch.before(token_text(first - 1)):
            first -= 1
        last = token + 1
        while last < len(starts) and stretch.after(token_text(last)):
            last += 1
        found.append((first, min(last + stretch.tail, len(starts))))
    return _merged(found)


def _merged(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Token ranges [first, last), overlapping or touching ones joined, in order."""
    windows: list[tuple[int, int]] = []
    for first, last in sorted(ranges):
        if windows and first <= windows[-1][1]:
            windows[-1] = (windows[-1][0], max(last, windows[-1][1]))
        else:
            windows.append((first, last))
    return windows
