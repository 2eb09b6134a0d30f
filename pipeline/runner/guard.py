"""What keeps a worker process bounded: it ends with the run, and each document it processes
has a time limit and a memory cap (``pipeline.extract.limits.DocumentLimits``).

- Ending with the run: a worker asks the kernel for SIGKILL when its parent ends (Linux
  ``prctl(PR_SET_PDEATHSIG)``), and a thread of its own watches its parent id as well (other
  systems, and the moment before the ``prctl``): a run killed with SIGKILL leaves no worker
  behind for more than half a second.
- Time: a timer (``setitimer``) interrupts the document's processing; it gets a ``timed-out``
  finding.
- Memory: a thread watches the worker's resident memory while it processes the document and
  interrupts it past the cap, with ``RLIMIT_AS`` as a backstop (an allocation past it raises
  MemoryError); the document gets a ``too-large`` finding.
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


class DocumentTooLarge(BaseException):
    """Raised in the worker's main thread when a document's memory is past its cap (like
    DocumentTimedOut, a BaseException)."""


MB = 1024 * 1024
MEMORY_WATCH_SECONDS = 0.05  # how often the memory of a document is looked at
BACKSTOP = 4  # the address space a document may add is capped at this many times its memory cap


def within_limits(work: Callable[[], DocumentResult], name: str, limits: DocumentLimits) -> DocumentResult:
    """``work()``, or the document's ``timed-out`` or ``too-large`` finding."""
    try:
        with _time_limit(limits.seconds), _memory_cap(limits.memory_mb):
            return work()
    except DocumentTimedOut:
        return _refused(finding("timed-out", file=name, value=limits.seconds))
    except (DocumentTooLarge, MemoryError):
        reason = f"processing it needed more than {limits.memory_mb:,} MB of memory, the limit for a document"
        return _refused(finding("too-large", file=name, reason=reason))


def _refused(f) -> DocumentResult:  # noqa: ANN001 - a Finding
    return DocumentResult(file=f.file, records=None, findings=(f,))


class _Interrupt:
    """While armed, ``signum`` raises ``exception`` in this (the main) thread. An exception raised
    where Python cannot pass it on (in a ``__del__`` or a weakref callback during the document:
    "Exception ignored in ...") is lost, so the signal is sent again until one lands; once the
    body is left, a late signal does nothing, and ``disarm`` stops what sends it."""

    def __init__(
        self, signum: int, exception: type[BaseException], disarm: Callable[[], object] = lambda: None
    ) -> None:
        self.signum, self.exception, self.disarm, self.armed = signum, exception, disarm, False

    def __call__(self, signum: int, frame: object) -> None:
        if self.armed:
            raise self.exception

    @contextmanager
    def installed(self) -> Iterator[None]:
        previous = signal.signal(self.signum, self)
        self.armed = True
        try:
            yield
        finally:  # nested, so that a signal landing before ``armed`` is cleared still disarms
            try:
                self.armed = False
            finally:
                try:
                    self.disarm()
                finally:
                    signal.signal(self.signum, previous)


RESEND_SECONDS = 0.25  # how soon an interrupt that was lost is sent again


@contextmanager
def _time_limit(seconds: float) -> Iterator[None]:
    if threading.current_thread() is not threading.main_thread():  # pragma: no cover - signals need it
        yield
        return
    interrupt = _Interrupt(
        signal.SIGALRM, DocumentTimedOut, disarm=lambda: signal.setitimer(signal.ITIMER_REAL, 0)
    )
    with interrupt.installed():
        signal.setitimer(signal.ITIMER_REAL, seconds, RESEND_SECONDS)
        yield


@contextmanager
def _memory_cap(megabytes: int) -> Iterator[None]:
    """The document may grow the worker's resident memory by ``megabytes``: a thread looks
    every 50 ms and interrupts the document past that (DocumentTooLarge), while the memory is
    still there to unwind with. As a backstop for what grows between two looks, the address
    space may grow by BACKSTOP times as much (``RLIMIT_AS``: past it, allocations fail with
    MemoryError; a worker that crashes instead costs only its document, see ``pool``)."""
    resident, size = _memory()
    if size is None or threading.current_thread() is not threading.main_thread():  # pragma: no cover
        yield
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    backstop = size + BACKSTOP * megabytes * MB
    resource.setrlimit(
        resource.RLIMIT_AS, (backstop if hard == resource.RLIM_INFINITY else min(backstop, hard), hard)
    )
    done = threading.Event()

    def watch() -> None:  # past the cap, it signals at each look until the document has stopped
        while not done.wait(MEMORY_WATCH_SECONDS):
            if (_memory()[0] or 0) - resident > megabytes * MB:
                signal.pthread_kill(threading.main_thread().ident or 0, signal.SIGUSR1)

    watcher = threading.Thread(target=watch, name="memory-watch", daemon=True)

    def stop_watching() -> None:
        done.set()
        watcher.join()

    interrupt = _Interrupt(signal.SIGUSR1, DocumentTooLarge, disarm=stop_watching)
    try:
        with interrupt.installed():
            watcher.start()
            yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


def _memory() -> tuple[int, int | None]:
    """This process's resident and virtual memory in bytes (Linux), or (0, None)."""
    try:
        with open("/proc/self/statm", "rb") as fh:
            fields = fh.read().split()
    except OSError:
        return 0, None
    page = os.sysconf("SC_PAGE_SIZE")
    return int(fields[1]) * page, int(fields[0]) * page


def peak_memory_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024
