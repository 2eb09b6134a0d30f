"""A run: the checks of one document's rows are made once, by the run that keeps its rows, and
come back from the cache with its result."""

from __future__ import annotations

import pytest

import pipeline.tables.checks as checks
from pipeline.runner.cache import ResultCache
from pipeline.runner.run import run
from tests.support.paths import RAW

TEXT = RAW / "cambodia-2022.txt"


@pytest.fixture
def glued(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    text = TEXT.read_text(encoding="utf-8").replace("Whilst voting from abroad", "Whilst votingfromabroad")
    (folder / TEXT.name).write_text(text, encoding="utf-8")
    return folder


def _flaws(result) -> list[tuple]:
    return [(f.code, f.file, f.table, f.value) for f in result.findings if f.code == "words-glued"]


def test_a_rerun_takes_the_document_checks_from_the_cache(tmp_path, glued, monkeypatch):
    cache = ResultCache(tmp_path / "cache")
    first = run([glued], tmp_path / "out", cache=cache)
    expected = [("words-glued", TEXT.name, "footnotes", "votingfromabroad")]
    assert _flaws(first) == expected
    (result,) = first.documents
    assert [(f.code, f.value) for f in result.checked or ()] == [("words-glued", "votingfromabroad")]

    def made_again(frames):
        raise AssertionError("the document checks were made again")

    monkeypatch.setattr(checks, "DOCUMENT_CHECKS", (("words-glued", made_again),))
    second = run([glued], tmp_path / "out", cache=cache)
    assert second.stats is not None and second.stats.from_cache == 1
    assert _flaws(second) == expected


def test_without_a_cache_every_run_makes_them(tmp_path, glued):
    for _ in range(2):
        assert _flaws(run([glued], tmp_path / "out")) == [
            ("words-glued", TEXT.name, "footnotes", "votingfromabroad")
        ]
