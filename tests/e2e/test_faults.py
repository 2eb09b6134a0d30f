"""Faults: a run killed at any moment leaves the previous output exactly as it was; reruns give
identical files; a run writes nothing outside --out, whatever the inputs are called."""

from __future__ import annotations

import os
import random
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from pipeline.cli import main
from pipeline.output.write import lock_path
from schemas import TABLES
from tests.support import bad_inputs as bad
from tests.support.database import DATABASE, database_contents
from tests.support.paths import FIXTURES, RAW, ROOT
from tests.support.processes import mentioning, start_run, wait_for

GOOD = RAW / "cambodia-2022.txt"
OTHER = FIXTURES / "ghana-2023.txt"

# Runs the CLI with a pause at one point of the write stage, announced through a file, so that
# the test can kill the process there. The pipeline itself has no hook for this.
PAUSING_RUN = r"""
import os, sys, time
from pathlib import Path
import pipeline.output.write as write

announce, point = Path(sys.argv[1]), sys.argv[2]

def pause():
    announce.write_text(str(os.getpid()))
    time.sleep(300)

if point == "mid-write":  # two tables written to the staging folder, the third about to be
    real_write_csv, calls = write.write_csv, []
    def write_csv(path, df):
        calls.append(df)
        if len(calls) == 3:
            pause()
        return real_write_csv(path, df)
    write.write_csv = write_csv
elif point == "before-swap":  # everything written and synced, not yet swapped in
    def swap_into_place(staging, out):
        pause()
    write.swap_into_place = swap_into_place
elif point == "after-swap":  # the folders exchanged, the old one not yet removed
    real_exchange = write._exchange
    def _exchange(a, b):
        done = real_exchange(a, b)
        pause()
        return done
    write._exchange = _exchange

from pipeline.cli import main
from pipeline.output.write import lock_path
sys.exit(main([*sys.argv[3:], "--no-cache"]))  # tables built and written now, not copied from a cached run
"""


def snapshot(folder: Path, skip: Path | None = None) -> dict[str, bytes | None]:
    """Every file (its bytes) and folder (None) under ``folder``, by relative path."""
    if not folder.exists():
        return {}
    return {
        str(p.relative_to(folder)): (
            (database_contents(p) if p.name == DATABASE else p.read_bytes()) if p.is_file() else None
        )
        for p in sorted(folder.rglob("*"))
        if skip is None or (p != skip and skip not in p.parents)
    }


def kill_during_write(point: str, args: list[str], tmp_path: Path) -> None:
    announce = tmp_path / "paused"
    proc = subprocess.Popen(
        [sys.executable, "-c", PAUSING_RUN, str(announce), point, *args],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 120
    while not announce.exists():
        if proc.poll() is not None:
            pytest.fail(f"the run ended before it paused: {proc.stderr.read().decode()}")
        if time.monotonic() > deadline:
            proc.kill()
            pytest.fail("the run never reached the pause")
        time.sleep(0.05)
    os.kill(proc.pid, signal.SIGKILL)
    assert proc.wait(timeout=30) == -signal.SIGKILL
    proc.stderr.close()


def staging_leftovers(out: Path) -> list[Path]:
    return sorted(out.parent.glob(f".{out.name}.staging-*"))


@pytest.mark.parametrize("point", ["mid-write", "before-swap"])
def test_a_run_killed_before_the_swap_leaves_the_previous_output_byte_for_byte(tmp_path, point):
    out = tmp_path / "out"
    assert main(["run", str(GOOD), "--out", str(out)]) == 0
    before = snapshot(out)

    kill_during_write(point, ["run", str(OTHER), "--out", str(out)], tmp_path)

    assert snapshot(out) == before
    assert staging_leftovers(out)  # the killed run's half-written folder, hidden beside out
    assert main(["run", str(OTHER), "--out", str(out)]) == 0
    assert staging_leftovers(out) == []  # removed by the next run
    assert b"GHA-2023" in (out / "profiles.csv").read_bytes()


def test_a_run_killed_just_after_the_swap_leaves_the_complete_new_output(tmp_path):
    expected = tmp_path / "expected"
    assert main(["run", str(OTHER), "--out", str(expected)]) == 0
    out = tmp_path / "out"
    assert main(["run", str(GOOD), "--out", str(out)]) == 0

    kill_during_write("after-swap", ["run", str(OTHER), "--out", str(out)], tmp_path)

    assert snapshot(out) == snapshot(expected)


def test_a_first_run_killed_mid_write_leaves_no_output_folder(tmp_path):
    out = tmp_path / "out"
    kill_during_write("mid-write", ["run", str(GOOD), "--out", str(out)], tmp_path)
    assert not out.exists()


def test_reruns_give_identical_files(tmp_path):
    """Two runs in fresh interpreters with different hash seeds, into the same folder."""
    broken = bad.write(tmp_path / "in" / "broken.pdf", bad.truncated_pdf())
    out = tmp_path / "out"
    outputs = []
    for seed in ("1", "2"):
        proc = subprocess.run(
            [sys.executable, "-m", "pipeline", "run", str(RAW), str(OTHER), str(broken), "--out", str(out)],
            cwd=ROOT,
            capture_output=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        )
        assert proc.returncode == 1, proc.stderr.decode()
        outputs.append(snapshot(out))
    first, second = outputs
    assert sorted(first) == sorted(second)
    for table in TABLES:
        assert first[f"{table}.csv"] == second[f"{table}.csv"], table
        a, b = (pq.read_table(pa.BufferReader(o[f"{table}.parquet"])) for o in outputs)
        assert a.schema.equals(b.schema, check_metadata=True), table
        assert a.equals(b), table
    assert first["validation/report.json"] == second["validation/report.json"]
    assert first == second  # Parquet files too are byte-identical (no timestamps, no paths)


def test_a_run_writes_nothing_outside_out_whatever_the_input_names(tmp_path, capsys):
    inputs = tmp_path / "in put ñ"
    bad.write(inputs / "profil 東京 ü [draft].txt", GOOD.read_bytes())
    bad.write(inputs / "sub dir" / "a..b.txt", OTHER.read_bytes())
    bad.write(inputs / "sub dir" / "line\nbreak.txt", (FIXTURES / "moldova-2024.txt").read_bytes())
    bad.write(inputs / "..pdf", bad.truncated_pdf())  # hidden by its name: not an input
    out = tmp_path / "out ø"
    before = snapshot(tmp_path)

    status = main(
        ["run", str(inputs), str(inputs / "sub dir" / ".." / "sub dir" / "a..b.txt"), "--out", str(out)]
    )
    err = capsys.readouterr().err

    assert status == 0
    assert snapshot(tmp_path, skip=out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in put ñ", "out ø"]
    assert sorted(p.name for p in out.iterdir()) == sorted(
        [f"{t}.{ext}" for t in TABLES for ext in ("csv", "parquet")]
        + [
            ".diaspora-profiles",
            "datapackage.json",
            "validation",
            DATABASE,
            "DATA_DICTIONARY.md",
            "editions.html",
        ]
    )
    assert sorted(p.name for p in (out / "validation").iterdir()) == ["report.html", "report.json"]
    profiles = (out / "profiles.csv").read_text(encoding="utf-8")
    assert "profil 東京 ü [draft].txt" in profiles and '"line\nbreak.txt"' in profiles
    messages = [
        line for line in err.splitlines() if not re.match(r"\[\s*\d+/\d+\] ", line)
    ]  # progress lines aside
    assert messages == [
        "warning a..b.txt: [duplicate-file] a..b.txt has the same content as a..b.txt; it was "
        "processed once -- remove one of the copies"
    ]


@pytest.mark.parametrize(
    "target", ["the input folder", "a folder holding the input", "a folder of other files", "a file"]
)
def test_out_that_would_destroy_other_files_is_refused(tmp_path, capsys, target):
    inputs = tmp_path / "in"
    bad.write(inputs / GOOD.name, GOOD.read_bytes())
    out = {
        "the input folder": inputs,
        "a folder holding the input": tmp_path,
        "a folder of other files": bad.write(tmp_path / "documents" / "thesis.odt", b"years of work").parent,
        "a file": bad.write(tmp_path / "out.csv", b"a,b\n"),
    }[target]
    before = snapshot(tmp_path)
    assert main(["run", str(inputs / GOOD.name), "--out", str(out)]) == 2
    assert snapshot(tmp_path) == before
    (line,) = capsys.readouterr().err.splitlines()
    assert line.startswith(f"error: --out {out} ") and line.endswith("; give another folder")


def test_a_run_killed_at_ten_random_moments_leaves_old_or_new_outputs_and_nothing_else(tmp_path):
    """Kill -9 at random moments of runs over 30 documents (alternately two batches, with and
    without the cache): each time the output folder is the previous complete one or the new
    complete one, no process of the run survives, and what killed runs leave beside the folder
    (the lock file, their staging folders) is removed by the next run that gets the lock."""
    rng = random.Random(16)
    batches = [bad.editions(tmp_path / "a", 30), bad.editions(tmp_path / "b", 30, first=30)]
    out, cache = tmp_path / "out", tmp_path / "cache"
    expected, seconds = [], []
    for batch in batches:  # each batch's complete outputs, written into the same folder
        started = time.monotonic()
        proc = start_run(str(batch), "--out", str(out), "--workers", "2", "--cache", str(cache))
        assert proc.wait(timeout=600) == 0, proc.stderr.read().decode()
        proc.stderr.close()
        seconds.append(time.monotonic() - started)
        expected.append(snapshot(out))
    assert expected[0] != expected[1]
    known = {"a", "b", "out", "cache"}
    killed: list[int] = []

    for n in range(10):
        previous = snapshot(out)
        cached = ["--cache", str(cache)] if n % 2 else ["--no-cache"]
        proc = start_run(str(batches[n % 2]), "--out", str(out), "--workers", "2", *cached)
        time.sleep(rng.uniform(0.1, 1.1 * max(seconds)))
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        proc.stderr.close()
        killed.append(proc.pid)

        assert wait_for(lambda: mentioning(str(out)) == [], seconds=3), f"kill {n}: a worker survived"
        assert snapshot(out) in (previous, expected[n % 2]), f"kill {n}: the outputs are neither old nor new"
        left = {p.name for p in tmp_path.iterdir()} - known
        assert left <= {lock_path(out).name} | {p.name for p in staging_leftovers(out)}, left
        assert {int(p.name.split("-")[1]) for p in staging_leftovers(out)} <= set(killed)

    proc = start_run(str(batches[0]), "--out", str(out), "--workers", "2", "--cache", str(cache))
    assert proc.wait(timeout=600) == 0
    proc.stderr.close()
    assert snapshot(out) == expected[0]
    assert {p.name for p in tmp_path.iterdir()} == known  # no lock, no staging folder
    assert [p for p in cache.rglob(".*") if p.is_file()] == []  # no half-written cache entry
