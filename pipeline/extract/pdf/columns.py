"""Reading order on a page: which words form a column, and in which order regions are read.

A page is cut into horizontal bands. Rows (words sharing a baseline region) that cross the
gutter, and headings with nothing beside them, are full width; runs of the other rows form a
two-column band, read left column first, then right. The gutter is found from the words: an
x position, in the middle of the text block, that many rows leave empty with words on both
sides and a narrow gap (a column gap, not the space before a right-aligned number).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

import numpy as np

from pipeline.extract.pdf.typography import HEADING_RATIO, SMALL_RATIO
from pipeline.extract.pdf.words import Word
from pipeline.model.geometry import overlap_ratio_to_smaller_height

CENTRAL = (0.25, 0.75)  # the gutter lies in this share of the text block's width
GAP_EMS = (0.6, 4.5)  # a column gap is wider than a word space and narrower than a tab stop
MIN_SUPPORT = 4  # rows that must leave the gutter empty
FILLED_SHARE = 0.4  # share of the left column's body lines that run up to the gutter (wrapped text)
PANEL_GAP_EMS = (1.5, 10.0)  # the white between a designed page's sidebar and its main panel
PANEL_WORD = 3  # a panel's row holds a word of at least this many letters (not a column of counts)
CUT_SLACK = 0.2  # bodies: how far a section's right column may start from where its heading says
MAX_OFFSET_BODIES = 3.0  # a heading's space before, kept at the top of a column, is at most this
SPACE_EMS = 0.25  # a word space, in ems of the word's size
BLOCK_GAP_BODIES = 0.3  # a gap this much wider than the leading parts two blocks


def rows_of(words: list[Word]) -> list[list[Word]]:
    """Words grouped by vertical overlap across the whole width, top to bottom."""
    rows: list[list[Word]] = []
    for w in sorted(words, key=lambda w: (w.top, w.x0)):
        for row in reversed(rows[-3:]):
            if any(overlap_ratio_to_smaller_height(w.bbox, o.bbox) >= 0.4 for o in row):
                row.append(w)
                break
        else:
            rows.append([w])
    return [sorted(r, key=lambda w: w.x0) for r in rows]


def find_gutter(rows: list[list[Word]]) -> float | None:
    """The x of the gutter between two columns, or None for a single-column page.

    Candidates are the middles of empty strips that rows leave in the middle of the text block.
    For each, the runs of consecutive rows that no word crosses are columns if both sides hold
    at least ``MIN_SUPPORT`` lines of prose, the empty strip between them is a column gap
    (``GAP_EMS``), and the left side's lines mostly run up to that strip (wrapped text, not a
    table's labels). A page with no such columns may be a designed page: a sidebar beside a
    main panel is read as two columns too (``_panel_score``).
    """
    words = [w for r in rows for w in r]
    if not words:
        return None
    body = Counter(round(w.size, 1) for w in words).most_common(1)[0][0]
    left, right = min(w.x0 for w in words), max(w.x1 for w in words)
    width = right - left
    lo, hi = left + CENTRAL[0] * width, left + CENTRAL[1] * width
    free = [_free_strips(row, lo, hi, GAP_EMS[0] * body) for row in rows]
    # an empty strip's middle and both its edges: a column's ragged or indented lines make some strips wide
    candidates = sorted({round(x) for strips in free for a, b in strips for x in (a + 1, (a + b) / 2, b - 1)})
    if not candidates:
        return None
    # every candidate against every strip (a row's strips are apart: x lies in one at most) and
    # every word at once, in numpy: this search was a third of the time a page's layout took
    xs = np.array(candidates, dtype=float)[:, None]
    a, b = (np.array([s[k] for strips in free for s in strips], dtype=float) for k in (0, 1))
    support = ((a < xs) & (xs < b)).sum(axis=1)
    supported = [x for x, n in zip(candidates, support.tolist(), strict=True) if n >= 2 * MIN_SUPPORT]
    crossing = _crossing(rows, supported)
    runs = {x: _runs_not_crossing(rows, crossed) for x, crossed in zip(supported, crossing, strict=True)}
    for score_of in (_column_score, _panel_score):  # prose columns first; else a designed page's panels
        best, best_score = None, 0
        for x in supported:
            for run in runs[x]:
                score = score_of(run, x, body)
                if score > best_score:
                    best, best_score = float(x), score
        if best is not None:
            return best
    return None


def _panel_score(run: list[list[Word]], x: float, body: float) -> int:
    """A designed page's sidebar beside its main panel: no prose needed, but labels (words with
    letters) on both sides over at least ``MIN_SUPPORT`` rows each, side by side over most of
    their height, and a wide strip of white between them (``PANEL_GAP_EMS``)."""

    def lettered(w: Word) -> bool:
        return sum(ch.isalpha() for ch in w.text) >= PANEL_WORD

    left_rows = [row for row in run if any(w.x1 <= x and lettered(w) for w in row)]
    right_rows = [row for row in run if any(w.x0 >= x and lettered(w) for w in row)]
    if len(left_rows) < MIN_SUPPORT or len(right_rows) < MIN_SUPPORT:
        return 0
    left = [w for row in run for w in row if w.x1 <= x]
    right = [w for row in run for w in row if w.x0 >= x]
    gap = min(w.x0 for w in right) - max(w.x1 for w in left)
    if not PANEL_GAP_EMS[0] * body <= gap <= PANEL_GAP_EMS[1] * body:
        return 0
    spans = [(min(w.top for w in side), max(w.bottom for w in side)) for side in (left, right)]
    shared = min(spans[0][1], spans[1][1]) - max(spans[0][0], spans[1][0])
    if shared < 0.5 * min(b - a for a, b in spans):
        return 0
    return len(left_rows) + len(right_rows)


def _free_strips(row: list[Word], lo: float, hi: float, min_width: float) -> list[tuple[float, float]]:
    """Empty horizontal strips of a row within [lo, hi], at least ``min_width`` wide."""
    strips = []
    edge = lo
    for w in row:
        if w.x0 - edge >= min_width and w.x0 > lo and edge < hi:
            strips.append((edge, min(w.x0, hi)))
        edge = max(edge, w.x1)
    if hi - edge >= min_width:
        strips.append((edge, hi))
    return strips


def _crossing(rows: list[list[Word]], xs: Sequence[float]) -> list[list[bool]]:
    """For each x, whether each row ``crosses`` it (a word of the row spans it)."""
    if not xs or not rows or not all(rows):  # (reduceat needs every row to hold a word)
        return [[crosses(row, x) for row in rows] for x in xs]
    x0 = np.array([w.x0 for row in rows for w in row], dtype=float)
    x1 = np.array([w.x1 for row in rows for w in row], dtype=float)
    at = np.array(xs, dtype=float)[:, None]
    starts = np.cumsum([0] + [len(row) for row in rows[:-1]])
    crossed: list[list[bool]] = np.logical_or.reduceat((x0 < at) & (at < x1), starts, axis=1).tolist()
    return crossed


def _runs_not_crossing(rows: list[list[Word]], crossed: list[bool]) -> list[list[list[Word]]]:
    """Runs of consecutive rows that do not cross (``crossed``: whether each row does), of
    ``2 * MIN_SUPPORT`` rows or more."""
    runs: list[list[list[Word]]] = [[]]
    for row, crosses_x in zip(rows, crossed, strict=True):
        if crosses_x:
            if runs[-1]:
                runs.append([])
        else:
            runs[-1].append(row)
    return [r for r in runs if len(r) >= 2 * MIN_SUPPORT]


def _prose_rows(run: list[list[Word]], body: float, side) -> int:
    """Rows holding a line of running text on one side: four or more body-size words."""
    return sum(1 for row in run if sum(1 for w in row if side(w) and abs(w.size - body) <= 0.05 * body) >= 4)


def _column_score(run: list[list[Word]], x: float, body: float) -> int:
    left_ends = [max(w.x1 for w in row if w.x1 <= x) for row in run if any(w.x1 <= x for w in row)]
    right_starts = [min(w.x0 for w in row if w.x0 >= x) for row in run if any(w.x0 >= x for w in row)]
    if len(left_ends) < MIN_SUPPORT or len(right_starts) < MIN_SUPPORT:
        return 0
    if (
        min(_prose_rows(run, body, lambda w: w.x1 <= x), _prose_rows(run, body, lambda w: w.x0 >= x))
        < MIN_SUPPORT
    ):
        return 0  # columns of labels and figures (a facts page) are not text columns
    gap = min(right_starts) - max(left_ends)
    if not GAP_EMS[0] * body <= gap <= GAP_EMS[1] * body:
        return 0
    text_ends = [
        max(w.x1 for w in row if w.x1 <= x)
        for row in run
        if any(w.x1 <= x for w in row) and all(abs(w.size - body) <= 0.05 * body for w in row)
    ]
    filled = sum(1 for e in text_ends if e >= max(left_ends) - 4 * body)
    if filled < FILLED_SHARE * len(text_ends):
        return 0
    return len(left_ends) + len(right_starts)


def crosses(row: list[Word], x: float) -> bool:
    return any(w.x0 < x < w.x1 for w in row)


def order_rows(rows: list[list[Word]]) -> list[list[list[Word]]]:
    """A page's rows (from ``rows_of``) as regions in reading order, each a list of its lines
    (one region for a single-column page). Small rows under a full-width small row (a note's
    lines) stay full width. Words of a column are grouped into lines again within the column, as
    rows across the whole width may join lines of two columns set at different heights. A
    two-column band is cut in two where a section set in balanced columns starts beside the
    other column's text (``section_cuts``): each part is read left column, then right."""
    words = [w for r in rows for w in r]
    if not words:
        return []
    gutter = find_gutter(rows)
    if gutter is None:
        return [rows]
    body = Counter(round(w.size, 1) for w in words).most_common(1)[0][0]
    cuts = section_cuts(rows, gutter, body)
    regions: list[list[list[Word]]] = []
    full: list[list[Word]] = []  # consecutive full-width rows: one region
    # the rows of the current band, left and right parts, by the part of the band they are in
    band: dict[int, tuple[list[list[Word]], list[list[Word]]]] = {}

    def close_full() -> None:
        if full:
            regions.append(list(full))
            full.clear()

    def close_band() -> None:
        for part in sorted(band):
            band_left_rows, right_rows = band[part]
            left_rows, after = _split_tail(band_left_rows, right_rows, body)
            for rows_ in (left_rows, right_rows, after):
                words_ = [w for r in rows_ for w in r]
                if words_:
                    regions.append(rows_of(words_))
        band.clear()

    def part_of(side: list[Word], right: bool) -> int:
        top = min(w.top for w in side)
        return sum(1 for cut in cuts if top >= (cut.right_top if right else cut.left_top) - CUT_SLACK * body)

    right_words = [w for r in rows for w in r if w.x0 >= gutter]
    previous_full_small = False
    for row in rows:
        small = all(w.size < SMALL_RATIO * body for w in row)
        if (
            crosses(row, gutter)
            or _spanning_heading(row, gutter, body, right_words)
            or (small and previous_full_small)
            or (full and _last_line(full[-1], row, gutter))
        ):
            close_band()
            full.append(row)
            previous_full_small = small
            continue
        close_full()
        previous_full_small = False
        left_part = [w for w in row if w.x1 <= gutter]
        right_part = [w for w in row if w.x0 >= gutter]
        if left_part:
            band.setdefault(part_of(left_part, False), ([], []))[0].append(left_part)
        if right_part:
            band.setdefault(part_of(right_part, True), ([], []))[1].append(right_part)
    close_band()
    close_full()
    return regions


@dataclass(frozen=True)
class Cut:
    """Where a section set in balanced columns starts inside a two-column band: its heading's
    top in the left column, and the top of the right column's first line of the section."""

    left_top: float
    right_top: float


def section_cuts(rows: list[list[Word]], gutter: float, body: float) -> list[Cut]:
    """Sections set in balanced columns (CSS column sets per section, InDesign balanced frames):
    each section's text fills both columns to the same height, and the next section starts
    below both, its heading at the top of the left column, beside the first line of its right
    column. Read left column whole, then right, such a page loses the order of its sections.

    A section start is proven by three things together, so that a heading inside a continuous
    flow (left column, then right, headings anywhere) is never taken for one:

    * the offset: where a band starts on this page (at the page top or under a full-width row)
      with a heading at the top of its left column, the heading sits a fixed distance below the
      first line of the right column (the heading's space before, kept or dropped at a column
      top). A heading of that size lower in the left column is a section start only when a line
      of the right column starts that same distance above it (within ``CUT_SLACK`` body);
    * that right line starts a block: the line above it in the right column ends a block (its
      white at the end would have held the right line's first word, or a gap wider than the
      column's leading parts them, or the right line starts left of it);
    * the left column is empty between the text before the heading and that right line's top.
    """
    bands = _band_rows(rows, gutter)
    offsets: dict[float, float] = {}
    for left, right in bands:
        if left and right and _is_heading(left[0], body):
            offset = _top(left[0]) - _top(right[0])
            if -CUT_SLACK * body <= offset <= MAX_OFFSET_BODIES * body:
                offsets.setdefault(round(left[0][0].size, 1), offset)
    cuts = []
    for left, right in bands:
        if not right:
            continue
        edge = max(w.x1 for line in right for w in line)
        leading = _leading(right)
        for i in range(1, len(left)):
            heading, before = left[i], left[i - 1]
            known = offsets.get(round(heading[0].size, 1))
            if known is None or not _is_heading(heading, body) or _is_heading(before, body):
                continue
            top = _top(heading) - known
            for k in range(1, len(right)):
                line = right[k]
                if abs(_top(line) - top) > CUT_SLACK * body:
                    continue
                if max(w.bottom for w in before) <= _top(line) + CUT_SLACK * body and _block_ends(
                    right[k - 1], line, edge, leading, body
                ):
                    cuts.append(Cut(left_top=_top(heading), right_top=_top(line)))
                break
    return cuts


def _band_rows(rows: list[list[Word]], gutter: float) -> list[tuple[list, list]]:
    """The two-column bands of a page (runs of rows between full-width rows), each as the lines
    of its left column and of its right column, top to bottom."""
    bands: list[tuple[list, list]] = []
    current: list[Word] = []
    for row in rows:
        if crosses(row, gutter):
            bands.append(_sides(current, gutter))
            current = []
        else:
            current.extend(row)
    bands.append(_sides(current, gutter))
    return [b for b in bands if b[0] or b[1]]


def _sides(words: list[Word], gutter: float) -> tuple[list, list]:
    return rows_of([w for w in words if w.x1 <= gutter]), rows_of([w for w in words if w.x0 >= gutter])


def _top(line: list[Word]) -> float:
    return min(w.top for w in line)


def _is_heading(line: list[Word], body: float) -> bool:
    sized = [w for w in line if not w.marker]
    return bool(sized) and all(w.size >= HEADING_RATIO * body for w in sized)


def _leading(lines: list[list[Word]]) -> float:
    """The usual white between consecutive lines of a column."""
    gaps = sorted(_top(b) - max(w.bottom for w in a) for a, b in pairwise(lines))
    return gaps[len(gaps) // 2] if gaps else 0.0


def _block_ends(line: list[Word], after: list[Word], edge: float, leading: float, body: float) -> bool:
    """``line`` ends a block before ``after``: the white at its end would have held the next
    line's first word, a gap wider than the leading parts them, or ``after`` starts left of it."""
    first = after[0]
    room = edge - max(w.x1 for w in line)
    return (
        room > first.x1 - first.x0 + SPACE_EMS * first.size
        or _top(after) - max(w.bottom for w in line) > leading + BLOCK_GAP_BODIES * body
        or first.x0 < line[0].x0 - SPACE_EMS * first.size
    )


def _last_line(above: list[Word], row: list[Word], gutter: float) -> bool:
    """A line of a full-width paragraph that does not cross the gutter (its short last line, or
    a loosely justified line with a wide space where the gutter would be): set right under a
    full-width line of the same size, starting where it starts and reaching at least as far
    left of the gutter."""
    size = max(w.size for w in above)
    return (
        abs(min(w.x0 for w in row) - min(w.x0 for w in above)) <= 1.5
        and min(w.x0 for w in above) < gutter
        and abs(max(w.size for w in row) - size) <= 0.05 * size
        and min(w.top for w in row) - max(w.bottom for w in above) <= 0.6 * size
    )


def _split_tail(left_rows: list[list[Word]], right_rows: list[list[Word]], body: float) -> tuple[list, list]:
    """Rows set in another size (credits, captions) that start, after a clear gap, below the end
    of the right column's text belong after it: a one-column block closing the page. Body-size
    rows there are the longer left column of an unbalanced pair and stay where they are."""
    right_text = [w for r in right_rows for w in r if abs(w.size - body) <= 0.05 * body]
    if not right_text or not left_rows:
        return left_rows, []
    right_bottom = max(w.bottom for w in right_text)
    for i in range(1, len(left_rows)):
        row = left_rows[i]
        top = min(w.top for w in row)
        above = max(w.bottom for w in left_rows[i - 1])
        other_size = all(abs(w.size - body) > 0.05 * body for w in row)
        if other_size and top > right_bottom + 0.5 * body and top - above > 1.5 * body:
            return left_rows[:i], left_rows[i:]
    return left_rows, []


def _spanning_heading(row: list[Word], gutter: float, body: float, right_words: list[Word]) -> bool:
    """A heading on the left with the right column empty well above and below it, and the right
    column going on below, spans the columns (a section heading between two bands); beside
    right-column text it heads a column."""
    if not all(w.x1 <= gutter for w in row) or not all(
        w.size >= HEADING_RATIO * body for w in row if not w.marker
    ):
        return False
    top, bottom = min(w.top for w in row) - 0.5 * body, max(w.bottom for w in row) + 0.5 * body
    # a band below it needs a right column there too: with the right column all above, the
    # heading is in the left column of a page whose right column ended early
    return not any(w.bottom > top and w.top < bottom for w in right_words) and any(
        w.top >= bottom for w in right_words
    )
