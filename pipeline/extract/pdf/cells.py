"""Cells of a row: a lead column of years, right-hand cells beside a title, words in reading order."""

from __future__ import annotations

import re
from dataclasses import replace

from pipeline.extract.pdf.hyphenation import LINE_END_HYPHEN, SOFT
from pipeline.extract.pdf.lines import Line
from pipeline.extract.pdf.words import Word
from pipeline.model.document import Span, Where
from pipeline.model.domain import CENTURY

BULLETS = {"•", "▪", "◦", "‣", "⁃", "–", "-", "■", "□", "➢", "►"}
_URL_TAIL = re.compile(r"(https?://|www\.)\S*$")
LEAD_MAX_CHARS = 6  # a left column holds years, "∨", dashes: short tokens
ALIGN = 1.5  # points within which two word starts are aligned
TRAIL_MAX_WORDS = 4  # a right-hand cell holds a year or a country
TRAIL_MAX_LINES = 4  # ... beside a title, never in a paragraph


def lead_column(lines: list[Line]) -> float | None:
    """The x of a block's text column when short tokens stand left of it (a timeline's years):
    every line starts there, or has a word there after a wide gap and at most a few characters."""
    if not lines:
        return None
    left = min(line.x0 for line in lines)
    # the column starts at a line's start, or after a lead of a few short tokens
    candidates = sorted(
        {round(w.x0, 1) for line in lines for w in line.words[1:4] if not w.marker}
        | {round(line.x0, 1) for line in lines}
    )
    for x in candidates:
        if x <= left + ALIGN:
            continue
        has_lead = False
        for line in lines:
            if abs(line.x0 - x) <= ALIGN:
                continue
            at = next((i for i, w in enumerate(line.words) if abs(w.x0 - x) <= ALIGN and not w.marker), None)
            if at is None or at == 0:
                break
            before = line.words[:at]
            if (
                sum(len(w.text) for w in before) > LEAD_MAX_CHARS
                or line.words[at].x0 - before[-1].x1 < 0.5 * line.size
            ):
                break
            has_lead = True
        else:
            if has_lead:
                return x
    return None


def trail_start(words: list[Word], size: float) -> int:
    """Index where a right-hand cell starts (a year or country set apart), else len(words).
    The gap must stand out from the line's own word spacing, so justified lines never split."""
    plain = [i for i, w in enumerate(words) if not w.marker]
    gaps = [(words[j].x0 - words[plain[k - 1]].x1, j) for k, j in enumerate(plain) if k > 0]
    for gap, j in gaps:
        others = sorted(g for g, i in gaps if i != j)
        typical = others[len(others) // 2] if len(others) >= 3 else (others[0] if others else 0.0)
        wide = gap > 2.5 * typical and gap > size if others else gap > 3 * size
        if wide and sum(1 for w in words[j:] if not w.marker) <= TRAIL_MAX_WORDS and is_cell_text(words[j:]):
            return j
    return len(words)


_TRAILING_YEAR = re.compile(rf"(.+\s)?{CENTURY}\d\d(\s*[-–]\s*{CENTURY}\d\d)?")


def is_cell_text(words: list[Word]) -> bool:
    """What a right-hand cell holds: a year or period (perhaps after a country), or a country."""
    from pipeline.model.countries import resolve

    text = " ".join(w.text for w in words if not w.marker)
    return bool(_TRAILING_YEAR.fullmatch(text)) or resolve(text) is not None


def ordered_words(lines: list[Line]) -> list[tuple[Word, bool]]:
    """The block's words in reading order: a left column (years of a timeline) first, then the
    main text, then right-hand cells (a year or country set apart). The flag marks a part's start."""
    lead_x = lead_column(lines)
    lead: list[tuple[Word, bool]] = []
    main: list[tuple[Word, bool]] = []
    trail: list[tuple[Word, bool]] = []
    for line in lines:
        words = list(line.words)
        k = 0
        if lead_x is not None and abs(line.x0 - lead_x) > ALIGN:
            k = next(i for i, w in enumerate(words) if abs(w.x0 - lead_x) <= ALIGN and not w.marker)
        t = k + trail_start(words[k:], line.size) if len(lines) <= TRAIL_MAX_LINES else len(words)
        for part, target in ((words[:k], lead), (words[k:t], main), (words[t:], trail)):
            target.extend((w, i == 0) for i, w in enumerate(part))
    return lead + main + trail


def spans_of(lines: list[Line], small: bool) -> tuple[list[Span], str | None]:
    spans: list[Span] = []
    bullet = None
    words = ordered_words(lines)
    if words and words[0][0].text in BULLETS and len(words) > 1:
        bullet = words[0][0].text
        words = words[1:]
    prev: Word | None = None
    right_edge = max(line.x1 for line in lines)
    for w, line_start in words:
        sep = ""
        if prev is not None and not w.marker:
            glued = not line_start and w.x0 - prev.x1 < 0.12 * w.size
            url_wrap = (
                line_start
                and small
                and _URL_TAIL.search(_tail_text(spans))
                and prev.x1 >= right_edge - 2 * prev.size
            )
            broken = (
                line_start
                and not url_wrap
                and LINE_END_HYPHEN.search(prev.text) is not None
                and w.text[:1].isalpha()
                and bool(spans)
                and not spans[-1].marker
                and spans[-1].text.endswith("-")
            )
            if broken:  # "migra-|tion" or "co-|ordination": decided over the whole document
                spans[-1] = replace(spans[-1], text=spans[-1].text[:-1] + SOFT)
            sep = "" if glued or url_wrap or broken else " "
        if w.marker:  # "4,5" cites two notes
            spans.extend(
                Span(n, bold=w.bold, marker=True, where=Where(page=None, bbox=w.bbox))
                for n in w.text.split(",")
                if n
            )
        elif spans and not spans[-1].marker and spans[-1].bold == w.bold:
            last = spans[-1]
            spans[-1] = Span(last.text + sep + w.text, bold=w.bold)
        else:
            spans.append(Span(sep + w.text, bold=w.bold))
        prev = w
    return spans, bullet


def _tail_text(spans: list[Span]) -> str:
    for s in reversed(spans):
        if not s.marker:
            return s.text
    return ""
