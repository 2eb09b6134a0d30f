"""The run: find profiles, get each one's result (from the cache, else from a worker), build
tables, validate, write. I/O happens here and in the writers; the stages in between are pure.

Nothing is written before the inputs and ``--out`` are checked (``InputRefused``,
``UnsafeOutput``), and one run at a time writes a given ``--out`` (``OutputBusy``)."""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.extract.limits import DEFAULT_LIMITS, DocumentLimits
from pipeline.model.domain import PREFERRED_FORMAT
from pipeline.model.findings import Finding, Severity, finding
from pipeline.output.report import DocumentStatus, build_report
from pipeline.output.write import UnsafeOutput, output_lock, output_problem, remove_stale_staging
from pipeline.runner.cache import Draw, ResultCache, cached_drawing, encode
from pipeline.runner.discover import discover, read_input
from pipeline.runner.pool import Job, Progress, results_of
from pipeline.runner.process import DocumentResult, sha256_of

if TYPE_CHECKING:
    import pandas as pd


@dataclass(frozen=True)
class RunStats:
    """How the run got its results: what a rerun with the cache saves is visible here."""

    documents: int  # distinct documents
    processed: int  # read and parsed in this run
    from_cache: int  # taken from the cache
    workers: int  # worker processes started (0: every result came from the cache)
    worker_peak_mb: tuple[float, ...]  # peak resident memory of each worker
    cache_write_errors: int
    seconds: float


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


def run(
    paths: list[Path],
    out: Path,
    *,
    workers: int = 1,
    cache: ResultCache | None = None,
    progress: Callable[[Progress], None] | None = None,
    ner_model: str | None = None,
    limits: DocumentLimits = DEFAULT_LIMITS,
    prefer: str = PREFERRED_FORMAT,
) -> RunResult:
    """Process every profile under ``paths`` (with up to ``workers`` worker processes, taking
    what ``cache`` holds), then build, validate and write the tables into ``out``.
    ``progress`` hears of each document. A profile given as PDF and text edition is one record,
    its values from the ``prefer`` source. Raises InputRefused, UnsafeOutput or OutputBusy
    before anything is written."""
    started = time.perf_counter()
    if cache is not None and ner_model is not None:
        cache = cache.for_model(ner_model)  # a statistical model changes the results
    files, problems = discover(paths)
    if (problem := output_problem(out, paths)) is not None:
        raise UnsafeOutput(problem)
    with output_lock(out):
        remove_stale_staging(out)  # what runs killed before left beside it
        if cache is not None:
            cache.remove_stale_temporaries()
        jobs: list[Job] = []
        seen: dict[str, str] = {}
        for path in files:
            try:
                data = read_input(path)
            except OSError as exc:
                problems.append(finding("file-unreadable", file=path.name, reason=exc.strerror or str(exc)))
                continue
            digest = sha256_of(data)
            if digest in seen:
                problems.append(finding("duplicate-file", file=path.name, value=seen[digest]))
                continue
            seen[digest] = path.name
            jobs.append(Job(path=path, sha256=digest, size=len(data)))
        results, scheduled = results_of(
            jobs, workers=workers, cache=cache, progress=progress, ner_model=ner_model, limits=limits
        )

        from pipeline.output.evidence import draw_crops, with_evidence
        from pipeline.output.write import write_outputs
        from pipeline.tables.build import frames  # pandas and pandera: in this process only
        from pipeline.tables.checks import TABLE_CHECKS, run_checks
        from pipeline.tables.merge import merge_sources
        from pipeline.tables.validate import validate_tables

        good = [r.records for r in results if r.records is not None]
        merged = merge_sources(frames(good), prefer)  # one record per profile, sources compared
        tables, schema_findings = validate_tables(merged.frames)
        documents = tuple(f for r in results for f in r.findings)
        results, checked, check_cache_errors = document_checks(results, jobs, tables, merged.dropped, cache)
        findings = (
            tuple(problems)
            + documents
            + schema_findings
            + merged.findings
            + checked
            + run_checks(tables, documents, checks=TABLE_CHECKS)
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
        sources = {j.path.name: j.path for j in jobs}  # the report shows each finding's row and PDF crop
        draw: Draw = draw_crops
        if cache is not None:  # a rerun draws only the crops it has not drawn before
            draw = cached_drawing(cache, {str(j.path): j.sha256 for j in jobs}, draw_crops)
        report = with_evidence(build_report(statuses, findings, tables), tables, sources, draw=draw)
        write_outputs(out, tables, report)
    stats = RunStats(
        documents=len(results),
        processed=scheduled.processed,
        from_cache=scheduled.from_cache,
        workers=scheduled.workers,
        worker_peak_mb=scheduled.worker_peak_mb,
        cache_write_errors=scheduled.cache_write_errors + check_cache_errors,
        seconds=round(time.perf_counter() - started, 3),
    )
    return RunResult(documents=tuple(results), findings=findings, report=report, out=out, stats=stats)


def document_checks(
    results: list[DocumentResult],
    jobs: list[Job],
    tables: Mapping[str, pd.DataFrame],
    dropped: frozenset[tuple[str, str]],
    cache: ResultCache | None,
) -> tuple[list[DocumentResult], tuple[Finding, ...], int]:
    """The findings of the checks that need one document's rows (``DOCUMENT_CHECKS``: the
    plausibility of its texts against its own vocabulary) for the documents whose rows the tables
    keep (not ``dropped``): taken from a result that holds them (a cache entry a run completed),
    else made on those documents' rows of the validated tables and stored with each result in
    the cache, so that a rerun does not make them again (they were 0.8 s of a 3 s warm rerun of
    the bench corpus; made in the workers, on each document's own frames, they cost three times
    the CPU). Returns the results (with their findings), the findings, and the cache write errors.
    ``results`` are those of ``jobs``, in their order."""
    from pipeline.tables.checks import DOCUMENT_CHECKS, run_checks

    kept = {  # result index -> its source file
        i: r.records.profile.source_file
        for i, r in enumerate(results)
        if r.records is not None
        and (r.records.profile.profile_id, r.records.profile.source_file) not in dropped
    }
    todo = [i for i in kept if results[i].checked is None]
    results, errors = list(results), 0
    if todo:
        files = {kept[i] for i in todo}
        rows = (
            tables
            if len(todo) == len(kept)
            else {t: df[df["source_file"].isin(files)] for t, df in tables.items()}
        )
        by_file: dict[str, list[Finding]] = defaultdict(list)
        for f in run_checks(rows, checks=DOCUMENT_CHECKS):
            by_file[f.file or ""].append(f)
        for i in todo:
            results[i] = replace(results[i], checked=tuple(by_file[kept[i]]))
            if cache is not None:
                try:
                    cache.put(jobs[i].sha256, jobs[i].path.name, encode(results[i]))
                except OSError:
                    errors += 1
    return results, tuple(f for i in kept for f in results[i].checked or ()), errors
