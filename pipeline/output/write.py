"""Write stage: CSV and Parquet per table plus the report, swapped into place only when complete."""

from __future__ import annotations

import csv
import ctypes
import ctypes.util
import glob
import json
import os
import shutil
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pandas and pandera are heavy: copy_outputs and output_problem run without them
    import pandas as pd

LIST_SEPARATOR = ";"


def write_csv(path: Path, df: pd.DataFrame) -> None:
    """The table as CSV for spreadsheets: a header row, then one line per row; nulls are empty
    cells, lists ';'-joined text, numbers and true/false as Python writes them (the same bytes as
    pandas' ``to_csv``, written by the csv module from whole columns, which is faster)."""
    columns = [csv_cells(df[name]) for name in df.columns]
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(list(df.columns))
        writer.writerows(zip(*columns, strict=True))


def csv_cells(series: pd.Series) -> list:
    """A column's cells as Python values: nulls None (an empty cell), lists joined."""
    values = series.to_numpy(dtype=object, na_value=None).tolist()
    if series.dtype == object and any(isinstance(v, list) for v in values):
        return [LIST_SEPARATOR.join(map(str, v)) if isinstance(v, list) else v for v in values]
    return values


def report_files(report: dict) -> dict[str, str]:
    """The report as the files of ``validation/``: report.json and report.html."""
    from pipeline.output.report_html import render_html

    return {"report.json": report_json(report), "report.html": render_html(report)}


_ONE_LINE = json.JSONEncoder(ensure_ascii=False, default=str, separators=(", ", ": "))


def report_json(report: dict) -> str:
    """The report as JSON, one entry per line: objects are indented, and each item of a list
    (a document, a table's counts, a finding) is one line, so the file reads and diffs line by
    line. (Also several times faster to write than ``indent=2``, which Python's C encoder
    does not do: a year's report has thousands of entries.)"""
    return "".join(_lines(report, "")) + "\n"


def _lines(value, indent: str) -> Iterator[str]:
    inner = indent + "  "
    if isinstance(value, dict) and value:
        yield "{"
        for n, (key, item) in enumerate(value.items()):
            yield f"{',' if n else ''}\n{inner}{_ONE_LINE.encode(str(key))}: "
            yield from _lines(item, inner)
        yield f"\n{indent}}}"
    elif isinstance(value, list) and value:
        yield "[" + ",".join(f"\n{inner}{_ONE_LINE.encode(item)}" for item in value) + f"\n{indent}]"
    else:
        yield _ONE_LINE.encode(value)


def write_json(path: Path, data: dict) -> None:
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def replace_report(folder: Path, report: dict) -> None:
    """Rewrite ``folder``/validation/ in place, each file swapped in whole (os.replace)."""
    target = Path(folder) / "validation"
    target.mkdir(exist_ok=True)
    for name, text in report_files(report).items():
        fd, tmp = tempfile.mkstemp(prefix=f".{name}.", dir=target)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(text)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, target / name)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)


class UnsafeOutput(Exception):
    """``--out`` names a folder that replacing would destroy something this tool did not write."""


def output_problem(out: Path, inputs: Sequence[Path] = ()) -> str | None:
    """Why ``out`` must not be replaced, or None. A run replaces the whole folder, so it must be
    absent, empty or a previous output (it has validation/report.json), and hold no input."""
    out = Path(out)
    if out.exists() and not out.is_dir():
        return f"{out} is a file, not a folder"
    resolved = out.resolve()
    for path in inputs:
        p = Path(path).resolve()
        if p == resolved or resolved in p.parents:
            return f"{out} holds the input {path}; the run replaces that folder and would delete it"
    if out.is_dir() and any(out.iterdir()) and not (out / "validation" / "report.json").is_file():
        return (
            f"{out} is not empty and is not the output of an earlier run "
            "(it has no validation/report.json); the run would replace it"
        )
    return None


def write_outputs(out: Path, frames: dict[str, pd.DataFrame], report: dict) -> None:
    """Write every table, the data package and the report into ``out`` (see ``staged``)."""

    def fill(staging: Path) -> None:
        for table, df in frames.items():
            write_csv(staging / f"{table}.csv", df)
            df.to_parquet(staging / f"{table}.parquet", index=False, engine="pyarrow")
        from pipeline.output.datapackage import datapackage  # the schemas: pandera

        write_json(staging / "datapackage.json", datapackage())
        (staging / "validation").mkdir()
        for name, text in report_files(report).items():
            (staging / "validation" / name).write_text(text, encoding="utf-8")
        from pipeline.output.database import write_analyst_files  # duckdb: loaded only here

        write_analyst_files(staging, frames, report)

    staged(out, fill)


def copy_outputs(out: Path, source: Path) -> None:
    """Write a copy of a complete output folder (a cached run's) into ``out`` the same way."""
    staged(out, lambda staging: shutil.copytree(source, staging, dirs_exist_ok=True))


def staged(out: Path, fill) -> None:
    """Fill a fresh hidden folder beside ``out``, then exchange it with ``out``.

    Only ``out`` and that sibling (``.<out>.staging-<pid>-<random>``, named after ``out`` alone,
    never after an input) are written. A run killed at any moment leaves ``out`` as it was
    before the exchange or complete after it; the sibling it leaves is removed by the next run."""
    out = Path(out)
    if (problem := output_problem(out)) is not None:
        raise UnsafeOutput(problem)
    out.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_staging(out)
    staging = Path(tempfile.mkdtemp(prefix=f"{_staging_prefix(out)}{os.getpid()}-", dir=out.parent))
    try:
        fill(staging)
        _fsync_tree(staging)
        swap_into_place(staging, out)
        _fsync_dir(out.parent)
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)


def _staging_prefix(out: Path) -> str:
    return f".{out.name}.staging-"


def remove_stale_staging(out: Path) -> None:
    """Remove staging folders beside ``out`` left by runs that were killed (their process is gone)."""
    prefix = _staging_prefix(out)
    for path in out.parent.glob(f"{glob.escape(prefix)}*"):
        pid = path.name[len(prefix):].split("-", 1)[0]
        if path.name.endswith("-old") and not out.exists():
            continue  # the previous output of a run killed between two renames: keep it
        if path.is_dir() and pid.isdigit() and not _alive(int(pid)):
            shutil.rmtree(path, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)




def _fsync_tree(folder: Path) -> None:
    for path in folder.rglob("*"):
        if path.is_file():
            with open(path, "rb") as fh:
                os.fsync(fh.fileno())


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(a: Path, b: Path) -> bool:
    """Atomically exchange two paths (Linux renameat2); False where unsupported."""
    libc_name = ctypes.util.find_library("c")
    if not libc_name:
        return False
    libc = ctypes.CDLL(libc_name, use_errno=True)
    if not hasattr(libc, "renameat2"):
        return False
    rc = libc.renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    return rc == 0


def swap_into_place(staging: Path, out: Path) -> None:
    """Replace ``out`` by ``staging``. With an existing ``out`` the two are exchanged in one
    system call, so a run killed at any moment leaves either the old or the new folder."""
    if not out.exists():
        os.rename(staging, out)
        return
    if _exchange(staging, out):
        shutil.rmtree(staging, ignore_errors=True)  # staging now holds the old output
        return
    # no renameat2 (not Linux, or a file system without it): two renames, with a moment between
    # them when ``out`` is absent; the old folder then waits under a staging name, kept while
    # ``out`` is missing
    old = staging.with_name(staging.name + "-old")
    os.rename(out, old)
    os.rename(staging, out)
    shutil.rmtree(old, ignore_errors=True)
