"""Lines joined into blocks (paragraphs, headings, notes) in reading order."""

from __future__ import annotations

import itertools
import re
from collections import Counter
from dataclasses import replace

from pipeline.extract.pdf import typography as ty
from pipeline.extract.pdf.cells import BULLETS, grid_boxes, spans_of
from pipeline.extract.pdf.columns import order_rows, rows_of
from pipeline.extract.pdf.hyphenation import BREAK, LINE_END_HYPHEN, resolve_hyphens
from pipeline.extract.pdf.lines import Line, lines_of
from pipeline.extract.pdf.running import (
    body_extent,
    is_page_number,
    is_running,
    running_keys,
)
from pipeline.extract.pdf.words import Word
from pipeline.model.document import Block, Document, Role, SourceInfo, Span, Where
from pipeline.model.domain import CENTURY
from pipeline.model.geometry import bbox_union

_NUMBER = re.compile(r"^\d{1,3}$")

# --------------------------------------------------------------------------- pure layout


def layout_document(pages: list[tuple[int, float, float, tuple[Word, ...]]], source: SourceInfo) -> Document:
    """Pure: the words of every page -> blocks in reading order.

    Running headers and footers are found on full-width rows first, so that a footer split by a
    column gutter is still recognised; the rest of each page is then read column by column."""
    page_rows = [
        (
            number,
            width,
            height,
            [Line(words=tuple(row), page=number, page_height=height) for row in rows_of(list(words))],
        )
        for number, width, height, words in pages
    ]
    all_rows = [rows for _, _, _, rows in page_rows]
    first_body = ty.body_size(
        (w.size, len(w.text)) for rows in all_rows for row in rows for w in row.main_words
    )
    running = running_keys(all_rows, first_body)
    dropped_rows: list[Line] = []
    lines_by_page: list[list[Line]] = []
    boxes: set[tuple[int, int]] = set()  # (page, region) of each box of a designed page's grid
    for number, _width, height, rows in page_rows:
        kept: list[list[Word]] = []
        extent = body_extent(rows, first_body)
        for row in rows:
            if is_running(row, running, first_body, extent) or is_page_number(row):
                dropped_rows.append(row)
            else:
                kept.append(list(row.words))
        regions: list[list[list[Word]]] = []
        for region in order_rows(kept):
            grid = grid_boxes(region)
            if grid is None:
                regions.append(region)
                continue
            boxes.update((number, len(regions) + i) for i in range(len(grid)))
            regions.extend(grid)
        lines_by_page.append(lines_of(regions, number, height))
    body = ty.body_size(
        (w.size, len(w.text)) for lines in lines_by_page for line in lines for w in line.main_words
    )
    leading = leading_ratio(lines_by_page, body)
    placed: list[tuple[Block, tuple[int, int]]] = []
    for lines in lines_by_page:
        placed.extend(blocks_of(lines, body, leading))
    blocks = join_continued(placed, frozenset(boxes))
    levels = ty.heading_levels(b.size for b in blocks if b.role is Role.HEADING and b.size)
    blocks = [
        replace(b, level=levels[round(b.size, 1)]) if b.role is Role.HEADING and b.size is not None else b
        for b in blocks
    ]
    dropped = tuple(block_of([row], body, role=Role.DROPPED) for row in dropped_rows)
    return resolve_hyphens(Document(source=source, blocks=tuple(blocks), dropped=dropped))


def blocks_of(lines: list[Line], body: float, leading: float) -> list[tuple[Block, tuple[int, int]]]:
    """Join lines into paragraphs, headings and notes; each with its region (page, column)."""
    blocks: list[tuple[Block, tuple[int, int]]] = []
    current: list[Line] = []
    for line in lines:
        if current and starts_new_block(current, line, body, leading):
            blocks.append((block_of(current, body), (current[0].page, current[0].column)))
            current = []
        current.append(line)
    if current:
        blocks.append((block_of(current, body), (current[0].page, current[0].column)))
    return blocks


def join_continued(
    placed: list[tuple[Block, tuple[int, int]]], boxes: frozenset[tuple[int, int]] = frozenset()
) -> list[Block]:
    """A paragraph cut by a column or page break continues in the first body block of the next
    region: it is joined when the first part stops mid-sentence in the same type. The boxes of a
    designed page (``boxes``: their page and region) are cells of their own, never joined on
    their page."""
    out: list[Block] = []
    last_body: int | None = None  # index in ``out`` of the last body block, and its region
    last_region: tuple[int, int] | None = None
    for block, region in placed:
        is_body = block.role is Role.TEXT and not block.small
        boxed = (
            last_region is not None
            and last_region[0] == region[0]
            and (region in boxes or last_region in boxes)
        )
        if (
            is_body
            and last_body is not None
            and region != last_region
            and not boxed
            and continues(out[last_body], block)
        ):
            out[last_body] = merge_blocks(out[last_body], block)
            last_region = region
            continue
        out.append(block)
        if is_body or block.role is Role.HEADING:
            last_body, last_region = (len(out) - 1, region) if is_body else (None, None)
    return out


def continues(a: Block, b: Block) -> bool:
    text = a.text.rstrip(" \"'”’)]")
    return (
        bool(text)
        and text[-1] not in ".!?;"
        and not (
            bold_label_first(block_runs(b)) and not bold_last(block_runs(a))
        )  # "Terminology: ..." opens a paragraph
        and a.size == b.size
        and not a.all_bold
        and b.bullet is None
        and not _NUMBER.match(b.text.split()[0] if b.text else "")
    )


def merge_blocks(a: Block, b: Block) -> Block:
    """A paragraph continued across a column or page break: one block. On one page its box covers
    both fragments; across pages it stays the first page's (a row has one page and box)."""
    first = b.spans[0] if b.spans else None
    last = a.spans[-1] if a.spans else None
    if (
        first is not None
        and last is not None
        and not first.marker
        and not last.marker
        and first.bold == last.bold
    ):
        broken = LINE_END_HYPHEN.search(last.text) is not None and first.text[:1].isalnum()
        joined = last.text + BREAK + first.text if broken else last.text + " " + first.text
        spans = a.spans[:-1] + (Span(joined, bold=last.bold),) + b.spans[1:]
    else:
        bold = bool(first and first.bold and last and last.bold)
        spans = a.spans + (Span(" ", bold=bold),) + b.spans
    where = a.where
    if a.where.page == b.where.page and a.where.bbox is not None and b.where.bbox is not None:
        where = replace(a.where, bbox=bbox_union((a.where.bbox, b.where.bbox)))
    return replace(a, spans=spans, where=where)


def leading_ratio(lines_by_page: list[list[Line]], body: float) -> float:
    """The most common gap between consecutive body lines, as a share of the body size: the
    leading inside a paragraph. Paragraph breaks are gaps clearly wider than that."""
    counts: Counter[float] = Counter()
    for lines in lines_by_page:
        for a, b in itertools.pairwise(lines):
            gap = b.top - a.bottom
            if a.column == b.column and a.size == b.size == body and -body < gap < 2 * body:
                counts[round(gap / body, 2)] += 1
    return counts.most_common(1)[0][0] if counts else 0.3


def role_of(line: Line, body: float) -> Role:
    if ty.is_heading_size(line.size, body) and ty.has_letters(line.text) and line.all_bold:
        return Role.HEADING
    if ty.is_heading_size(line.size, body) and ty.has_letters(line.text, 4):
        return Role.HEADING
    return Role.TEXT


def starts_new_block(current: list[Line], line: Line, body: float, leading: float) -> bool:
    prev = current[-1]
    if line.page != prev.page or line.column != prev.column:
        return True
    if role_of(line, body) is not role_of(prev, body) or abs(line.size - prev.size) > 0.05 * prev.size:
        return True
    if (
        ty.is_small(line.size, body)
        and _NUMBER.match(line.words[0].text)
        and line.x0 <= min(other.x0 for other in current) + 1
    ):
        return True  # a new note opens with its number at the notes' left edge
    if line.words[0].text in BULLETS and not dash_in_sentence(current, line):
        return True
    if (
        role_of(line, body) is Role.TEXT
        and {weight(prev), weight(line)} == {"bold", "regular"}
        and not in_year_column(current, line)
    ):
        return True  # a bold title line over a regular description, or the reverse
    if bold_label_first(line_runs(line)) and not bold_last(line_runs(prev)):
        return True  # "Terminology: ...", "Citizen rights: ..." open a paragraph of their own
    return line.top - prev.bottom > (leading + 0.35) * line.size


DASHES = {"-", "–", "—"}  # bullets that are also punctuation


def dash_in_sentence(current: list[Line], line: Line) -> bool:
    """A line opening with a dash goes on the sentence of the line before ("... the Ministry of
    Interior | - who provided ...") when that line runs up to the column's right edge without
    closing its sentence: the break was the typesetter's, not a list's."""
    prev = current[-1]
    right = max(other.x1 for other in (*current, line))
    return (
        line.words[0].text in DASHES
        and prev.x1 >= right - line.size
        and not re.search(r"[.:;!?]$", prev.words[-1].text)
    )


_YEAR_COLUMN = re.compile(rf"^(?:{CENTURY}\d\d|∨|–|—|-|to)$")


def in_year_column(current: list[Line], line: Line) -> bool:
    """A timeline entry goes on: its first line opens with a year set apart from the text, and
    this line opens with the next token of that column ("∨", the end year)."""

    def opens_column(line: Line) -> bool:
        words = [w for w in line.words if not w.marker]
        if len(words) == 1:  # the column taller than the text: its last token on a line of its own
            return bool(_YEAR_COLUMN.match(words[0].text)) and abs(line.x0 - current[0].x0) <= 1.5
        return (
            len(words) > 1
            and bool(_YEAR_COLUMN.match(words[0].text))
            and words[1].x0 - words[0].x1 >= 0.5 * line.size
        )

    return (
        opens_column(current[0])
        and re.fullmatch(rf"{CENTURY}\d\d", current[0].words[0].text) is not None
        and opens_column(line)
    )


def bold_label_first(runs: list[tuple[str, bool]]) -> bool:
    """Runs of (text, bold), markers left out, open with a few bold words ending in a colon that
    some text follows: an inline label such as "Terminology:" or "Citizen rights:"."""
    lead = []
    for text, bold in runs:
        if not bold:
            break
        lead.append(text)
    words = " ".join(lead).split()
    return 0 < len(words) <= 6 and words[-1].endswith(":") and len(lead) < len(runs)


def bold_last(runs: list[tuple[str, bool]]) -> bool:
    runs = [(t, b) for t, b in runs if t.strip()]
    return bool(runs) and runs[-1][1]


def line_runs(line: Line) -> list[tuple[str, bool]]:
    return [(w.text, w.bold) for w in line.words if not w.marker]


def block_runs(block: Block) -> list[tuple[str, bool]]:
    return [(sp.text, sp.bold) for sp in block.spans if not sp.marker]


def weight(line: Line) -> str:
    """'bold' when every word with letters or digits is bold, 'regular' when none is, else 'mixed'."""
    words = [w for w in line.main_words if any(ch.isalnum() for ch in w.text)]
    bold = sum(w.bold for w in words)
    return "bold" if words and bold == len(words) else "regular" if bold == 0 else "mixed"


def block_of(lines: list[Line], body: float, role: Role | None = None) -> Block:
    first = lines[0]
    size = first.size
    role = role or role_of(first, body)
    spans, bullet = spans_of(lines, small=ty.is_small(size, body))
    return Block(
        spans=tuple(spans),
        where=Where(page=first.page, bbox=bbox_union(line.bbox for line in lines)),
        role=role,
        size=size,
        small=ty.is_small(size, body),
        bullet=bullet,
    )
