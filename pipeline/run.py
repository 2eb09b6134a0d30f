"""The run: find profiles, process each (extract -> structure -> parse), build tables,
validate, write. I/O happens here and in the writers; the stages in between are pure."""

from __future__ import annotations

import gc
import hashlib
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.errors import Finding, ProfileError, Severity, finding
from pipeline.layout import Document, SourceInfo
from pipeline.limits import max_bytes
from pipeline.report import DocumentStatus, build_report

if TYPE_CHECKING:
    from pipeline.cache import ResultCache
    from pipeline.parse.records import ProfileRecords
    from pipeline.schedule import Progress

FORMATS = {".pdf": "pdf", ".txt": "text"}


@dataclass(frozen=True)
class DocumentResult:
    file: str
    records: ProfileRecords | None
    findings: tuple[Finding, ...]


@dataclass(frozen=True)
class RunStats:
    """How the run got its results: what a rerun with the cache saves is visible here."""

    documents: int  # distinct documents
    processed: int  # read and parsed in this run
    from_cache: int  # taken from the cache
    workers: int  # worker processes started (0: none needed, or one document run in-process)
    worker_peak_mb: tuple[float, ...]  # peak resident memory of each process that processed documents
    cache_write_errors: int
    seconds: float
    outputs_from_cache: bool = False  # every document unchanged: the earlier run's output files were copied


@dataclass(frozen=True)
class RunResult:
    documents: tuple[DocumentResult, ...]
    findings: tuple[Finding, ...]
    report: dict
    out: Path
    stats: RunStats | None = None

    @property
    def exit_code(self) -> int:
        return 1 if any(f.severity is Severity.ERROR for f in self.findings) else 0


def discover(paths: list[Path]) -> tuple[list[Path], list[Finding]]:
    """Profile files under the given files and folders, sorted; problems as findings. In a
    folder, hidden files and earlier outputs are not inputs and other files are reported skipped;
    a file larger than its format's limit is refused here, before it is read."""
    files: list[Path] = []
    problems: list[Finding] = []
    for path in paths:
        if path.is_dir():
            found, skipped = [], []
            outputs = {r.parent.parent for r in path.rglob("validation/report.json")}  # earlier runs' outputs
            for p in sorted(path.rglob("*")):
                hidden = any(part.startswith(".") for part in p.relative_to(path).parts)
                if p.is_file() and not hidden and not outputs.intersection(p.parents):
                    (found if p.suffix.lower() in FORMATS else skipped).append(p)
            if not found:
                problems.append(finding("no-profiles", path=str(path), file=str(path)))
            problems.extend(finding("file-skipped", file=p.name, path=str(path), ext=p.suffix or "(none)") for p in skipped)
        elif path.is_file():
            if path.suffix.lower() in FORMATS:
                found = [path]
            else:
                found = []
                problems.append(finding("unsupported-format", file=path.name, ext=path.suffix or "(none)"))
        else:
            found = []
            problems.append(finding("file-unreadable", file=str(path), reason="no such file or folder"))
        for p in found:
            if (too_large := _too_large(p)) is not None:
                problems.append(too_large)
            else:
                files.append(p)
    return files, problems


def _too_large(path: Path) -> Finding | None:
    size = path.stat().st_size
    limit = max_bytes(FORMATS[path.suffix.lower()])
    if size <= limit:
        return None
    return finding("too-large", file=path.name, value=size, reason=f"it has {size:,} bytes, more than the limit of {limit:,}")


def process(path: Path, data: bytes, ner_model: str | None = None) -> DocumentResult:
    """One document, start to finish: ``enriched(parsed(...))``."""
    return enriched(parsed(path, data), ner_model)


def parsed(path: Path, data: bytes) -> DocumentResult:
    """A document read, structured and parsed: its records before enrichment (no mentions or
    instruments yet), or none and the finding that says why."""
    from pipeline.parse import parse_profile  # the stages: imported where documents are processed
    from pipeline.structure import outline

    fmt = FORMATS[path.suffix.lower()]
    source = SourceInfo(path=str(path), name=path.name, sha256=sha256_of(data), format=fmt, pages=None)
    try:
        if not data:
            raise ProfileError(finding("file-empty", file=path.name))
        document = read_document(path, data, source)
        result = parse_profile(outline(document))
        return DocumentResult(file=path.name, records=result.records, findings=document.findings + result.findings)
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
        return DocumentResult(file=result.file, records=done.records, findings=result.findings + done.findings)
    except Exception as exc:  # noqa: BLE001 - the safety net: reported, never silent
        return _failed(result.file, exc)


def _failed(file: str, exc: Exception) -> DocumentResult:
    """A document that could not be processed: its ProfileError's finding, or for any other
    exception (a bug) an internal-error finding, so that one document never costs the others."""
    if isinstance(exc, ProfileError):
        return DocumentResult(file=file, records=None, findings=(exc.finding,))
    reason = f"{type(exc).__name__}: {exc}"[:300]
    return DocumentResult(file=file, records=None, findings=(finding("internal-error", file=file, reason=reason),))


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def read_document(path: Path, data: bytes, source: SourceInfo) -> Document:
    if source.format == "pdf":
        from pipeline.extract_pdf import check_pdf_bytes, read_pdf  # pdfplumber is heavy: import it only for PDFs

        check_pdf_bytes(data, source.name)
        return read_pdf(str(path), source)
    from pipeline.extract_text import extract_text

    return extract_text(data, source)


def _prepare_tables() -> None:
    """Import the table stages (pandas, pandera) and let pandera register its backends, while
    the workers read documents: the imports, and pandera's first validation (which registers
    its backends; one small table is enough)."""
    from pipeline.tables import frame
    from pipeline.validate import validate_table

    validate_table("profiles", frame("profiles", {}))


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector (and restore its state after). A run's records and
    tables are acyclic and live until it ends, and are many: each collection while they are
    received and turned into tables would walk them all again (a fifth of a second in a
    year's run). Reference counting frees everything else as usual."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _rerun(key: str, jobs: list, cache: ResultCache, out: Path, progress, started: float) -> RunResult | None:
    """The same documents as a run before: its output files are copied from the cache; no
    table is built, validated or written anew. None when the cache does not hold that run."""
    from pipeline.schedule import Progress
    from pipeline.write import copy_outputs

    hit = cache.get_run(key)
    if hit is None:
        return None
    folder, payload = hit
    documents = [cache.get(job.sha256, job.path.name) for job in jobs]
    if not (isinstance(payload, tuple) and len(payload) == 2 and all(isinstance(d, DocumentResult) for d in documents)):
        return None
    findings, report = payload
    copy_outputs(out, folder)
    for done, job in enumerate(jobs, start=1):
        if progress is not None:
            progress(Progress(done=done, total=len(jobs), file=job.path.name, cached=True))
    stats = RunStats(documents=len(documents), processed=0, from_cache=len(documents), workers=0, worker_peak_mb=(),
                     cache_write_errors=0, seconds=round(time.perf_counter() - started, 3), outputs_from_cache=True)
    return RunResult(documents=tuple(documents), findings=findings, report=report, out=out, stats=stats)


def run(
    paths: list[Path],
    out: Path,
    *,
    workers: int = 1,
    cache: ResultCache | None = None,
    progress: Callable[[Progress], None] | None = None,
    ner_model: str | None = None,
) -> RunResult:
    """Process every profile under ``paths`` (with ``workers`` processes, taking what ``cache``
    holds), then build, validate and write the tables. ``progress`` hears of each document."""
    from pipeline.schedule import Job, results_of

    started = time.perf_counter()
    if cache is not None and ner_model is not None:
        cache = cache.for_model(ner_model)  # a statistical model changes the results
    files, problems = discover(paths)
    jobs: list[Job] = []
    seen: dict[str, str] = {}
    for path in files:
        data = path.read_bytes()
        digest = sha256_of(data)
        if digest in seen:
            problems.append(finding("duplicate-file", file=path.name, value=seen[digest]))
            continue
        seen[digest] = path.name
        jobs.append(Job(path=path, sha256=digest, size=len(data)))
    run_key = cache.run_key([(j.sha256, j.path.name) for j in jobs], tuple(problems)) if cache is not None else None
    if run_key is not None and (again := _rerun(run_key, jobs, cache, out, progress, started)) is not None:
        return again
    with _collector_paused():
        results, scheduled = results_of(jobs, workers=workers, cache=cache, progress=progress, meanwhile=_prepare_tables,
                                        ner_model=ner_model)

        from pipeline.checks import run_checks
        from pipeline.tables import frames  # pandas and pandera: in the parent only, after the workers
        from pipeline.validate import validate_tables
        from pipeline.write import write_outputs

        good = [r.records for r in results if r.records is not None]
        tables, schema_findings = validate_tables(frames(good))
        findings = tuple(problems) + tuple(f for r in results for f in r.findings) + schema_findings + run_checks(tables)
        statuses = [
            DocumentStatus(file=r.file, profile_id=r.records.profile.profile_id if r.records else None,
                           status="ok" if r.records is not None and not any(f.severity is Severity.ERROR for f in r.findings) else "failed")
            for r in results
        ]
        report = build_report(statuses, findings, tables)
        write_outputs(out, tables, report)
        write_errors = scheduled.cache_write_errors
        if run_key is not None:
            try:
                cache.put_run(run_key, out, (findings, report))
            except OSError:
                write_errors += 1
    stats = RunStats(documents=len(results), processed=scheduled.processed, from_cache=scheduled.from_cache,
                     workers=scheduled.workers, worker_peak_mb=scheduled.worker_peak_mb,
                     cache_write_errors=write_errors, seconds=round(time.perf_counter() - started, 3))
    return RunResult(documents=tuple(results), findings=findings, report=report, out=out, stats=stats)
