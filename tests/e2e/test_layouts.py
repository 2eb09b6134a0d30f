"""Typesetting the same content in other layouts gives the same records (all but provenance).

The PDFs are made here by the test-only typesetter (tests/support/typeset) from the text editions:
two columns, endnotes, the 2024 section order, US Letter with a serif font at other sizes, other
running header/footer text; glyphs set the way layout software exports them: no space glyphs,
drawing order unrelated to reading order, ligature glyphs, hyphenation, footnote markers set with
text rise (tests/e2e/test_glyph_setting.py checks each trait is really in the PDF); and designed
pages (an infographic facts page, printed rights statuses, names wrapping beside their cells, a
tall year column, all at once: see tests/e2e/test_designed_pages.py for their traits). The text
edition prints no rights status, so the expected statuses are what the variant prints beside the
icons.
"""

from __future__ import annotations

import pandas as pd
import pytest

from schemas import TABLES
from tests.support.compare import content
from tests.support.paths import FIXTURES, RAW, read_tables
from tests.support.typeset import DESIGNED_VARIANTS, STATUS_OF_WORDING, VARIANTS, typeset

OTHER_COUNTRY_VARIANTS = ["two_column", "endnotes", "letter_serif", "other_running", "combined", "big_type"]
# how layout software sets glyphs (tests/support/typeset/setting.py): each trait, then all at once
GLYPH_SETTING_VARIANTS = [
    "no_space_glyphs",
    "shuffled_drawing",
    "ligature_glyphs",
    "hyphenated",
    "text_rise_markers",
    "indesign_traits",
]

CASES = [("cambodia-2022", RAW / "cambodia-2022.txt", v) for v in sorted(VARIANTS)] + [
    (stem, FIXTURES / f"{stem}.txt", v)
    for stem in ("ghana-2023", "moldova-2024")
    for v in [*OTHER_COUNTRY_VARIANTS, *GLYPH_SETTING_VARIANTS, *DESIGNED_VARIANTS, "everything_at_once"]
]


@pytest.fixture(scope="session")
def typeset_pdf(tmp_path_factory):
    folder = tmp_path_factory.mktemp("typeset")

    def _make(stem: str, source, variant: str):
        target = folder / f"{stem}-{variant}.pdf"
        if not target.exists():
            typeset(str(source), VARIANTS[variant], str(target))
        return target

    return _make


def printed_statuses(rights: pd.DataFrame, variant: str) -> pd.DataFrame:
    """The text edition's rights with the statuses the variant prints beside the icons, in turn."""
    wordings = VARIANTS[variant].rights_statuses
    if not wordings:
        return rights
    texts = [wordings[i % len(wordings)] for i in range(len(rights))]
    return rights.assign(status=[STATUS_OF_WORDING[t] for t in texts], status_text=texts)


@pytest.mark.parametrize("stem,source,variant", CASES, ids=[f"{s}-{v}" for s, _, v in CASES])
def test_layout_variant_gives_the_text_edition_records(run_output, typeset_pdf, stem, source, variant):
    pdf = typeset_pdf(stem, source, variant)
    expected = content(read_tables(run_output(source)))
    expected["political_rights"] = printed_statuses(expected["political_rights"], variant)
    actual = content(read_tables(run_output(pdf)))
    for table in TABLES:
        pd.testing.assert_frame_equal(actual[table], expected[table], obj=f"{table} ({variant})")
    pages = read_tables(run_output(pdf))["citations"]["page"]
    assert (pages != "").all()
