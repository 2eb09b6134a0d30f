"""Extract stage for PDF profiles: words -> lines -> blocks, by typography alone.

The PDF reader: this package is the only place that imports pdfplumber (and pdfminer, which it
is built on). ``read_pdf`` is its I/O edge; the modules beside it are pure. Rules come from
type and structure, never from this or that edition's coordinates: the body size is the most
common size; markers are digits set smaller than their line and raised above its baseline;
running headers and footers are lines that repeat at the same place on several pages; notes are
small lines opening with a number.
"""

from __future__ import annotations

from dataclasses import replace

import pdfplumber

from pipeline.extract.pdf.blocks import layout_document
from pipeline.extract.pdf.page_limits import check_page_count, check_page_size
from pipeline.extract.pdf.words import WORD_OPTIONS, page_words, words_of_dicts
from pipeline.model.document import Document, SourceInfo
from pipeline.model.findings import Finding, ProfileError, finding


def check_pdf_bytes(data: bytes, file: str) -> None:
    """Pure and cheap, before any parsing: the bytes open like a PDF and end like one."""
    if b"%PDF-" not in data[:1024]:
        raise ProfileError(finding("not-a-pdf", file=file, reason="it does not start with the %PDF- header"))
    if b"%%EOF" not in data[-1024:]:
        raise ProfileError(
            finding(
                "pdf-damaged",
                file=file,
                reason="it stops before its end-of-file marker %%EOF, so it was cut short",
            )
        )


def read_pdf(path: str, source: SourceInfo) -> Document:
    """I/O edge: open the PDF, take its words, hand them to the pure stages. Nothing larger
    than the limits in ``pipeline.extract.limits`` is analysed (see there)."""
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


def unreadable(exc: Exception, file: str) -> Finding:
    """The finding for a PDF pdfminer cannot open or read (pdfplumber wraps its exceptions)."""
    cause = (
        exc.args[0]
        if type(exc).__name__ == "PdfminerException" and exc.args and isinstance(exc.args[0], Exception)
        else exc
    )
    name = type(cause).__name__
    if "Password" in name or "Encrypt" in name:
        return finding("pdf-encrypted", file=file)
    text = str(cause).strip() or name
    return finding("pdf-damaged", file=file, reason=f"{name}: {text}"[:200])
