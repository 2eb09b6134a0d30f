"""Text-edition reading rules."""

from __future__ import annotations

from pipeline.extract.text import decode_text, extract_text
from pipeline.model.document import SourceInfo

SRC = SourceInfo("t.txt", "t.txt", "", "text", None)


def blocks(text: str):
    return extract_text(text.encode("utf-8"), SRC).blocks


def test_superscripts_become_marker_spans_separate_from_the_text():
    (b,) = blocks("Prakas 012/2007⁵ created it.¹²\n")
    assert b.text == "Prakas 012/2007 created it." and b.markers == (5, 12)


def test_list_item_missing_its_opening_bold_is_balanced():
    (b,) = blocks("- 2003** ● **Memorandum⁴** calls for\n")
    bold = [s.text for s in b.spans if s.bold and not s.marker]
    assert bold == ["2003", "Memorandum"] and b.bullet == "-"


def test_list_item_continues_on_unmarked_lines_and_other_lines_stand_alone():
    bs = blocks("- 2014** ∨\n2018 ● **Plan:⁸** text\n\nA\nB\n")
    assert [b.text for b in bs] == ["2014 ∨ 2018 ● Plan: text", "A", "B"]
    assert [b.where.line for b in bs] == [1, 4, 5]


def test_markdown_escapes_are_undone():
    (b,) = blocks("costs to US\\$20\n")
    assert b.text == "costs to US$20"


def test_bom_crlf_and_cp1252_decode():
    assert decode_text("\ufeffa\r\nb".encode("utf-8"), "x") == "a\nb"
    assert decode_text("Médecins".encode("cp1252"), "x") == "Médecins"


def test_comma_between_superscripts_separates_two_markers():
    (b,) = blocks("the policy⁴,⁵ was adopted\n")
    assert b.text == "the policy was adopted" and b.markers == (4, 5)
