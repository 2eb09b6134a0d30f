"""The yearly update: editions side by side, the diff between editions, the result cache."""

from __future__ import annotations

import hashlib
import json
import pickle
import shutil
from pathlib import Path

import pandas as pd
import pytest

from pipeline.cli import main
from pipeline.commands.diff import Edition, diff_editions, match
from pipeline.runner.cache import FORMAT, ResultCache, encode
from pipeline.runner.run import run
from schemas import TABLES
from tests.support.paths import RAW

TEXT = (RAW / "cambodia-2022.txt").read_text(encoding="utf-8")
REMOVED_ORGANISATION = "Association Khmers De Toulouse"
ADDED_INSTITUTION = "Diaspora Affairs Office"
ADDED_POLICY = "Diaspora Engagement Strategy"


def edition_2020() -> str:
    """The profile as first published, September 2020: no 'Updated' line."""
    assert "\nUpdated September 2022\n" in TEXT
    return TEXT.replace("\nUpdated September 2022\n", "\n")


def edition_2022_edited() -> str:
    """The 2022 edition with four edits: remittances, an organisation gone, an institution and
    a policy added."""
    text = TEXT.replace(
        "Remittances inflow (USD million): **1,272**", "Remittances inflow (USD million): **1,450**"
    )
    start, end = text.index(f"{REMOVED_ORGANISATION} France"), text.index("Association Solidarité Cambodge")
    text = text[:start] + text[end:]
    text = text.replace(
        "- At local level\n",
        f"- At local level\n\n{ADDED_INSTITUTION} (DAO) 2023\n\n"
        "The office coordinates the government's engagement with Cambodians abroad.\n",
        1,
    )
    text = text.replace(
        "\n» Trends",
        f"- 2023** ● **{ADDED_POLICY}:** The strategy sets out how the government "
        "will work with Cambodians abroad.\n\n» Trends",
        1,
    )
    assert text.count("1,450") == 1 and REMOVED_ORGANISATION not in text
    return text


EXPECTED = {  # (table, record, change, column)
    ("profiles", "Cambodia", "changed", "updated"),  # the edition itself: null -> 2022-09
    ("indicators", "remittances_usd_million", "changed", "value"),
    ("indicators", "remittances_usd_million", "changed", "raw"),
    ("organisations", REMOVED_ORGANISATION, "removed", ""),
    ("institutions", f"{ADDED_INSTITUTION} (DAO)", "added", ""),
    ("policy_framework", ADDED_POLICY, "added", ""),
    ("instruments", ADDED_POLICY, "added", ""),  # the new policy is also a new instrument
}


@pytest.fixture(scope="module")
def editions(tmp_path_factory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("editions")
    old, new = folder / "cambodia-2020.txt", folder / "cambodia-2022.txt"
    old.write_text(edition_2020(), encoding="utf-8")
    new.write_text(edition_2022_edited(), encoding="utf-8")
    return old, new


def read_changes(folder: Path) -> pd.DataFrame:
    return pd.read_csv(folder / "changes.csv", dtype=str, keep_default_na=False)


def change_set(changes: pd.DataFrame) -> set[tuple[str, str, str, str]]:
    return set(changes[["table", "record", "change", "column"]].itertuples(index=False, name=None))


def test_two_editions_sit_side_by_side_in_the_same_tables(editions, tmp_path):
    result = run(list(editions), tmp_path / "out", workers=2)
    assert result.exit_code == 0
    profiles = pd.read_csv(tmp_path / "out" / "profiles.csv", dtype=str, keep_default_na=False)
    assert list(profiles["profile_id"]) == ["KHM-2020-09", "KHM-2022-09"]
    organisations = pd.read_csv(tmp_path / "out" / "organisations.csv", dtype=str)
    assert organisations.groupby("profile_id").size().to_dict() == {"KHM-2020-09": 6, "KHM-2022-09": 5}


def test_diff_of_two_edition_files_gives_exactly_the_edits(editions, tmp_path, capsys):
    old, new = editions
    assert main(["diff", str(old), str(new), "--out", str(tmp_path / "changes")]) == 0
    changes = read_changes(tmp_path / "changes")
    assert change_set(changes) == EXPECTED
    assert set(changes["old_profile_id"]) == {"KHM-2020-09"} and set(changes["new_profile_id"]) == {
        "KHM-2022-09"
    }
    value = changes[(changes["table"] == "indicators") & (changes["column"] == "value")].iloc[0]
    assert (value["old_value"], value["new_value"], float(value["delta"])) == ("1272", "1450", 178.0)
    updated = changes[changes["table"] == "profiles"].iloc[0]
    assert (updated["old_value"], updated["new_value"]) == ("", "2022-09-01")
    added = json.loads(changes[changes["table"] == "institutions"].iloc[0]["new_value"])
    assert (added["level"], added["acronym"], added["founded"]) == ("local", "DAO", 2023)
    assert len(pd.read_parquet(tmp_path / "changes" / "changes.parquet")) == len(changes)
    summary = (tmp_path / "changes" / "changes.md").read_text(encoding="utf-8")
    assert (
        "| Cambodia (KHM) | KHM-2020-09 (cambodia-2020.txt) | KHM-2022-09 (cambodia-2022.txt) | 3 | 1 | 2 |"
        in summary
    )
    out = capsys.readouterr().out
    assert "remittances_usd_million" in out and "+178" in out and REMOVED_ORGANISATION in out


def test_diff_of_output_folders_matches_the_diff_of_files(editions, tmp_path):
    old, new = editions
    run([old], tmp_path / "old")
    run([old, new], tmp_path / "new")  # both editions: the diff takes the latest
    assert main(["diff", str(old), str(new), "--out", str(tmp_path / "from-files")]) == 0
    assert (
        main(["diff", str(tmp_path / "old"), str(tmp_path / "new"), "--out", str(tmp_path / "from-folders")])
        == 0
    )
    from_files, from_folders = read_changes(tmp_path / "from-files"), read_changes(tmp_path / "from-folders")
    assert change_set(from_folders) == EXPECTED
    pd.testing.assert_frame_equal(from_files, from_folders)


def test_diff_refuses_what_is_neither_a_profile_nor_an_output_folder(tmp_path, capsys):
    assert main(["diff", str(tmp_path), str(RAW / "cambodia-2022.txt")]) == 2
    assert "not an output folder" in capsys.readouterr().err
    assert main(["diff", str(tmp_path / "missing.txt"), str(RAW / "cambodia-2022.txt")]) == 2


def _edition(rows: dict[str, list[dict]]) -> Edition:
    profile = {"profile_id": "KHM-2022-09", "source_file": "x.txt", "iso3": "KHM", "country": "Cambodia"}
    return Edition(
        key="KHM",
        country="Cambodia",
        iso3="KHM",
        profile_id="KHM-2022-09",
        source_file="x.txt",
        tables={"profiles": (profile,), **{t: tuple(r) for t, r in rows.items()}},
    )


def test_a_renamed_institution_is_matched_by_its_acronym():
    base = {"seq": 1, "level": "ministerial", "founded": 1993, "description": "d", "page": 1}
    old = _edition({"institutions": [{**base, "name": "Ministry of Labour", "acronym": "MOLVT"}]})
    new = _edition(
        {
            "institutions": [
                {**base, "seq": 2, "page": 3, "name": "Ministry of Labour and Training", "acronym": "MOLVT"}
            ]
        }
    )
    (change,) = diff_editions({"KHM": old}, {"KHM": new}).changes
    assert (change.change, change.column, change.old_value, change.new_value) == (
        "changed",
        "name",
        "Ministry of Labour",
        "Ministry of Labour and Training",
    )


def test_records_with_one_key_pair_identical_ones_first():
    rows = [
        {"section": "trends", "heading": None, "seq": i, "text": t} for i, t in enumerate(["a", "b", "c"], 1)
    ]
    inserted = [rows[0], {"section": "trends", "heading": None, "seq": 2, "text": "new"}, *rows[1:]]
    pairs, removed, added = match("sections", rows, inserted)
    assert pairs == [(0, 0), (1, 2), (2, 3)] and removed == [] and added == [1]


# --------------------------------------------------------------------------- the cache


def _corpus(folder: Path) -> Path:
    folder.mkdir()
    shutil.copy(RAW / "cambodia-2022.pdf", folder)
    (folder / "cambodia-2020.txt").write_text(edition_2020(), encoding="utf-8")
    (folder / "cambodia-2022.txt").write_text(TEXT, encoding="utf-8")
    (folder / "cambodia-2023.txt").write_text(
        TEXT.replace("Updated September 2022", "Updated March 2023"), encoding="utf-8"
    )
    return folder


def _outputs(folder: Path) -> dict[str, object]:
    found: dict[str, object] = {f"{t}.csv": (folder / f"{t}.csv").read_bytes() for t in TABLES}
    found |= {f"{t}.parquet": pd.read_parquet(folder / f"{t}.parquet") for t in TABLES}
    found["report.json"] = (folder / "validation" / "report.json").read_bytes()
    return found


def _assert_same(a: dict[str, object], b: dict[str, object]) -> None:
    assert a.keys() == b.keys()
    for name in a:
        if isinstance(a[name], pd.DataFrame):
            pd.testing.assert_frame_equal(a[name], b[name], obj=name)
        else:
            assert a[name] == b[name], name


def test_a_rerun_reads_only_the_changed_file_and_the_cache_never_changes_results(tmp_path):
    corpus = _corpus(tmp_path / "corpus")
    cache = ResultCache(tmp_path / "cache")
    events = []
    first = run([corpus], tmp_path / "cold", workers=2, cache=cache, progress=events.append)
    assert (first.stats.processed, first.stats.from_cache, first.stats.workers) == (4, 0, 2)
    assert len(first.stats.worker_peak_mb) == 2 and all(mb > 0 for mb in first.stats.worker_peak_mb)
    assert sorted((e.file, e.cached) for e in events) == sorted((p.name, False) for p in corpus.iterdir())

    warm = run([corpus], tmp_path / "warm", workers=2, cache=cache)
    assert (warm.stats.processed, warm.stats.from_cache, warm.stats.workers) == (0, 4, 0)

    edited = corpus / "cambodia-2023.txt"
    edited.write_text(edited.read_text(encoding="utf-8").replace("**1,272**", "**1,300**"), encoding="utf-8")
    events.clear()
    third = run([corpus], tmp_path / "third", workers=2, cache=cache, progress=events.append)
    assert (third.stats.processed, third.stats.from_cache) == (1, 3)
    assert [e.file for e in events if not e.cached] == ["cambodia-2023.txt"]

    uncached = run([corpus], tmp_path / "uncached", workers=1, cache=None)
    assert uncached.stats.processed == 4
    _assert_same(_outputs(tmp_path / "third"), _outputs(tmp_path / "uncached"))
    _assert_same(_outputs(tmp_path / "cold"), _outputs(tmp_path / "warm"))


def test_cache_entries_are_keyed_by_version_and_name_and_refuse_foreign_objects(tmp_path):
    result = run(
        [RAW / "cambodia-2022.txt"], tmp_path / "out", cache=ResultCache(tmp_path / "c", version="1" * 64)
    ).documents[0]
    sha = result.records.profile.source_sha256
    cache = ResultCache(tmp_path / "c", version="1" * 64)
    assert cache.get(sha, "cambodia-2022.txt") == result
    assert cache.get(sha, "renamed.txt") is None
    assert ResultCache(tmp_path / "c", version="2" * 64).get(sha, "cambodia-2022.txt") is None
    entry = cache._path(sha, "cambodia-2022.txt")
    header = (FORMAT, cache.version, sha, "cambodia-2022.txt")
    for foreign in (
        pickle.dumps((header, pickle.dumps(shutil.rmtree))),
        pickle.dumps((header, shutil.rmtree)),
        pickle.dumps(((shutil.rmtree, *header[1:]), encode(result))),
    ):
        entry.write_bytes(foreign)
        assert cache.get(sha, "cambodia-2022.txt") is None  # only the pipeline's dataclasses may be built
    entry.write_bytes(pickle.dumps((header, encode(result))))
    assert cache.get(sha, "cambodia-2022.txt") == result
    entry.write_bytes(b"truncated")
    assert cache.get(sha, "cambodia-2022.txt") is None


def test_run_logs_plain_lines_off_a_terminal_and_no_cache_writes_nothing(tmp_path, capsys):
    cache = tmp_path / "cache"
    args = ["run", str(RAW / "cambodia-2022.txt"), "--out", str(tmp_path / "out"), "--cache", str(cache)]
    assert main([*args, "--workers", "2", "--stats", str(tmp_path / "stats.json")]) == 0
    assert "[1/1] processed cambodia-2022.txt" in capsys.readouterr().err
    assert json.loads((tmp_path / "stats.json").read_text())["processed"] == 1
    assert main(args) == 0
    assert "[1/1] cached cambodia-2022.txt" in capsys.readouterr().err
    assert (
        main(
            [
                "run",
                str(RAW / "cambodia-2022.txt"),
                "--out",
                str(tmp_path / "o2"),
                "--cache",
                str(tmp_path / "c2"),
                "--no-cache",
            ]
        )
        == 0
    )
    assert not (tmp_path / "c2").exists()
    assert main([*args, "--workers", "0"]) == 2


def test_a_mixed_corpus_gives_the_same_outputs_whatever_the_number_of_workers(tmp_path):
    """Two workers share the documents in whatever order they finish; the outputs are those of
    one worker, and a profile that fails is cached like the others."""
    from tests.support.paths import OTHER_COUNTRIES

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for source in (*RAW.iterdir(), *OTHER_COUNTRIES):
        if source.suffix in (".pdf", ".txt"):
            shutil.copy(source, corpus / source.name)
    (corpus / "empty.txt").write_bytes(b"")
    cache = ResultCache(tmp_path / "cache")
    pooled = run([corpus], tmp_path / "pooled", workers=2, cache=cache)
    alone = run([corpus], tmp_path / "alone", workers=1, cache=None)
    assert pooled.stats.processed == alone.stats.processed == len(list(corpus.iterdir()))
    assert [f.code for f in pooled.findings] == [f.code for f in alone.findings]
    assert "file-empty" in {f.code for f in pooled.findings}
    _assert_same(_outputs(tmp_path / "pooled"), _outputs(tmp_path / "alone"))
    empty = cache.get(hashlib.sha256(b"").hexdigest(), "empty.txt")
    assert empty is not None and empty.records is None
