"""What keeps a worker process bounded: it ends with the run, and each document it processes
has a time limit and a memory cap (``pipeline.extract.limits.DocumentLimits``).

- Ending with the run: a worker asks the kernel for SIGKILL when its parent ends (Linux
  ``prctl(PR_SET_PDEATHSIG)``), and a thread of its own watches its parent id as well (other
  systems, and the moment before the ``prctl``): a run killed with SIGKILL leaves no worker
  behind for more than half a second.
- Time: a timer (``setitimer``) interrupts the document's processing; it gets a ``timed-out``
  finding.
- Memory: the worker's address space may grow by the cap while it processes the document
  (``RLIMIT_AS``, restored after); an allocation past it raises MemoryError, and the document
  gets a ``too-large`` finding.
"""

from __future__ import annotations

import ctypes
import os
import resource
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from pipeline.extract.limits import DocumentLimits
from pipeline.model.findings import finding
from pipeline.runner.process import DocumentResult, import_stages

_PR_SET_PDEATHSIG = 1
WATCH_SECONDS = 0.5  # how often a worker looks whether its parent is still there


def start_worker(parent: int, pdfs: bool) -> None:
    """A worker's initializer: end with ``parent``, whatever ends it; import the stages (the
    PDF reader when there are ``pdfs``)."""
    if sys.platform.startswith("linux"):
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:  # the parent ended before the prctl
        os._exit(1)
    threading.Thread(target=_watch, args=(parent,), name="parent-watch", daemon=True).start()
    import_stages(pdfs)


def _watch(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(WATCH_SECONDS)
    os._exit(1)


class DocumentTimedOut(BaseException):
    """Raised in the worker's main thread when a document's time is up: a BaseException, so
    that the pipeline's safety nets (``except Exception``) let it through."""


def within_limits(work: Callable[[], DocumentResult], name: str, limits: DocumentLimits) -> DocumentResult:
    """``work()``, or the document's ``timed-out`` or ``too-large`` finding."""
    try:
        with _time_limit(limits.seconds), _memory_cap(limits.memory_mb):
            return work()
    except DocumentTimedOut:
        return _refused(finding("timed-out", file=name, value=limits.seconds))
    except MemoryError:
        reason = f"processing it needed more than {limits.memory_mb:,} MB of memory, the limit for a document"
        return _refused(finding("too-large", file=name, reason=reason))


def _refused(f) -> DocumentResult:  # noqa: ANN001 - a Finding
    return DocumentResult(file=f.file, records=None, findings=(f,))


@contextmanager
def _time_limit(seconds: float) -> Iterator[None]:
    if threading.current_thread() is not threading.main_thread():  # pragma: no cover - signals need it
        yield
        return

    def expired(signum: int, frame: object) -> None:
        raise DocumentTimedOut

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@contextmanager
def _memory_cap(megabytes: int) -> Iterator[None]:
    size = _address_space()
    if size is None:  # pragma: no cover - not Linux
        yield
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    cap = size + megabytes * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (cap if hard == resource.RLIM_INFINITY else min(cap, hard), hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


def _address_space() -> int | None:
    """This process's virtual memory size in bytes (Linux), or None."""
    try:
        with open("/proc/self/statm", "rb") as fh:
            pages = int(fh.read().split()[0])
    except (OSError, ValueError, IndexError):
        return None
    return pages * os.sysconf("SC_PAGE_SIZE")


def peak_memory_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024
