"""Shared fixtures: the inputs, and pipeline runs cached per input for the whole session."""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import pytest

from pipeline.cache import CACHE_ENV
from pipeline.run import run
from schemas import TABLES

ROOT = Path(__file__).resolve().parent.parent
RAW = ROOT / "raw"
GOLDEN = Path(__file__).resolve().parent / "golden"
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "profiles"
RAW_INPUTS = sorted(p for p in RAW.iterdir() if p.suffix in (".pdf", ".txt"))
OTHER_COUNTRIES = sorted(FIXTURES.glob("*.txt"))


def golden_dir(source: Path) -> Path:
    return GOLDEN / source.name.replace(".", "-")


@pytest.fixture(scope="session", autouse=True)
def private_cache(tmp_path_factory):
    """Command-line runs in the tests use a result cache of their own, never the user's."""
    before = os.environ.get(CACHE_ENV)
    os.environ[CACHE_ENV] = str(tmp_path_factory.mktemp("result-cache"))
    yield Path(os.environ[CACHE_ENV])
    if before is None:
        os.environ.pop(CACHE_ENV, None)
    else:
        os.environ[CACHE_ENV] = before


@pytest.fixture(scope="session")
def run_output(tmp_path_factory):
    """run_output(path) -> output folder of a pipeline run on that one file (cached)."""
    cache: dict[Path, Path] = {}

    def _run(source: Path) -> Path:
        if source not in cache:
            out = tmp_path_factory.mktemp(source.stem) / "output"
            run([source], out)
            cache[source] = out
        return cache[source]

    return _run


def read_tables(out: Path) -> dict[str, pd.DataFrame]:
    return {t: pd.read_csv(out / f"{t}.csv", dtype=str, keep_default_na=False) for t in TABLES}
