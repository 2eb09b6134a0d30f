"""The run: find profiles, process each (extract -> structure -> parse), build tables,
validate, write. I/O happens here and in the writers; the stages in between are pure."""

from __future__ import annotations

import gc
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.model.domain import PREFERRED_FORMAT
from pipeline.model.findings import Finding, Severity, finding
from pipeline.output.report import DocumentStatus, build_report
from pipeline.runner.discover import discover
from pipeline.runner.process import DocumentResult, sha256_of

if TYPE_CHECKING:
    from pipeline.runner.cache import ResultCache
    from pipeline.runner.pool import Progress


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


def _prepare_tables() -> None:
    """Import the table stages (pandas, pandera) and let pandera register its backends, while
    the workers read documents: the imports, and pandera's first validation (which registers
    its backends; one small table is enough)."""
    from pipeline.tables.build import frame
    from pipeline.tables.validate import validate_table

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
    from pipeline.output.write import copy_outputs
    from pipeline.runner.pool import Progress

    hit = cache.get_run(key)
    if hit is None:
        return None
    folder, payload = hit
    documents = [cache.get(job.sha256, job.path.name) for job in jobs]
    if not (
        isinstance(payload, tuple)
        and len(payload) == 2
        and all(isinstance(d, DocumentResult) for d in documents)
    ):
        return None
    findings, report = payload
    copy_outputs(out, folder)
    for done, job in enumerate(jobs, start=1):
        if progress is not None:
            progress(Progress(done=done, total=len(jobs), file=job.path.name, cached=True))
    stats = RunStats(
        documents=len(documents),
        processed=0,
        from_cache=len(documents),
        workers=0,
        worker_peak_mb=(),
        cache_write_errors=0,
        seconds=round(time.perf_counter() - started, 3),
        outputs_from_cache=True,
    )
    return RunResult(documents=tuple(documents), findings=findings, report=report, out=out, stats=stats)


def run(
    paths: list[Path],
    out: Path,
    *,
    workers: int = 1,
    cache: ResultCache | None = None,
    progress: Callable[[Progress], None] | None = None,
    ner_model: str | None = None,
    prefer: str = PREFERRED_FORMAT,
) -> RunResult:
    """Process every profile under ``paths`` (with ``workers`` processes, taking what ``cache``
    holds), then build, validate and write the tables. ``progress`` hears of each document. A
    profile given as PDF and text edition is one record, its values from the ``prefer`` source."""
    from pipeline.runner.pool import Job, results_of

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
    run_key = (
        # which source a merged profile's values come from is part of what the run writes
        cache.run_key([(j.sha256, j.path.name) for j in jobs], (*problems, f"prefer={prefer}"))
        if cache is not None
        else None
    )
    if (
        cache is not None
        and run_key is not None
        and (again := _rerun(run_key, jobs, cache, out, progress, started)) is not None
    ):
        return again
    with _collector_paused():
        results, scheduled = results_of(
            jobs,
            workers=workers,
            cache=cache,
            progress=progress,
            meanwhile=_prepare_tables,
            ner_model=ner_model,
        )

        from pipeline.output.write import write_outputs
        from pipeline.tables.build import (
            frames,  # pandas and pandera: in the parent only, after the workers
        )
        from pipeline.tables.checks import run_checks
        from pipeline.tables.merge import merge_sources
        from pipeline.tables.validate import validate_tables

        good = [r.records for r in results if r.records is not None]
        merged = merge_sources(frames(good), prefer)  # one record per profile, sources compared
        tables, schema_findings = validate_tables(merged.frames)
        findings = (
            tuple(problems)
            + tuple(f for r in results for f in r.findings)
            + schema_findings
            + merged.findings
            + run_checks(tables)
        )
        statuses = [
            DocumentStatus(
                file=r.file,
                profile_id=r.records.profile.profile_id if r.records else None,
                status="ok"
                if r.records is not None and not any(f.severity is Severity.ERROR for f in r.findings)
                else "failed",
            )
            for r in results
        ]
        report = build_report(statuses, findings, tables)
        write_outputs(out, tables, report)
        write_errors = scheduled.cache_write_errors
        if cache is not None and run_key is not None:
            try:
                cache.put_run(run_key, out, (findings, report))
            except OSError:
                write_errors += 1
    stats = RunStats(
        documents=len(results),
        processed=scheduled.processed,
        from_cache=scheduled.from_cache,
        workers=scheduled.workers,
        worker_peak_mb=scheduled.worker_peak_mb,
        cache_write_errors=write_errors,
        seconds=round(time.perf_counter() - started, 3),
    )
    return RunResult(documents=tuple(results), findings=findings, report=report, out=out, stats=stats)
