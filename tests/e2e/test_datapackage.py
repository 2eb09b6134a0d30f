"""datapackage.json: derived from the pandera schemas, and `frictionless validate` agrees with it
on the Cambodia output (its PDF and text edition, one profile), and rejects a corrupted CSV."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from pipeline.runner.run import run
from schemas import FOREIGN_KEYS, TABLES, primary_key, table_columns
from tests.support.paths import RAW

FRICTIONLESS_TYPES = {"Int64": "integer", "Float64": "number", "boolean": "boolean", "date": "date"}


@pytest.fixture(scope="module")
def cambodia(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("cambodia") / "output"
    run([RAW], out)
    return out


def frictionless(descriptor: Path) -> tuple[int, dict]:
    proc = subprocess.run(
        [sys.executable, "-m", "frictionless", "validate", "--json", str(descriptor)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    return proc.returncode, json.loads(proc.stdout)


def errors_of(report: dict) -> list[tuple[str, str, int | None, str | None]]:
    return [
        (task["name"], e["type"], e.get("rowNumber"), e.get("fieldName"))
        for task in report["tasks"]
        for e in task["errors"]
    ]


def test_datapackage_describes_every_csv_as_the_schemas_do(cambodia):
    package = json.loads((cambodia / "datapackage.json").read_text(encoding="utf-8"))
    assert package["profile"] == "tabular-data-package"
    assert [r["name"] for r in package["resources"]] == list(TABLES)
    for resource in package["resources"]:
        table = resource["name"]
        columns = TABLES[table].schema.columns
        header = (cambodia / resource["path"]).read_text(encoding="utf-8").split("\n", 1)[0].split(",")
        fields = resource["schema"]["fields"]
        assert [f["name"] for f in fields] == header == table_columns(table)
        for f in fields:
            column = columns[f["name"]]
            dtype = str(column.dtype).split("[")[0]
            assert f["type"] == FRICTIONLESS_TYPES.get(dtype, "string"), (table, f["name"])
            assert f["description"] == column.description
            assert f.get("constraints", {}).get("required", False) == (not column.nullable)
        assert resource["schema"].get("primaryKey", []) == primary_key(table)
        assert [
            (fk["fields"], fk["reference"]["resource"], fk["reference"]["fields"])
            for fk in resource["schema"].get("foreignKeys", [])
        ] == [
            (list(fk.fields), fk.reference, list(fk.reference_fields)) for fk in FOREIGN_KEYS.get(table, ())
        ]


def test_keys_point_to_profiles_and_citations_to_footnotes(cambodia):
    """One record per edition: profile_id alone is the key of profiles and the prefix of every key."""
    resources = {r["name"]: r for r in json.loads((cambodia / "datapackage.json").read_text())["resources"]}
    assert resources["profiles"]["schema"]["primaryKey"] == ["profile_id"]
    for name, resource in resources.items():
        if name != "profiles":
            assert {
                "fields": ["profile_id"],
                "reference": {"resource": "profiles", "fields": ["profile_id"]},
            } in resource["schema"]["foreignKeys"], name
            assert resource["schema"].get("primaryKey", ["profile_id"])[0] == "profile_id", name
    assert {
        "fields": ["profile_id", "number"],
        "reference": {"resource": "footnotes", "fields": ["profile_id", "number"]},
    } in resources["citations"]["schema"]["foreignKeys"]


def test_the_cambodia_pdf_and_text_are_one_profile(cambodia):
    profiles = pd.read_csv(cambodia / "profiles.csv", dtype=str, keep_default_na=False)
    assert profiles[["profile_id", "source_file", "source_files"]].values.tolist() == [
        ["KHM-2022-09", "cambodia-2022.txt", "cambodia-2022.txt;cambodia-2022.pdf"]
    ]


def test_frictionless_validates_the_cambodia_output(cambodia):
    status, report = frictionless(cambodia / "datapackage.json")
    assert errors_of(report) == []
    assert report["valid"] and status == 0
    assert report["stats"]["tasks"] == len(TABLES)


def _corrupt(folder: Path, table: str, row: int, column: str, value: str) -> None:
    path = folder / f"{table}.csv"
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    df.loc[row, column] = value
    df.to_csv(path, index=False, lineterminator="\n")


@pytest.mark.parametrize(
    "table, row, column, value, expected",
    [
        ("destinations", 2, "emigrants", "many", ("destinations", "type-error", 4, "emigrants")),
        ("destinations", 0, "iso3", "XYZ", ("destinations", "constraint-error", 2, "iso3")),
        ("citations", 0, "number", "99", ("citations", "foreign-key", 2, None)),
        ("obstacles", 1, "seq", "1", ("obstacles", "primary-key", 3, None)),
        ("indicators", 1, "profile_id", "KHM-2021-01", ("indicators", "foreign-key", 3, None)),
    ],
    ids=["type", "enum", "citation-to-no-note", "duplicate-key", "row-of-no-profile"],
)
def test_frictionless_rejects_a_corrupted_csv(cambodia, tmp_path, table, row, column, value, expected):
    folder = tmp_path / "output"
    shutil.copytree(cambodia, folder)
    _corrupt(folder, table, row, column, value)
    status, report = frictionless(folder / "datapackage.json")
    assert status == 1 and not report["valid"]
    assert expected in errors_of(report)
