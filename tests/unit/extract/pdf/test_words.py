"""read_pdf builds words straight from the laid-out characters. Where the PDF writes space glyphs
they must be exactly the words pdfplumber's extract_words gives (same text, boxes, sizes, fonts;
the order may differ, as words are grouped by font over the page and later sorted by position);
where it writes none, words end at gaps that stand out from the line's letter spacing."""

from __future__ import annotations

import pdfplumber
import pytest

from pipeline.extract.pdf.words import WORD_OPTIONS, Word, page_words, words_of_dicts
from tests.support.paths import RAW
from tests.support.typeset.layout import VARIANTS
from tests.support.typeset.pdf import typeset


@pytest.fixture(scope="module")
def sources(tmp_path_factory) -> list:
    """The real PDF and the profile typeset in three other layouts."""
    folder = tmp_path_factory.mktemp("word-variants")
    out = [RAW / "cambodia-2022.pdf"]
    for variant in ("two_column", "endnotes", "letter_serif"):
        path = folder / f"{variant}.pdf"
        typeset(RAW / "cambodia-2022.txt", VARIANTS[variant], path)
        out.append(path)
    return out


def test_words_from_layout_characters_equal_pdfplumbers_words(sources):
    compared = 0
    for source in sources:
        with pdfplumber.open(source) as pdf:
            for page in pdf.pages:
                fast = page_words(page)
                assert fast is not None
                assert sorted(fast, key=_position) == sorted(
                    words_of_dicts(page.extract_words(**WORD_OPTIONS)), key=_position
                ), (
                    f"{source.name} page {page.page_number}"
                )
                compared += len(fast)
    assert compared > 4000


def _position(word: Word) -> tuple:
    return (word.top, word.x0, word.text, word.size)
