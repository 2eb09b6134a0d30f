"""Whole outputs against golden files, for every input in raw/; and text vs PDF agreement."""

from __future__ import annotations

import pandas as pd
import pytest

from schemas import TABLES
from tests.support.paths import RAW, RAW_INPUTS, golden_dir, read_tables

PROVENANCE = ["page", "x0", "top", "x1", "bottom", "line"]
SOURCE_COLUMNS = ["source_file", "source_files", "source_sha256", "source_format", "pages"]


@pytest.mark.parametrize("source", RAW_INPUTS, ids=lambda p: p.name)
@pytest.mark.parametrize("table", list(TABLES))
def test_output_matches_golden(run_output, source, table):
    out = run_output(source)
    expected = (golden_dir(source) / f"{table}.csv").read_text(encoding="utf-8")
    actual = (out / f"{table}.csv").read_text(encoding="utf-8")
    assert actual == expected, (
        f"{table}.csv differs from {golden_dir(source).name}; "
        "if the change is right, run python -m tests.support.update_golden"
    )


@pytest.mark.parametrize("source", RAW_INPUTS, ids=lambda p: p.name)
def test_parquet_holds_the_same_rows_as_csv(run_output, source):
    out = run_output(source)
    for table in TABLES:
        parquet = pd.read_parquet(out / f"{table}.parquet")
        csv = pd.read_csv(out / f"{table}.csv")
        assert list(parquet.columns) == list(csv.columns)
        assert len(parquet) == len(csv)


def _content(tables: dict[str, pd.DataFrame], table: str) -> pd.DataFrame:
    df = tables[table]
    return df.drop(columns=[c for c in PROVENANCE + SOURCE_COLUMNS if c in df.columns]).reset_index(drop=True)


@pytest.mark.parametrize("table", list(TABLES))
def test_text_and_pdf_editions_agree_on_every_content_column(run_output, table):
    text = read_tables(run_output(RAW / "cambodia-2022.txt"))
    pdf = read_tables(run_output(RAW / "cambodia-2022.pdf"))
    pd.testing.assert_frame_equal(_content(text, table), _content(pdf, table))


def test_provenance_is_pages_for_pdf_and_lines_for_text(run_output):
    text = read_tables(run_output(RAW / "cambodia-2022.txt"))
    pdf = read_tables(run_output(RAW / "cambodia-2022.pdf"))
    for table in TABLES:
        if table == "profiles" or table == "indicators":
            continue
        assert (pdf[table]["page"] != "").all() and (pdf[table]["line"] == "").all(), table
        assert (text[table]["line"] != "").all() and (text[table]["page"] == "").all(), table
