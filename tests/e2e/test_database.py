"""diaspora.duckdb and DATA_DICTIONARY.md, as an analyst opens them: Cambodia in two editions
(the 2022 PDF and text, and a later text edition), and the made-up Ghana and Moldova profiles."""

from __future__ import annotations

import datetime
import json
import re
import shutil

import duckdb
import pytest

from pipeline.cli import main
from schemas import FOREIGN_KEYS, TABLES, primary_key, table_columns
from schemas.tables import INDICATOR_CODES
from tests.support.paths import FIXTURES, RAW

EXPECTED = json.loads((FIXTURES / "expected.json").read_text(encoding="utf-8"))
UPDATED, LATER = "Updated September 2022", "Updated March 2024"


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    inputs = tmp_path_factory.mktemp("inputs")
    shutil.copy(RAW / "cambodia-2022.txt", inputs)
    shutil.copy(RAW / "cambodia-2022.pdf", inputs)
    text = (RAW / "cambodia-2022.txt").read_text(encoding="utf-8")
    assert UPDATED in text
    (inputs / "cambodia-2024.txt").write_text(text.replace(UPDATED, LATER), encoding="utf-8")
    for name in EXPECTED:
        shutil.copy(FIXTURES / name, inputs)
    folder = tmp_path_factory.mktemp("run") / "output"
    assert main(["run", str(inputs), "--out", str(folder)]) == 0
    return folder


@pytest.fixture
def db(out):
    con = duckdb.connect(str(out / "diaspora.duckdb"), read_only=True)
    yield con
    con.close()


def rows(con, sql: str) -> list[dict]:
    cursor = con.execute(sql)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, r, strict=True)) for r in cursor.fetchall()]


def test_every_table_with_its_columns_and_keys(db, out):
    for table in TABLES:
        columns = [r["column_name"] for r in rows(db, f"DESCRIBE {table}")]
        assert columns == table_columns(table), table
        csv_rows = len((out / f"{table}.csv").read_text(encoding="utf-8").splitlines()) - 1
        assert db.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == csv_rows, table
    constraints = rows(
        db, "SELECT table_name, constraint_type, constraint_column_names AS columns FROM duckdb_constraints()"
    )
    keys = {r["table_name"]: r["columns"] for r in constraints if r["constraint_type"] == "PRIMARY KEY"}
    assert keys == {t: primary_key(t) for t in TABLES if primary_key(t)}
    foreign = sorted(
        (r["table_name"], tuple(r["columns"])) for r in constraints if r["constraint_type"] == "FOREIGN KEY"
    )
    assert foreign == sorted((t, fk.fields) for t, fks in FOREIGN_KEYS.items() for fk in fks)


def test_dates_are_dates(db):
    got = rows(db, "SELECT source_file, published, updated, edition FROM profiles ORDER BY source_file")
    khm = {r["source_file"]: r for r in got}
    assert khm["cambodia-2024.txt"]["edition"] == datetime.date(2024, 3, 1)
    assert khm["cambodia-2022.txt"]["published"] == datetime.date(2020, 9, 1)  # one record of PDF and text
    moldova = khm["moldova-2024.txt"]
    assert (moldova["updated"], moldova["edition"]) == (None, datetime.date(2024, 11, 1))  # first edition


def test_latest_is_one_row_per_country_at_its_latest_edition(db):
    latest = rows(db, "SELECT iso3, profile_id, edition, source_file FROM latest ORDER BY iso3")
    assert [(r["iso3"], r["profile_id"], r["source_file"]) for r in latest] == [
        ("GHA", "GHA-2023-06", "ghana-2023.txt"),
        ("KHM", "KHM-2024-03", "cambodia-2024.txt"),
        ("MDA", "MDA-2024-11", "moldova-2024.txt"),
    ]


def test_editions_wide_one_row_per_edition(db, out):
    wide = {r["profile_id"]: r for r in rows(db, "SELECT * FROM editions_wide")}
    assert sorted(wide) == ["GHA-2023-06", "KHM-2022-09", "KHM-2024-03", "MDA-2024-11"]
    assert wide["KHM-2022-09"]["source_file"] == "cambodia-2022.txt"  # one source per edition: the text
    for name, e in EXPECTED.items():
        row = wide[e["profile_id"]]
        assert (row["country"], row["iso3"], str(row["edition"])) == (e["country"], e["iso3"], e["edition"])
        assert {code: row[code] for code in INDICATOR_CODES} == e["indicators"], name
        counts = (
            "destinations",
            "policy_framework",
            "practices",
            "institutions",
            "organisations",
            "footnotes",
        )
        assert [
            row[c]
            for c in ("destinations", "policies", "practices", "institutions", "organisations", "notes")
        ] == [len(e[c]) for c in counts], name
    report = json.loads((out / "validation" / "report.json").read_text(encoding="utf-8"))
    for profile_id, row in wide.items():
        files = {
            r["source_file"]
            for r in rows(db, f"SELECT source_file FROM profiles WHERE profile_id = '{profile_id}'")
        }
        mine = [f for f in report["findings"] if f["profile_id"] == profile_id or f["file"] in files]
        assert (row["errors"], row["warnings"]) == (
            sum(f["severity"] == "error" for f in mine),
            sum(f["severity"] == "warning" for f in mine),
        )
    assert wide["KHM-2022-09"]["warnings"] > 0  # Cambodia's icons: status-not-shown, indicator-not-shown
    khm = [wide["KHM-2022-09"], wide["KHM-2024-03"]]
    assert khm[0]["remittances_usd_million"] == khm[1]["remittances_usd_million"] == 1272


def test_citations_resolved_name_the_note_and_the_cited_text(db):
    resolved = rows(db, "SELECT * FROM citations_resolved WHERE source_file = 'ghana-2023.txt'")
    assert len(resolved) == EXPECTED["ghana-2023.txt"]["citations"]
    assert all(r["note_text"] and r["cited_text"] for r in resolved)
    khm = rows(
        db,
        "SELECT number, \"table\", seq, cited_text FROM citations_resolved "
        "WHERE source_file = 'cambodia-2022.txt' ORDER BY number",
    )
    titles = dict(
        db.execute(
            "SELECT seq, title FROM policy_framework WHERE source_file = 'cambodia-2022.txt'"
        ).fetchall()
    )
    for r in khm:
        if r["table"] == "policy_framework":
            assert r["cited_text"].startswith(titles[r["seq"]] + ": ")
    assert not [r for r in rows(db, "SELECT * FROM citations_resolved") if r["cited_text"] is None]


def test_data_dictionary_lists_every_column_of_every_schema(out):
    text = (out / "DATA_DICTIONARY.md").read_text(encoding="utf-8")
    sections = re.split(r"^## ", text, flags=re.M)[1:]
    listed = {}
    for section in sections:
        name = section.split("\n", 1)[0].strip()
        listed[name] = [m.group(1) for m in re.finditer(r"^\| `([a-z0-9_]+)` \|", section, re.M)]
    for table, spec in TABLES.items():
        assert listed[table] == table_columns(table)
        assert set(listed[table]) == set(spec.schema.columns)
    profiles = next(s for s in sections if s.startswith("profiles"))
    edition_row = next(line for line in profiles.splitlines() if line.startswith("| `edition`"))
    assert "| date |" in edition_row and "first day of the month" in edition_row
    iso3 = next(line for line in profiles.splitlines() if line.startswith("| `iso3`"))
    assert "`KHM`" in iso3  # allowed values
    assert "| `profile_id` | string | no |" in profiles and "primary |" in profiles
    assert "latest" in text and "editions_wide" in text and "citations_resolved" in text


def test_editions_page_plots_each_country_across_its_editions(out):
    page = (out / "editions.html").read_text(encoding="utf-8")
    rows = re.findall(r'<tr data-country="([A-Z]{3})">(.*?)</tr>', page, re.S)
    assert [country for country, _ in rows] == ["KHM", "GHA", "MDA"]  # by country name
    cambodia = dict(rows)["KHM"]
    assert cambodia.count("<svg") == len(INDICATOR_CODES)
    assert "2022-09-01: 1,272" in cambodia and "2024-03-01: 1,272" in cambodia  # both editions' dots
    assert "<script" not in page and "http" not in page.split("<body>", 1)[1]
