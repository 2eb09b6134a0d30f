"""Each glyph-setting trait of the layout variants is really in the PDFs they make (the records
these PDFs give are compared with the text edition's in test_layouts.py)."""

from __future__ import annotations

import re
from collections import Counter

import pdfplumber
import pytest

from tests.support.paths import FIXTURES, RAW
from tests.support.typeset import VARIANTS, typeset

SOURCES = {
    "cambodia": RAW / "cambodia-2022.txt",
    "ghana": FIXTURES / "ghana-2023.txt",
    "moldova": FIXTURES / "moldova-2024.txt",
}
LIGATURE_GLYPHS = {"\ufb00", "\ufb01", "\ufb02", "\ufb03", "\ufb04"}
DIGITS = set("0123456789")


@pytest.fixture(scope="module")
def chars(tmp_path_factory):
    """chars(variant, profile) -> every page's characters in drawing (content-stream) order."""
    folder = tmp_path_factory.mktemp("glyph-setting")
    cache: dict[tuple[str, str], list[list[dict]]] = {}

    def _chars(variant: str, profile: str = "cambodia") -> list[list[dict]]:
        if (variant, profile) not in cache:
            path = folder / f"{profile}-{variant}.pdf"
            typeset(SOURCES[profile], VARIANTS[variant], path)
            with pdfplumber.open(path) as pdf:
                cache[variant, profile] = [list(page.chars) for page in pdf.pages]
        return cache[variant, profile]

    return _chars


def lines_of(page: list[dict]) -> list[list[dict]]:
    """A page's characters as lines (same font size and baseline, cut at gaps of two ems: the
    lines of two columns stay apart), each in x order."""
    rows: dict[tuple[float, float], list[dict]] = {}
    for c in page:
        rows.setdefault((round(c["size"], 1), round(c["bottom"], 1)), []).append(c)
    lines = []
    for row in rows.values():
        row.sort(key=lambda c: c["x0"])
        lines.append([row[0]])
        for a, b in zip(row, row[1:], strict=False):
            if b["x0"] - a["x1"] > 2 * a["size"]:
                lines.append([])
            lines[-1].append(b)
    return lines


def line_text(line: list[dict]) -> str:
    """A line's characters, a space where a gap between two is wider than a tenth of an em (no
    space glyph is drawn in some variants)."""
    out = line[0]["text"]
    for a, b in zip(line, line[1:], strict=False):
        out += (" " if b["x0"] - a["x1"] > 0.1 * a["size"] else "") + b["text"]
    return out


def body_size(pages: list[list[dict]]) -> float:
    return Counter(round(c["size"], 1) for page in pages for c in page).most_common(1)[0][0]


@pytest.mark.parametrize("variant,note_sizes", [("no_space_glyphs", (6, 7)), ("indesign_traits", (7, 8))])
def test_no_space_glyph_is_drawn_and_justified_gaps_are_tight(chars, variant, note_sizes):
    pages = chars(variant)
    assert not [c for page in pages for c in page if c["text"].isspace()]
    body = body_size(pages)
    word_gaps = [
        (b["x0"] - a["x1"]) / a["size"]
        for page in pages
        for line in lines_of(page)
        for a, b in zip(line, line[1:], strict=False)
        if b["x0"] - a["x1"] > 0.01 * a["size"]
    ]
    assert min(word_gaps) == pytest.approx(0.18, abs=0.01)  # ems, the narrowest word space
    small_lines = [
        line
        for page in pages
        for line in lines_of(page)
        if note_sizes[0] <= line[0]["size"] <= note_sizes[1] and len(line) > 40
    ]
    assert small_lines and body > note_sizes[1]  # notes in small type beside the body text


def backward_steps(pages: list[list[dict]]) -> int:
    """Times the next character drawn stands on the same baseline, left of the one before."""
    return sum(
        1
        for page in pages
        for a, b in zip(page, page[1:], strict=False)
        if abs(a["bottom"] - b["bottom"]) < 0.5 and b["x1"] < a["x0"] - 1
    )


def upward_jumps(pages: list[list[dict]]) -> int:
    """Times the next character drawn stands more than two lines above the one before."""
    return sum(
        1 for page in pages for a, b in zip(page, page[1:], strict=False) if b["bottom"] < a["top"] - 20
    )


@pytest.mark.parametrize(
    "variant,base", [("shuffled_drawing", "two_column"), ("indesign_traits", "combined")]
)
def test_drawing_order_is_not_reading_order(chars, variant, base):
    shuffled, plain = chars(variant), chars(base)
    assert backward_steps(shuffled) > 5 * backward_steps(plain) + 200  # words of a line in any order
    assert upward_jumps(shuffled) > 5 * upward_jumps(plain) + 100  # lines (frames) in any order


@pytest.mark.parametrize("variant", ["ligature_glyphs", "indesign_traits"])
def test_ligature_glyphs_stand_in_prose_and_in_urls(chars, variant):
    pages = chars(variant)
    found = {c["text"] for page in pages for c in page} & LIGATURE_GLYPHS
    assert found >= {"\ufb00", "\ufb01", "\ufb02", "\ufb03"}  # ff, fi, fl, ffi (no "ffl" in the text)
    in_url = [line_text(line) for page in pages for line in lines_of(page) if "http" in line_text(line)]
    assert any(LIGATURE_GLYPHS & set(text) for text in in_url)


def line_end_hyphens(pages: list[list[dict]]) -> list[tuple[str, str]]:
    """(head, tail) of words broken at a line end with a hyphen: the last word of a line ending
    in a letter and a hyphen, the first word of the next line of its column."""
    out = []
    for page in pages:
        lines = lines_of(page)
        for line in lines:
            head = re.search(r"([A-Za-z]+)-$", line_text(line))
            below = [
                other
                for other in lines
                if other[0]["top"] > line[0]["top"]
                and other[0]["x0"] < line[-1]["x1"]
                and other[-1]["x1"] > line[0]["x0"]
            ]
            if head and below:
                tail = re.match(r"([a-z]+)", line_text(min(below, key=lambda ln: ln[0]["top"])))
                if tail:
                    out.append((head.group(1), tail.group(1)))
    return out


@pytest.mark.parametrize("variant", ["hyphenated", "indesign_traits"])
def test_words_are_hyphenated_and_compounds_broken_at_their_hyphen(chars, variant):
    text = SOURCES["cambodia"].read_text(encoding="utf-8")
    broken = line_end_hyphens(chars(variant))
    compounds = [(h, t) for h, t in broken if f"{h}-{t}" in text]
    hyphenated = [(h, t) for h, t in broken if f"{h}{t}" in text and f"{h}-{t}" not in text]
    assert {h.lower() for h, _ in compounds} & {"co", "cross", "sub"}, compounds  # co-|ordination ...
    assert len(hyphenated) >= 10, hyphenated  # migra-|tion ...


def test_soft_hyphens_mark_the_hyphens_added_and_compounds_keep_their_own(chars):
    lines = [line_text(line) for page in chars("soft_hyphens") for line in lines_of(page)]
    assert sum(1 for t in lines if re.search(r"[a-z]\u00ad$", t)) >= 10  # organi\u00ad|sation ...
    assert any(re.search(r"[a-z]-$", t) for t in lines)  # co-|ordination
    assert any(re.search(r"[a-z]-[a-z]", t) for t in lines)
    assert not any(re.search(r"\u00ad.", t) for t in lines)  # only where a line ends


def test_urls_are_broken_across_lines(chars):
    pages = chars("hyphenated")
    note_lines = [line_text(line).strip() for page in pages for line in lines_of(page) if line[0]["size"] < 8]
    assert any(re.search(r"https?://\S+$", t) and len(t) > 60 for t in note_lines)


@pytest.mark.parametrize("variant", ["text_rise_markers", "indesign_traits"])
def test_markers_are_raised_small_digits_after_punctuation(chars, variant):
    pages = chars(variant)
    body = body_size(pages)
    markers = []
    for page in pages:
        for c in page:
            if c["text"] in DIGITS and c["size"] == pytest.approx(0.58 * body, abs=0.05):
                before = [  # the body character just left of it, its bottom lower (raised marker)
                    o
                    for o in page
                    if o["size"] == pytest.approx(body, abs=0.05)
                    and abs(o["x1"] - c["x0"]) < 0.5
                    and 0.15 * body < o["bottom"] - c["bottom"] < body
                ]
                if before:
                    markers.append((before[0]["text"], c["text"]))
    assert len(markers) >= 10
    assert any(before in ".:" for before, _ in markers)  # "migration.⁹", "Cambodia:⁸"
