"""Extract stage: a profile file's bytes -> a ``Document`` (blocks of styled spans with where
they were read). One reader per format, in ``READERS``, keyed by file suffix: to add a format,
write its reader in this package and add it there."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from pipeline.model.document import Document, SourceInfo


def _read_pdf(path: Path, data: bytes, source: SourceInfo) -> Document:
    from pipeline.extract.pdf import check_pdf_bytes, read_pdf  # pdfplumber is heavy: only for PDFs

    check_pdf_bytes(data, source.name)
    return read_pdf(str(path), source)


def _read_text(path: Path, data: bytes, source: SourceInfo) -> Document:
    from pipeline.extract.text import extract_text

    return extract_text(data, source)


@dataclass(frozen=True)
class Reader:
    format: str  # the profiles table's source_format (pipeline.model.domain.SOURCE_FORMATS)
    read: Callable[[Path, bytes, SourceInfo], Document]


READERS: dict[str, Reader] = {
    ".pdf": Reader("pdf", _read_pdf),
    ".txt": Reader("text", _read_text),
}
