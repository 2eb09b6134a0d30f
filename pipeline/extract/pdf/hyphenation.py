"""Hyphens at line ends: a word broken by hyphenation is joined, a compound keeps its hyphen.

Where lines (or a paragraph's parts across a column break) are joined, a line that ends with a
letter or digit and a hyphen before a line that opens with a letter is joined without a space,
the printed hyphen followed by ``BREAK`` (a private-use character): a place where the hyphen
may or may not belong to the word. ``resolve_hyphens`` then decides each one, never from a word
list of one profile.

The glyph decides where the document tells its hyphens apart. Layout engines write a hyphen they
insert at a line end as U+00AD (the soft hyphen, which the PDF specification reserves for that)
or U+2010 (Chromium), and the text's own hyphen as U+002D. A document whose line-end hyphens
include such an inserted glyph, that writes U+002D between letters inside its lines and U+2010
never there, is read by glyph: a line-end hyphen in the inserted glyph is a break (joined), one
in U+002D is the text's own (kept). A U+00AD inside a line is a hyphenation point not used, and
is dropped.

Elsewhere (every hyphen a U+002D, say) the document's own vocabulary and the shape of the parts
decide each line-end hyphen:

0. a suspended hyphen: a line ending "provincial-" before "and", "or", "nor" or "to" and a word
   with a hyphen of its own ("provincial-|and district-level"): the hyphen stays, and the space
   the line end took is put back ("provincial- and district-level");
1. a URL's own hyphen, a second part that opens with a capital or a digit, or a first part
   ending in a digit ("Sub-|Decree", "COVID-|19"): the hyphen stays;
2. a link of a hyphenated chain ("government-to-|government"): two parts that are both words
   written on their own in the document keep the hyphen, whatever their length;
3. the hyphenated form used elsewhere in the document and the joined one not ("co-ordination"):
   the hyphen stays;
4. a first part that is a prefix usually set off by a hyphen ("co", "sub", "cross", "non",
   "self", ...): the hyphen stays, in doubt;
5. the joined form used elsewhere ("migration") and the hyphenated one not: joined (a break
   proven by the document); both used: the hyphen stays, in doubt;
6. neither used elsewhere: two parts that are both words written on their own in the document
   ("decision-|making") keep the hyphen, in doubt; a part that is a word of the document
   ("post-|project", "start-|ups") is joined, in doubt; two parts that are no word of the
   document ("diaspo-|ra") have the shape of syllables, and are joined.

Then the document as a whole, each finding naming the word, the page and the box:

* one proven to hyphenate (a line-end hyphen proven a break by rule 5): the rules stand as given;
  a hyphen decided in doubt is a ``hyphen-uncertain`` warning (the likelier reading: such a
  document breaks words far more often than compounds, and keeps a prefix's hyphen), so a
  compound broken at its own hyphen that the document writes nowhere else ("post-|project" beside
  "gra-|dual") is joined with a warning: only the glyphs, or a dictionary, could tell them apart;
* one that shows no word broken by hyphenation (no proven break, no line-end hyphen with the
  shape of syllables) breaks lines only at its words' own hyphens: every line-end hyphen is kept,
  with nothing in doubt;
* one with no proven break but syllable-shaped line-end hyphens proves neither: every hyphen not
  proven by rules 1-3 is kept as printed with a ``hyphen-unproven`` error.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from enum import Enum
from itertools import pairwise

from pipeline.model.document import Block, Document, Span, where_of
from pipeline.model.findings import Finding, finding

BREAK = "\ue00d"  # after a line-end hyphen: the line broke here, the hyphen awaits the decision
SOFT = "-" + BREAK  # a line-end HYPHEN-MINUS awaiting the decision
# hyphens a layout engine writes where it hyphenated: the soft hyphen (U+00AD) and the HYPHEN
# (U+2010, Chromium's); never a text's own where the document writes its own as U+002D
INSERTED = frozenset("\u00ad\u2010")
# a letter or digit, then a hyphen ending a line: "-" or a hyphen a layout engine inserted; a
# digit's hyphen is a range or a URL's ("2014-|2018")
LINE_END_HYPHEN = re.compile(r"[^\W_][-\u2010\u00ad]$")
# prefixes English sets off with a hyphen more often than it closes them up ("pre", "inter",
# "trans" open far more solid words, "present", "international", and are not here)
PREFIXES = frozenset({"anti", "co", "cross", "ex", "non", "self", "semi", "sub", "vice", "well"})
_PART = r"[^\W_]+"
_TOKEN = re.compile(rf"{_PART}(?:[-‐‑]{_PART})*")
_HYPHEN = re.compile(r"[-‐‑]")
_BROKEN = re.compile(rf"{_PART}(?:[-‐‑]{_PART})*[-\u2010\u00ad]{BREAK}{_PART}(?:[-‐‑]{_PART})*")
_HEAD = re.compile(rf"({_PART})$")
_URL = re.compile(r"https?://|www\.|/")  # a URL is broken at its own hyphens, never hyphenated
_TAIL = re.compile(rf"^({_PART})")
_UNUSED_SOFT = re.compile(r"(?<=[^\W_])\u00ad(?=[^\W_])")  # a soft hyphen inside a line
_INNER = re.compile(r"[^\W_]([-\u2010\u2011])(?=[^\W_])")  # a hyphen between letters in a line
# what follows a suspended hyphen: a word that links two ("and") and a word with its own hyphen
_SUSPENDED = re.compile(rf"^(?:and|or|nor|to)\s+{_PART}[-‐‑]{_PART}", re.IGNORECASE)


class Proof(Enum):
    """How far the document proves a line-end hyphen's decision."""

    PROVEN = "proven"  # rules 1-3 and 5's join: the shape or the document's own spelling
    SYLLABLES = "syllables"  # joined: no part is a word of the document
    DOUBT = "doubt"  # anything else: either reading is a spelling the document could have
    UNPROVEN = "unproven"  # kept as printed where the document proves neither that it hyphenates nor not


@dataclass(frozen=True)
class Verdict:
    keep: bool
    proof: Proof
    reason: str = ""  # why in doubt


@dataclass(frozen=True)
class Vocabulary:
    """A document's words in lower case, from its text away from line-end hyphens (the parts of
    a broken word are no evidence of themselves)."""

    words: frozenset[str]  # every word, the parts of hyphenated ones included
    solo: frozenset[str]  # words written on their own, not as part of a hyphenated one
    compounds: frozenset[str]  # hyphenated pairs: "co-ordination", "migration-related"


@dataclass(frozen=True)
class _Break:
    """One line-end hyphen: the parts around it, the glyph printed, where it sits."""

    head: str
    tail: str
    glyph: str
    chained: bool  # a hyphen joins ``head`` to the part before it or ``tail`` to the part after it
    in_url: bool
    suspended: bool  # "provincial-|and district-level": rule 0


def resolve_hyphens(document: Document) -> Document:
    """Pure: every line-end hyphen left by line joining is kept or dropped (see the module)."""
    if not any(BREAK in s.text or "\u00ad" in s.text for b in document.blocks for s in b.spans):
        return document
    blocks = tuple(_drop_unused_soft_hyphens(b) for b in document.blocks)
    vocab = vocabulary(blocks)
    inserted = inserted_glyphs(blocks)
    breaks = [br for b in blocks for s in b.spans for br in _breaks(s.text)]
    verdicts = {
        br: decide(br.head, br.tail, vocab, br.chained) for br in breaks if not (br.in_url or br.suspended)
    }
    hyphenates = any(not v.keep and v.proof is Proof.PROVEN for v in verdicts.values())
    syllables = any(v.proof is Proof.SYLLABLES for v in verdicts.values())

    def final(br: _Break) -> Verdict:
        if br.glyph in inserted:
            return Verdict(False, Proof.PROVEN)
        if inserted or br.in_url or br.suspended:
            return Verdict(True, Proof.PROVEN)
        v = verdicts[br]
        if hyphenates or v.proof is Proof.PROVEN:
            return v
        if not syllables:  # the document breaks lines only at its words' own hyphens
            return Verdict(True, Proof.PROVEN)
        return Verdict(True, Proof.UNPROVEN, _NO_PROOF)

    findings: list[Finding] = []
    out = []
    for block in blocks:
        if not any(BREAK in s.text for s in block.spans):
            out.append(block)
            continue
        spans = []
        for span in block.spans:
            if BREAK in span.text:
                text, doubts = _resolve(span.text, final)
                span = Span(text, bold=span.bold, marker=span.marker, where=span.where)
                findings.extend(
                    finding(code, file=document.source.name, value=v, reason=r, **where_of(block))
                    for code, v, r in doubts
                )
            spans.append(span)
        out.append(replace(block, spans=tuple(spans)))
    return replace(document, blocks=tuple(out), findings=document.findings + tuple(findings))


_NO_PROOF = (
    "the document proves no word broken by hyphenation, yet writes line-end hyphens between parts "
    "that are no words of its own"
)


def _texts(blocks: tuple[Block, ...]) -> Iterator[str]:
    """The text of every span but the note markers."""
    return (span.text for block in blocks for span in block.spans if not span.marker)


def inserted_glyphs(blocks: tuple[Block, ...]) -> frozenset[str]:
    """The glyphs the document writes only where a layout engine hyphenated: those of its
    line-end hyphens that are U+00AD or U+2010, where it writes U+002D between letters inside
    its lines and the glyph never there; empty where the glyphs do not tell hyphens apart."""
    inner: set[str] = set()
    ends: set[str] = set()
    for text in _texts(blocks):
        inner.update(m.group(1) for m in _INNER.finditer(text.replace(BREAK, " ")))
        ends.update(br.glyph for br in _breaks(text))
    if "-" not in inner:
        return frozenset()
    return frozenset(g for g in ends & INSERTED if g not in inner)


def vocabulary(blocks: tuple[Block, ...]) -> Vocabulary:
    words: set[str] = set()
    solo: set[str] = set()
    compounds: set[str] = set()
    for text in _texts(blocks):
        for token in _TOKEN.findall(_BROKEN.sub(" ", text.lower())):
            parts = _HYPHEN.split(token)
            words.update(parts)
            if len(parts) == 1:
                solo.add(token)
            else:
                compounds.update(f"{a}-{b}" for a, b in pairwise(parts))
    return Vocabulary(frozenset(words), frozenset(solo), frozenset(compounds))


def _drop_unused_soft_hyphens(block: Block) -> Block:
    if not any("\u00ad" in s.text for s in block.spans):
        return block
    spans = tuple(replace(s, text=_UNUSED_SOFT.sub("", s.text)) for s in block.spans)
    return replace(block, spans=spans)


def _breaks(text: str) -> list[_Break]:
    pieces = text.split(BREAK)
    out = []
    for piece, after in pairwise(pieces):
        glyph, before = piece[-1:], piece[:-1]
        head_m, tail_m = _HEAD.search(before), _TAIL.search(after)
        head = head_m.group(1) if head_m else ""
        tail = tail_m.group(1) if tail_m else ""
        chained = _HYPHEN.match(before[len(before) - len(head) - 1 :][:1] or " ") is not None or (
            _HYPHEN.match(after[len(tail) : len(tail) + 1] or " ") is not None
        )
        in_url = _URL.search(before.rsplit(None, 1)[-1] if before.strip() else "") is not None
        suspended = glyph == "-" and _SUSPENDED.match(after) is not None
        out.append(_Break(head, tail, glyph, chained, in_url, suspended))
    return out


def _resolve(text: str, final: Callable[[_Break], Verdict]) -> tuple[str, list[tuple[str, str, str]]]:
    """``text`` with each line-end hyphen decided by ``final``, and (finding code, word, reason)
    for each one decided in doubt or kept unproven."""
    pieces = text.split(BREAK)
    out: list[str] = [pieces[0][:-1] if len(pieces) > 1 else pieces[0]]
    doubts: list[tuple[str, str, str]] = []
    for br, (i, piece) in zip(_breaks(text), enumerate(pieces[1:], 1), strict=True):
        verdict = final(br)
        out.append(("- " if br.suspended else "-") if verdict.keep else "")
        out.append(piece[:-1] if i < len(pieces) - 1 else piece)
        if verdict.proof in (Proof.DOUBT, Proof.UNPROVEN):
            done = "kept as printed" if verdict.keep else f"joined as '{br.head}{br.tail}'"
            code = "hyphen-uncertain" if verdict.proof is Proof.DOUBT else "hyphen-unproven"
            doubts.append((code, f"{br.head}-{br.tail}", f"{done}: {verdict.reason}"))
    return "".join(out), doubts


def decide(head: str, tail: str, vocab: Vocabulary, chained: bool = False) -> Verdict:
    """The verdict of rules 1-6 for a word broken as ``head``-|``tail``; ``chained`` when a hyphen
    joins ``head`` to the part before it or ``tail`` to the part after it."""
    if not head or not tail or tail[0].isupper() or tail[0].isdigit() or head[-1].isdigit():
        return Verdict(True, Proof.PROVEN)
    h, t = head.lower(), tail.lower()
    if chained and {h, t} <= vocab.solo:
        return Verdict(True, Proof.PROVEN)  # a link of a compound chain: "government-to-|government"
    joined = h + t in vocab.words
    hyphenated = f"{h}-{t}" in vocab.compounds
    if hyphenated and not joined:
        return Verdict(True, Proof.PROVEN)
    if h in PREFIXES:
        return Verdict(
            True,
            Proof.DOUBT,
            f"'{head}' is a prefix, and the document {_uses(head, tail, joined, hyphenated)}",
        )
    if joined and hyphenated:
        return Verdict(True, Proof.DOUBT, f"the document writes both '{head}{tail}' and '{head}-{tail}'")
    if joined:
        return Verdict(False, Proof.PROVEN)
    if min(len(h), len(t)) >= 3 and {h, t} <= vocab.solo:
        return Verdict(True, Proof.DOUBT, f"'{head}' and '{tail}' are both words and {_NEITHER}")
    words = [p for p in (head, tail) if p.lower() in vocab.words]
    if words:
        return Verdict(False, Proof.DOUBT, f"'{words[-1]}' is a word of the document and {_NEITHER}")
    return Verdict(False, Proof.SYLLABLES)


_NEITHER = "the document uses neither form elsewhere"


def _uses(head: str, tail: str, joined: bool, hyphenated: bool) -> str:
    if joined and hyphenated:
        return f"writes both '{head}{tail}' and '{head}-{tail}'"
    return f"writes '{head}{tail}' elsewhere" if joined else "uses neither form elsewhere"
