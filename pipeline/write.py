"""Write stage: CSV and Parquet per table plus the report, swapped into place only when complete."""

from __future__ import annotations

import ctypes
import ctypes.util
import json
import os
import shutil
import tempfile
from pathlib import Path

import pandas as pd

from pipeline.datapackage import datapackage

LIST_SEPARATOR = ";"


def csv_frame(df: pd.DataFrame) -> pd.DataFrame:
    """Lists become ';'-joined text for spreadsheets."""
    out = df.copy()
    for column in out.columns:
        if out[column].dtype == object and out[column].map(lambda v: isinstance(v, list)).any():
            out[column] = out[column].map(lambda v: LIST_SEPARATOR.join(map(str, v)) if isinstance(v, list) else v)
    return out


def report_files(report: dict) -> dict[str, str]:
    """The report as the files of ``validation/``: report.json and report.html."""
    from pipeline.report_html import render_html

    return {"report.json": json.dumps(report, indent=2, ensure_ascii=False, default=str) + "\n",
            "report.html": render_html(report)}


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


def write_outputs(out: Path, frames: dict[str, pd.DataFrame], report: dict) -> None:
    """Write everything into a fresh folder beside ``out``, then exchange it with ``out``."""
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.staging-", dir=out.parent))
    try:
        for table, df in frames.items():
            csv_frame(df).to_csv(staging / f"{table}.csv", index=False, encoding="utf-8", lineterminator="\n")
            df.to_parquet(staging / f"{table}.parquet", index=False, engine="pyarrow")
        write_json(staging / "datapackage.json", datapackage())
        (staging / "validation").mkdir()
        for name, text in report_files(report).items():
            (staging / "validation" / name).write_text(text, encoding="utf-8")
        _fsync_tree(staging)
        swap_into_place(staging, out)
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)


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
    old = out.with_name(f".{out.name}.old-{os.getpid()}")
    os.rename(out, old)
    os.rename(staging, out)
    shutil.rmtree(old, ignore_errors=True)
