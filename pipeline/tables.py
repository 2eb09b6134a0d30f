"""Records -> DataFrames: the one place where records become tables."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from functools import lru_cache

import pandas as pd

from pipeline.parse.records import ProfileRecords
from schemas import TABLES, table_columns

DTYPES = {"Int64", "Float64", "string", "boolean"}


@lru_cache(maxsize=None)
def _dtype(table: str, column: str) -> str | None:
    field = TABLES[table].to_schema().columns[column]
    name = str(field.dtype)
    return name if name in DTYPES else None


def columns_of(all_records: list[ProfileRecords], table: str) -> dict[str, list]:
    """The table's columns, value lists in row order: the profiles' rows one after another."""
    if table == "profiles":
        names = _names(type(all_records[0].profile)) if all_records else ()
        return {name: [getattr(r.profile, name) for r in all_records] for name in names}
    columns: dict[str, list] = {"profile_id": [], "source_file": []}
    fields: tuple[str, ...] | None = None
    prov: tuple[str, ...] = ()
    for records in all_records:
        rows = getattr(records, table)
        if not rows:
            continue
        if fields is None:
            fields = tuple(n for n in _names(type(rows[0])) if n != "prov")
            prov = _names(type(rows[0].prov)) if "prov" in _names(type(rows[0])) else ()
            columns.update({name: [] for name in fields + prov})
        profile = records.profile
        columns["profile_id"] += [profile.profile_id] * len(rows)
        columns["source_file"] += [profile.source_file] * len(rows)
        for name in fields:
            values = [getattr(row, name) for row in rows]
            columns[name] += [list(v) if isinstance(v, tuple) else v for v in values]
        for name in prov:
            columns[name] += [getattr(row.prov, name) for row in rows]
    return columns


@lru_cache(maxsize=None)
def _names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(cls))


def frame(table: str, columns: dict[str, list]) -> pd.DataFrame:
    """A table's frame from its columns (absent ones null), in the schema's order and types."""
    names = table_columns(table)
    size = len(next(iter(columns.values()), []))
    df = pd.DataFrame({name: columns[name] if name in columns else [None] * size for name in names}, columns=names)
    for column in names:
        dtype = _dtype(table, column)
        if dtype:
            df[column] = df[column].astype(dtype)
    return df.reset_index(drop=True)


def frames(all_records: Iterable[ProfileRecords]) -> dict[str, pd.DataFrame]:
    all_records = list(all_records)
    return {table: frame(table, columns_of(all_records, table)) for table in TABLES}
