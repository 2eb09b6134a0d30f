"""Records -> DataFrames: the one place where records become tables."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from functools import lru_cache

import pandas as pd

from pipeline.parse.records import ProfileRecords
from schemas import TABLES, table_columns

DTYPES = {"Int64", "Float64", "string", "boolean"}


def _dtype(table: str, column: str) -> str | None:
    field = TABLES[table].to_schema().columns[column]
    name = str(field.dtype)
    return name if name in DTYPES else None


def rows_of(records: ProfileRecords, table: str) -> list[dict]:
    profile = records.profile
    if table == "profiles":
        return [_fields(profile)]
    rows = []
    for record in getattr(records, table):
        row = {"profile_id": profile.profile_id, "source_file": profile.source_file}
        for name in _names(type(record)):
            value = getattr(record, name)
            if name == "prov":
                row.update(_fields(value))
            elif isinstance(value, tuple):
                row[name] = list(value)
            else:
                row[name] = value
        rows.append(row)
    return rows


@lru_cache(maxsize=None)
def _names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(cls))


def _fields(record) -> dict:
    """A flat record's fields (scalars only: no copying, unlike dataclasses.asdict)."""
    return {name: getattr(record, name) for name in _names(type(record))}


def frame(table: str, rows: list[dict]) -> pd.DataFrame:
    columns = table_columns(table)
    df = pd.DataFrame(rows, columns=columns)
    for column in columns:
        dtype = _dtype(table, column)
        if dtype:
            df[column] = df[column].astype(dtype)
    return df.reset_index(drop=True)


def frames(all_records: Iterable[ProfileRecords]) -> dict[str, pd.DataFrame]:
    all_records = list(all_records)
    return {table: frame(table, [row for r in all_records for row in rows_of(r, table)]) for table in TABLES}
