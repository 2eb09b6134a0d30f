"""read_pdf builds words straight from the laid-out characters. Where the PDF writes space glyphs
they must be exactly the words pdfplumber's extract_words gives (same text, boxes, sizes, fonts;
the order may differ, as words are grouped by font over the page and later sorted by position);
where it writes none, words end at gaps that stand out from the line's letter spacing."""

from __future__ import annotations

import pdfplumber
import pytest

from pipeline.extract.pdf.words import WORD_OPTIONS, Word, page_words, words_of_chars, words_of_dicts
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
                ), f"{source.name} page {page.page_number}"
                compared += len(fast)
    assert compared > 4000


def _position(word: Word) -> tuple:
    return (word.top, word.x0, word.text, word.size)


def set_line(words: list[str], x: float, top: float, size: float, gap_ems: float, tracking: float = 0.0):
    """Characters of one line placed without space glyphs: each glyph half an em wide, letters
    ``tracking`` ems apart, words ``gap_ems`` ems apart (layout software's export)."""
    chars = []
    for word in words:
        for ch in word:
            chars.append((ch, x, top, x + 0.5 * size, top + size, size, "Serif"))
            x += (0.5 + tracking) * size
        x += (gap_ems - tracking) * size
    return chars


def test_words_without_space_glyphs_end_at_gaps_that_stand_out_from_the_letter_spacing():
    words = ["Voting", "from", "abroad", "is", "legally", "allowed"]
    tight_note = set_line(words, 54, 700, 6.5, gap_ems=0.18)  # 1.2 pt gaps, under pdfplumber's 3 pt
    tracked_heading = set_line(["FACTS", "AND", "FIGURES"], 54, 100, 24, gap_ems=0.5, tracking=0.15)
    found = words_of_chars(tight_note + tracked_heading)
    assert [w.text for w in found if w.size == 6.5] == words
    assert [w.text for w in found if w.size == 24] == ["FACTS", "AND", "FIGURES"]  # 3.6 pt letter gaps


def test_words_do_not_depend_on_the_order_characters_are_drawn_in():
    line = set_line(["Political", "rights", "Not", "yet", "implemented"], 54, 300, 8.6, gap_ems=0.2)
    other = set_line(["Voting", "from", "abroad"], 54, 320, 8.6, gap_ems=0.25)
    in_order = words_of_chars(line + other)
    shuffled = list(reversed(other)) + line[10:] + list(reversed(line[:10]))
    assert sorted(words_of_chars(shuffled), key=_position) == sorted(in_order, key=_position)
    assert [w.text for w in sorted(in_order, key=_position)] == [
        "Political", "rights", "Not", "yet", "implemented", "Voting", "from", "abroad",
    ]  # fmt: skip


def test_ligature_glyphs_become_letters():
    chars = set_line(["\ufb01nancial", "e\ufb00orts", "o\ufb03ce", "\ufb02ows"], 54, 100, 9, gap_ems=0.2)
    assert [w.text for w in words_of_chars(chars)] == ["financial", "efforts", "office", "flows"]


def test_a_smaller_raised_marker_is_a_word_of_its_own():
    chars = set_line(["migration."], 54, 100, 8.6, gap_ems=0.2) + set_line(["13,14"], 97, 98, 5.0, 0.2)
    assert [w.text for w in words_of_chars(chars)] == ["migration.", "13,14"]
