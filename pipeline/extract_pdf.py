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
from collections.abc import Iterator
from itertools import groupby
from dataclasses import dataclass, replace
from functools import cached_property
from itertools import islice

import pdfplumber
from pdfminer.pdfdevice import PDFDevice
from pdfminer.pdfdocument import PDFDocument
from pdfminer.pdfinterp import LITERAL_FORM, PDFPageInterpreter, PDFResourceManager
from pdfminer.pdfpage import PDFPage
from pdfminer.pdftypes import LITERALS_FLATE_DECODE, PDFStream, resolve1
import pdfplumber.page
from pdfminer.layout import LTChar, LTContainer
from pdfplumber.utils.text import LIGATURES

from pipeline import limits
from pipeline import typography as ty
from pipeline.columns import Word, order_rows, rows_of
from pipeline.errors import Finding, ProfileError, finding
from pipeline.geometry import BBox, bbox_union
from pipeline.layout import Block, Document, Role, SourceInfo, Span, Where

BULLETS = {"•", "▪", "◦", "‣", "⁃", "–", "-", "■", "□", "➢", "►"}
MARGIN_BAND = 0.12  # running headers and footers sit in this share of the page at top or bottom
_NUMBER = re.compile(r"^\d{1,3}$")
_URL_TAIL = re.compile(r"(https?://|www\.)\S*$")


@dataclass(frozen=True)
class Line:
    """A row of words in one region; its derived measures are computed once."""

    words: tuple[Word, ...]
    page: int
    page_height: float
    column: int = 0

    @cached_property
    def bbox(self) -> BBox:
        return bbox_union(w.bbox for w in self.words)

    @cached_property
    def main_words(self) -> tuple[Word, ...]:
        return tuple(w for w in self.words if not w.marker) or self.words

    @cached_property
    def size(self) -> float:
        counts = Counter()
        for w in self.main_words:
            counts[round(w.size, 1)] += len(w.text)
        return counts.most_common(1)[0][0]

    @cached_property
    def top(self) -> float:
        return min(w.top for w in self.main_words)

    @cached_property
    def bottom(self) -> float:
        return max(w.bottom for w in self.main_words)

    @cached_property
    def x0(self) -> float:
        return min(w.x0 for w in self.words)

    @cached_property
    def x1(self) -> float:
        return max(w.x1 for w in self.words)

    @cached_property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @cached_property
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
                words = page_words(page)
                if words is None:  # rotated text: pdfplumber's own word extraction
                    words = words_of_dicts(page.extract_words(**WORD_OPTIONS))
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
    if not _forms(page.resources) and (size <= limits.MAX_PAGE_GLYPHS or _string_bytes(page) <= limits.MAX_PAGE_GLYPHS):
        # a glyph takes at least one byte of content, indeed of a shown string: an upper bound of
        # the glyph count, with no interpretation (forms drawn many times need one)
        return
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


_LITERAL_STRING = re.compile(rb"\((?:\\.|[^\\()])*\)", re.S)
_HEX_STRING = re.compile(rb"<([0-9A-Fa-f\s]*)>")


def _string_bytes(page: PDFPage) -> int:
    """Bytes inside the string operands of the page's content (at most 1 MiB decoded, checked
    before): at least one per glyph shown, so a cheap upper bound of the glyph count. The decoded
    data stays cached on the stream for the extraction that follows."""
    total = 0
    for ref in page.contents:
        stream = resolve1(ref)
        if isinstance(stream, PDFStream):
            data = stream.get_data()
            total += sum(len(m) - 2 for m in _LITERAL_STRING.findall(data))
            total += sum(len(re.sub(rb"\s", b"", m)) // 2 for m in _HEX_STRING.findall(data))
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
    """Pure: the words of every page -> blocks in reading order.

    Running headers and footers are found on full-width rows first, so that a footer split by a
    column gutter is still recognised; the rest of each page is then read column by column."""
    page_rows = [
        (number, width, height, [Line(words=tuple(row), page=number, page_height=height) for row in rows_of(list(words))])
        for number, width, height, words in pages
    ]
    all_rows = [rows for _, _, _, rows in page_rows]
    first_body = ty.body_size((w.size, len(w.text)) for rows in all_rows for row in rows for w in row.main_words)
    running = running_keys(all_rows, first_body)
    dropped_rows: list[Line] = []
    lines_by_page: list[list[Line]] = []
    for number, width, height, rows in page_rows:
        kept: list[list[Word]] = []
        extent = body_extent(rows, first_body)
        for row in rows:
            if is_running(row, running, first_body, extent) or is_page_number(row):
                dropped_rows.append(row)
            else:
                kept.append(list(row.words))
        lines_by_page.append(lines_of(order_rows(kept), number, height))
    body = ty.body_size((w.size, len(w.text)) for lines in lines_by_page for line in lines for w in line.main_words)
    leading = leading_ratio(lines_by_page, body)
    placed: list[tuple[Block, tuple[int, int]]] = []
    for lines in lines_by_page:
        placed.extend(blocks_of(lines, body, leading))
    blocks = join_continued(placed)
    levels = ty.heading_levels(b.size for b in blocks if b.role is Role.HEADING and b.size)
    blocks = [replace(b, level=levels[round(b.size, 1)]) if b.role is Role.HEADING else b for b in blocks]
    dropped = tuple(block_of([row], body, role=Role.DROPPED) for row in dropped_rows)
    return Document(source=source, blocks=tuple(blocks), dropped=dropped)


def lines_of(regions: list[list[list[Word]]], page: int, page_height: float) -> list[Line]:
    """Each region's rows as lines, raised small digits marked as markers."""
    result = [
        Line(words=tuple(mark_superscripts(row)), page=page, page_height=page_height, column=index)
        for index, rows in enumerate(regions)
        for row in rows
    ]
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


def running_keys(lines_by_page: list[list[Line]], body: float) -> frozenset[tuple]:
    """What running headers and footers look like in this document: lines in the top or bottom
    band that repeat at the same place on at least half the pages, either with the same words
    (digits aside) or, whatever their words, set smaller than the body outside the body text."""
    if len(lines_by_page) < 2:
        return frozenset()
    seen: dict[tuple, set[int]] = defaultdict(set)
    for lines in lines_by_page:
        extent = body_extent(lines, body)
        for line in lines:
            for key in candidate_keys(line, body, extent):
                seen[key].add(line.page)
    need = max(2, (len(lines_by_page) + 1) // 2)
    return frozenset(key for key, pages in seen.items() if len(pages) >= need)


def is_running(line: Line, keys: frozenset[tuple], body: float, extent: tuple[float, float] | None) -> bool:
    return any(key in keys for key in candidate_keys(line, body, extent))


def candidate_keys(line: Line, body: float, extent: tuple[float, float] | None) -> list[tuple]:
    if not in_margin_band(line):
        return []
    keys: list[tuple] = [("words", *line_key(line))]
    top_side = line.top < line.page_height * MARGIN_BAND
    outside = extent is None or (line.bottom <= extent[0] if top_side else line.top >= extent[1])
    first = line.words[0].text
    if outside and line.size < 0.95 * body and not first[:1].isdigit():
        keys.append(("place", top_side, round(line.top / 4), round(line.size, 1)))
    return keys


def body_extent(lines: list[Line], body: float) -> tuple[float, float] | None:
    """Top and bottom of the body-size text on a page."""
    tops = [(l.top, l.bottom) for l in lines if abs(l.size - body) <= 0.05 * body]
    return (min(t for t, _ in tops), max(b for _, b in tops)) if tops else None


def in_margin_band(line: Line) -> bool:
    return line.top < line.page_height * MARGIN_BAND or line.bottom > line.page_height * (1 - MARGIN_BAND)


def is_page_number(line: Line) -> bool:
    return in_margin_band(line) and bool(re.fullmatch(r"(page\s*)?\d{1,3}(\s*(of|/)\s*\d{1,3})?", line.text.strip(), re.I))


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


def join_continued(placed: list[tuple[Block, tuple[int, int]]]) -> list[Block]:
    """A paragraph cut by a column or page break continues in the first body block of the next
    region: it is joined when the first part stops mid-sentence in the same type."""
    out: list[Block] = []
    last_body: int | None = None  # index in ``out`` of the last body block, and its region
    last_region: tuple[int, int] | None = None
    for block, region in placed:
        is_body = block.role is Role.TEXT and not block.small
        if is_body and last_body is not None and region != last_region and continues(out[last_body], block):
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
        bool(text) and text[-1] not in ".!?;"
        and not (bold_label_first(block_runs(b)) and not bold_last(block_runs(a)))  # "Terminology: ..." opens a paragraph
        and a.size == b.size and not a.all_bold and b.bullet is None and not _NUMBER.match(b.text.split()[0] if b.text else "")
    )


def merge_blocks(a: Block, b: Block) -> Block:
    first = b.spans[0] if b.spans else None
    last = a.spans[-1] if a.spans else None
    if first is not None and last is not None and not first.marker and not last.marker and first.bold == last.bold:
        spans = a.spans[:-1] + (Span(last.text + " " + first.text, bold=last.bold),) + b.spans[1:]
    else:
        bold = bool(first and first.bold and last and last.bold)
        spans = a.spans + (Span(" ", bold=bold),) + b.spans
    return replace(a, spans=spans)


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
    if role_of(line, body) is Role.TEXT and {weight(prev), weight(line)} == {"bold", "regular"} and not in_year_column(current, line):
        return True  # a bold title line over a regular description, or the reverse
    if bold_label_first(line_runs(line)) and not bold_last(line_runs(prev)):
        return True  # "Terminology: ...", "Citizen rights: ..." open a paragraph of their own
    return line.top - prev.bottom > (leading + 0.35) * line.size


_YEAR_COLUMN = re.compile(r"^(1[89]\d\d|20\d\d|∨|–|—|-|to)$")


def in_year_column(current: list[Line], line: Line) -> bool:
    """A timeline entry goes on: its first line opens with a year set apart from the text, and
    this line opens with the next token of that column ("∨", the end year)."""
    def opens_column(l: Line) -> bool:
        words = [w for w in l.words if not w.marker]
        return len(words) > 1 and bool(_YEAR_COLUMN.match(words[0].text)) and words[1].x0 - words[0].x1 >= 0.5 * l.size
    return opens_column(current[0]) and re.fullmatch(r"1[89]\d\d|20\d\d", current[0].words[0].text) is not None and opens_column(line)


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
        where=Where(page=first.page, bbox=bbox_union(l.bbox for l in lines)),
        role=role,
        size=size,
        small=ty.is_small(size, body),
        bullet=bullet,
    )


LEAD_MAX_CHARS = 6  # a left column holds years, "∨", dashes: short tokens
ALIGN = 1.5  # points within which two word starts are aligned
TRAIL_MAX_WORDS = 4  # a right-hand cell holds a year or a country
TRAIL_MAX_LINES = 4  # ... beside a title, never in a paragraph


def lead_column(lines: list[Line]) -> float | None:
    """The x of a block's text column when short tokens stand left of it (a timeline's years):
    every line starts there, or has a word there after a wide gap and at most a few characters."""
    if not lines:
        return None
    left = min(l.x0 for l in lines)
    # the column starts at a line's start, or after a lead of a few short tokens
    candidates = sorted({round(w.x0, 1) for l in lines for w in l.words[1:4] if not w.marker} | {round(l.x0, 1) for l in lines})
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
            if sum(len(w.text) for w in before) > LEAD_MAX_CHARS or line.words[at].x0 - before[-1].x1 < 0.5 * line.size:
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


_TRAILING_YEAR = re.compile(r"(.+\s)?(1[89]\d\d|20\d\d)(\s*[-–]\s*(1[89]\d\d|20\d\d))?")


def is_cell_text(words: list[Word]) -> bool:
    """What a right-hand cell holds: a year or period (perhaps after a country), or a country."""
    from pipeline.countries import resolve

    text = " ".join(w.text for w in words if not w.marker)
    return bool(_TRAILING_YEAR.fullmatch(text)) or resolve(text) is not None


def ordered_words(lines: list[Line]) -> list[tuple[Word, bool]]:
    """The block's words in reading order: a left column (years of a timeline) first, then the
    main text, then right-hand cells (a year or country set apart). The flag marks a part's start."""
    lead_x = lead_column(lines)
    lead, main, trail = [], [], []
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
    right_edge = max(l.x1 for l in lines)
    for w, line_start in words:
        sep = ""
        if prev is not None and not w.marker:
            glued = not line_start and w.x0 - prev.x1 < 0.12 * w.size
            url_wrap = line_start and small and _URL_TAIL.search(_tail_text(spans)) and prev.x1 >= right_edge - 2 * prev.size
            sep = "" if glued or url_wrap else " "
        if w.marker:  # "4,5" cites two notes
            spans.extend(Span(n, bold=w.bold, marker=True, where=Where(page=None, bbox=w.bbox)) for n in w.text.split(",") if n)
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


# --------------------------------------------------------------------------- page images (inspect)


@dataclass(frozen=True)
class Box:
    """A labelled rectangle to draw on a page image."""

    bbox: BBox
    label: str
    colour: tuple[int, int, int]


def draw_pages(path: str, boxes_by_page: dict[int, list[Box]], out_dir: str, resolution: int = 100) -> list[str]:
    """I/O edge: render the given pages with pdfplumber and outline each box with its label.
    Returns the PNG paths written."""
    from PIL import ImageDraw

    written = []
    with pdfplumber.open(path) as pdf:
        for number in sorted(boxes_by_page):
            if not 1 <= number <= len(pdf.pages):
                continue
            image = pdf.pages[number - 1].to_image(resolution=resolution)
            for box in boxes_by_page[number]:
                image.draw_rect(box.bbox, fill=box.colour + (28,), stroke=box.colour + (220,), stroke_width=1)
            draw = ImageDraw.Draw(image.annotated)
            for box in boxes_by_page[number]:
                x, y = image._reproject((box.bbox[0], box.bbox[1]))
                draw.text((x + 1, max(0, y - 9)), box.label, fill=box.colour + (255,))
            target = f"{out_dir}/page-{number:03d}.png"
            image.save(target)
            written.append(target)
    return written
