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


def test_rows_with_a_required_cell_empty_are_kept_without_not_null(tmp_path):
    # an analyst emptied a destination's country in the CSV: validate --rebuild still writes the file
    destinations = _destinations([1, 2])
    destinations.loc[1, "country"] = None
    frames = {"profiles": _profiles("a.txt"), "destinations": destinations}
    assert broken_constraints(frames) == {
        "destinations": ["a required column (country) is null in some rows"]
    }
    path = tmp_path / "d.duckdb"
    write_database(path, frames, {"findings": []})
    con = duckdb.connect(str(path), read_only=True)
    assert con.execute("SELECT count(*) FROM destinations WHERE country IS NULL").fetchone()[0] == 1
    comment = con.execute("SELECT comment FROM duckdb_tables() WHERE table_name = 'destinations'").fetchone()[
        0
    ]
    assert "Keys not declared: a required column (country) is null in some rows" in comment


def test_the_editions_rows_are_returned_as_the_view_holds_them(tmp_path):
    path = tmp_path / "d.duckdb"
    editions = write_database(path, {"profiles": _profiles("a.txt")}, {"findings": []})
    con = duckdb.connect(str(path), read_only=True)
    cursor = con.execute("SELECT * FROM editions_wide")
    names = [d[0] for d in cursor.description]
    assert editions == [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
    assert [e["profile_id"] for e in editions] == ["KHM-2022-09"]
