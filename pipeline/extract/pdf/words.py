"""Words from a page's laid-out characters.

Why not pdfplumber's ``extract_words``: it splits a line into words at a blank character or at
a gap wider than a fixed tolerance (``x_tolerance`` points, or ``x_tolerance_ratio`` times the
previous character's size), and it groups characters by font in content-stream order. Profiles
exported from layout software draw no space glyphs: each word is placed on its own, justified
word gaps go down to about 0.18 em (1.2 pt in 6.5 pt notes, less than the 3 pt default) while a
tracked heading's letter gaps can be wider than that; and their drawing order is not the reading
order. So here a word ends at a blank, or at a gap that stands out from the line's own letter
spacing by a share of the font size (``WORD_GAP_EMS``; pdfplumber's fixed 3 points would
split a tracked heading and glue a note's words), and characters are grouped by font and
size over the whole page, whatever order they were drawn in. Where a PDF writes space glyphs
and does not track its letters wider than 3 points, the words are the ones
``page.extract_words(**WORD_OPTIONS)`` gives (a test checks it on the real profile and three
typeset layouts). Words are built straight from pdfminer's layout objects, without making
pdfplumber's char dicts (some thirty attributes each).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from itertools import groupby, pairwise

import pdfplumber
import pdfplumber.page
from pdfminer.layout import LTChar, LTContainer
from pdfplumber.utils.text import LIGATURES

from pipeline.extract.pdf import typography as ty
from pipeline.model.geometry import BBox


@dataclass(frozen=True)
class Word:
    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float
    bold: bool = False
    marker: bool = False

    @property
    def bbox(self) -> BBox:
        return (self.x0, self.top, self.x1, self.bottom)


WORD_OPTIONS = {"extra_attrs": ["fontname", "size"], "keep_blank_chars": False, "use_text_flow": False}
TOLERANCE = 3  # pdfplumber's default x and y tolerance for words
Char = tuple[str, float, float, float, float, float, str]  # text, x0, top, x1, bottom, size, font
WORD_GAP_EMS = 0.1  # a gap wider than the line's letter spacing by this share of the size ends a word
MAX_TRACKING_EMS = 0.3  # letter spacing counted at most this wide (a line of few letters far apart)


def words_of_dicts(raw: list[dict]) -> tuple[Word, ...]:
    return tuple(
        Word(
            text=w["text"],
            x0=float(w["x0"]),
            top=float(w["top"]),
            x1=float(w["x1"]),
            bottom=float(w["bottom"]),
            size=float(w["size"]),
            bold=ty.is_bold_font(w["fontname"]),
        )
        for w in raw
        if w["text"].strip()
    )


def page_words(page: pdfplumber.page.Page) -> tuple[Word, ...] | None:
    """The page's words (see the module: where the PDF writes space glyphs, the words
    ``page.extract_words(**WORD_OPTIONS)`` gives), built straight from the laid-out characters.
    None when the page has rotated text."""
    height = page.height
    mb_x0, mb_top = page.mediabox[:2]
    chars: list[Char] = []
    for obj in _layout_chars(page.layout):
        if not obj.upright:
            return None
        fontname = obj.fontname
        if isinstance(fontname, bytes):  # pragma: no cover - rare byte-encoded names
            fontname = pdfplumber.page.fix_fontname_bytes(fontname)
        x0, x1 = (obj.x0 + mb_x0, obj.x1 + mb_x0) if mb_x0 != 0 else (obj.x0, obj.x1)
        chars.append(
            (
                obj.get_text(),
                x0,
                (height - obj.y1) + mb_top,
                x1,
                (height - obj.y0) + mb_top,
                obj.size,
                fontname,
            )
        )
    return words_of_chars(chars)


def words_of_chars(chars: list[Char]) -> tuple[Word, ...]:
    """Pure: a page's characters (in any order) -> its words. Like pdfplumber, characters of one
    font and size are split into lines by top, then into words; but grouped over the whole page,
    not in runs of drawing order."""
    groups: dict[tuple[str, float], list[tuple]] = {}
    for char in chars:
        groups.setdefault((char[6], char[5]), []).append(char)
    words: list[Word] = []
    for group in groups.values():
        for line in _lines(group):
            _words_of_line(line, words)
    return tuple(words)


def _layout_chars(container) -> Iterator[LTChar]:
    for obj in container:
        if isinstance(obj, LTChar):
            yield obj
        elif isinstance(obj, LTContainer):
            yield from _layout_chars(obj)


def _lines(chars: list[tuple]) -> list[list[tuple]]:
    """pdfplumber's cluster_objects on top with its tolerance, each line sorted by x0."""
    tops = sorted({c[2] for c in chars})
    cluster: dict[float, int] = {}
    index, last = 0, None
    for top in tops:
        if last is not None and top > last + TOLERANCE:
            index += 1
        cluster[top] = index
        last = top
    ordered = sorted(chars, key=lambda c: cluster[c[2]])
    return [sorted(group, key=lambda c: c[1]) for _, group in groupby(ordered, key=lambda c: cluster[c[2]])]


def letter_spacing(line: list[tuple]) -> float:
    """The line's typical gap between consecutive characters (sorted by x): most of them stand
    inside words, so the median is its letter spacing (tracking and kerning included)."""
    gaps = sorted(b[1] - a[3] for a, b in pairwise(line))
    return min(gaps[len(gaps) // 2], MAX_TRACKING_EMS * line[0][5]) if gaps else 0.0


def _words_of_line(line: list[tuple], out: list[Word]) -> None:
    current: list[tuple] = []
    word_gap = letter_spacing(line) + WORD_GAP_EMS * line[0][5] if line else 0.0
    for char in line:
        text = char[0]
        if text.isspace() or text == "":  # a blank ends a word; an empty char is a word of its own (dropped)
            _flush(current, out)
            current = []
        elif current and (
            char[1] < current[-1][1]
            or char[1] > current[-1][3] + word_gap
            or abs(char[2] - current[-1][2]) > TOLERANCE
        ):
            _flush(current, out)
            current = [char]
        else:
            current.append(char)
    _flush(current, out)


def _flush(chars: list[tuple], out: list[Word]) -> None:
    if not chars:
        return
    text = "".join(LIGATURES.get(c[0], c[0]) for c in chars)
    if text.strip():
        first = chars[0]
        out.append(
            Word(
                text=text,
                x0=float(min(c[1] for c in chars)),
                top=float(min(c[2] for c in chars)),
                x1=float(max(c[3] for c in chars)),
                bottom=float(max(c[4] for c in chars)),
                size=float(first[5]),
                bold=ty.is_bold_font(first[6]),
            )
        )
