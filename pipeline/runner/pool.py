"""The per-document work: results from the cache, the rest from a pool of worker processes.
Results come back in the order of the jobs, whatever order the workers finish in, so a run's
output does not depend on the number of workers or on the cache.

Workers are bounded (``pipeline.runner.guard``): each document has a time limit and a memory
cap, and a worker ends with the run whatever ends it."""

from __future__ import annotations

import os
import pickle
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path

from pipeline.extract.limits import DEFAULT_LIMITS, DocumentLimits
from pipeline.model.findings import finding
from pipeline.runner import guard
from pipeline.runner.cache import ResultCache, encode
from pipeline.runner.discover import read_input
from pipeline.runner.process import FORMATS, DocumentResult, process, sha256_of


@dataclass(frozen=True)
class Job:
    """A distinct profile file to turn into a result."""

    path: Path
    sha256: str
    size: int


@dataclass(frozen=True)
class Progress:
    """One document done: read from the cache, or processed by a worker."""

    done: int
    total: int
    file: str
    cached: bool


@dataclass(frozen=True)
class ScheduleStats:
    processed: int  # documents read and parsed in this run
    from_cache: int  # documents whose result came from the cache
    workers: int  # worker processes started (0: everything came from the cache)
    worker_peak_mb: tuple[float, ...]  # peak resident memory of each worker
    cache_write_errors: int


def default_workers() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def results_of(
    jobs: list[Job],
    *,
    workers: int = 1,
    cache: ResultCache | None = None,
    progress: Callable[[Progress], None] | None = None,
    ner_model: str | None = None,
    limits: DocumentLimits = DEFAULT_LIMITS,
) -> tuple[list[DocumentResult], ScheduleStats]:
    """Results of ``jobs`` in their order: each from the cache, else from a worker."""
    total = len(jobs)
    results: list[DocumentResult | None] = [None] * total
    done = 0

    def report(index: int, cached: bool) -> None:
        nonlocal done
        done += 1
        if progress is not None:
            progress(Progress(done=done, total=total, file=jobs[index].path.name, cached=cached))

    misses: list[int] = []
    for i, job in enumerate(jobs):
        hit = cache.get(job.sha256, job.path.name) if cache is not None else None
        if isinstance(hit, DocumentResult):
            results[i] = hit
            report(i, cached=True)
        else:
            misses.append(i)

    write_errors = 0
    peaks: dict[int, float] = {}
    pdfs = any(_is_pdf(jobs[i].path) for i in misses)

    def pooled(indices: list[int], size: int) -> list[int]:
        """Process ``indices`` with ``size`` workers; those left undone when a worker died."""
        nonlocal write_errors
        with ProcessPoolExecutor(
            max_workers=size, initializer=guard.start_worker, initargs=(os.getpid(), pdfs)
        ) as pool:
            futures = {
                pool.submit(process_file, str(jobs[i].path), cache, ner_model, limits): i for i in indices
            }
            try:
                for future in as_completed(futures):
                    outcome: Outcome = future.result()
                    i = futures[future]
                    results[i] = pickle.loads(outcome.result)
                    peaks[outcome.pid] = max(outcome.peak_mb, peaks.get(outcome.pid, 0.0))
                    write_errors += outcome.cache_write_error
                    report(i, cached=False)
            except BrokenProcessPool:  # a worker was killed (by the system, out of memory?)
                return [i for i in indices if results[i] is None]
            except BaseException:  # a bug or an interrupt: do not wait for the other documents
                pool.shutdown(wait=False, cancel_futures=True)
                raise
        return []

    misses.sort(key=lambda i: -jobs[i].size)  # the biggest first: no worker is left with a long one last
    pool_size = min(workers, len(misses))
    if misses:
        # A worker that dies takes its pool with it: the documents left are then done one per
        # pool, so that only the one that kills its worker is lost, and reported.
        for i in pooled(misses, pool_size):
            if pooled([i], 1):
                results[i] = _worker_died(jobs[i].path.name)
                report(i, cached=False)

    stats = ScheduleStats(
        processed=len(misses),
        from_cache=total - len(misses),
        workers=pool_size,
        worker_peak_mb=tuple(round(peaks[pid], 1) for pid in sorted(peaks)),
        cache_write_errors=write_errors,
    )
    return [r for r in results if r is not None], stats


def _worker_died(name: str) -> DocumentResult:
    reason = "the process reading it ended abruptly (killed by the system, out of memory?)"
    return DocumentResult(
        file=name, records=None, findings=(finding("internal-error", file=name, reason=reason),)
    )


def _is_pdf(path: Path) -> bool:
    return FORMATS[path.suffix.lower()] == "pdf"


@dataclass(frozen=True)
class Outcome:
    """A document's result as a worker sends it: pickled once (``cache.encode``), the bytes
    its cache entry holds too."""

    result: bytes
    pid: int  # the worker that processed it
    peak_mb: float  # that worker's peak resident memory so far
    cache_write_error: bool


def process_file(
    path: str, cache: ResultCache | None, ner_model: str | None, limits: DocumentLimits
) -> Outcome:
    """In a worker: read the file, process it within the limits, store the result in the
    cache (under the digest of the bytes read: the file may have changed since it was hashed)."""
    name = Path(path).name
    try:
        data = read_input(Path(path))
    except OSError as exc:  # gone, unreadable or no longer a regular file: reported, not cached
        result = DocumentResult(
            file=name,
            records=None,
            findings=(finding("file-unreadable", file=name, reason=exc.strerror or str(exc)),),
        )
        return Outcome(encode(result), os.getpid(), guard.peak_memory_mb(), False)
    result = guard.within_limits(lambda: process(Path(path), data, ner_model), name, limits)
    encoded = encode(result)
    return Outcome(
        encoded, os.getpid(), guard.peak_memory_mb(), not _cached(cache, sha256_of(data), name, encoded)
    )


def _cached(cache: ResultCache | None, sha256: str, name: str, encoded: bytes) -> bool:
    """Store a result (``encoded``) under the digest of the bytes it was made from; whether
    it is stored (True when there is no cache: nothing to store)."""
    if cache is None:
        return True
    try:
        cache.put(sha256, name, encoded)
    except OSError:
        return False
    return True
