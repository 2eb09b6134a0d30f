"""Where the test inputs live, and how to read an output folder's tables."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from schemas import TABLES

ROOT = Path(__file__).resolve().parent.parent.parent
TESTS = ROOT / "tests"
RAW = ROOT / "raw"
GOLDEN = TESTS / "golden"
FIXTURES = TESTS / "fixtures" / "profiles"
RAW_INPUTS = sorted(p for p in RAW.iterdir() if p.suffix in (".pdf", ".txt"))
OTHER_COUNTRIES = sorted(FIXTURES.glob("*.txt"))


def golden_dir(source: Path) -> Path:
    return GOLDEN / source.name.replace(".", "-")


def read_tables(out: Path) -> dict[str, pd.DataFrame]:
    return {t: pd.read_csv(out / f"{t}.csv", dtype=str, keep_default_na=False) for t in TABLES}
