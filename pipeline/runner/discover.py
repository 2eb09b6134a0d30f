"""Which files of the given paths are profiles to read."""

from __future__ import annotations

from pathlib import Path

from pipeline.extract.limits import max_bytes
from pipeline.model.findings import Finding, finding
from pipeline.runner.process import FORMATS


def discover(paths: list[Path]) -> tuple[list[Path], list[Finding]]:
    """Profile files under the given files and folders, sorted; problems as findings. In a
    folder, hidden files and earlier outputs are not inputs and other files are reported skipped;
    a file larger than its format's limit is refused here, before it is read."""
    files: list[Path] = []
    problems: list[Finding] = []
    for path in paths:
        if path.is_dir():
            found: list[Path] = []
            skipped: list[Path] = []
            outputs = {r.parent.parent for r in path.rglob("validation/report.json")}  # earlier runs' outputs
            for p in sorted(path.rglob("*")):
                hidden = any(part.startswith(".") for part in p.relative_to(path).parts)
                if p.is_file() and not hidden and not outputs.intersection(p.parents):
                    (found if p.suffix.lower() in FORMATS else skipped).append(p)
            if not found:
                problems.append(finding("no-profiles", path=str(path), file=str(path)))
            problems.extend(
                finding("file-skipped", file=p.name, path=str(path), ext=p.suffix or "(none)")
                for p in skipped
            )
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
    return finding(
        "too-large",
        file=path.name,
        value=size,
        reason=f"it has {size:,} bytes, more than the limit of {limit:,}",
    )
