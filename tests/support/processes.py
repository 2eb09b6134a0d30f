"""Processes of a run as the tests see them (Linux ``/proc``): a run's workers, whether a
process is still running, and starting a run of the command line to kill."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from tests.support.paths import ROOT


def running(pid: int) -> bool:
    """The process exists and is not a zombie (one that ended but was not yet reaped)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def children(pid: int) -> list[int]:
    """The running processes whose parent is ``pid``."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid and fields[0] != "Z":
            found.append(int(entry.name))
    return found


def mentioning(text: str) -> list[int]:
    """Running processes whose command line holds ``text`` (a run's workers are forked from
    it: they have its command line)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if text in cmdline and running(int(entry.name)):
            found.append(int(entry.name))
    return found


def start_run(*args: str) -> subprocess.Popen:
    """``python -m pipeline run ARGS`` as a process of its own."""
    return subprocess.Popen(
        [sys.executable, "-m", "pipeline", "run", *args],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def wait_for(condition, seconds: float = 120, step: float = 0.05) -> bool:  # noqa: ANN001 - a callable
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(step)
    return False
