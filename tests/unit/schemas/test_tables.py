"""Every output table is declared once and whole: its model, record, keys and prose agree."""

from __future__ import annotations

import dataclasses
import typing

import pytest

from pipeline.model.records import ProfileRecords, Provenance, record_types
from schemas import FOREIGN_KEYS, PROVENANCE, TABLES
from schemas.tables import PROFILE_KEY, SOURCE_FILES, SOURCE_KEY

SPECS = list(TABLES.values())


def allowed(table: str, column: str) -> list[str]:
    (check,) = [c for c in TABLES[table].schema.columns[column].checks if c.name == "isin"]
    return list(check.statistics["allowed_values"])


def record_columns(record: type) -> set[str]:
    """The columns a record fills: its fields, with its provenance as the provenance columns (a
    profile's own record: with the source files its edition was read from)."""
    names = {f.name for f in dataclasses.fields(record)}
    if "prov" in names:
        names = (names - {"prov"}) | {f.name for f in dataclasses.fields(Provenance)} | set(SOURCE_KEY)
    if record is TABLES["profiles"].record:
        names |= {SOURCE_FILES}
    return names


def test_every_field_of_the_parsed_records_is_one_declared_table_in_the_same_order():
    assert [spec.records_field for spec in SPECS] == [f.name for f in dataclasses.fields(ProfileRecords)]
    assert list(TABLES) == [spec.name for spec in SPECS]
    assert len(set(TABLES)) == len(SPECS)


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.name)
def test_the_record_type_is_the_one_the_parsed_records_hold(spec):
    assert record_types()[spec.records_field] is spec.record


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.name)
def test_the_record_fields_are_the_schema_columns(spec):
    assert record_columns(spec.record) == set(spec.schema.columns)
    assert sorted(spec.columns) == sorted(spec.schema.columns)


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.name)
def test_a_located_table_starts_with_its_source_and_ends_with_provenance(spec):
    if not set(PROVENANCE) <= set(spec.schema.columns):
        assert spec.name == "profiles" and spec.columns == list(spec.schema.columns)
        return
    assert spec.columns[:2] == list(SOURCE_KEY)
    assert spec.columns[-len(PROVENANCE) :] == list(PROVENANCE)


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.name)
def test_the_natural_keys_are_columns_of_the_table(spec):
    for key in spec.natural_keys:
        assert key and set(key) <= set(spec.columns), key
        assert not set(key) & set(PROVENANCE)


def test_only_mentions_are_left_out_of_diff():
    assert [spec.name for spec in SPECS if not spec.natural_keys] == ["mentions"]


@pytest.mark.parametrize("spec", [s for s in SPECS if s.prose], ids=lambda s: s.name)
def test_prose_columns_are_string_columns_of_the_record(spec):
    hints = typing.get_type_hints(spec.record)
    for column in spec.prose:
        assert str(spec.schema.columns[column].dtype).split("[")[0] == "string", column
        assert hints[column] in (str, str | None), column


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.name)
def test_the_row_id_is_a_whole_number_column(spec):
    if spec.row_id is None:
        assert spec.name == "profiles"
        return
    assert str(spec.schema.columns[spec.row_id].dtype) == "Int64"
    assert typing.get_type_hints(spec.record)[spec.row_id] in (int, int | None)


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.name)
def test_the_primary_key_is_the_profile_and_required_columns(spec):
    """One record per edition: profile_id, never the source file, leads every key."""
    key = spec.primary_key
    if spec.name == "citations":
        assert key == []  # a row may cite a note twice
        return
    assert key[:1] == list(PROFILE_KEY) and "source_file" not in key
    assert (len(key) == 1) == (spec.name == "profiles")
    assert all(not spec.schema.columns[c].nullable for c in key), key


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.name)
def test_foreign_keys_name_the_key_of_a_declared_table(spec):
    for fk in spec.foreign_keys:
        assert set(fk.fields) <= set(spec.columns)
        assert list(fk.reference_fields) == TABLES[fk.reference].primary_key
    assert bool(spec.foreign_keys) == (spec.name != "profiles")
    assert FOREIGN_KEYS.get(spec.name, ()) == spec.foreign_keys


def test_citations_and_mentions_accept_the_tables_declared_as_cited_and_as_prose():
    assert allowed("citations", "table") == [s.name for s in SPECS if s.cited]
    assert allowed("mentions", "table") == [s.name for s in SPECS if s.prose]


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.name)
def test_every_table_says_what_its_rows_are(spec):
    assert (spec.model.__doc__ or "").strip()
