"""Designed pages (issue 15, items 6-9) give the text edition's records, and broken pairing fails.

The PDFs are made by the test-only typesetter (tests/support/typeset): a designed facts page (a
tinted sidebar with donut drawings and the shares in boxes under small grey labels, remittance
boxes whose labels wrap, destination names in one box and their counts right-aligned in another,
the political rights as a list with an icon each), statuses printed beside the icons, narrow
annex columns where names wrap beside their country and year, a timeline whose year column is
taller than its text, and all of these at once in two serif columns on US Letter.

Each variant must give exactly the text edition's records (every column but provenance); the
text edition prints no status, so the expected statuses are what the variant prints.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from pathlib import Path

import pandas as pd
import pdfplumber
import pytest

from pipeline.runner.run import run
from schemas import TABLES
from tests.support.paths import FIXTURES, RAW, read_tables
from tests.support.typeset import VARIANTS, typeset

PROVENANCE_AND_SOURCE = [
    "page",
    "x0",
    "top",
    "x1",
    "bottom",
    "line",
    "source_file",
    "source_sha256",
    "source_format",
    "pages",
]
DESIGNED = ["designed_facts", "printed_statuses", "wrapped_cells", "tall_years", "designed_all_at_once"]
SOURCES = {
    "cambodia-2022": RAW / "cambodia-2022.txt",
    "ghana-2023": FIXTURES / "ghana-2023.txt",
    "moldova-2024": FIXTURES / "moldova-2024.txt",
}
CASES = [(stem, variant) for stem in SOURCES for variant in DESIGNED]
# The wording -> status rule, spelled out here on its own (not read from the pipeline).
STATUS_OF_WORDING = {
    "Yes": "yes",
    "No": "no",
    "Not yet implemented": "not_implemented",
    "Partially": "partial",
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


def content(tables: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    return {
        t: df.drop(columns=[c for c in PROVENANCE_AND_SOURCE if c in df.columns]).reset_index(drop=True)
        for t, df in tables.items()
    }


def printed_statuses(rights: pd.DataFrame, variant: str) -> pd.DataFrame:
    """The text edition's rights with the statuses the variant prints beside the icons."""
    wordings = VARIANTS[variant].rights_statuses
    rights = rights.copy()
    if wordings:
        texts = [wordings[i % len(wordings)] for i in range(len(rights))]
        rights["status_text"] = texts
        rights["status"] = [STATUS_OF_WORDING[t] for t in texts]
    return rights


@pytest.mark.parametrize("stem,variant", CASES, ids=[f"{s}-{v}" for s, v in CASES])
def test_designed_variant_gives_the_text_edition_records(run_output, designed_pdf, stem, variant):
    expected = content(read_tables(run_output(SOURCES[stem])))
    expected["political_rights"] = printed_statuses(expected["political_rights"], variant)
    actual = content(read_tables(run_output(designed_pdf(stem, variant))))
    for table in TABLES:
        pd.testing.assert_frame_equal(actual[table], expected[table], obj=f"{table} ({stem}, {variant})")


def test_every_status_wording_is_printed_somewhere():
    printed = {w for v in DESIGNED for w in VARIANTS[v].rights_statuses}
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
    assert abs(female["top"] - male["top"]) < 1 and other["x0"] > value["x1"]
    # the remittance labels wrap inside their boxes: "of GDP" on a line of its own under the label
    share, gdp = _word(words, "share"), _word(words, "GDP")
    assert gdp["top"] > share["bottom"] and gdp["size"] == share["size"] < body
    # names left in one box, counts right-aligned in another, on the names' baselines
    counts = [_word(words, c) for c in ("689,451", "196,003", "69,748", "38,278", "24,836")]
    assert len({round(c["x1"], 1) for c in counts}) == 1 and len({round(c["x0"], 1) for c in counts}) > 1
    thailand = _word(words, "Thailand")
    assert abs(thailand["bottom"] - counts[0]["bottom"]) < 0.5 and counts[0]["x0"] - thailand["x1"] > 50
    # the sidebar runs beside the main panel: "Emigration" and the remittance labels share a band
    emigration = _word(words, "Emigration")
    assert emigration["x1"] < share["x0"] and abs(emigration["top"] - share["top"]) < 20
    with pdfplumber.open(pdf) as doc:
        page = doc.pages[0]
        tinted = [
            r for r in page.rects if r["fill"] and r["non_stroking_color"] not in ((1, 1, 1), [1, 1, 1])
        ]
        donuts = [c for c in page.curves if c["fill"]]
    assert len(tinted) >= 4  # the sidebar, two remittance boxes, the names and counts boxes
    assert any(r["x0"] <= emigration["x0"] and r["bottom"] >= value["bottom"] for r in tinted)
    assert len(donuts) >= 2


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
    years = [w for w in bold if w["text"].isdigit() and len(w["text"]) == 4]
    wrapped = 0
    for year in years:
        line = [w for w in bold if abs(w["bottom"] - year["bottom"]) < 0.5 and w["x1"] < year["x0"]]
        below = [
            w for w in bold if 0 < w["top"] - year["bottom"] < 0.6 * year["size"] + 2 and w["x1"] < year["x0"]
        ]
        wrapped += bool(line and below)
    assert wrapped >= 3  # organisation names over two lines beside their year


def test_timeline_year_column_is_taller_than_its_text(designed_pdf):
    with pdfplumber.open(designed_pdf("moldova-2024", "tall_years")) as doc:
        words = [w for p in doc.pages for w in p.extract_words()]
    vees = [w for w in words if w["text"] == "∨"]
    assert vees
    tall = 0
    for vee in vees:
        end = next(w for w in words if w["top"] > vee["bottom"] and abs(w["x0"] - vee["x0"]) < 3)
        text_lines = {
            round(w["top"])
            for w in words
            if w["x0"] > vee["x1"] + 10 and vee["top"] - 20 < w["top"] <= end["top"] + 1
        }
        tall += end["text"].isdigit() and len(text_lines) <= 2
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


def test_a_value_two_labels_could_take_fails_with_a_finding_on_its_row(tmp_path):
    """The sidebar's value boxes shifted right: the male share sits under both labels, so the
    female label has two values equally near. The run must not guess."""
    pdf = tmp_path / "ambiguous.pdf"
    typeset(RAW / "cambodia-2022.txt", replace(VARIANTS["designed_facts"], facts_value_shift=10.0), pdf)
    result = run([pdf], tmp_path / "out")
    assert result.exit_code == 1
    found = [f for f in result.findings if f.code == "value-unpaired"]
    assert [(f.table, f.seq, f.page) for f in found] == [("indicators", 3, 1), ("indicators", 6, 1)]
    female = [w for w in _words(pdf) if w["text"] == "Female"]
    for f, label in zip(found, female, strict=True):
        assert f.bbox is not None
        assert abs(f.bbox[0] - label["x0"]) < 0.5 and abs(f.bbox[1] - label["top"]) < 0.5
        assert "female" in f.message and "equally near" in f.message
