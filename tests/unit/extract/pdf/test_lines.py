"""Lines of words: which small digits are note markers."""

from __future__ import annotations

from pipeline.extract.pdf.lines import mark_superscripts
from tests.support.pdf_words import w


def test_small_raised_digits_are_markers_and_baseline_digits_are_not():
    words = [
        w("Prakas", 50, 100),
        w("012/2007", 90, 100),
        w("5", 134, 96, size=7),
        w("created", 140, 100),
        w("20", 190, 100),
    ]
    marked = mark_superscripts(words)
    assert [x.text for x in marked if x.marker] == ["5"]


def test_small_digits_on_the_baseline_are_not_markers():
    words = [w("page", 50, 100), w("12", 80, 103, size=7)]  # smaller but not raised
    assert not any(x.marker for x in mark_superscripts(words))
