"""Blocks of a page: layout on made-up words (no coordinates of any real edition) and on the PDF."""

from __future__ import annotations

from pipeline.extract.pdf import read_pdf
from pipeline.extract.pdf.blocks import layout_document
from pipeline.model.document import Role, SourceInfo
from tests.support.paths import RAW
from tests.support.pdf_words import w


def test_layout_drops_running_lines_and_keeps_body():
    pages = []
    for n in (1, 2, 3):
        words = (
            w("Running", 40, 20, size=7),
            w("head", 90, 20, size=7),
            w("Heading", 40, 100, size=14, bold=True),
            w("Body", 40, 140),
            w("text", 70, 140),
            w(f"{n}", 500, 780, size=7),
        )
        pages.append((n, 600.0, 800.0, words))
    doc = layout_document(pages, SourceInfo("x.pdf", "x.pdf", "", "pdf", 3))
    texts = [b.text for b in doc.blocks]
    assert "Running head" not in texts and all("Running" not in t for t in texts)
    assert any(b.role is Role.HEADING and b.text == "Heading" for b in doc.blocks)
    assert len(doc.dropped) == 6


def test_real_pdf_has_no_running_text_and_separates_markers():
    doc = read_pdf(str(RAW / "cambodia-2022.pdf"), SourceInfo("c.pdf", "c.pdf", "", "pdf", None))
    assert doc.source.pages == 7
    assert not any("EU Global Diaspora Facility" in b.text for b in doc.blocks)
    assert not any(b.text.startswith("Diaspora engagement mapping |") for b in doc.blocks)
    prakas = next(b for b in doc.blocks if "Prakas 012/2007" in b.text)
    assert "012/20075" not in prakas.text and prakas.markers == (5, 6, 7)
