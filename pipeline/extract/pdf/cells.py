"""Cells of a row: a lead column of years, right-hand cells beside a title, words in reading order;
and the boxes of a designed page (a grid of cells read box by box)."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cached_property
from itertools import pairwise

from pipeline.extract.pdf.hyphenation import BREAK, LINE_END_HYPHEN
from pipeline.extract.pdf.lines import Line
from pipeline.extract.pdf.words import Word
from pipeline.model.document import Span, Where
from pipeline.model.domain import CENTURY

BULLETS = {"•", "▪", "◦", "‣", "⁃", "–", "-", "■", "□", "➢", "►"}
_URL_TAIL = re.compile(r"(https?://|www\.)\S*$")
LEAD_MAX_CHARS = 6  # a left column holds years, "∨", dashes: short tokens
ALIGN = 1.5  # points within which two word starts are aligned...
ALIGN_EMS = 0.25  # ... or this share of the size: a line may open on a word space the engine left
# there, or start a little in or out (optical margin alignment)
TRAIL_MAX_WORDS = 4  # a right-hand cell holds a year or a country
TRAIL_MAX_LINES = 4  # ... beside a title, never in a paragraph
CELL_GAP_EMS = 1.2  # a gap this wide, in ems, between two words of a row parts it into cells
CELL_GAP_RATIO = 3.0  # ... when it is also this many times the row's typical word gap
LOOSE_GAP_EMS = 2.5  # ... or, in a row set short of its region's right edge, a gap this wide in ems
CELL_MIN_ROWS = 2  # rows parted into cells that make a region a grid of boxes
CELL_LOOK = 2  # rows looked at above and below for the same column of white
CELL_SIZE_SHARE = 0.05  # stacked lines of one box differ in size by at most this share
TRAIL_GAP_RATIO = 2.5  # the white before a right-hand cell: this many times the line's typical space
TRAIL_GAP_EMS = 0.5  # ... and wider than this share of the size
TOUCH_SHARE = 0.5  # a cell set edge to edge: less white than this share of the typical space
CONTINUES = re.compile(r"^[a-z(\[{]")  # a wrapped line goes on in lower case or after a bracket


def align(size: float) -> float:
    """Points within which two word starts set in ``size`` are in one column of text."""
    return max(ALIGN, ALIGN_EMS * size)


def aligned(a: float, b: float, size: float) -> bool:
    """Two word starts (or a start and a column's x) in one column of text set in ``size``."""
    return abs(a - b) <= align(size)


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
            if aligned(line.x0, x, line.size):
                continue
            at = next(
                (i for i, w in enumerate(line.words) if aligned(w.x0, x, line.size) and not w.marker), None
            )
            if at is None and line.x1 < x and sum(len(w.text) for w in line.words) <= LEAD_MAX_CHARS:
                continue  # the lead column goes on below the text ("2014 / ∨ / 2017" beside two lines)
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
    The white before it must stand out from the line's own word spacing (``TRAIL_GAP_RATIO``
    times its typical space and over ``TRAIL_GAP_EMS``), so justified lines, whose spaces are
    alike, never split; or the cell is set edge to edge after a name that fills its column: no
    space at all between them (less than ``TOUCH_SHARE`` of the line's typical space), in
    another weight."""
    plain = [i for i, w in enumerate(words) if not w.marker]
    gaps = [(words[j].x0 - words[plain[k - 1]].x1, plain[k - 1], j) for k, j in enumerate(plain) if k > 0]
    spaces = sorted(g for g, _, _ in gaps if g <= size)  # word spaces, not the white before a cell
    for gap, i, j in gaps:
        others = [g for g in spaces if g != gap]
        typical = others[len(others) // 2] if others else 0.0
        if others:
            wide = gap > TRAIL_GAP_RATIO * typical and gap > TRAIL_GAP_EMS * size
            touching = gap < TOUCH_SHARE * typical and words[i].bold != words[j].bold
        else:
            wide, touching = gap > 3 * size, False
        if (
            (wide or touching)
            and sum(1 for w in words[j:] if not w.marker) <= TRAIL_MAX_WORDS
            and is_cell_text(words[j:])
        ):
            return j
    return len(words)


def cell_columns(lines: list[Line], starts: list[int]) -> list[float]:
    """The x where each right-hand cell column starts, from the first line that has cells
    (``starts``: where each line's cells start): its cells parted at gaps as wide as the one
    before the first cell. Empty when no line has cells."""
    for line, t in zip(lines, starts, strict=True):
        cells = [w for w in line.words[t:] if not w.marker]
        if cells:
            xs = [cells[0].x0]
            for a, b in pairwise(cells):
                if b.x0 - a.x1 > TRAIL_GAP_EMS * line.size:
                    xs.append(b.x0)
            return xs
    return []


def goes_on_cells(line: Line, column: float) -> int:
    """Index where ``line`` goes on the cells of the lines above (a country wrapped in its column
    beside a wrapped name): its words from there start at or right of the cells' column, white
    before them; else len(words)."""
    words = line.words
    at = next((i for i, w in enumerate(words) if w.x0 >= column - align(line.size)), None)
    if at is None or any(w.marker for w in words[at:]):
        return len(words)
    if at > 0 and column - words[at - 1].x1 < TRAIL_GAP_EMS * line.size:
        return len(words)  # a word reaches into the column: no cell beside it
    return at


_TRAILING_YEAR = re.compile(rf"(.+\s)?{CENTURY}\d\d(\s*[-–]\s*{CENTURY}\d\d)?")


def is_cell_text(words: list[Word]) -> bool:
    """What a right-hand cell holds: a year or period (perhaps after a country), or a country."""
    from pipeline.model.countries import resolve

    text = " ".join(w.text for w in words if not w.marker)
    return bool(_TRAILING_YEAR.fullmatch(text)) or resolve(text) is not None


def ordered_words(lines: list[Line]) -> list[tuple[Word, bool]]:
    """The block's words in reading order: a left column (years of a timeline) first, then the
    main text, then right-hand cells (a year or country set apart), column by column: a cell
    wrapped beside a wrapped name ("United / Kingdom") reads before the year beside it. The flag
    marks a part's start."""
    lead_x = lead_column(lines)
    leads: list[int] = []
    trails: list[int] = []
    for line in lines:
        words = list(line.words)
        k = 0
        if lead_x is not None and not aligned(line.x0, lead_x, line.size):
            k = next(
                (i for i, w in enumerate(words) if aligned(w.x0, lead_x, line.size) and not w.marker),
                len(words),
            )
        leads.append(k)
        trails.append(k + trail_start(words[k:], line.size) if len(lines) <= TRAIL_MAX_LINES else len(words))
    columns = cell_columns(lines, trails)
    if columns:
        first = next(n for n, (line, t) in enumerate(zip(lines, trails, strict=True)) if t < len(line.words))
        for n in range(first + 1, len(lines)):
            if trails[n] == len(lines[n].words):
                trails[n] = max(leads[n], goes_on_cells(lines[n], columns[0]))
    lead: list[tuple[Word, bool]] = []
    main: list[tuple[Word, bool]] = []
    cells: list[list[tuple[Word, bool]]] = [[] for _ in columns]
    for line, k, t in zip(lines, leads, trails, strict=True):
        words = list(line.words)
        for part, target in ((words[:k], lead), (words[k:t], main)):
            target.extend((w, i == 0) for i, w in enumerate(part))
        slack = align(line.size)
        for c in range(len(columns)):
            right = columns[c + 1] if c + 1 < len(columns) else float("inf")
            part = [w for w in words[t:] if w.x0 < right - slack and (c == 0 or w.x0 >= columns[c] - slack)]
            cells[c].extend((w, i == 0) for i, w in enumerate(part))
    return lead + main + [word for column in cells for word in column]


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
            broken = (  # the line's text ends in letter + hyphen (its last word may be the hyphen alone)
                line_start
                and not url_wrap
                and w.text[:1].isalpha()
                and bool(spans)
                and not spans[-1].marker
                and LINE_END_HYPHEN.search(spans[-1].text) is not None
            )
            if broken:  # "migra-|tion" or "co-|ordination": decided over the whole document
                spans[-1] = replace(spans[-1], text=spans[-1].text + BREAK)
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


# --------------------------------------------------------------------------- designed pages


def _lead_token(words: list[Word]) -> bool:
    """A timeline's year column: a year, "∨" or a dash standing left of the text."""
    return sum(len(w.text) for w in words) <= LEAD_MAX_CHARS and all(
        re.fullmatch(r"1[89]\d\d|20\d\d|∨|–|—|-|to|●", w.text) for w in words
    )


def unstretched(row: list[Word], right: float | None) -> bool:
    """Justification stretches a line to the right edge of its measure: a row that stops more than
    an em short of ``right`` (its region's right edge) was set as it is, so its wide gaps are white
    between cells, never word spaces spread out."""
    if right is None or not row:
        return False
    last = max(row, key=lambda w: w.x1)
    return right - last.x1 > last.size


def _loose(gap: float, size: float, unstretched_row: bool) -> bool:
    """A gap wide enough to part an unstretched row on its own (without the ratio or a neighbour)."""
    return unstretched_row and gap >= LOOSE_GAP_EMS * size


def row_cells(row: list[Word], right: float | None = None) -> list[list[Word]]:
    """A row's words parted into cells at gaps that stand out: wider than ``CELL_GAP_EMS`` of the
    smaller neighbour and ``CELL_GAP_RATIO`` times the row's typical gap, or, in a row set short of
    ``right`` (see ``unstretched``), wider than ``LOOSE_GAP_EMS`` (a row of values in boxes set at
    equal distances). A lead year column and a right-hand cell (a year or a country beside a
    title) stay with their row: ``ordered_words`` reads those."""
    words = sorted(row, key=lambda w: w.x0)
    gaps = [b.x0 - a.x1 for a, b in pairwise(words)]
    loose = unstretched(words, right)
    cells: list[list[Word]] = [[words[0]]] if words else []
    for i, gap in enumerate(gaps, start=1):
        others = sorted(g for k, g in enumerate(gaps, start=1) if k != i)
        typical = others[len(others) // 2] if len(others) >= 3 else min(others, default=0.0)
        size = min(words[i - 1].size, words[i].size)
        wide = gap >= CELL_GAP_EMS * size and (gap >= CELL_GAP_RATIO * typical or _loose(gap, size, loose))
        if (
            wide
            and not (len(cells) == 1 and _lead_token(cells[0]))
            and not is_cell_text([w for w in words[i:] if not _is_raised(w, words)])
        ):
            cells.append([words[i]])
        else:
            cells[-1].append(words[i])
    return cells


def _is_raised(word: Word, row: list[Word]) -> bool:
    """Digits set smaller than the row and above its baseline (a note marker): not cell text."""
    return word.text.replace(",", "").isdigit() and word.size < 0.9 * max(w.size for w in row)


def _shared(
    rows: list[list[Word]],
    parted: list[list[list[Word]]],
    r: int,
    step: int,
    strip: tuple[float, float],
    width: float,
) -> bool:
    """The nearest row above (step -1) or below (+1) with words on both sides of ``strip`` is
    parted into cells there too: a column of white, not a wide space of one line (justified
    lines' spaces, however wide, are alike, so they part no row). Rows on one side only (a name
    wrapped under its first line) are passed over, up to ``CELL_LOOK`` rows."""
    k = r + step
    while 0 <= k < len(rows) and abs(k - r) <= CELL_LOOK:
        row = rows[k]
        if min(w.x0 for w in row) < strip[0] and max(w.x1 for w in row) > strip[1]:
            cells = parted[k]
            whites = [(max(w.x1 for w in a), min(w.x0 for w in b)) for a, b in pairwise(cells)]
            return any(min(b, strip[1]) - max(a, strip[0]) >= width for a, b in whites)
        if _free_width(row, strip) < width:
            return False
        k += step
    return False


def _free_width(row: list[Word], strip: tuple[float, float]) -> float:
    """The widest part of ``strip`` (x0, x1) that no word of ``row`` covers."""
    edges = [strip[0]]
    for w in sorted(row, key=lambda w: w.x0):
        if w.x1 <= strip[0] or w.x0 >= strip[1]:
            continue
        edges += [max(w.x0, strip[0]), min(w.x1, strip[1])]
    edges.append(strip[1])
    return max(b - a for a, b in zip(edges[::2], edges[1::2], strict=True))


@dataclass(frozen=True)
class _Cell:
    words: tuple[Word, ...]
    row: int
    alone: bool  # the only cell of its row

    @cached_property
    def x0(self) -> float:
        return min(w.x0 for w in self.words)

    @cached_property
    def x1(self) -> float:
        return max(w.x1 for w in self.words)

    @cached_property
    def top(self) -> float:
        return min(w.top for w in self.words)

    @cached_property
    def bottom(self) -> float:
        return max(w.bottom for w in self.words)

    @cached_property
    def size(self) -> float:
        sizes: dict[float, int] = {}
        for w in self.words:
            sizes[round(w.size, 1)] = sizes.get(round(w.size, 1), 0) + len(w.text)
        return max(sizes, key=lambda s: sizes[s])


def _goes_on(above: _Cell, cell: _Cell) -> float | None:
    """How much ``cell`` overlaps ``above`` horizontally when it continues that box's text: set
    right under it in the same size, and either alone on its row (a wrapped line: the cells
    beside a row stand on its first line) or going on a wrapped phrase (lower case, a bracket).
    None when it opens a box of its own."""
    overlap = min(above.x1, cell.x1) - max(above.x0, cell.x0)
    gap = cell.top - above.bottom
    if overlap <= 0 or not -0.3 * cell.size <= gap <= cell.size:
        return None
    if abs(cell.size - above.size) > CELL_SIZE_SHARE * above.size:
        return None
    first = next(w.text for w in sorted(cell.words, key=lambda w: w.x0))
    if not cell.alone and not CONTINUES.match(first):
        return None  # a row of cells opens boxes of its own, unless the line goes on a phrase
    return overlap


def grid_boxes(rows: list[list[Word]]) -> list[list[list[Word]]] | None:
    """A region whose rows are parted into cells (labels over values, names beside counts, a
    right beside its status) read box by box: each box's lines stacked, the boxes in the order
    of their first row, left to right. None for a region that is no such grid."""
    right = max((w.x1 for row in rows for w in row), default=None)
    raw = [row_cells(row, right) for row in rows]
    parted = list(raw)
    for r, cells in enumerate(raw):  # a gap no row beside shares is a wide space in prose...
        loose = unstretched(rows[r], right)  # ... unless the row was set short of the measure
        kept = [cells[0]] if cells else []
        for cell in cells[1:]:
            strip = (max(w.x1 for w in kept[-1]), min(w.x0 for w in cell))
            size = min(kept[-1][-1].size, cell[0].size)
            width = CELL_GAP_EMS * size
            if _loose(strip[1] - strip[0], size, loose) or any(
                _shared(rows, raw, r, step, strip, width) for step in (-1, 1)
            ):
                kept.append(cell)
            else:
                kept[-1] = kept[-1] + cell
        parted[r] = kept
    if sum(1 for cells in parted if len(cells) > 1) < CELL_MIN_ROWS:
        return None
    boxes: list[list[_Cell]] = []
    for r, cells in enumerate(parted):
        for words in cells:
            piece = _Cell(tuple(words), r, len(cells) == 1)
            options = [
                (overlap, box)
                for box in boxes
                if box[-1].row < r and (overlap := _goes_on(box[-1], piece)) is not None
            ]
            if options:
                max(options, key=lambda t: t[0])[1].append(piece)
            else:
                boxes.append([piece])
    boxes.sort(key=lambda box: (box[0].row, box[0].x0))
    return [[list(c.words) for c in box] for box in boxes]
