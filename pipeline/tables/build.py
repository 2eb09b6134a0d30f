"""Records -> DataFrames: the one place where records become tables, each as its ``TableSpec``
(``schemas/``) declares it: rows from its ``ProfileRecords`` field, columns in its order and types."""

from __future__ import annotations

import dataclasses
import operator
from collections.abc import Iterable
from functools import cache
from typing import Any

import pandas as pd

from pipeline.model.records import ProfileRecords, Provenance
from schemas import TABLES
from schemas.tables import PROFILES, SOURCE_FILES

DTYPES = {"Int64", "Float64", "string", "boolean"}


@cache
def _dtype(table: str, column: str) -> str | None:
    field = TABLES[table].schema.columns[column]
    name = str(field.dtype)
    return name if name in DTYPES else None


def columns_of(all_records: list[ProfileRecords], table: str) -> dict[str, list]:
    """The table's columns, value lists in row order: the profiles' rows one after another (the
    profile's own record is its one row of the profiles table, its file its one source file)."""
    field = TABLES[table].records_field
    rows: list[Any] = []
    profile_ids: list[str] = []
    source_files: list[str] = []
    for records in all_records:
        mine = getattr(records, field)
        mine = mine if isinstance(mine, tuple) else (mine,)
        rows += mine
        profile_ids += [records.profile.profile_id] * len(mine)
        source_files += [records.profile.source_file] * len(mine)
    columns: dict[str, list] = {"profile_id": profile_ids, "source_file": source_files}
    if table == PROFILES.name:  # one source each, until sources of one edition are merged (tables/merge.py)
        columns[SOURCE_FILES] = [[file] for file in source_files]
    if not rows:
        return columns
    record = TABLES[table].record
    fields = tuple(n for n in _names(record) if n != "prov")
    columns.update(_transposed(rows, record, fields))
    if "prov" in _names(record):
        columns.update(_transposed([row.prov for row in rows], Provenance, _names(Provenance)))
    return columns


def _transposed(rows: list, record: type, fields: tuple[str, ...]) -> dict[str, list]:
    """Each field's values over ``rows`` of type ``record`` (the fields typed as tuples become
    lists, as the tables hold them)."""
    listed = _tuple_fields(record)
    values = (
        zip(*map(operator.attrgetter(*fields), rows), strict=True)
        if len(fields) > 1
        else [[getattr(row, fields[0]) for row in rows]]
    )
    return {
        name: [None if v is None else list(v) for v in column] if name in listed else list(column)
        for name, column in zip(fields, values, strict=True)
    }


def _tuple_fields(cls: type) -> frozenset[str]:
    return frozenset(f.name for f in dataclasses.fields(cls) if str(f.type).startswith("tuple"))


def _names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(cls))


def frame(table: str, columns: dict[str, list]) -> pd.DataFrame:
    """A table's frame from its columns (absent ones null), in the schema's order and types."""
    names = TABLES[table].columns
    size = len(next(iter(columns.values()), []))
    data = {}
    for name in names:
        values = columns[name] if name in columns else [None] * size
        dtype = _dtype(table, name)
        data[name] = pd.array(values, dtype=dtype) if dtype else values
    return pd.DataFrame(data, columns=names)


def frames(all_records: Iterable[ProfileRecords]) -> dict[str, pd.DataFrame]:
    all_records = list(all_records)
    return {table: frame(table, columns_of(all_records, table)) for table in TABLES}
