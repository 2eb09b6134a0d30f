"""How large an input may be. Anything larger is refused (code ``too-large``) before the part
that would need the memory is read, so no input can exhaust memory.

A profile is a few pages: the Cambodia 2022 PDF has 7 pages, 64 KB, at most 3,806 glyphs and
8 KB of page content per page; its text edition is 19 KB. Each limit leaves a wide margin above
that, and together they bound memory. Measured (peak RSS of a whole `pipeline run` on one file;
a run on raw/ peaks at 171 MB, mostly pandas and pandera): a PDF at the page and glyph limits
at once (50 pages of 29,000 glyphs) 270 MB in 43 s; a 2 MiB text file 187 MB in 3 s. Pages are
analysed one at a time and their layout objects released (layout analysis takes ~2 KB a glyph).

Checked, in this order:
- file size: from the file system, before the file is read (``run.discover``);
- page count: counted lazily from the page tree, stopping at the limit, before any page is read;
- per page, before its layout is analysed: the decoded size of its content streams and forms
  (Flate data is inflated in chunks, counted and dropped, only up to the limit, so a compression
  bomb is refused without being inflated), then its glyph count (by interpreting the content
  without building layout objects; this also counts the glyphs of forms the page draws, however
  often it draws them).

Per document, in the worker that processes it (``pipeline.runner.guard``): a time limit and a
cap on the memory the document may add to the worker; past either, the document gets a
``timed-out`` or ``too-large`` finding and the worker goes on with the rest of the batch.

Not bounded: content streams whose first filter is not Flate (LZW, ASCII85, ...; pdfminer
decodes them whole), and fonts and other resources pdfminer decodes; profiles use neither for
bulk content.
"""

from __future__ import annotations

from dataclasses import dataclass

MAX_TEXT_BYTES = 2 * 1024 * 1024  # a text profile is ~20 KB
MAX_PDF_BYTES = 50 * 1024 * 1024  # a profile PDF is well under 1 MB, a few MB with photographs
MAX_PAGES = 50  # a profile has 4 to 12 pages
MAX_PAGE_CONTENT_BYTES = 1024 * 1024  # decoded content streams of one page (profile: <= 8 KB)
MAX_PAGE_GLYPHS = 30_000  # glyphs drawn on one page (profile: <= 3,806)
MAX_DOCUMENT_SECONDS = 120.0  # one document, read to enriched (a PDF at every limit above: 43 s)
MAX_DOCUMENT_MEMORY_MB = 1024  # address space one document may add to its worker (at the limits: 270 MB)


@dataclass(frozen=True)
class DocumentLimits:
    """What one document may cost its worker."""

    seconds: float = MAX_DOCUMENT_SECONDS
    memory_mb: int = MAX_DOCUMENT_MEMORY_MB


DEFAULT_LIMITS = DocumentLimits()


def max_bytes(fmt: str) -> int:
    return MAX_PDF_BYTES if fmt == "pdf" else MAX_TEXT_BYTES
