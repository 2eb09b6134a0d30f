"""Safe to get wrong: the ordinary mistakes of a user (a mistyped path, the wrong folder, an
edited CSV, a killed run, two runs at once) and hostile inputs (a FIFO, a link leading out, a
formula, a tampered cache entry, a huge document) never cost outputs or run code."""

from __future__ import annotations

import csv
import json
import os
import pickle
import shutil
import signal
import stat
import subprocess
import sys
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from pipeline.cli import main
from pipeline.commands.revalidate import read_csv_tables
from pipeline.extract import limits
from pipeline.extract.limits import DocumentLimits
from pipeline.model.findings import RULES
from pipeline.output.write import MARKER, lock_path
from pipeline.runner.cache import FORMAT, ResultCache
from pipeline.runner.process import DocumentResult, process
from pipeline.runner.run import run
from tests.support import bad_inputs as bad
from tests.support.paths import FIXTURES, RAW, ROOT
from tests.support.processes import children, mentioning, running, start_run, wait_for

GOOD = RAW / "cambodia-2022.txt"
PDF = RAW / "cambodia-2022.pdf"


def snapshot(folder: Path) -> dict[str, bytes | None]:
    return {
        str(p.relative_to(folder)): (p.read_bytes() if p.is_file() else None)
        for p in sorted(folder.rglob("*"))
    }


@pytest.fixture
def good_output(tmp_path) -> Path:
    out = tmp_path / "output"
    assert main(["run", str(GOOD), "--out", str(out)]) == 0
    return out


# --------------------------------------------------------------------------- 1. inputs checked first


def test_a_mistyped_input_folder_is_refused_and_the_outputs_are_untouched(tmp_path, good_output, capsys):
    capsys.readouterr()
    before = snapshot(tmp_path)
    assert main(["run", str(tmp_path / "rawx"), "--out", str(good_output)]) == 2
    assert (
        capsys.readouterr().err
        == f"error: {tmp_path / 'rawx'}: no such file or folder; nothing was written\n"
    )
    assert snapshot(tmp_path) == before


def test_an_input_that_holds_no_profile_is_refused(tmp_path, good_output, capsys):
    stray = bad.write(tmp_path / "notes.docx", b"PK\x03\x04")
    before = snapshot(tmp_path)
    capsys.readouterr()
    assert main(["run", str(stray), "--out", str(good_output)]) == 2
    assert "no .pdf or .txt profile among the inputs" in capsys.readouterr().err
    assert main(["run", "", "--out", str(good_output)]) == 2  # an empty path: not the current folder
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize("where", ["root", "home"])
def test_out_that_is_the_root_or_the_home_folder_is_refused(tmp_path, monkeypatch, capsys, where):
    home = tmp_path / "home"
    bad.write(home / "thesis.odt", b"years of work")
    monkeypatch.setenv("HOME", str(home))
    out = Path("/") if where == "root" else home
    before = snapshot(home)
    assert main(["run", str(GOOD), "--out", str(out)]) == 2
    assert capsys.readouterr().err == (
        f"error: --out {out} is the {where} folder; the run replaces the whole folder; give another folder\n"
    )
    assert snapshot(home) == before


# --------------------------------------------------------------------------- 2. validate


def test_validate_on_an_input_folder_is_refused_and_writes_nothing_there(tmp_path, capsys):
    inputs = tmp_path / "raw"
    shutil.copytree(RAW, inputs)
    before = snapshot(inputs)
    assert main(["validate", str(inputs)]) == 2
    assert capsys.readouterr().err == (
        f"error: {inputs} is not an output folder of 'run' (it has no {MARKER} file); "
        "give the --out folder of a run\n"
    )
    assert snapshot(inputs) == before
    assert main(["run", str(inputs), "--out", str(tmp_path / "out")]) == 0  # the inputs are still inputs


def _edit_remittances(out: Path, value: str) -> None:
    path = out / "indicators.csv"
    with open(path, newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    (row,) = [r for r in rows if r["indicator"] == "remittances_usd_million"]
    row["value"] = value
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def _remittances(out: Path) -> float:
    df = pd.read_parquet(out / "indicators.parquet")
    return float(df.loc[df["indicator"] == "remittances_usd_million", "value"].iloc[0])


def test_an_edited_csv_is_reported_stale_until_validate_rebuild_rewrites_parquet(good_output, capsys):
    assert _remittances(good_output) == 1272
    _edit_remittances(good_output, "1450")
    capsys.readouterr()

    assert main(["validate", str(good_output)]) == 0  # the values are valid; their Parquet file is stale
    assert (
        "warning indicators.csv: [parquet-stale] indicators.parquet no longer holds what indicators.csv "
        f"holds: the CSV was changed after the run -- {RULES['parquet-stale'].hint}"
    ) in capsys.readouterr().err
    assert _remittances(good_output) == 1272  # validate alone only reports

    datapackage = (good_output / "datapackage.json").read_bytes()
    assert main(["validate", "--rebuild", str(good_output)]) == 0
    assert _remittances(good_output) == 1450
    assert (good_output / "datapackage.json").read_bytes() == datapackage
    assert "parquet-stale" not in (good_output / "validation" / "report.json").read_text()
    assert main(["validate", str(good_output)]) == 0  # the marker now records the edited CSV
    assert sorted(p.name for p in good_output.parent.iterdir()) == ["output"]  # swapped in whole


def test_a_rebuild_with_a_required_cell_emptied_reports_it_and_still_writes_the_database(good_output, capsys):
    path = good_output / "destinations.csv"
    with open(path, newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    rows[0]["country"] = ""
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    capsys.readouterr()

    assert main(["validate", "--rebuild", str(good_output)]) == 1
    shown = capsys.readouterr()
    assert "value-missing" in shown.out + shown.err
    con = duckdb.connect(str(good_output / "diaspora.duckdb"), read_only=True)
    try:
        assert con.execute("SELECT count(*) FROM destinations WHERE country IS NULL").fetchone() == (1,)
        (comment,) = con.execute(
            "SELECT comment FROM duckdb_tables() WHERE table_name = 'destinations'"
        ).fetchone()
    finally:
        con.close()
    assert "Keys not declared: a required column (country) is null in some rows" in comment


def test_a_rebuild_of_unedited_csvs_gives_the_same_parquet_values(tmp_path):
    out = tmp_path / "out"
    assert main(["run", str(RAW), str(FIXTURES), "--out", str(out)]) == 0
    before = {p.name: pd.read_parquet(p) for p in sorted(out.glob("*.parquet"))}
    csvs = {p.name: p.read_bytes() for p in sorted(out.glob("*.csv"))}
    assert main(["validate", "--rebuild", str(out)]) == 0
    for name, frame in before.items():
        pd.testing.assert_frame_equal(pd.read_parquet(out / name), frame, obj=name)
    assert {p.name: p.read_bytes() for p in sorted(out.glob("*.csv"))} == csvs


# --------------------------------------------------------------------------- 3. umask


@pytest.mark.parametrize(
    ("umask", "folder_mode", "file_mode"), [(0o022, 0o755, 0o644), (0o027, 0o750, 0o640)]
)
def test_outputs_are_created_with_the_users_umask(tmp_path, umask, folder_mode, file_mode):
    out = tmp_path / "out"
    previous = os.umask(umask)
    try:
        assert main(["run", str(GOOD), "--out", str(out)]) == 0
        assert main(["validate", str(out)]) == 0
    finally:
        os.umask(previous)
    assert stat.S_IMODE(out.stat().st_mode) == folder_mode
    for path in out.rglob("*"):
        assert stat.S_IMODE(path.stat().st_mode) == (folder_mode if path.is_dir() else file_mode), path


# --------------------------------------------------------------------------- 4. workers end with the run


def test_kill_9_of_a_run_leaves_no_worker_behind(tmp_path):
    corpus = bad.pdf_copies(tmp_path / "in", PDF, 12)
    proc = start_run(str(corpus), "--out", str(tmp_path / "out"), "--workers", "2", "--no-cache")
    try:
        assert wait_for(lambda: len(children(proc.pid)) == 2 or proc.poll() is not None)
        workers = children(proc.pid)
        assert len(workers) == 2, proc.stderr.read().decode() if proc.poll() is not None else "no workers"
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        proc.stderr.close()
    assert wait_for(lambda: not any(running(pid) for pid in workers), seconds=3)
    assert mentioning(str(tmp_path / "out")) == []


# --------------------------------------------------------------------------- 5. one run per --out


def test_a_second_run_on_the_same_out_is_refused_while_the_first_runs(tmp_path, capsys):
    out = tmp_path / "out"
    corpus = bad.editions(tmp_path / "in", 30)
    first = start_run(str(corpus), "--out", str(out), "--workers", "1", "--no-cache")
    lock = lock_path(out)
    try:
        assert wait_for(lambda: lock.is_file() and lock.read_text().strip() == str(first.pid))
        assert main(["run", str(GOOD), "--out", str(out)]) == 2
        assert capsys.readouterr().err == (
            f"error: another run (process {first.pid}) is writing {out}; "
            "wait for it to finish, or give another --out\n"
        )
        assert main(["validate", str(out)]) == 2  # no output folder yet
    finally:
        status = first.wait(timeout=600)
        first.stderr.close()
    assert status == 0
    assert len(pd.read_csv(out / "profiles.csv")) == 30
    assert not lock.exists()


def test_the_lock_of_a_run_that_was_killed_is_taken_over(tmp_path):
    out = tmp_path / "out"
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    lock_path(out).write_text(dead.stdout)  # what a killed run leaves: its pid, no process holding the lock
    assert main(["run", str(GOOD), "--out", str(out)]) == 0
    assert not lock_path(out).exists()


# --------------------------------------------------------------------------- 7. safe values


def test_a_formula_in_a_profile_shows_as_text_in_a_spreadsheet_and_is_exact_in_parquet(tmp_path):
    formula, at_sign = '=HYPERLINK("http://example.com/x","click")', "@SUM(1+1)"
    text = GOOD.read_text(encoding="utf-8")
    assert "France\t69,748" in text and "Canada\t24,836" in text
    profile = bad.write(
        tmp_path / "in" / "cambodia-2022.txt",
        text.replace("France\t69,748", f"{formula}\t69,748").replace("Canada\t24,836", f"{at_sign}\t24,836"),
    )
    out = tmp_path / "out"
    main(["run", str(profile), "--out", str(out)])

    with open(out / "destinations.csv", newline="", encoding="utf-8") as fh:
        cells = {row["rank"]: row for row in csv.DictReader(fh)}
    assert (cells["3"]["country"], cells["5"]["country"]) == (f"'{formula}", f"'{at_sign}")
    assert cells["3"]["emigrants"] == "69748"  # numbers are numbers
    parquet = pd.read_parquet(out / "destinations.parquet").set_index("rank")
    assert (parquet.loc[3, "country"], parquet.loc[5, "country"]) == (formula, at_sign)
    report = json.loads((out / "validation" / "report.json").read_text())
    frames, _ = read_csv_tables(out)  # validate reads the CSV cells back as the values they were written from
    assert {formula, at_sign} <= set(frames["destinations"]["country"])
    main(["validate", str(out)])
    again = json.loads((out / "validation" / "report.json").read_text())
    assert [(f["code"], f["value"]) for f in again["findings"]] == [
        (f["code"], f["value"]) for f in report["findings"]
    ]


# --------------------------------------------------------------------------- 8. hostile or huge inputs


def test_a_fifo_in_the_input_folder_is_skipped_with_a_finding(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    shutil.copy(GOOD, inputs)
    os.mkfifo(inputs / "pipe.txt")  # opening it to read would wait for a writer for ever
    proc = subprocess.run(
        [sys.executable, "-m", "pipeline", "run", str(inputs), "--out", str(tmp_path / "out")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    assert (
        f"warning pipe.txt: [file-not-regular] pipe.txt in {inputs} was skipped: it is not a regular file "
        f"(a FIFO, device or socket) -- {RULES['file-not-regular'].hint}"
    ) in proc.stderr
    assert (tmp_path / "out" / "profiles.csv").read_text().count("KHM-2022-09") == 1


def test_links_are_followed_only_inside_the_input_folder(tmp_path, capsys):
    inputs, outside = tmp_path / "in", tmp_path / "elsewhere"
    shutil.copy(GOOD, bad.write(inputs / ".store" / "x", b"").parent)
    shutil.copy(FIXTURES / "ghana-2023.txt", bad.write(outside / "x", b"").parent)
    (inputs / "khm.txt").symlink_to(inputs / ".store" / GOOD.name)  # inside: read
    (inputs / "secret.txt").symlink_to(outside / "ghana-2023.txt")  # outside: not read
    (inputs / "etc").symlink_to(outside, target_is_directory=True)
    out = tmp_path / "out"
    assert main(["run", str(inputs), "--out", str(out)]) == 0
    err = capsys.readouterr().err
    hint = RULES["link-outside"].hint
    for name in ("secret.txt", "etc"):
        assert (
            f"warning {name}: [link-outside] {name} in {inputs} was skipped: it is a link to something "
            f"outside the input folder -- {hint}"
        ) in err
    profiles = (out / "profiles.csv").read_text()
    assert "KHM-2022-09" in profiles and "GHA" not in profiles


class _RunsCode:
    """Unpickled by plain pickle, this creates a file: what a planted entry could do."""

    def __init__(self, path: Path):
        self.path = path

    def __reduce__(self):  # noqa: ANN204 - pickle's protocol
        return (open, (str(self.path), "w"))


def test_a_tampered_cache_entry_never_runs_code_and_is_rewritten(tmp_path):
    cache = ResultCache(tmp_path / "cache")
    first = run([GOOD], tmp_path / "a", cache=cache)
    sha = first.documents[0].records.profile.source_sha256
    entry = cache._path(sha, GOOD.name)
    shown = tmp_path / "plain-pickle-ran-it"
    pickle.loads(pickle.dumps(_RunsCode(shown))).close()
    assert shown.exists()  # what plain pickle does with such an entry
    evidence = tmp_path / "code-ran"
    header = (FORMAT, cache.version, sha, GOOD.name)
    entry.write_bytes(pickle.dumps((header, pickle.dumps(_RunsCode(evidence)))))

    second = run([GOOD], tmp_path / "b", cache=cache)
    assert not evidence.exists()
    assert (second.stats.processed, second.stats.from_cache) == (1, 0)  # refused: processed again
    assert isinstance(cache.get(sha, GOOD.name), DocumentResult)  # and rewritten
    assert run([GOOD], tmp_path / "c", cache=cache).stats.from_cache == 1
    assert (tmp_path / "a" / "profiles.csv").read_bytes() == (tmp_path / "b" / "profiles.csv").read_bytes()


@pytest.fixture
def huge_pdf(tmp_path, monkeypatch) -> Path:
    """A PDF whose one page draws a million characters: with the page limits lifted, reading it
    takes minutes and gigabytes (the limit is lifted in this process; the workers are forked
    from it)."""
    monkeypatch.setattr(limits, "MAX_PAGE_GLYPHS", 10**8)
    monkeypatch.setattr(limits, "MAX_PAGE_CONTENT_BYTES", 10**9)
    folder = tmp_path / "in"
    shutil.copy(GOOD, bad.write(folder / "huge.pdf", bad.dense_page_pdf(1_000_000)).parent)
    process(GOOD, GOOD.read_bytes())  # the stages imported and warmed here, before the workers fork
    return folder


def test_a_document_over_the_time_limit_is_timed_out_and_the_rest_is_done(tmp_path, huge_pdf):
    limited = DocumentLimits(seconds=3, memory_mb=8192)  # time runs out long before memory would
    result = run([huge_pdf], tmp_path / "out", workers=1, limits=limited)
    errors = [(f.file, f.code, f.message) for f in result.findings if f.severity.value == "error"]
    assert errors == [
        ("huge.pdf", "timed-out", "huge.pdf took longer than 3 s to process, the time limit for a document")
    ]
    assert [(d["file"], d["status"]) for d in result.report["documents"]] == [
        (GOOD.name, "ok"),
        ("huge.pdf", "failed"),
    ]
    assert (tmp_path / "out" / "profiles.csv").read_text().count("KHM-2022-09") == 1


def test_a_document_over_the_memory_cap_is_too_large_and_the_rest_is_done(tmp_path, huge_pdf):
    result = run([huge_pdf], tmp_path / "out", workers=1, limits=DocumentLimits(memory_mb=150))
    errors = [(f.file, f.code, f.message) for f in result.findings if f.severity.value == "error"]
    assert errors == [
        (
            "huge.pdf",
            "too-large",
            "huge.pdf is far larger than a profile: processing it needed more than 150 MB of memory, "
            "the limit for a document",
        )
    ]
    assert (tmp_path / "out" / "profiles.csv").read_text().count("KHM-2022-09") == 1


# --------------------------------------------------------------------------- console


def test_profile_text_reaches_the_console_as_text_without_markup_or_control_characters(tmp_path, capsys):
    name = "[bold red]x \x1b[2J\rcambodia.txt"
    bad.write(tmp_path / "in" / name, GOOD.read_bytes())
    bad.write(tmp_path / "in" / "[blink]copy.txt", GOOD.read_bytes())  # a duplicate: a console line
    assert main(["run", str(tmp_path / "in"), "--out", str(tmp_path / "out")]) == 0
    captured = capsys.readouterr()
    console = captured.out + captured.err
    assert "\x1b" not in console and "\r" not in console
    assert "[bold red]x \\x1b[2J\\rcambodia.txt" in console  # as it is, control characters escaped
    assert "has the same content as [blink]copy.txt; it was processed once" in console


def test_a_document_that_kills_its_worker_costs_only_that_document(tmp_path, monkeypatch):
    import pipeline.runner.pool as pool

    real = pool.process

    def process_or_die(path, data, ner_model=None):  # noqa: ANN001, ANN202 - process's signature
        if path.name == "poison.txt":
            os.kill(os.getpid(), signal.SIGKILL)  # what the system's out-of-memory killer does
        return real(path, data, ner_model)

    monkeypatch.setattr(pool, "process", process_or_die)  # the workers are forked from this process
    folder = tmp_path / "in"
    bad.write(folder / "poison.txt", "Diaspora engagement mapping GHANA\n")
    shutil.copy(GOOD, folder)
    shutil.copy(FIXTURES / "ghana-2023.txt", folder)
    result = run([folder], tmp_path / "out", workers=2)
    errors = [(f.file, f.code, f.message) for f in result.findings if f.severity.value == "error"]
    assert errors == [
        (
            "poison.txt",
            "internal-error",
            "poison.txt could not be processed because of a bug: the process reading it ended abruptly "
            "(killed by the system, out of memory?)",
        )
    ]
    assert sorted(pd.read_csv(tmp_path / "out" / "profiles.csv")["profile_id"]) == [
        "GHA-2023-06",
        "KHM-2022-09",
    ]
