"""Write stage: CSV and Parquet per table plus the report, swapped into place only when complete.

An output folder holds a marker file (``.diaspora-profiles``: the program, its version and the
sha256 of each CSV as written), by which ``run`` and ``validate`` recognise a folder they may
replace or read, and ``validate`` sees a CSV edited since. One run at a time writes a folder
(``output_lock``). Files and folders get the user's umask (0644 and 0755 under umask 022).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import errno
import fcntl
import glob
import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pandas and pandera are heavy: output_problem and output_lock run without them
    from collections.abc import Callable

    import pandas as pd

LIST_SEPARATOR = ";"
MARKER = ".diaspora-profiles"  # recognises an output folder; holds the CSVs' digests
PROGRAM = "diaspora-profiles"
# A spreadsheet opening a CSV runs a cell that starts with one of these as a formula; such a
# text cell is written with a leading apostrophe, so it shows as text (OWASP's advice). A cell
# that starts with an apostrophe gets one more, so reading a CSV back (``csv_text``) is exact.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
TEXT_MARK = "'"


def write_csv(path: Path, df: pd.DataFrame) -> None:
    """The table as CSV for spreadsheets, written by pandas: a header row, then one line per row;
    nulls are empty cells, lists ';'-joined text, text that a spreadsheet would run as a formula
    marked as text (``FORMULA_STARTS``; Parquet keeps the exact value)."""
    import pandas as pd

    cells = pd.DataFrame({name: csv_cells(df[name]) for name in df.columns}, columns=df.columns, dtype=object)
    cells.to_csv(path, index=False, lineterminator="\n", encoding="utf-8")


def csv_cells(series: pd.Series) -> list:
    """A column's cells as Python values: nulls None (an empty cell), lists joined, text that
    would run as a formula marked as text. Only text is marked: numbers stay numbers."""
    values = series.to_numpy(dtype=object, na_value=None).tolist()
    if series.dtype == object and any(isinstance(v, list) for v in values):
        values = [LIST_SEPARATOR.join(map(str, v)) if isinstance(v, list) else v for v in values]
    elif series.dtype.kind != "O":  # numbers, booleans: no text to mark
        return values
    return [_as_text(v) if isinstance(v, str) and v.startswith(_MARKED) else v for v in values]


_MARKED = (*FORMULA_STARTS, TEXT_MARK)


def _as_text(value: str) -> str:
    return TEXT_MARK + value


def csv_text(cell: str) -> str:
    """A text cell as read from a CSV this module wrote: the value it was written from."""
    return cell[1:] if cell.startswith(TEXT_MARK) and cell[1:].startswith(_MARKED) else cell


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
            os.chmod(tmp, 0o666 & ~current_umask())
            os.replace(tmp, target / name)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)


class UnsafeOutput(Exception):
    """``--out`` names a folder that replacing would destroy something this tool did not write."""


class OutputBusy(Exception):
    """Another run is writing the same ``--out``."""


def output_files(tables: list[str]) -> set[str]:
    """The names an output folder holds (besides the marker)."""
    return {f"{t}.{ext}" for t in tables for ext in ("csv", "parquet")} | {"datapackage.json", "validation"}


def is_output_folder(folder: Path) -> bool:
    """A folder this program wrote: it holds the marker file; or, written before there was one,
    it holds validation/report.json and nothing but the names of output files."""
    folder = Path(folder)
    if (folder / MARKER).is_file():
        return True
    if not (folder / "validation" / "report.json").is_file():
        return False
    from schemas import TABLES

    return {p.name for p in folder.iterdir()} <= output_files(list(TABLES))


def output_problem(out: Path, inputs: Sequence[Path] = ()) -> str | None:
    """Why ``out`` must not be replaced, or None. A run replaces the whole folder, so it must be
    absent, empty or a previous output (``is_output_folder``), hold no input, and be neither
    the root nor the home folder."""
    out = Path(out)
    if out.exists() and not out.is_dir():
        return f"{out} is a file, not a folder"
    resolved = out.resolve()
    for special, name in ((Path(resolved.anchor), "the root"), (Path.home().resolve(), "the home")):
        if resolved == special:
            return f"{out} is {name} folder; the run replaces the whole folder"
    for path in inputs:
        p = Path(path).resolve()
        if p == resolved or resolved in p.parents:
            return f"{out} holds the input {path}; the run replaces that folder and would delete it"
    if out.is_dir() and any(out.iterdir()) and not is_output_folder(out):
        return (
            f"{out} is not empty and is not the output of an earlier run (it has no {MARKER} file); "
            "the run would replace it"
        )
    return None


def csv_digests(folder: Path) -> dict[str, str]:
    """sha256 of every CSV in ``folder``, by file name."""
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(Path(folder).glob("*.csv"))}


def write_marker(folder: Path) -> None:
    from pipeline import __version__

    write_json(
        Path(folder) / MARKER, {"program": PROGRAM, "version": __version__, "csv_sha256": csv_digests(folder)}
    )


def read_marker(folder: Path) -> dict | None:
    try:
        data = json.loads((Path(folder) / MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) and data.get("program") == PROGRAM else None


def write_outputs(
    out: Path, frames: dict[str, pd.DataFrame], report: dict, *, csv_from: Path | None = None
) -> None:
    """Write every table, the data package, the report and the marker into ``out`` (see
    ``staged``). With ``csv_from`` (``validate --rebuild``), the CSVs are that folder's, copied
    as they are, and the other files are made from ``frames``."""

    def fill(staging: Path) -> None:
        # The database is written beside the other files: DuckDB works outside Python's lock,
        # so the two take about the time of the longer (0.33 -> 0.26 s for the bench corpus).
        with ThreadPoolExecutor(max_workers=1) as beside:
            analyst_files = beside.submit(write_analyst_files, staging, frames, report)
            fill_tables_and_report(staging)
            analyst_files.result()
        write_marker(staging)

    def fill_tables_and_report(staging: Path) -> None:
        from pipeline.output.parquet import write_parquet, write_parquet_like  # pyarrow

        for table, df in frames.items():
            if csv_from is None:
                write_csv(staging / f"{table}.csv", df)
            elif (Path(csv_from) / f"{table}.csv").is_file():
                shutil.copyfile(Path(csv_from) / f"{table}.csv", staging / f"{table}.csv")
            if csv_from is not None and (Path(csv_from) / f"{table}.parquet").is_file():
                write_parquet_like(staging / f"{table}.parquet", df, Path(csv_from) / f"{table}.parquet")
            else:
                write_parquet(staging / f"{table}.parquet", df)
        from pipeline.output.datapackage import datapackage  # the schemas: pandera

        write_json(staging / "datapackage.json", datapackage())
        (staging / "validation").mkdir()
        for name, text in report_files(report).items():
            (staging / "validation" / name).write_text(text, encoding="utf-8")

    staged(out, fill)


def write_analyst_files(folder: Path, frames: Mapping[str, pd.DataFrame], report: Mapping[str, Any]) -> None:
    """Into an output folder being staged: ``diaspora.duckdb``, ``DATA_DICTIONARY.md`` and
    ``editions.html`` (editions_wide with its indicators plotted)."""
    from pipeline.output.database import DATABASE, EDITIONS_PAGE, write_database  # duckdb
    from pipeline.output.dictionary import data_dictionary
    from pipeline.output.editions_html import render_editions

    editions = write_database(folder / DATABASE, frames, report)
    (folder / "DATA_DICTIONARY.md").write_text(data_dictionary(), encoding="utf-8")
    (folder / EDITIONS_PAGE).write_text(render_editions(editions), encoding="utf-8")


def staged(out: Path, fill: Callable[[Path], None]) -> None:
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
        os.chmod(staging, 0o777 & ~current_umask())  # mkdtemp makes it 0700
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
        pid = path.name[len(prefix) :].split("-", 1)[0]
        if path.name.endswith("-old") and not out.exists():
            continue  # the previous output of a run killed between two renames: keep it
        if path.is_dir() and pid.isdigit() and not process_alive(int(pid)):
            shutil.rmtree(path, ignore_errors=True)


def process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def current_umask() -> int:
    """The process's umask (read from /proc where there is one: setting it to read it back is
    not thread-safe)."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def lock_path(out: Path) -> Path:
    return Path(out).parent / f".{Path(out).name}.lock"


@contextmanager
def output_lock(out: Path) -> Iterator[None]:
    """Hold the lock of ``out`` (``.<out>.lock`` beside it, holding the holder's pid) while the
    body runs; OutputBusy if another process holds it. The lock is the kernel's (``flock``):
    a holder that is gone, however it ended, holds it no more, and the next run takes over."""
    path = lock_path(out)
    path.parent.mkdir(parents=True, exist_ok=True)
    while True:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o666)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            os.close(fd)
            if exc.errno not in (errno.EWOULDBLOCK, errno.EACCES):
                raise
            holder = _lock_holder(path)
            raise OutputBusy(
                f"another run{f' (process {holder})' if holder else ''} is writing {out}; "
                "wait for it to finish, or give another --out"
            ) from None
        try:  # the file may have been removed by the holder that just released it: lock the new one
            same = os.path.samestat(os.fstat(fd), os.stat(path))
        except FileNotFoundError:
            same = False
        if same:
            break
        os.close(fd)
    try:
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        yield
    finally:
        path.unlink(missing_ok=True)
        os.close(fd)


def _lock_holder(path: Path) -> str:
    try:
        return path.read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        return ""


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
