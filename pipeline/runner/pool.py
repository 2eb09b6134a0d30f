"""Scheduling of the per-document work: the cache first, then a pool of worker processes for
the rest. Results come back in the order of the jobs, whatever order the workers finish in, so
a run's output does not depend on the number of workers or on the cache."""

from __future__ import annotations

import multiprocessing
import os
import pickle
import resource
import sys
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path
from queue import Queue

from pipeline.model.findings import finding
from pipeline.runner.cache import ResultCache, encode
from pipeline.runner.process import (
    FORMATS,
    DocumentResult,
    enriched,
    parsed,
    process,
    sha256_of,
)


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
    workers: int  # worker processes started (0: everything came from the cache or ran in-process)
    worker_peak_mb: tuple[float, ...]  # peak resident memory of each process that processed documents
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
    meanwhile: Callable[[], None] | None = None,
    ner_model: str | None = None,
) -> tuple[list[DocumentResult], ScheduleStats]:
    """Results of ``jobs`` in their order. ``meanwhile`` runs in a thread of this process while
    worker processes start and work, e.g. to import what the parent needs next; it has
    finished when this returns."""
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
    from_cache = total - len(misses)

    write_errors = 0
    peaks: dict[int, float] = {}

    def accept(i: int, outcome: Outcome) -> None:
        nonlocal write_errors
        results[i] = outcome.decoded()
        if outcome.pid is not None:
            peaks[outcome.pid] = max(outcome.peak_mb, peaks.get(outcome.pid, 0.0))
        write_errors += outcome.cache_write_error
        report(i, cached=False)

    # The biggest files first, so that no worker is left with a long one at the end.
    misses.sort(key=lambda i: -jobs[i].size)
    pool_size = min(workers, len(misses))
    if pool_size <= 1:
        for i in misses:
            accept(i, process_file(str(jobs[i].path), cache, ner_model, sent=False))
        pool_size = 0
    else:
        context = worker_context(pdfs=any(_is_pdf(jobs[i]) for i in misses))
        # started first: the first submissions wait for the fork server to preload (this process
        # never forks, so threads are safe)
        helper = (
            threading.Thread(target=meanwhile, name="meanwhile", daemon=True)
            if meanwhile is not None
            else None
        )
        if helper is not None:
            helper.start()
        with ProcessPoolExecutor(max_workers=pool_size, mp_context=context) as pool:
            futures: dict = {}
            try:
                for i, outcome in _submitted(pool, jobs, misses, futures, cache, ner_model):
                    accept(i, outcome)
                for future in as_completed(futures):
                    accept(futures[future], future.result())
            except BaseException:  # a bug or an interrupt: do not wait for the other documents
                pool.shutdown(wait=False, cancel_futures=True)
                raise
            finally:
                if helper is not None:
                    helper.join()

    stats = ScheduleStats(
        processed=len(misses),
        from_cache=from_cache,
        workers=pool_size,
        worker_peak_mb=tuple(round(peaks[pid], 1) for pid in sorted(peaks)),
        cache_write_errors=write_errors,
    )
    return [r for r in results if r is not None], stats


def _is_pdf(job: Job) -> bool:
    return FORMATS[job.path.suffix.lower()] == "pdf"


def _submitted(
    pool: ProcessPoolExecutor,
    jobs: list[Job],
    order: list[int],
    futures: dict,
    cache: ResultCache | None,
    ner_model: str | None,
) -> Iterator[tuple[int, Outcome]]:
    """Hand every job to the pool, filling ``futures`` (future -> job index). Until the first
    worker is up (the fork server loads spaCy for the workers: most of a second) this process
    has a core to spare, and spends it reading and parsing text profiles, a few milliseconds
    each: only their enrichment goes to a worker. PDFs, and the text profiles left once the
    workers are up, go to the workers whole. A text profile that fails before enrichment is done
    here: its outcome is yielded (and cached).

    Submissions go through a thread: the first ones wait for the fork server to be ready, and
    parsing goes on meanwhile."""
    queue: Queue = Queue()
    workers_up = threading.Event()
    failure: list[BaseException] = []  # what stopped the submissions (a broken pool): raised here

    def submit_all() -> None:
        try:
            for index, call in iter(queue.get, None):
                futures[pool.submit(*call)] = index
                workers_up.set()
        except BaseException as exc:  # noqa: BLE001 - handed to the thread that waits for it
            failure.append(exc)
            workers_up.set()

    submitter = threading.Thread(target=submit_all, name="submitter", daemon=True)
    submitter.start()
    try:
        for i in sorted(order, key=lambda i: not _is_pdf(jobs[i])):  # the workers' longest jobs first
            path = jobs[i].path
            if _is_pdf(jobs[i]) or workers_up.is_set():
                queue.put((i, (process_file, str(path), cache, ner_model)))
                continue
            try:
                data = path.read_bytes()
            except OSError as exc:  # gone or unreadable since it was hashed: reported, not cached
                yield i, Outcome(_unreadable(path.name, exc), None, 0.0, False)
                continue
            result = parsed(path, data)
            if result.records is None:
                yield (
                    i,
                    Outcome(result, None, 0.0, _cached(cache, sha256_of(data), path.name, encode(result))),
                )
            else:
                queue.put((i, (enrich_parsed, result, sha256_of(data), cache, ner_model)))
    finally:
        queue.put(None)
        submitter.join()
    if failure:
        raise failure[0]


def worker_context(pdfs: bool) -> multiprocessing.context.BaseContext:
    """How workers start: forked from a fork server that has imported spaCy and built the
    rules once (``pipeline.runner.preload``, and the PDF reader when there are PDFs), so that no worker
    pays for them; where there is no fork server, the platform's default. The fork server
    starts with the first pool and serves every later one of the process."""
    if "forkserver" not in multiprocessing.get_all_start_methods():  # pragma: no cover - not POSIX
        return multiprocessing.get_context()
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(
        (["pipeline.extract.pdf"] if pdfs else []) + ["pipeline.runner.preload"]
    )  # it freezes: last
    return context


@dataclass(frozen=True)
class Outcome:
    """A document's result as a worker sends it: pickled once (``cache.encode``), the bytes its
    cache entry holds too; or, made in this process, as it is."""

    result: DocumentResult | bytes
    pid: int | None  # the process that processed it; None: this one, a text profile that failed to parse
    peak_mb: float  # that process's peak resident memory so far
    cache_write_error: bool

    def decoded(self) -> DocumentResult:
        return pickle.loads(self.result) if isinstance(self.result, bytes) else self.result


def process_file(
    path: str, cache: ResultCache | None, ner_model: str | None = None, sent: bool = True
) -> Outcome:
    """In a worker (or, not ``sent``, in this process): read the file, process it, store the
    result in the cache (under the digest of the bytes read: the file may have changed since
    it was hashed)."""
    name = Path(path).name
    try:
        data = Path(path).read_bytes()
    except OSError as exc:  # gone or unreadable since it was hashed: reported, not cached
        return _outcome(_unreadable(name, exc), None, "", name, sent)
    return _outcome(process(Path(path), data, ner_model), cache, sha256_of(data), name, sent)


def enrich_parsed(
    result: DocumentResult, sha256: str, cache: ResultCache | None, ner_model: str | None = None
) -> Outcome:
    """In a worker: enrich a document parsed by the parent (``sha256``: of the bytes it parsed)
    and store the result in the cache."""
    return _outcome(enriched(result, ner_model), cache, sha256, result.file)


def _unreadable(name: str, exc: OSError) -> DocumentResult:
    return DocumentResult(
        file=name,
        records=None,
        findings=(finding("file-unreadable", file=name, reason=exc.strerror or str(exc)),),
    )


def _cached(cache: ResultCache | None, sha256: str, name: str, encoded: bytes) -> bool:
    """Store a result (``encoded``) under the digest of the bytes it was made from; whether
    that failed (False when there is no cache)."""
    if cache is None:
        return False
    try:
        cache.put(sha256, name, encoded)
    except OSError:
        return True
    return False


def _outcome(
    result: DocumentResult, cache: ResultCache | None, sha256: str, name: str, sent: bool = True
) -> Outcome:
    """A document's outcome, its result stored in the cache. One ``sent`` from a worker holds
    the result pickled once, for the cache and for the trip; otherwise the result itself."""
    encoded = encode(result) if sent or cache is not None else b""
    return Outcome(
        encoded if sent else result, os.getpid(), peak_memory_mb(), _cached(cache, sha256, name, encoded)
    )


def peak_memory_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024
