"""Profiles typeset by another engine give the text edition's records, or the run says it failed.

The PDFs are made by tests/support/htmlset: the text edition as HTML+CSS, laid out and printed by
headless Chromium (its own line breaking, justification, soft-hyphen breaks written as U+2010,
columns, superscript markers, margin boxes, a facts page designed as boxes). Rules fitted to our
reportlab typesetter show up here. Two properties per variant and profile:

* never silently wrong: the records are exact, or the run exits 1 with an error finding on the
  table of every wrong row;
* exact: every column but provenance equals the text edition's (political-rights statuses compared
  with what the variant prints); the known gaps are expected failures with their diagnosis.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pandas as pd
import pdfplumber
import pytest

from pipeline.runner.run import RunResult, run
from schemas import TABLES
from tests.support.compare import content, differing_rows
from tests.support.htmlset import STYLES, htmlset, printed_status
from tests.support.htmlset.chromium import required_browser
from tests.support.paths import FIXTURES, RAW, read_tables

SOURCES = {
    "cambodia-2022": RAW / "cambodia-2022.txt",
    "ghana-2023": FIXTURES / "ghana-2023.txt",
    "moldova-2024": FIXTURES / "moldova-2024.txt",
}

# (variant, profile) -> why its records are not yet exact: none left; a gap found is entered here
# with its diagnosis, as a strict expected failure
NOT_EXACT: dict[tuple[str, str], str] = {}
# (variant, profile) -> why a wrong record has no error on its table
SILENT: dict[tuple[str, str], str] = {}

CASES = [(v, p) for v in STYLES for p in SOURCES]


@pytest.fixture(scope="session")
def chromium() -> str:
    return required_browser()


@pytest.fixture(scope="session")
def printed(tmp_path_factory, chromium):
    """printed(variant, profile) -> the PDF Chromium printed (made once per session)."""
    folder = tmp_path_factory.mktemp("htmlset-pdf")

    def _print(variant: str, stem: str) -> Path:
        target = folder / f"{stem}-{variant}.pdf"
        if not target.exists():
            htmlset(SOURCES[stem], STYLES[variant], target, chromium)
        return target

    return _print


@pytest.fixture(scope="session")
def runs(tmp_path_factory, printed):
    """runs(variant, profile) -> (run result on the printed PDF, its content, the expected content)."""
    folder = tmp_path_factory.mktemp("htmlset")
    cache: dict[tuple[str, str], tuple[RunResult, dict, dict]] = {}
    texts: dict[str, dict[str, pd.DataFrame]] = {}

    def _run(variant: str, stem: str):
        if stem not in texts:
            run([SOURCES[stem]], folder / f"{stem}-text")
            texts[stem] = content(read_tables(folder / f"{stem}-text"))
        if (variant, stem) not in cache:
            result = run([printed(variant, stem)], folder / f"{stem}-{variant}")
            expected = dict(texts[stem])
            if STYLES[variant].designed_facts:  # the status printed beside each icon, and its wording
                rights = expected["political_rights"]
                shown = [printed_status(i + 1) for i in range(len(rights))]
                expected["political_rights"] = rights.assign(
                    status=[status for _, status in shown], status_text=[wording for wording, _ in shown]
                )
            cache[variant, stem] = (result, content(read_tables(result.out)), expected)
        return cache[variant, stem]

    return _run


@pytest.mark.parametrize("variant", list(STYLES))
def test_each_variant_really_has_its_traits(printed, variant):
    """What the variant's CSS asks for is in the PDF Chromium printed (Cambodia's profile)."""
    style = STYLES[variant]
    with pdfplumber.open(printed(variant, "cambodia-2022")) as pdf:
        width = round(pdf.pages[0].width)
        chars = [c for page in pdf.pages for c in page.chars]
        body = Counter(round(c["size"], 1) for c in chars).most_common(1)[0][0]
        text = "".join(c["text"] for c in chars)
        lines = [line["text"] for page in pdf.pages for line in page.extract_text_lines()]
        second = pdf.pages[1].extract_text_lines()
        framework = pdf.pages[1]
        middle = framework.width / 2
        # body text crossing a strip down the page's middle: none where a gutter runs there
        crossing = [
            c for c in framework.chars if round(c["size"], 1) == body and c["x0"] < middle + 3 < c["x1"] + 6
        ]
    assert width == (612 if style.paper == "Letter" else 595)
    markers = [c for c in chars if c["text"].isdigit() and 0.5 < c["size"] / body < 0.65]
    assert markers  # footnote markers at 58% of the body
    font = Counter(c["fontname"] for c in chars if round(c["size"], 1) == body).most_common(1)[0][0]
    assert ("Serif" in font) == (style.font == "serif")
    body_text = "".join(c["text"] for c in chars if round(c["size"], 1) == body)
    assert (" " in body_text) == style.space_glyphs  # margin boxes (running texts) keep theirs
    ligatures = sum(1 for ch in text if "\ufb00" <= ch <= "\ufb06")
    assert (ligatures > 0) == style.ligatures
    engine_hyphens = sum(1 for line in lines if line.endswith("\u2010"))
    assert (engine_hyphens > 0) == style.hyphens
    if style.running:
        assert "CAMBODIA" in second[0]["text"] and second[-1]["text"].split()[-1] == "2"
    assert (not crossing) == (style.columns > 1)
    if style.designed_facts:
        solid = ["".join(line.split()) for line in lines]  # with or without space glyphs
        assert "♂♀" in solid  # the labels over their value boxes
        assert any(line.endswith("Notyetimplemented") for line in solid)


def _wrong_tables(actual: dict, expected: dict) -> dict[str, list]:
    found = {t: differing_rows(actual[t], expected[t]) for t in TABLES}
    return {t: d for t, d in found.items() if d}


def _case(variant: str, stem: str, known: dict[tuple[str, str], str]):
    gap = known.get((variant, stem))
    marks = [pytest.mark.xfail(strict=True, reason=gap)] if gap else []
    return pytest.param(variant, stem, marks=marks, id=f"{stem}-{variant}")


@pytest.mark.parametrize("variant,stem", [_case(v, p, SILENT) for v, p in CASES])
def test_a_wrong_record_fails_the_run_with_a_finding_on_its_table(runs, variant, stem):
    result, actual, expected = runs(variant, stem)
    wrong = _wrong_tables(actual, expected)
    if not wrong:
        return
    assert result.exit_code == 1, f"wrong records with exit 0: {sorted(wrong)}"
    reported = {f.table for f in result.findings if f.severity == "error"}
    # mentions and instruments are derived from the prose: an error on the prose's table covers them
    derived = {"mentions", "instruments", "citations"}
    assert set(wrong) - derived <= reported, f"wrong tables without an error: {set(wrong) - reported}"


@pytest.mark.parametrize("variant,stem", [_case(v, p, NOT_EXACT) for v, p in CASES])
def test_the_printed_pdf_gives_the_text_edition_records(runs, variant, stem):
    _, actual, expected = runs(variant, stem)
    for table in TABLES:
        pd.testing.assert_frame_equal(actual[table], expected[table], obj=f"{table} ({stem}, {variant})")
