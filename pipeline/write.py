"""Write stage: CSV and Parquet per table plus the report, swapped into place only when complete."""

from __future__ import annotations

import ctypes
import ctypes.util
import json
import os
import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pandas is heavy; copy_outputs runs without it
    import pandas as pd

LIST_SEPARATOR = ";"


def csv_frame(df: pd.DataFrame) -> pd.DataFrame:
    """Lists become ';'-joined text for spreadsheets."""
    out = df.copy()
    for column in out.columns:
        if out[column].dtype == object and out[column].map(lambda v: isinstance(v, list)).any():
            out[column] = out[column].map(lambda v: LIST_SEPARATOR.join(v) if isinstance(v, list) else v)
    return out


def write_outputs(out: Path, frames: dict[str, pd.DataFrame], report: dict) -> None:
    """Write everything into a fresh folder beside ``out``, then exchange it with ``out``."""
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.staging-", dir=out.parent))
    try:
        for table, df in frames.items():
            csv_frame(df).to_csv(staging / f"{table}.csv", index=False, encoding="utf-8", lineterminator="\n")
            df.to_parquet(staging / f"{table}.parquet", index=False, engine="pyarrow")
        (staging / "validation").mkdir()
        with open(staging / "validation" / "report.json", "w", encoding="utf-8") as fh:
            json.dump(report, fh, indent=2, ensure_ascii=False, default=str)
            fh.write("\n")
        _fsync_tree(staging)
        swap_into_place(staging, out)
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)


def copy_outputs(out: Path, source: Path) -> None:
    """Write a copy of a complete output folder (a cached run's) the same way: staged beside
    ``out``, then exchanged with it."""
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.staging-", dir=out.parent))
    try:
        shutil.copytree(source, staging, dirs_exist_ok=True)
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
