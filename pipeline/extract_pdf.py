"""Extract stage for PDF profiles: words -> lines -> blocks, by typography alone.

The only module that imports pdfplumber (and pdfminer, which it is built on). Rules come from
type and structure, never from this or that edition's coordinates: the body size is the most
common size; markers are digits set smaller than their line and raised above its baseline;
running headers and footers are lines that repeat at the same place on several pages; notes are
small lines opening with a number.
"""

from __future__ import annotations

import re
import zlib
from collections import Counter, defaultdict
from dataclasses import dataclass, replace
from itertools import islice

import pdfplumber
from pdfminer.pdfdevice import PDFDevice
from pdfminer.pdfdocument import PDFDocument
from pdfminer.pdfinterp import LITERAL_FORM, PDFPageInterpreter, PDFResourceManager
from pdfminer.pdfpage import PDFPage
from pdfminer.pdftypes import LITERALS_FLATE_DECODE, PDFStream, resolve1

from pipeline import limits
from pipeline import typography as ty
from pipeline.columns import Word, order_words
from pipeline.errors import Finding, ProfileError, finding
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


def check_pdf_bytes(data: bytes, file: str) -> None:
    """Pure and cheap, before any parsing: the bytes open like a PDF and end like one."""
    if b"%PDF-" not in data[:1024]:
        raise ProfileError(finding("not-a-pdf", file=file, reason="it does not start with the %PDF- header"))
    if b"%%EOF" not in data[-1024:]:
        raise ProfileError(finding("pdf-damaged", file=file, reason="it stops before its end-of-file marker %%EOF, so it was cut short"))


def read_pdf(path: str, source: SourceInfo) -> Document:
    """I/O edge: open the PDF, take its words, hand them to the pure stages. Nothing larger
    than the limits in ``pipeline.limits`` is analysed (see there)."""
    try:
        with pdfplumber.open(path) as pdf:
            check_page_count(pdf.doc, source.name)
            pages = []
            for page in pdf.pages:
                check_page_size(pdf.rsrcmgr, page.page_obj, page.page_number, source.name)
                raw = page.extract_words(
                    extra_attrs=["fontname", "size"], keep_blank_chars=False, use_text_flow=False
                )
                words = tuple(
                    Word(
                        text=w["text"], x0=float(w["x0"]), top=float(w["top"]), x1=float(w["x1"]),
                        bottom=float(w["bottom"]), size=float(w["size"]), bold=ty.is_bold_font(w["fontname"]),
                    )
                    for w in raw
                    if w["text"].strip()
                )
                pages.append((page.page_number, float(page.width), float(page.height), words))
                page.close()  # drop the page's layout objects: one page's worth in memory at a time
    except ProfileError:
        raise
    except Exception as exc:  # pdfminer raises many types for broken, encrypted or non-PDF files
        raise ProfileError(unreadable(exc, source.name)) from exc
    source = replace(source, pages=len(pages))
    if not any(words for _, _, _, words in pages):
        raise ProfileError(finding("no-text-layer", file=source.name, value=len(pages)))
    return layout_document(pages, source)


def unreadable(exc: Exception, file: str) -> Finding:
    """The finding for a PDF pdfminer cannot open or read (pdfplumber wraps its exceptions)."""
    cause = exc.args[0] if type(exc).__name__ == "PdfminerException" and exc.args and isinstance(exc.args[0], Exception) else exc
    name = type(cause).__name__
    if "Password" in name or "Encrypt" in name:
        return finding("pdf-encrypted", file=file)
    text = str(cause).strip() or name
    return finding("pdf-damaged", file=file, reason=f"{name}: {text}"[:200])


# --------------------------------------------------------------------------- limits


def check_page_count(doc: PDFDocument, file: str) -> None:
    """Count pages lazily from the page tree and stop one past the limit."""
    count = sum(1 for _ in islice(PDFPage.create_pages(doc), limits.MAX_PAGES + 1))
    if count > limits.MAX_PAGES:
        raise ProfileError(finding("too-large", file=file, value=count,
                                   reason=f"it has more than {limits.MAX_PAGES} pages, the limit for a profile"))


def check_page_size(rsrcmgr: PDFResourceManager, page: PDFPage, number: int, file: str) -> None:
    """Refuse a page whose content (decoded) or glyph count exceeds the limits, before its
    layout is analysed (layout analysis takes about 2 KB per glyph). Glyphs are counted by
    interpreting the content, which is needed only where the content is larger than the glyph
    limit or draws forms (a form drawn many times multiplies its glyphs)."""
    size = content_size(page, limits.MAX_PAGE_CONTENT_BYTES)
    if size > limits.MAX_PAGE_CONTENT_BYTES:
        raise ProfileError(finding("too-large", file=file, page=number, value=size, reason=(
            f"page {number} holds more than {limits.MAX_PAGE_CONTENT_BYTES:,} bytes of content, the limit for a page")))
    if size <= limits.MAX_PAGE_GLYPHS and not _forms(page.resources):
        return  # a glyph takes at least one byte of content, so there cannot be too many
    counter = _GlyphCounter(rsrcmgr, limits.MAX_PAGE_GLYPHS)
    try:
        PDFPageInterpreter(rsrcmgr, counter).process_page(page)
    except _TooManyGlyphs:
        raise ProfileError(finding("too-large", file=file, page=number, value=counter.glyphs, reason=(
            f"page {number} draws more than {limits.MAX_PAGE_GLYPHS:,} characters, the limit for a page"))) from None


def content_size(page: PDFPage, limit: int) -> int:
    """Decoded bytes of the page's content streams and of the forms it uses; counting stops past
    ``limit``. Flate data is inflated at most to the limit, so a compression bomb stays small."""
    total = 0
    seen: set[int] = set()
    pending: list[object] = list(page.contents) + _forms(page.resources)
    while pending and total <= limit:
        stream = resolve1(pending.pop())
        if not isinstance(stream, PDFStream) or id(stream) in seen:
            continue
        seen.add(id(stream))
        total += _decoded_size(stream, limit - total + 1)
        pending.extend(_forms(stream.get("Resources")))
    return total


def _forms(resources: object) -> list[object]:
    resources = resolve1(resources)
    xobjects = resolve1(resources.get("XObject")) if isinstance(resources, dict) else None
    if not isinstance(xobjects, dict):
        return []
    return [x for x in map(resolve1, xobjects.values()) if isinstance(x, PDFStream) and x.get("Subtype") is LITERAL_FORM]


def _decoded_size(stream: PDFStream, limit: int) -> int:
    """The stream's decoded size; Flate data (what content streams use) is measured without
    being kept, and only up to ``limit``. Other filter chains are decoded by pdfminer."""
    filters = [f for f, _ in stream.get_filters()]
    if stream.data is None and stream.rawdata is not None and filters and filters[0] in LITERALS_FLATE_DECODE:
        raw = stream.decipher(stream.objid, stream.genno, stream.rawdata, stream.attrs) if stream.decipher else stream.rawdata
        size = _inflated_size(raw, limit)
        if size > limit or len(filters) == 1:
            return size
    return len(stream.get_data())


def _inflated_size(data: bytes, limit: int, chunk: int = 64 * 1024) -> int:
    """Bytes Flate ``data`` inflates to, counted a chunk at a time and no further than just past
    ``limit``; a corrupt stream counts up to where it breaks (as pdfminer recovers it)."""
    inflater = zlib.decompressobj()
    total = 0
    try:
        while data and total <= limit and not inflater.eof:
            total += len(inflater.decompress(data, chunk))
            data = inflater.unconsumed_tail
    except zlib.error:
        pass
    return total


class _TooManyGlyphs(Exception):
    pass


class _GlyphCounter(PDFDevice):
    """A device that only counts the glyphs the page draws, building no layout objects."""

    def __init__(self, rsrcmgr: PDFResourceManager, limit: int):
        super().__init__(rsrcmgr)
        self.glyphs = 0
        self.limit = limit

    def render_string(self, textstate, seq, ncs, graphicstate) -> None:  # noqa: ANN001 - pdfminer's signature
        font = textstate.font
        for item in seq:
            if isinstance(item, bytes):
                self.glyphs += len(font.decode(item)) if font is not None else len(item)
        if self.glyphs > self.limit:
            raise _TooManyGlyphs


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
