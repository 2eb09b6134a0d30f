"""Inline layout: runs -> words -> broken lines, and drawing lines on a canvas.

Words are drawn one by one with a real space character after each (so the
text layer has proper word spacing even when lines are justified); footnote
markers are drawn as smaller digits raised above the baseline. A layout's
:class:`~.setting.Setting` may draw no space glyphs, shuffle the drawing order,
use ligature glyphs, hyphenate, or raise markers with the text-rise operator.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from reportlab.pdfgen.canvas import Canvas

from .fonts import FontFamily
from .fonts import width as text_width
from .model import Runs
from .setting import PLAIN, Setting, break_points, ligate

Color = tuple[float, float, float]


@dataclass(frozen=True)
class TextStyle:
    family: FontFamily
    size: float
    leading: float
    color: Color = (0.0, 0.0, 0.0)
    force_bold: bool = False
    marker_scale: float = 0.8
    marker_rise: float = 0.38  # fraction of ``size``
    justify: bool = False
    setting: Setting = PLAIN

    @property
    def marker_size(self) -> float:
        return round(self.size * self.marker_scale, 2)

    def with_(self, **changes: object) -> TextStyle:
        return replace(self, **changes)  # type: ignore[arg-type]


@dataclass(frozen=True)
class Piece:
    text: str
    font: str
    size: float
    rise: float = 0.0
    color: Color = (0.0, 0.0, 0.0)
    setting: Setting = PLAIN

    @property
    def width(self) -> float:
        return text_width(self.text, self.font, self.size)


@dataclass
class Word:
    pieces: list[Piece] = field(default_factory=list)
    markers: list[int] = field(default_factory=list)

    @property
    def width(self) -> float:
        return sum(p.width for p in self.pieces)


@dataclass
class Line:
    words: list[Word]
    indent: float
    space_font: str  # font of a space between words of different fonts
    space_size: float
    last: bool = False  # last line of its paragraph (never justified)

    def gap(self, i: int) -> Piece:
        """The space drawn after word ``i``: in the words' own font when both
        sides share it (so bold spans stay bold), else in the regular font."""
        left = [p for p in self.words[i].pieces if not p.rise] or self.words[i].pieces
        right = self.words[i + 1].pieces[0]
        font = left[-1].font if left[-1].font == right.font and not right.rise else self.space_font
        return Piece(" ", font, self.space_size, 0.0, left[-1].color, left[-1].setting)

    def gap_width(self, i: int) -> float:
        """The advance after word ``i``: its space glyph, or the setting's gap when none is drawn."""
        gap = self.gap(i)
        return gap.width if gap.setting.space_glyphs else gap.setting.word_gap * self.space_size

    @property
    def natural_width(self) -> float:
        return sum(w.width for w in self.words) + sum(self.gap_width(i) for i in range(len(self.words) - 1))

    @property
    def markers(self) -> tuple[int, ...]:
        return tuple(m for w in self.words for m in w.markers)


def pieces(
    text: str, style: TextStyle, bold: bool, *, size: float | None = None, rise: float = 0.0
) -> list[Piece]:
    """Pieces for ``text`` in ``style`` (glyph fallback applied)."""
    sz = style.size if size is None else size
    if style.setting.ligatures:
        text = ligate(text)
    return [
        Piece(t, font, sz, rise, style.color, style.setting)
        for t, font in style.family.segments(text, bold or style.force_bold)
    ]


def words_of(runs: Runs, style: TextStyle) -> list[Word]:
    words: list[Word] = [Word()]
    for run in runs:
        if run.marker is not None:
            words[-1].pieces += pieces(
                run.text, style, run.bold, size=style.marker_size, rise=style.size * style.marker_rise
            )
            words[-1].markers.append(run.marker)
            continue
        for i, chunk in enumerate(re.split(r"\s+", run.text)):
            if i:
                words.append(Word())
            if chunk:
                words[-1].pieces += pieces(chunk, style, run.bold)
    return [w for w in words if w.pieces]


def _split_word(word: Word, room: float) -> tuple[Word, Word]:
    """Split ``word`` so that the head fits in ``room`` (at least one character)."""
    head, tail = Word(), Word()
    used = 0.0
    for piece in word.pieces:
        if tail.pieces:
            tail.pieces.append(piece)
            continue
        if used + piece.width <= room:
            head.pieces.append(piece)
            used += piece.width
            continue
        cut = 0
        for n in range(1, len(piece.text) + 1):
            if used + text_width(piece.text[:n], piece.font, piece.size) > room:
                break
            cut = n
        if not head.pieces and cut == 0:
            cut = 1
        if cut:
            head.pieces.append(replace(piece, text=piece.text[:cut]))
        if cut < len(piece.text):
            tail.pieces.append(replace(piece, text=piece.text[cut:]))
    # markers travel with the part that holds the raised pieces
    if any(p.rise for p in tail.pieces):
        tail.markers = list(word.markers)
    else:
        head.markers = list(word.markers)
    return head, tail


def _hyphenate(word: Word, room: float) -> tuple[Word, Word] | None:
    """``word`` broken at its last break point whose head (with its hyphen) fits in ``room``."""
    if len(word.pieces) != 1 or word.markers or word.pieces[0].rise:
        return None
    piece = word.pieces[0]
    for k, end in break_points(piece.text):
        head = replace(piece, text=piece.text[:k] + (piece.setting.hyphen if end else ""))
        if head.width <= room:
            return Word([head]), Word([replace(piece, text=piece.text[k:])])
    return None


def break_lines(
    runs: Runs,
    style: TextStyle,
    width: float,
    *,
    first_indent: float = 0.0,
    indent: float = 0.0,
    prefix: Sequence[Piece] = (),
    min_head: float = 30.0,
) -> list[Line]:
    """Greedy line breaking. Words longer than a line (URLs) are broken
    mid-token: they fill the current line when at least ``min_head`` points are
    left, else they start on a new line."""
    space = max(text_width(" ", f, style.size) for f in (style.family.regular, style.family.bold))
    if not style.setting.space_glyphs:
        space = style.setting.word_gap * style.size
    words = words_of(runs, style)
    if prefix:
        lead = Word(list(prefix))
        words = (
            [lead] + words
            if not words
            else [Word(list(prefix) + words[0].pieces, words[0].markers)] + words[1:]
        )
    lines: list[Line] = []
    current: list[Word] = []
    used = 0.0

    def avail() -> float:
        return width - (first_indent if not lines else indent)

    def flush() -> None:
        nonlocal current, used
        lines.append(Line(current, first_indent if not lines else indent, style.family.regular, style.size))
        current, used = [], 0.0

    queue = list(words)
    while queue:
        word = queue.pop(0)
        gap = space if current else 0.0
        if used + gap + word.width <= avail():
            current.append(word)
            used += gap + word.width
            continue
        fresh_room = width - indent
        split = _hyphenate(word, avail() - used - gap) if current and style.setting.hyphenate else None
        if split is not None:
            current.append(split[0])
            flush()
            queue.insert(0, split[1])
            continue
        if current and word.width <= fresh_room:
            flush()
            queue.insert(0, word)
            continue
        room = avail() - used - gap
        if current and room < min_head:
            flush()
            queue.insert(0, word)
            continue
        head, tail = _split_word(word, room)
        current.append(head)
        used += gap + head.width
        flush()
        if tail.pieces:
            queue.insert(0, tail)
    if current or not lines:
        flush()
    lines[-1].last = True
    return lines


def draw_line(
    canvas: Canvas, line: Line, x: float, baseline: float, width: float, justify: bool = False
) -> None:
    """Draw ``line`` with its left edge at ``x`` (indent added) and PDF baseline
    ``baseline`` (bottom-up coordinates)."""
    extra = 0.0
    if justify and not line.last and len(line.words) > 1:
        extra = max(0.0, (width - line.indent - line.natural_width) / (len(line.words) - 1))
    cx = x + line.indent
    placed: list[list[tuple[Piece, float]]] = []  # per word: its pieces and the gap after it
    for i, word in enumerate(line.words):
        placed.append([])
        for piece in word.pieces:
            placed[-1].append((piece, cx))
            cx += piece.width
        if i < len(line.words) - 1:
            placed[-1].append((line.gap(i), cx))
            cx += line.gap_width(i) + extra
    setting = line.words[0].pieces[0].setting if line.words and line.words[0].pieces else PLAIN
    for word_pieces in setting.shuffled(placed, round(x, 2), round(baseline, 2)):
        for piece, px in word_pieces:
            draw_piece(canvas, piece, px, baseline)


def draw_piece(canvas: Canvas, piece: Piece, x: float, baseline: float) -> None:
    """Draw ``piece``; without space glyphs each run of non-blank characters is placed on its
    own at the x it would have after the blanks (which are not drawn)."""
    setting = piece.setting
    parts = (
        [(0, piece.text)]
        if setting.space_glyphs
        else [(m.start(), m.group()) for m in re.finditer(r"\S+", piece.text)]
    )
    canvas.setFillColorRGB(*piece.color)
    for start, text in parts:
        px = x + (text_width(piece.text[:start], piece.font, piece.size) if start else 0.0)
        if piece.rise and setting.text_rise:
            obj = canvas.beginText(px, baseline)
            obj.setFont(piece.font, piece.size)
            obj.setRise(piece.rise)
            obj.textOut(text)
            obj.setRise(0)  # the rise is text state: it outlives the text object unless reset
            canvas.drawText(obj)
        else:
            canvas.setFont(piece.font, piece.size)
            canvas.drawString(px, baseline + piece.rise, text)


def run_width(runs: Runs, style: TextStyle) -> float:
    """Natural width of runs on one line."""
    ws = words_of(runs, style)
    return sum(w.width for w in ws) + text_width(" ", style.family.regular, style.size) * max(0, len(ws) - 1)


__all__ = [
    "TextStyle",
    "Piece",
    "Word",
    "Line",
    "pieces",
    "words_of",
    "break_lines",
    "draw_line",
    "draw_piece",
    "run_width",
]
