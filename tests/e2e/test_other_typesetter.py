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

import os

import pandas as pd
import pytest

from pipeline.runner.run import RunResult, run
from schemas import TABLES
from tests.support.compare import content, differing_rows
from tests.support.htmlset import STYLES, browser, htmlset, printed_status
from tests.support.paths import FIXTURES, RAW, read_tables

SOURCES = {
    "cambodia-2022": RAW / "cambodia-2022.txt",
    "ghana-2023": FIXTURES / "ghana-2023.txt",
    "moldova-2024": FIXTURES / "moldova-2024.txt",
}

COLUMNS = (
    "two columns: paragraphs after the first column are lost or moved to the next section "
    "(reading order, pipeline/extract/pdf/columns.py)"
)
FACTS = (
    "designed facts page: a share under its grey label is not paired with it (indicators null, no error), "
    "destinations read as one row, a printed status other than Yes/No stays in the label"
)
COMPOUND = (
    "a compound broken after its own hyphen, without evidence in the document, is joined "
    "('post-|project' -> 'postproject', 'start-|ups' -> 'startups'), exit 0"
)
ENGINE_HYPHEN = (
    "a line ending in the engine's own hyphen (U+2010) is not joined ('admini‐ strative'; cells.spans_of "
    "tests endswith('-')); exit 1 by hyphen-space"
)
TALL_YEARS = "a year column '2016 / ∨ / 2020' taller than its one-line entry: '∨' joins the title (cells.py)"
# (variant, profile) -> why its records are not yet exact
NOT_EXACT: dict[tuple[str, str], str] = {
    **{(v, p): COLUMNS for v in ("two_column", "all_at_once") for p in SOURCES},
    **{("designed_facts", p): FACTS for p in SOURCES},
    ("plain", "cambodia-2022"): COMPOUND,
    ("justified_serif", "moldova-2024"): COMPOUND,
    **{("hyphenated", p): ENGINE_HYPHEN for p in SOURCES},
    ("plain", "ghana-2023"): TALL_YEARS,
    ("running_letter", "ghana-2023"): TALL_YEARS,
}
# (variant, profile) -> why a wrong record passes without an error on its table
SILENT: dict[tuple[str, str], str] = {
    **{(v, p): COLUMNS for v in ("two_column", "all_at_once") for p in SOURCES},
    **{("designed_facts", p): FACTS for p in SOURCES},
    ("plain", "cambodia-2022"): COMPOUND,
    ("justified_serif", "moldova-2024"): COMPOUND,
}

CASES = [(v, p) for v in STYLES for p in SOURCES]


@pytest.fixture(scope="session")
def chromium() -> str:
    exe = browser()
    if exe is None:
        message = "headless Chromium is not installed (.ci/run installs the Debian package chromium)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return exe


@pytest.fixture(scope="session")
def runs(tmp_path_factory, chromium):
    """runs(variant, profile) -> (run result on the printed PDF, its content, the expected content)."""
    folder = tmp_path_factory.mktemp("htmlset")
    cache: dict[tuple[str, str], tuple[RunResult, dict, dict]] = {}
    texts: dict[str, dict[str, pd.DataFrame]] = {}

    def _run(variant: str, stem: str):
        if stem not in texts:
            run([SOURCES[stem]], folder / f"{stem}-text")
            texts[stem] = content(read_tables(folder / f"{stem}-text"))
        if (variant, stem) not in cache:
            pdf = htmlset(SOURCES[stem], STYLES[variant], folder / f"{stem}-{variant}.pdf", chromium)
            result = run([pdf], folder / f"{stem}-{variant}")
            expected = dict(texts[stem])
            if STYLES[variant].designed_facts:  # the status printed beside each icon
                rights = expected["political_rights"].copy()
                rights["status"] = [printed_status(i + 1)[1] for i in range(len(rights))]
                expected["political_rights"] = rights
            cache[variant, stem] = (result, content(read_tables(result.out)), expected)
        return cache[variant, stem]

    return _run


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
