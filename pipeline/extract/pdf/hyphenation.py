"""Hyphens at line ends: a word broken by hyphenation is joined, a compound keeps its hyphen.

Where lines (or a paragraph's parts across a column break) are joined, a line that ends with a
letter and a hyphen before a line that opens with a letter is joined without a space, the hyphen
held as a soft hyphen (``SOFT``, U+00AD): a place where the printed hyphen may or may not belong
to the word. ``resolve_hyphens`` then decides each one from the document's own vocabulary and
the shape of the parts, never from a word list of one profile:

1. a URL's own hyphen, a second part that opens with a capital or a digit, or a first part
   ending in a digit ("Sub-|Decree", "COVID-|19"): the hyphen stays;
2. a link of a hyphenated chain ("government-to-|government"): two parts that are both words
   written on their own in the document keep the hyphen, whatever their length;
3. the hyphenated form used elsewhere in the document and the joined one not ("co-ordination"):
   the hyphen stays;
4. a first part that is a prefix usually set off by a hyphen ("co", "sub", "cross", "non",
   "self", ...): the hyphen stays (in doubt when the document also writes the word solid);
5. the joined form used elsewhere ("migration") and the hyphenated one not: joined; both used:
   the hyphen stays, in doubt;
6. neither used elsewhere: two parts that are both words written on their own in the document
   ("decision-|making") make a compound, and the hyphen stays, in doubt; anything else
   ("diaspo-|ra") is an ordinary word broken by hyphenation, and is joined.

In doubt the printed hyphen is kept (the text as printed) and a ``hyphen-uncertain`` warning
names the word, the page and the box.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from itertools import pairwise

from pipeline.model.document import Block, Document, Span, where_of
from pipeline.model.findings import Finding, finding

SOFT = "\u00ad"  # a line-end hyphen awaiting the decision
# a letter or digit, then a hyphen ending a line: "-" or the HYPHEN a layout engine writes where it
# hyphenated ("‐", U+2010, Chromium's); a digit's hyphen is a range or a URL's ("2014-|2018")
LINE_END_HYPHEN = re.compile(r"[^\W_][-‐]$")
# prefixes English sets off with a hyphen more often than it closes them up ("pre", "inter",
# "trans" open far more solid words, "present", "international", and are not here)
PREFIXES = frozenset({"anti", "co", "cross", "ex", "non", "self", "semi", "sub", "vice", "well"})
_PART = r"[^\W_]+"
_TOKEN = re.compile(rf"{_PART}(?:[-‐‑]{_PART})*")
_HYPHEN = re.compile(r"[-‐‑]")
_BROKEN = re.compile(rf"{_PART}(?:[-‐‑]{_PART})*{SOFT}{_PART}(?:[-‐‑]{_PART})*")
_HEAD = re.compile(rf"({_PART})$")
_URL = re.compile(r"https?://|www\.|/")  # a URL is broken at its own hyphens, never hyphenated
_TAIL = re.compile(rf"^({_PART})")


def resolve_hyphens(document: Document) -> Document:
    """Pure: every soft hyphen left by line joining becomes nothing or a hyphen (see the module)."""
    if not any(SOFT in s.text for b in document.blocks for s in b.spans):
        return document
    vocab = vocabulary(document.blocks)
    findings: list[Finding] = []
    blocks = []
    for block in document.blocks:
        if not any(SOFT in s.text for s in block.spans):
            blocks.append(block)
            continue
        spans = []
        for span in block.spans:
            if SOFT in span.text:
                text, doubts = _resolve(span.text, vocab)
                span = Span(text, bold=span.bold, marker=span.marker, where=span.where)
                findings.extend(
                    finding(
                        "hyphen-uncertain", file=document.source.name, value=v, reason=r, **where_of(block)
                    )
                    for v, r in doubts
                )
            spans.append(span)
        blocks.append(replace(block, spans=tuple(spans)))
    return replace(document, blocks=tuple(blocks), findings=document.findings + tuple(findings))


@dataclass(frozen=True)
class Vocabulary:
    """A document's words in lower case, from its text away from line-end hyphens (the parts of
    a broken word are no evidence of themselves)."""

    words: frozenset[str]  # every word, the parts of hyphenated ones included
    solo: frozenset[str]  # words written on their own, not as part of a hyphenated one
    compounds: frozenset[str]  # hyphenated pairs: "co-ordination", "migration-related"


def vocabulary(blocks: tuple[Block, ...]) -> Vocabulary:
    words: set[str] = set()
    solo: set[str] = set()
    compounds: set[str] = set()
    for block in blocks:
        for span in block.spans:
            if span.marker:
                continue
            for token in _TOKEN.findall(_BROKEN.sub(" ", span.text.lower())):
                parts = _HYPHEN.split(token)
                words.update(parts)
                if len(parts) == 1:
                    solo.add(token)
                else:
                    compounds.update(f"{a}-{b}" for a, b in pairwise(parts))
    return Vocabulary(frozenset(words), frozenset(solo), frozenset(compounds))


def _resolve(text: str, vocab: Vocabulary) -> tuple[str, list[tuple[str, str]]]:
    """``text`` with each soft hyphen decided, and (word, reason) for each hyphen kept in doubt."""
    out: list[str] = []
    doubts: list[tuple[str, str]] = []
    pieces = text.split(SOFT)
    for i, piece in enumerate(pieces):
        out.append(piece)
        if i == len(pieces) - 1:
            break
        head_m, tail_m = _HEAD.search(piece), _TAIL.search(pieces[i + 1])
        head = head_m.group(1) if head_m else ""
        tail = tail_m.group(1) if tail_m else ""
        in_url = _URL.search(piece.rsplit(None, 1)[-1] if piece.strip() else "") is not None
        chained = _HYPHEN.match(piece[len(piece) - len(head) - 1 :][:1] or " ") is not None or (
            _HYPHEN.match(pieces[i + 1][len(tail) : len(tail) + 1] or " ") is not None
        )
        keep, doubt = (True, "") if in_url else decide(head, tail, vocab, chained)
        out.append("-" if keep else "")
        if doubt:
            doubts.append((f"{head}-{tail}", doubt))
    return "".join(out), doubts


def decide(head: str, tail: str, vocab: Vocabulary, chained: bool = False) -> tuple[bool, str]:
    """(keep the hyphen, why in doubt or ""), for a word broken as ``head``-|``tail``; ``chained``
    when a hyphen joins ``head`` to the part before it or ``tail`` to the part after it."""
    if not head or not tail or tail[0].isupper() or tail[0].isdigit() or head[-1].isdigit():
        return True, ""
    if chained and {head.lower(), tail.lower()} <= vocab.solo:
        return True, ""  # a link of a compound chain: "government-to-|government", "one-|to-one"
    joined = (head + tail).lower() in vocab.words
    hyphenated = f"{head}-{tail}".lower() in vocab.compounds
    if hyphenated and not joined:
        return True, ""
    if head.lower() in PREFIXES:
        return True, f"'{head}' is a prefix, and the document {_uses(head, tail, joined, hyphenated)}"
    if joined and hyphenated:
        return True, f"the document {_uses(head, tail, joined, hyphenated)}"
    if joined:
        return False, ""
    if min(len(head), len(tail)) >= 3 and {head.lower(), tail.lower()} <= vocab.solo:
        return True, f"'{head}' and '{tail}' are both words and the document uses neither form elsewhere"
    return False, ""


def _uses(head: str, tail: str, joined: bool, hyphenated: bool) -> str:
    if joined and hyphenated:
        return f"writes both '{head}{tail}' and '{head}-{tail}'"
    return f"writes '{head}{tail}' elsewhere" if joined else "uses neither form elsewhere"
