"""One document, start to finish: read (extract), structure, parse, enrich. Pure but for the
bytes handed in; every failure becomes the document's finding."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from pipeline.extract import READERS
from pipeline.model.document import Document, SourceInfo
from pipeline.model.findings import Finding, ProfileError, finding
from pipeline.model.records import ProfileRecords

FORMATS = {suffix: reader.format for suffix, reader in READERS.items()}  # suffix -> source_format


@dataclass(frozen=True)
class DocumentResult:
    file: str
    records: ProfileRecords | None
    findings: tuple[Finding, ...]  # of reading, structuring, parsing and enriching it
    # of the checks of its rows alone (``DOCUMENT_CHECKS``), once a run has made them (None before):
    # made by the run that keeps its rows, and kept with the result in the cache (runner/run.py)
    checked: tuple[Finding, ...] | None = None


def import_stages(pdfs: bool) -> None:
    """Import what processing a document needs (the PDF reader only when ``pdfs``): a worker
    does it once, before its first document, outside that document's limits."""
    import pipeline.enrich
    import pipeline.parse
    import pipeline.structure.outline  # noqa: F401

    if pdfs:
        import pipeline.extract.pdf  # noqa: F401


def process(path: Path, data: bytes, ner_model: str | None = None) -> DocumentResult:
    """One document, start to finish: ``enriched(parsed(...))``."""
    return enriched(parsed(path, data), ner_model)


def parsed(path: Path, data: bytes) -> DocumentResult:
    """A document read, structured and parsed: its records before enrichment (no mentions or
    instruments yet), or none and the finding that says why."""
    from pipeline.parse import (
        parse_profile,  # the stages: imported where documents are processed
    )
    from pipeline.structure.outline import outline

    fmt = FORMATS[path.suffix.lower()]
    source = SourceInfo(path=str(path), name=path.name, sha256=sha256_of(data), format=fmt, pages=None)
    try:
        if not data:
            raise ProfileError(finding("file-empty", file=path.name))
        document = read_document(path, data, source)
        result = parse_profile(outline(document))
        return DocumentResult(
            file=path.name, records=result.records, findings=document.findings + result.findings
        )
    except Exception as exc:  # noqa: BLE001 - the safety net: reported, never silent
        return _failed(path.name, exc)


def enriched(result: DocumentResult, ner_model: str | None = None) -> DocumentResult:
    """A parsed document's records with what their prose mentions (``enrich``); a document
    without records is returned as it is."""
    from pipeline.enrich import enrich

    if result.records is None:
        return result
    try:
        done = enrich(result.records, model=ner_model)
        return DocumentResult(
            file=result.file, records=done.records, findings=result.findings + done.findings
        )
    except Exception as exc:  # noqa: BLE001 - the safety net: reported, never silent
        return _failed(result.file, exc)


def _failed(file: str, exc: Exception) -> DocumentResult:
    """A document that could not be processed: its ProfileError's finding, or for any other
    exception (a bug) an internal-error finding, so that one document never costs the others.
    A failure caused by running out of memory (a MemoryError, however a reader wrapped it) is
    raised as MemoryError: the worker's memory cap, which its guard reports."""
    if _out_of_memory(exc):
        raise MemoryError from exc
    if isinstance(exc, ProfileError):
        return DocumentResult(file=file, records=None, findings=(exc.finding,))
    reason = f"{type(exc).__name__}: {exc}"[:300]
    return DocumentResult(
        file=file, records=None, findings=(finding("internal-error", file=file, reason=reason),)
    )


def _out_of_memory(exc: BaseException | None) -> bool:
    seen = 0
    while exc is not None and seen < 20:
        if isinstance(exc, MemoryError):
            return True
        exc, seen = exc.__cause__ or exc.__context__, seen + 1
    return False


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read_document(path: Path, data: bytes, source: SourceInfo) -> Document:
    return READERS[path.suffix.lower()].read(path, data, source)
