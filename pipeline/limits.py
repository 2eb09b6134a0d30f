"""How large an input may be. Anything larger is refused (code ``too-large``) before the part
that would need the memory is read, so no input can exhaust memory.

A profile is a few pages: the Cambodia 2022 PDF has 7 pages, 64 KB, at most 3,806 glyphs and
8 KB of page content per page; its text edition is 19 KB. Each limit leaves a wide margin above
that, and together they bound a run's memory: an accepted PDF at every limit at once takes
about 300 MB (measured: tests/test_bad_input.py::test_a_pdf_at_the_limits_stays_within_the_memory_bound),
a text file about 25 times its size.

Checked, in this order:
- file size: from the file system, before the file is read (``run.discover``);
- page count: counted lazily from the page tree, stopping at the limit, before any page is read;
- per page, before its layout is analysed: the decoded size of its content streams (Flate data is
  inflated only up to the limit, so a compressed bomb is refused without being inflated), then
  its glyph count (by interpreting the content without building layout objects; this also
  counts the glyphs of forms the page draws, however often it draws them).
"""

from __future__ import annotations

MAX_TEXT_BYTES = 2 * 1024 * 1024  # a text profile is ~20 KB
MAX_PDF_BYTES = 50 * 1024 * 1024  # a profile PDF is well under 1 MB, a few MB with photographs
MAX_PAGES = 50  # a profile has 4 to 12 pages
MAX_PAGE_CONTENT_BYTES = 1024 * 1024  # decoded content streams of one page (profile: <= 8 KB)
MAX_PAGE_GLYPHS = 30_000  # glyphs drawn on one page (profile: <= 3,806)


def max_bytes(fmt: str) -> int:
    return MAX_PDF_BYTES if fmt == "pdf" else MAX_TEXT_BYTES
