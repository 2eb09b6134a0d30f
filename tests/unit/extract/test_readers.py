"""The readers of each format, behind one map."""

from __future__ import annotations

import pytest

from pipeline.extract import READERS
from pipeline.model.document import SourceInfo
from pipeline.model.domain import SOURCE_FORMATS
from tests.support.paths import RAW


def test_every_reader_names_a_source_format_of_the_tables():
    assert sorted(r.format for r in READERS.values()) == sorted(SOURCE_FORMATS)


@pytest.mark.parametrize("suffix", sorted(READERS))
def test_the_reader_of_a_suffix_reads_the_profile(suffix):
    path = RAW / f"cambodia-2022{suffix}"
    reader = READERS[suffix]
    source = SourceInfo(path=str(path), name=path.name, sha256="", format=reader.format, pages=None)
    document = reader.read(path, path.read_bytes(), source)
    assert any(b.text.startswith("Diaspora engagement mapping") for b in document.blocks)
