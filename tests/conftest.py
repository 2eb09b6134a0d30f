"""Shared fixtures: the inputs, and pipeline runs cached per input for the whole session."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from pipeline.runner.cache import CACHE_ENV
from pipeline.runner.run import run


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
