"""Which files of the given paths are profiles to read, and reading one safely.

A path that does not exist, a folder that holds no profile, or inputs that hold none at all
are refused (``InputRefused``) before anything is written: they are a mistyped or wrong path
far more often than a request for empty tables. Inside a folder, hidden files and earlier
outputs are not inputs; other files are reported skipped, and so are FIFOs, devices and
sockets (reading one would block or never end) and links that lead outside the folder."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from pipeline.extract.limits import max_bytes
from pipeline.model.findings import Finding, finding
from pipeline.output.write import MARKER
from pipeline.runner.process import FORMATS


class InputRefused(Exception):
    """The inputs cannot be what the user meant; the message names the path and why."""


def discover(paths: list[Path]) -> tuple[list[Path], list[Finding]]:
    """Profile files under the given files and folders, sorted; problems as findings. A file
    larger than its format's limit is refused here, before it is read. Raises InputRefused
    for a path that does not exist, a folder without profiles, or no profile at all."""
    files: list[Path] = []
    problems: list[Finding] = []
    for path in paths:
        if not str(path) or not os.path.lexists(path):
            raise InputRefused(f"{path or repr('')}: no such file or folder")
        if path.is_dir():
            found, folder_problems = _walk(path)
            if not found:
                f = finding("no-profiles", path=str(path), file=str(path))
                raise InputRefused(f"{path}: {f.message} -- {f.hint}")
            problems.extend(folder_problems)
        elif not _regular(path):
            found = []
            problems.append(finding("file-not-regular", file=path.name, path=str(path.parent)))
        elif path.suffix.lower() in FORMATS:
            found = [path]
        else:
            found = []
            problems.append(finding("unsupported-format", file=path.name, ext=path.suffix or "(none)"))
        for p in found:
            if (too_large := _too_large(p)) is not None:
                problems.append(too_large)
            else:
                files.append(p)
    if not files and not any(f.code == "too-large" for f in problems):
        names = ", ".join(str(p) for p in paths)
        raise InputRefused(
            f"{names}: no .pdf or .txt profile among the inputs -- "
            "give profile files or a folder that holds some"
        )
    return files, problems


def _walk(folder: Path) -> tuple[list[Path], list[Finding]]:
    """The profiles under ``folder`` and the findings of what was skipped, in path order."""
    root = folder.resolve()
    found: list[Path] = []
    skipped: list[tuple[Path, Finding]] = []
    for here, dirs, names in os.walk(folder):
        base = Path(here)
        kept = []
        for name in sorted(dirs):
            sub = base / name
            if name.startswith(".") or _is_output(sub):
                continue  # hidden, or an earlier run's output: not input
            if sub.is_symlink():
                if not _inside(sub, root):
                    skipped.append((sub, finding("link-outside", file=name, path=str(base))))
                continue  # a link inside the folder: what it leads to is walked anyway
            kept.append(name)
        dirs[:] = kept
        for name in names:
            p = base / name
            if name.startswith("."):
                continue
            if p.is_symlink() and not _inside(p, root):
                skipped.append((p, finding("link-outside", file=name, path=str(base))))
            elif not _regular(p):
                skipped.append((p, finding("file-not-regular", file=name, path=str(base))))
            elif p.suffix.lower() in FORMATS:
                found.append(p)
            else:
                skipped.append(
                    (p, finding("file-skipped", file=name, path=str(folder), ext=p.suffix or "(none)"))
                )
    return sorted(found), [f for _, f in sorted(skipped, key=lambda item: item[0])]


def _inside(link: Path, root: Path) -> bool:
    target = link.resolve()
    return target == root or root in target.parents


def _regular(path: Path) -> bool:
    """A regular file (after links), not a FIFO, device or socket; False if it cannot be seen."""
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return False


def _is_output(folder: Path) -> bool:
    return (folder / MARKER).is_file() or (folder / "validation" / "report.json").is_file()


def read_input(path: Path) -> bytes:
    """The bytes of a profile file; OSError if it is not (or no longer) a regular file. Opened
    without blocking, so a file swapped for a FIFO since it was found cannot hang the run."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    with os.fdopen(fd, "rb") as fh:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(f"{path.name} is not a regular file")
        return fh.read()


def _too_large(path: Path) -> Finding | None:
    size = path.stat().st_size
    limit = max_bytes(FORMATS[path.suffix.lower()])
    if size <= limit:
        return None
    return finding(
        "too-large",
        file=path.name,
        value=size,
        reason=f"it has {size:,} bytes, more than the limit of {limit:,}",
    )
