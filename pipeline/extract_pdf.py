"""Extract stage for PDF profiles: words -> lines -> blocks, by typography alone.

The only module that imports pdfplumber. Rules come from type and structure, never from this
or that edition's coordinates: the body size is the most common size; markers are digits set
smaller than their line and raised above its baseline; running headers and footers are lines
that repeat at the same place on several pages; notes are small lines opening with a number.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from itertools import groupby
from dataclasses import dataclass, replace

import pdfplumber
import pdfplumber.page
from pdfminer.layout import LTChar, LTContainer
from pdfplumber.utils.text import LIGATURES

from pipeline import typography as ty
from pipeline.columns import Word, order_words
from pipeline.errors import ProfileError, finding
from pipeline.geometry import BBox, bbox_union, overlap_ratio_to_smaller_height
from pipeline.layout import Block, Document, Role, SourceInfo, Span, Where

BULLETS = {"•", "▪", "◦", "‣", "⁃", "–", "-", "■", "□", "➢", "►"}
CELL_GAP_EMS = 1.4  # a horizontal gap wider than this many ems separates cells of a row
MARGIN_BAND = 0.12  # running headers and footers sit in this share of the page at top or bottom
_NUMBER = re.compile(r"^\d{1,3}$")
_URL_TAIL = re.compile(r"(https?://|www\.)\S*$")


@dataclass(frozen=True)
class Line:
    words: tuple[Word, ...]
    page: int
    page_height: float
    column: int = 0

    @property
    def bbox(self) -> BBox:
        return bbox_union(w.bbox for w in self.words)

    @property
    def main_words(self) -> tuple[Word, ...]:
        return tuple(w for w in self.words if not w.marker) or self.words

    @property
    def size(self) -> float:
        counts = Counter()
        for w in self.main_words:
            counts[round(w.size, 1)] += len(w.text)
        return counts.most_common(1)[0][0]

    @property
    def top(self) -> float:
        return min(w.top for w in self.main_words)

    @property
    def bottom(self) -> float:
        return max(w.bottom for w in self.main_words)

    @property
    def x0(self) -> float:
        return min(w.x0 for w in self.words)

    @property
    def x1(self) -> float:
        return max(w.x1 for w in self.words)

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @property
    def all_bold(self) -> bool:
        words = [w for w in self.main_words if any(ch.isalnum() for ch in w.text)]
        return bool(words) and all(w.bold for w in words)


# --------------------------------------------------------------------------- reading


def read_pdf(path: str, source: SourceInfo) -> Document:
    """I/O edge: open the PDF, take its words, hand them to the pure stages."""
    try:
        with pdfplumber.open(path) as pdf:
            pages = []
            for page in pdf.pages:
                words = page_words(page)
                if words is None:  # rotated text: pdfplumber's own word extraction
                    words = words_of_dicts(page.extract_words(**WORD_OPTIONS))
                pages.append((page.page_number, float(page.width), float(page.height), words))
    except ProfileError:
        raise
    except Exception as exc:  # pdfminer raises many types for broken, encrypted or non-PDF files
        raise ProfileError(finding("file-unreadable", file=source.name, reason=_describe(exc))) from exc
    source = replace(source, pages=len(pages))
    if not any(words for _, _, _, words in pages):
        raise ProfileError(
            finding("not-a-profile", file=source.name, reason="it has no text layer (a scanned document?); run OCR on it first")
        )
    return layout_document(pages, source)


WORD_OPTIONS = {"extra_attrs": ["fontname", "size"], "keep_blank_chars": False, "use_text_flow": False}
TOLERANCE = 3  # pdfplumber's default x and y tolerance for words


def words_of_dicts(raw: list[dict]) -> tuple[Word, ...]:
    return tuple(
        Word(
            text=w["text"], x0=float(w["x0"]), top=float(w["top"]), x1=float(w["x1"]),
            bottom=float(w["bottom"]), size=float(w["size"]), bold=ty.is_bold_font(w["fontname"]),
        )
        for w in raw
        if w["text"].strip()
    )


def page_words(page: pdfplumber.page.Page) -> tuple[Word, ...] | None:
    """The page's words, exactly as ``page.extract_words(**WORD_OPTIONS)`` gives them, built
    straight from the laid-out characters: pdfplumber's char dicts (some thirty attributes
    each) are never made. None when the page has rotated text."""
    height = page.height
    mb_x0, mb_top = page.mediabox[:2]
    chars: list[tuple[str, float, float, float, float, float, str]] = []  # text, x0, top, x1, bottom, size, font
    for obj in _layout_chars(page.layout):
        if not obj.upright:
            return None
        fontname = obj.fontname
        if isinstance(fontname, bytes):  # pragma: no cover - rare byte-encoded names
            fontname = pdfplumber.page.fix_fontname_bytes(fontname)
        x0, x1 = (obj.x0 + mb_x0, obj.x1 + mb_x0) if mb_x0 != 0 else (obj.x0, obj.x1)
        chars.append((obj.get_text(), x0, (height - obj.y1) + mb_top, x1, (height - obj.y0) + mb_top, obj.size, fontname))
    words: list[Word] = []
    # like pdfplumber: runs of one font and size, split into lines by top, then into words
    for (_, _), run in groupby(chars, key=lambda c: (c[6], c[5])):
        for line in _lines(list(run)):
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


def _words_of_line(line: list[tuple], out: list[Word]) -> None:
    current: list[tuple] = []
    for char in line:
        text = char[0]
        if text.isspace() or text == "":  # a blank ends a word; an empty char is a word of its own (dropped)
            _flush(current, out)
            current = []
        elif current and (char[1] < current[-1][1] or char[1] > current[-1][3] + TOLERANCE
                          or abs(char[2] - current[-1][2]) > TOLERANCE):
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
        out.append(Word(text=text, x0=float(min(c[1] for c in chars)), top=float(min(c[2] for c in chars)),
                        x1=float(max(c[3] for c in chars)), bottom=float(max(c[4] for c in chars)),
                        size=float(first[5]), bold=ty.is_bold_font(first[6])))


def _describe(exc: Exception) -> str:
    name = type(exc).__name__
    if "Password" in name or "Encrypt" in name:
        return "it is password-protected"
    text = str(exc).strip() or name
    return f"{name}: {text}"[:200]


# --------------------------------------------------------------------------- pure layout


def layout_document(pages: list[tuple[int, float, float, tuple[Word, ...]]], source: SourceInfo) -> Document:
    """Pure: the words of every page -> blocks in reading order."""
    lines_by_page = [
        lines_of(order_words(words, width), number, height)
        for number, width, height, words in pages
    ]
    running = running_lines(lines_by_page)
    body = ty.body_size((w.size, len(w.text)) for lines in lines_by_page for line in lines
                        if line_key(line) not in running for w in line.main_words)
    leading = leading_ratio(lines_by_page, body)
    blocks: list[Block] = []
    dropped: list[Block] = []
    for lines in lines_by_page:
        kept = []
        for line in lines:
            if line_key(line) in running or is_page_number(line):
                dropped.append(block_of([line], body, role=Role.DROPPED))
            else:
                kept.append(line)
        blocks.extend(blocks_of(kept, body, leading))
    levels = ty.heading_levels(b.size for b in blocks if b.role is Role.HEADING and b.size)
    blocks = [replace(b, level=levels[round(b.size, 1)]) if b.role is Role.HEADING else b for b in blocks]
    return Document(source=source, blocks=tuple(blocks), dropped=tuple(dropped))


def lines_of(columns: list[list[Word]], page: int, page_height: float) -> list[Line]:
    """Group each column's words into lines by vertical overlap; mark raised small digits."""
    result: list[Line] = []
    for column_index, words in enumerate(columns):
        clusters: list[list[Word]] = []
        for w in sorted(words, key=lambda w: (w.top, w.x0)):
            for cluster in reversed(clusters[-3:]):
                if any(overlap_ratio_to_smaller_height(w.bbox, o.bbox) >= 0.4 for o in cluster):
                    cluster.append(w)
                    break
            else:
                clusters.append([w])
        for cluster in clusters:
            result.append(Line(words=tuple(mark_superscripts(sorted(cluster, key=lambda w: w.x0))),
                               page=page, page_height=page_height, column=column_index))
    return sorted(result, key=lambda l: (l.column, l.top, l.x0))


def mark_superscripts(words: list[Word]) -> list[Word]:
    """Digits smaller than the line's main size and raised above its baseline are markers."""
    if len(words) < 2:
        return words
    main = max(w.size for w in words)
    baseline = max(w.bottom for w in words if w.size >= main * ty.MARKER_RATIO)
    out = []
    for w in words:
        raised = w.bottom < baseline - ty.RAISE_RATIO * main
        small = w.size <= main * ty.MARKER_RATIO
        out.append(replace(w, marker=True) if (raised and small and re.fullmatch(r"\d{1,3}(,\d{1,3})*", w.text)) else w)
    return out


def line_key(line: Line) -> tuple[str, int]:
    """What a running header or footer keeps from page to page: its words (digits masked) and place."""
    return (re.sub(r"\d+", "#", line.text.lower()), round(line.top / 4))


def running_lines(lines_by_page: list[list[Line]]) -> set[tuple[str, int]]:
    """Lines in the top or bottom band that repeat at the same place on several pages."""
    if len(lines_by_page) < 2:
        return set()
    seen: dict[tuple[str, int], set[int]] = defaultdict(set)
    for lines in lines_by_page:
        for line in lines:
            if in_margin_band(line):
                seen[line_key(line)].add(line.page)
    need = max(2, (len(lines_by_page) + 1) // 2)
    return {key for key, pages in seen.items() if len(pages) >= need}


def in_margin_band(line: Line) -> bool:
    return line.top < line.page_height * MARGIN_BAND or line.bottom > line.page_height * (1 - MARGIN_BAND)


def is_page_number(line: Line) -> bool:
    return in_margin_band(line) and bool(re.fullmatch(r"(page\s*)?\d{1,3}(\s*(of|/)\s*\d{1,3})?", line.text.strip(), re.I))


def blocks_of(lines: list[Line], body: float, leading: float) -> list[Block]:
    """Join lines into paragraphs, headings and notes."""
    blocks: list[Block] = []
    current: list[Line] = []
    for line in lines:
        if current and starts_new_block(current, line, body, leading):
            blocks.append(block_of(current, body))
            current = []
        current.append(line)
    if current:
        blocks.append(block_of(current, body))
    return blocks


def leading_ratio(lines_by_page: list[list[Line]], body: float) -> float:
    """The most common gap between consecutive body lines, as a share of the body size: the
    leading inside a paragraph. Paragraph breaks are gaps clearly wider than that."""
    counts: Counter[float] = Counter()
    for lines in lines_by_page:
        for a, b in zip(lines, lines[1:]):
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
    if ty.is_small(line.size, body) and _NUMBER.match(line.words[0].text) and line.x0 <= min(l.x0 for l in current) + 1:
        return True  # a new note opens with its number at the notes' left edge
    if line.words[0].text in BULLETS:
        return True
    if role_of(line, body) is Role.TEXT and {weight(prev), weight(line)} == {"bold", "regular"}:
        return True  # a bold title line over a regular description, or the reverse
    return line.top - prev.bottom > (leading + 0.35) * line.size


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
        where=Where(page=first.page, bbox=bbox_union(l.bbox for l in lines)),
        role=role,
        size=size,
        small=ty.is_small(size, body),
        bullet=bullet,
    )


def cells_of(line: Line) -> list[list[Word]]:
    """Split a line at gaps wider than CELL_GAP_EMS; a marker stays with the word before it."""
    cells: list[list[Word]] = []
    for w in line.words:
        if cells and (w.marker or w.x0 - cells[-1][-1].x1 <= CELL_GAP_EMS * line.size):
            cells[-1].append(w)
        else:
            cells.append([w])
    return cells


def ordered_words(lines: list[Line]) -> list[tuple[Word, bool]]:
    """The block's words in reading order: a left column (years of a timeline) first, then the
    main text, then right-hand cells (a year or country set apart). The flag marks a line start."""
    per_line = [cells_of(l) for l in lines]
    columns: Counter[int] = Counter()
    for cells in per_line:
        for cell in cells:
            columns[round(cell[0].x0)] += sum(len(w.text) for w in cell)
    main_x = max(columns.items(), key=lambda kv: (kv[1], -kv[0]))[0]
    lead, main, trail = [], [], []
    for cells in per_line:
        first_main = True
        for cell in cells:
            x = round(cell[0].x0)
            target = lead if cell[-1].x1 <= main_x + 1 and x < main_x - 1 else (main if x <= main_x + 1 or not main_x_seen(cells, main_x, cell) else trail)
            for i, w in enumerate(cell):
                start = i == 0 and (target is not main or first_main)
                target.append((w, start))
            if target is main:
                first_main = False
    return lead + main + trail


def main_x_seen(cells: list[list[Word]], main_x: int, cell: list[Word]) -> bool:
    """True when a cell at the main column's edge comes before ``cell`` on its line."""
    for c in cells:
        if c is cell:
            return False
        if abs(round(c[0].x0) - main_x) <= 1 or c[0].x0 < main_x:
            return True
    return False


def spans_of(lines: list[Line], small: bool) -> tuple[list[Span], str | None]:
    spans: list[Span] = []
    bullet = None
    words = ordered_words(lines)
    if words and words[0][0].text in BULLETS and len(words) > 1:
        bullet = words[0][0].text
        words = words[1:]
    prev: Word | None = None
    right_edge = max(l.x1 for l in lines)
    for w, line_start in words:
        sep = ""
        if prev is not None and not w.marker:
            glued = not line_start and w.x0 - prev.x1 < 0.12 * w.size
            url_wrap = line_start and small and _URL_TAIL.search(_tail_text(spans)) and prev.x1 >= right_edge - 2 * prev.size
            sep = "" if glued or url_wrap else " "
        if w.marker:
            spans.append(Span(w.text, bold=w.bold, marker=True, where=Where(page=None, bbox=w.bbox)))
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
