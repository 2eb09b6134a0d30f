"""Designed pages (issue 15, items 6-9): the traits are really in the PDFs, and broken pairing fails.

The PDFs are made by the test-only typesetter (tests/support/typeset): a designed facts page (a
tinted sidebar with donut drawings and the shares in boxes under small grey labels, remittance
boxes whose labels wrap, destination names in one box and their counts right-aligned in another,
the political rights as a list with an icon each), statuses printed beside the icons, narrow
annex columns where names wrap beside their country and year, a timeline whose year column is
taller than its text, and all of these at once in two serif columns on US Letter.

That each variant gives exactly the text edition's records is tested with the other layouts in
tests/e2e/test_layouts.py.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from pathlib import Path

import pdfplumber
import pytest

from pipeline.runner.run import run
from tests.support.paths import FIXTURES, RAW, read_tables
from tests.support.typeset import DESIGNED_VARIANTS, STATUS_OF_WORDING, VARIANTS, typeset

SOURCES = {
    "cambodia-2022": RAW / "cambodia-2022.txt",
    "ghana-2023": FIXTURES / "ghana-2023.txt",
    "moldova-2024": FIXTURES / "moldova-2024.txt",
}


@pytest.fixture(scope="session")
def designed_pdf(tmp_path_factory):
    folder = tmp_path_factory.mktemp("designed")

    def _make(stem: str, variant: str) -> Path:
        target = folder / f"{stem}-{variant}.pdf"
        if not target.exists():
            typeset(str(SOURCES[stem]), VARIANTS[variant], str(target))
        return target

    return _make


def test_every_status_wording_is_printed_by_some_variant():
    printed = {w for v in DESIGNED_VARIANTS for w in VARIANTS[v].rights_statuses}
    assert printed == set(STATUS_OF_WORDING)


# --------------------------------------------------------------- the traits are in the PDFs


def _words(pdf: Path, page: int = 0) -> list[dict]:
    with pdfplumber.open(pdf) as doc:
        return doc.pages[page].extract_words(extra_attrs=["size", "non_stroking_color"])


def _word(words: list[dict], text: str, after: float = 0.0) -> dict:
    return next(w for w in words if w["text"] == text and w["top"] >= after)


@pytest.mark.parametrize("variant", ["designed_facts", "designed_all_at_once"])
def test_designed_facts_page_has_boxes_labels_donuts_and_aligned_counts(designed_pdf, variant):
    pdf = designed_pdf("cambodia-2022", variant)
    words = _words(pdf)
    body = Counter(round(w["size"], 1) for w in words).most_common(1)[0][0]
    male, value = _word(words, "Male"), _word(words, "53.6%")
    # a small grey label over its value, in a box of its own
    assert male["size"] < 0.85 * body < value["size"]
    assert max(male["non_stroking_color"][:3]) < 0.5 and len(set(male["non_stroking_color"][:3])) == 1
    assert male["bottom"] < value["top"] and abs(male["x0"] - value["x0"]) < 1
    female, other = _word(words, "Female"), _word(words, "46.4%")
    if variant == "designed_facts":  # boxes side by side: labels on one baseline, values on another
        assert abs(female["top"] - male["top"]) < 1 and other["x0"] > value["x1"] + 6
    else:  # boxes one under the other (the sidebar is too narrow for two)
        assert female["top"] > value["bottom"] and abs(female["x0"] - male["x0"]) < 1
    # the remittance labels wrap inside their boxes: "GDP" on a line under the label's first
    share, gdp = _word(words, "Remittances"), _word(words, "GDP")
    assert gdp["top"] > share["bottom"] and gdp["size"] == share["size"] < body
    # names left in one box, counts right-aligned in another, on the names' baselines
    counts = [_word(words, c) for c in ("689,451", "196,003", "69,748", "38,278", "24,836")]
    assert len({round(c["x1"], 1) for c in counts}) == 1 and len({round(c["x0"], 1) for c in counts}) > 1
    thailand = _word(words, "Thailand")
    assert abs(thailand["bottom"] - counts[0]["bottom"]) < 0.5 and counts[0]["x0"] - thailand["x1"] > 50
    # the sidebar runs beside the main panel: "Emigration" and the remittance labels share a band
    emigration = _word(words, "Emigration")
    assert abs(emigration["top"] - share["top"]) < 20  # (left of it, or right of it on all_at_once)
    assert emigration["x1"] < share["x0"] or emigration["x0"] > _word(words, "(USD")["x1"]
    with pdfplumber.open(pdf) as doc:
        page = doc.pages[0]
        shapes = [s for s in page.rects + page.curves if s["fill"]]
    white = [s for s in shapes if tuple(s["non_stroking_color"] or ()) == (1, 1, 1)]
    tinted = [s for s in shapes if s not in white and min(s["non_stroking_color"] or (0,)) > 0.6]
    # the sidebar, two remittance boxes, the names and the counts boxes
    assert len([s for s in tinted if s["width"] > 40 and s["height"] > 20]) >= 5
    last = _word(words, "53.5%")
    sidebar = [s for s in tinted if s["x0"] < emigration["x0"] < s["x1"] and s["bottom"] > last["bottom"]]
    assert sidebar and all(s["x1"] < share["x0"] or s["x0"] > thailand["x1"] for s in sidebar)
    names_box = next(s for s in tinted if s["x0"] < thailand["x0"] < s["x1"] and s["top"] < thailand["top"])
    counts_box = next(
        s for s in tinted if s["x0"] < counts[0]["x0"] < s["x1"] and s["top"] < counts[0]["top"]
    )
    assert names_box["x1"] < counts_box["x0"]
    rings = [s for s in shapes if 30 < s["width"] < 60 and abs(s["width"] - s["height"]) < 1]
    assert len(rings) >= 2  # the donut drawings


def test_printed_statuses_stand_beside_the_icons(designed_pdf):
    words = _words(designed_pdf("ghana-2023", "printed_statuses"))
    texts = " ".join(w["text"] for w in words)
    assert "Partially" in texts and "No" in texts.split()
    dual = _word(words, "Dual")
    no = next(w for w in words if w["text"] == "No" and abs(w["bottom"] - dual["bottom"]) < 0.5)
    assert no["x0"] - dual["x1"] > 60  # a cell of its own, beyond the icon


def test_annex_names_wrap_beside_their_country_and_year(designed_pdf):
    with pdfplumber.open(designed_pdf("cambodia-2022", "wrapped_cells")) as doc:
        words = [w for p in doc.pages for w in p.extract_words(extra_attrs=["size", "fontname"])]
    bold = [w for w in words if "Bold" in w["fontname"]]
    years = [w for w in bold if re.fullmatch(r"(19|20)\d\d(-(19|20)\d\d)?", w["text"])]
    wrapped = 0
    for year in years:
        line = [w for w in bold if abs(w["bottom"] - year["bottom"]) < 0.5 and w["x1"] < year["x0"]]
        below = [
            w for w in bold if 0 < w["top"] - year["bottom"] < 0.6 * year["size"] + 2 and w["x1"] < year["x0"]
        ]
        wrapped += bool(line and below)
    assert wrapped >= 3  # organisation names over two lines beside their year
    ranges = [w for w in years if "-" in w["text"]]
    assert any(  # a practice title over two lines beside its year range
        any(b for b in bold if 0 < b["top"] - r["bottom"] < r["size"] and b["x1"] < r["x0"]) for r in ranges
    )


def test_timeline_year_column_is_taller_than_its_text(designed_pdf):
    """ "2021 / ∨ / 2030" stacked over three lines beside a text of two lines."""
    tall = 0
    with pdfplumber.open(designed_pdf("moldova-2024", "tall_years")) as doc:
        for page in doc.pages:
            words = page.extract_words(extra_attrs=["size"])
            for vee in (w for w in words if w["text"] == "∨"):
                column = [w for w in words if abs(w["x0"] - vee["x0"]) < 3]
                start = max((w for w in column if w["bottom"] < vee["top"]), key=lambda w: w["bottom"])
                end = min((w for w in column if w["top"] > vee["bottom"]), key=lambda w: w["top"])
                text = {  # baselines of the text beside the years (markers left out)
                    round(w["bottom"])
                    for w in words
                    if w["x0"] > vee["x1"] + 10
                    and w["size"] >= vee["size"] - 0.1
                    and start["top"] - 1 <= w["top"] <= end["top"] + 1
                }
                tall += start["text"].isdigit() and end["text"].isdigit() and len(text) == 2
    assert tall >= 1


def test_all_at_once_is_two_serif_columns_on_letter_with_running_texts(designed_pdf):
    with pdfplumber.open(designed_pdf("cambodia-2022", "designed_all_at_once")) as doc:
        assert (round(doc.pages[0].width), round(doc.pages[0].height)) == (612, 792)
        page = doc.pages[2]
        words = page.extract_words(extra_attrs=["fontname", "size"])
    assert any("Serif" in w["fontname"] or "Times" in w["fontname"] for w in words)
    assert any(w["text"] == "CAMBODIA" and w["top"] < 50 for w in words)  # running header
    assert any(w["text"] == "3" and w["top"] > 740 for w in words)  # page number footer
    body = [w for w in words if 60 < w["top"] < 700 and w["size"] > 9]
    middle = page.width / 2
    assert any(w["x1"] < middle - 5 for w in body) and any(w["x0"] > middle + 5 for w in body)


# --------------------------------------------------------------- ambiguous pairing fails


def test_values_under_both_labels_fail_with_a_finding_on_each_row(tmp_path):
    """The sidebar's values shifted right, each under both labels (and so close that they read as
    one box): the run must not guess which share is whose."""
    pdf = tmp_path / "ambiguous.pdf"
    typeset(RAW / "cambodia-2022.txt", replace(VARIANTS["designed_facts"], facts_value_shift=10.0), pdf)
    result = run([pdf], tmp_path / "out")
    assert result.exit_code == 1
    found = sorted((f for f in result.findings if f.code == "value-unpaired"), key=lambda f: f.seq or 0)
    assert [(f.table, f.seq, f.page) for f in found] == [("indicators", s, 1) for s in (2, 3, 5, 6)]
    words = _words(pdf)
    labels = sorted((w for w in words if w["text"] in ("Male", "Female")), key=lambda w: (w["top"], w["x0"]))
    for f, label in zip(found, labels, strict=True):
        assert f.bbox is not None
        assert abs(f.bbox[0] - label["x0"]) < 0.5 and abs(f.bbox[1] - label["top"]) < 0.5
        assert "two labels could take it" in f.message
    indicators = read_tables(tmp_path / "out")["indicators"]
    assert set(indicators.loc[indicators["seq"].isin(["2", "3", "5", "6"]), "value"]) == {""}
