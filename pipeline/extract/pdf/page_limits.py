"""Input limits checked on a PDF before its pages are laid out (see ``pipeline.extract.limits``)."""

from __future__ import annotations

import re
import zlib
from itertools import islice

from pdfminer.pdfdevice import PDFDevice
from pdfminer.pdfdocument import PDFDocument
from pdfminer.pdfinterp import LITERAL_FORM, PDFPageInterpreter, PDFResourceManager
from pdfminer.pdfpage import PDFPage
from pdfminer.pdftypes import LITERALS_FLATE_DECODE, PDFStream, resolve1

from pipeline.extract import limits
from pipeline.model.findings import ProfileError, finding

# --------------------------------------------------------------------------- limits


def check_page_count(doc: PDFDocument, file: str) -> None:
    """Count pages lazily from the page tree and stop one past the limit."""
    count = sum(1 for _ in islice(PDFPage.create_pages(doc), limits.MAX_PAGES + 1))
    if count > limits.MAX_PAGES:
        raise ProfileError(
            finding(
                "too-large",
                file=file,
                value=count,
                reason=f"it has more than {limits.MAX_PAGES} pages, the limit for a profile",
            )
        )


def check_page_size(rsrcmgr: PDFResourceManager, page: PDFPage, number: int, file: str) -> None:
    """Refuse a page whose content (decoded) or glyph count exceeds the limits, before its
    layout is analysed (layout analysis takes about 2 KB per glyph). Glyphs are counted by
    interpreting the content, which is needed only where the content is larger than the glyph
    limit or draws forms (a form drawn many times multiplies its glyphs)."""
    size = content_size(page, limits.MAX_PAGE_CONTENT_BYTES)
    if size > limits.MAX_PAGE_CONTENT_BYTES:
        raise ProfileError(
            finding(
                "too-large",
                file=file,
                page=number,
                value=size,
                reason=(
                    f"page {number} holds more than {limits.MAX_PAGE_CONTENT_BYTES:,} bytes of content, "
                    "the limit for a page"
                ),
            )
        )
    if not _forms(page.resources) and (
        size <= limits.MAX_PAGE_GLYPHS or _string_bytes(page) <= limits.MAX_PAGE_GLYPHS
    ):
        # a glyph takes at least one byte of content, indeed of a shown string: an upper bound of
        # the glyph count, with no interpretation (forms drawn many times need one)
        return
    counter = _GlyphCounter(rsrcmgr, limits.MAX_PAGE_GLYPHS)
    try:
        PDFPageInterpreter(rsrcmgr, counter).process_page(page)
    except _TooManyGlyphs:
        raise ProfileError(
            finding(
                "too-large",
                file=file,
                page=number,
                value=counter.glyphs,
                reason=(
                    f"page {number} draws more than {limits.MAX_PAGE_GLYPHS:,} characters, "
                    "the limit for a page"
                ),
            )
        ) from None


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
    return [
        x
        for x in map(resolve1, xobjects.values())
        if isinstance(x, PDFStream) and x.get("Subtype") is LITERAL_FORM
    ]


def _decoded_size(stream: PDFStream, limit: int) -> int:
    """The stream's decoded size; Flate data (what content streams use) is measured without
    being kept, and only up to ``limit``. Other filter chains are decoded by pdfminer."""
    filters = [f for f, _ in stream.get_filters()]
    if stream.data is None and stream.rawdata is not None and filters and filters[0] in LITERALS_FLATE_DECODE:
        raw = stream.rawdata
        if stream.decipher:
            # a stream read from a file has its object and generation numbers (pdfminer asserts the same)
            assert stream.objid is not None and stream.genno is not None
            raw = stream.decipher(stream.objid, stream.genno, raw, stream.attrs)
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
