"""Blocks of a page: layout on made-up words (no coordinates of any real edition) and on the PDF."""

from __future__ import annotations

from pipeline.extract.pdf import read_pdf
from pipeline.extract.pdf.blocks import layout_document
from pipeline.extract.pdf.lines import Line, mark_superscripts
from pipeline.extract.pdf.words import Word
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


def test_a_marker_citing_two_notes_gives_two_markers():
    from pipeline.extract.pdf.cells import spans_of

    line = Line(
        words=tuple(mark_superscripts([w("policy", 50, 100), w("4,5", 83, 96, size=7), w("was", 100, 100)])),
        page=1,
        page_height=800,
    )
    spans, _ = spans_of([line], small=False)
    assert [s.text for s in spans if s.marker] == ["4", "5"]


def paragraph(*lines: str, size: float = 10.0, top: float = 100.0, right: float = 300.0) -> list[Word]:
    """Justified lines of a paragraph: each line's words spread from x=50 to ``right``."""
    words = []
    for i, text in enumerate(lines):
        parts = text.split()
        widths = [0.5 * size * len(p) for p in parts]
        gap = (right - 50 - sum(widths)) / max(1, len(parts) - 1) if i < len(lines) - 1 else 0.3 * size
        x = 50.0
        for part, width in zip(parts, widths, strict=True):
            words.append(w(part, x, top + 1.3 * size * i, size=size, width=width))
            x += width + gap
    return words


def test_a_word_broken_at_a_line_end_is_joined_and_a_compound_keeps_its_hyphen():
    words = paragraph(
        "Labour migra-",
        "tion rose and the sub-",
        "decree on labour migration and on co-",
        "ordination was passed and co-ordination improved.",
    )
    doc = layout_document([(1, 600.0, 800.0, tuple(words))], SourceInfo("x.pdf", "x.pdf", "", "pdf", 1))
    assert [b.text for b in doc.blocks] == [
        "Labour migration rose and the sub-decree on labour migration and on co-ordination was passed"
        " and co-ordination improved."
    ]
    assert [(f.code, f.value, f.page) for f in doc.findings] == [("hyphen-uncertain", "sub-decree", 1)]


def test_a_dash_opening_a_line_that_goes_on_a_filled_line_is_not_a_bullet():
    words = paragraph(
        "The team worked with the Ministry of Interior",
        "- who provided data - on a project.",
    )
    doc = layout_document([(1, 600.0, 800.0, tuple(words))], SourceInfo("x.pdf", "x.pdf", "", "pdf", 1))
    assert [(b.text, b.bullet) for b in doc.blocks] == [
        ("The team worked with the Ministry of Interior - who provided data - on a project.", None)
    ]


def test_a_dash_after_a_short_line_opens_a_list_item():
    words = paragraph("Tasks:", size=10.0) + paragraph("- register voters", top=113.0)
    doc = layout_document([(1, 600.0, 800.0, tuple(words))], SourceInfo("x.pdf", "x.pdf", "", "pdf", 1))
    assert [(b.text, b.bullet) for b in doc.blocks] == [("Tasks:", None), ("register voters", "-")]


def test_markers_at_58_percent_with_text_rise_after_punctuation_and_citing_two_notes():
    # body 8.6 pt; markers 5 pt raised by 0.38 em: their box bottom sits 4 pt above the body's
    words = [
        w("grievances.", 50, 100, size=8.6),
        w("13,14", 97.3, 99.4 - 4, size=5.0),
        w("Local", 115, 100, 8.6),
    ]
    line = Line(words=tuple(mark_superscripts(words)), page=1, page_height=800)
    from pipeline.extract.pdf.cells import spans_of

    spans, _ = spans_of([line], small=False)
    assert [(s.text, s.marker) for s in spans] == [
        ("grievances.", False), ("13", True), ("14", True), (" Local", False)
    ]  # fmt: skip


def test_a_paragraph_continued_in_the_next_column_has_a_box_over_both_fragments():
    words: list[Word] = []
    for i in range(8):  # one paragraph running down the left column, on into the right one
        words += paragraph("the left column text of the paragraph runs", right=250.0, top=100.0 + 13 * i)[:7]
        words += [
            w(t, 300 + 36 * k, 100.0 + 13 * i) for k, t in enumerate("and on in the right column".split())
        ]
    words[-1] = w("column.", words[-1].x0, words[-1].top)
    doc = layout_document([(1, 600.0, 800.0, tuple(words))], SourceInfo("x.pdf", "x.pdf", "", "pdf", 1))
    (block,) = [b for b in doc.blocks if b.role is Role.TEXT]
    assert block.text.startswith("the left column") and block.text.endswith("right column.")
    x0, top, x1, bottom = block.where.bbox
    assert x0 == 50 and x1 > 480 and top == 100 and bottom >= 100 + 13 * 7
