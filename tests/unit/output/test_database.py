"""The database keeps every row: a table whose rows break its key is written without the key,
and its comment says why."""

from __future__ import annotations

import duckdb

from pipeline.output.database import CITED_TEXT, broken_constraints, write_database
from pipeline.tables.build import frame
from schemas.tables import CITING_TABLES


def _profiles(*files: str):
    return frame(
        "profiles",
        {
            "profile_id": ["KHM-2022-09"] * len(files),
            "source_file": list(files),
            "source_files": [[f] for f in files],
            "source_sha256": ["0" * 64] * len(files),
            "source_format": ["text"] * len(files),
        },
    )


def _destinations(ranks: list[int], profile_id: str = "KHM-2022-09", file: str = "a.txt"):
    n = len(ranks)
    return frame(
        "destinations",
        {
            "profile_id": [profile_id] * n,
            "source_file": [file] * n,
            "rank": ranks,
            "country": ["Thailand"] * n,
        },
    )


def test_every_citing_table_has_a_cited_text():
    assert set(CITED_TEXT) == set(CITING_TABLES)


def test_rows_that_break_a_key_are_kept_without_the_key(tmp_path):
    frames = {"profiles": _profiles("a.txt"), "destinations": _destinations([1, 1, 2])}
    assert list(broken_constraints(frames)) == ["destinations"]
    path = tmp_path / "d.duckdb"
    write_database(path, frames, {"findings": []})
    con = duckdb.connect(str(path), read_only=True)
    assert con.execute("SELECT count(*) FROM destinations").fetchone()[0] == 3
    keys = con.execute(
        "SELECT table_name FROM duckdb_constraints() WHERE constraint_type = 'PRIMARY KEY'"
    ).fetchall()
    assert ("destinations",) not in keys and ("profiles",) in keys
    comment = con.execute("SELECT comment FROM duckdb_tables() WHERE table_name = 'destinations'").fetchone()[
        0
    ]
    assert "Keys not declared: some rows share a key (profile_id, rank)" in comment


def test_rows_of_a_missing_profile_are_kept_without_the_foreign_key(tmp_path):
    frames = {"profiles": _profiles("a.txt"), "destinations": _destinations([1, 2], profile_id="KHM-2023-09")}
    assert "does not exist" in broken_constraints(frames)["destinations"][0]
    path = tmp_path / "d.duckdb"
    write_database(path, frames, {"findings": []})
    con = duckdb.connect(str(path), read_only=True)
    assert con.execute("SELECT count(*) FROM destinations").fetchone()[0] == 2
