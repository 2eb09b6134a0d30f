"""A worker's bounds: the time limit and memory cap of one document, and ending with its parent."""

from __future__ import annotations

import multiprocessing
import os
import signal
import time

from pipeline.extract.limits import DocumentLimits
from pipeline.runner import guard
from pipeline.runner.process import DocumentResult
from tests.support.processes import running, wait_for

DONE = DocumentResult(file="a.txt", records=None, findings=())


def test_a_document_within_its_limits_gives_its_result():
    assert guard.within_limits(lambda: DONE, "a.txt", DocumentLimits(seconds=5, memory_mb=100)) is DONE


def test_a_document_past_its_time_gets_a_timed_out_finding_and_the_timer_is_cleared():
    def slow() -> DocumentResult:
        time.sleep(30)
        return DONE

    started = time.monotonic()
    result = guard.within_limits(slow, "slow.pdf", DocumentLimits(seconds=0.2))
    assert time.monotonic() - started < 5
    (f,) = result.findings
    assert (result.file, result.records, f.code, f.file) == ("slow.pdf", None, "timed-out", "slow.pdf")
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    assert signal.getsignal(signal.SIGALRM) in (signal.SIG_DFL, signal.default_int_handler, None)


def test_a_document_past_its_memory_cap_gets_a_too_large_finding_and_the_cap_is_lifted():
    def greedy() -> DocumentResult:  # grows as a parse does: a megabyte at a time, each written
        hoard = [b"x" * (1024 * 1024) for _ in range(400)]
        return DocumentResult(file=str(sum(map(len, hoard))), records=None, findings=())

    result = guard.within_limits(greedy, "huge.pdf", DocumentLimits(memory_mb=100))
    (f,) = result.findings
    assert (f.code, f.file) == ("too-large", "huge.pdf")
    assert "more than 100 MB of memory" in f.message
    assert guard.within_limits(greedy, "huge.pdf", DocumentLimits(memory_mb=1024)).file == str(
        400 * 1024 * 1024
    )


def _orphan_worker(ready) -> None:  # noqa: ANN001 - a multiprocessing Event
    """A process that starts a worker under it, announces the worker's pid, then waits."""
    worker = multiprocessing.get_context("fork").Process(target=_worker, args=(os.getpid(),))
    worker.start()
    ready.put(worker.pid)
    time.sleep(60)


def _worker(parent: int) -> None:
    guard.start_worker(parent, pdfs=False)
    time.sleep(60)


def test_a_worker_ends_when_its_parent_is_killed():
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    parent = context.Process(target=_orphan_worker, args=(queue,))
    parent.start()
    worker = queue.get(timeout=60)
    assert running(worker)
    os.kill(parent.pid, signal.SIGKILL)
    parent.join()
    assert wait_for(lambda: not running(worker), seconds=3)
