"""Made-up words as pdfplumber hands them over, for the PDF extraction tests: no coordinates of
any real edition."""

from __future__ import annotations

from pipeline.extract.pdf.words import Word


def w(text, x0, top, size=10.0, bold=False, width=None):
    return Word(
        text=text,
        x0=x0,
        top=top,
        x1=x0 + (width or 0.55 * size * len(text)),
        bottom=top + size,
        size=size,
        bold=bold,
    )
