"""Records -> DataFrames: the one place where records become tables."""

from __future__ import annotations

import dataclasses
import operator
from collections.abc import Iterable
from functools import cache

import pandas as pd

from pipeline.model.records import ProfileRecords
from schemas import TABLES, table_columns

DTYPES = {"Int64", "Float64", "string", "boolean"}


@cache
def _dtype(table: str, column: str) -> str | None:
    field = TABLES[table].to_schema().columns[column]
    name = str(field.dtype)
    return name if name in DTYPES else None


def columns_of(all_records: list[ProfileRecords], table: str) -> dict[str, list]:
    """The table's columns, value lists in row order: the profiles' rows one after another."""
    if table == "profiles":
        names = _names(type(all_records[0].profile)) if all_records else ()
        return {name: [getattr(r.profile, name) for r in all_records] for name in names}
    rows, profile_ids, source_files = [], [], []
    for records in all_records:
        mine = getattr(records, table)
        rows += mine
        profile_ids += [records.profile.profile_id] * len(mine)
        source_files += [records.profile.source_file] * len(mine)
    columns: dict[str, list] = {"profile_id": profile_ids, "source_file": source_files}
    if not rows:
        return columns
    fields = tuple(n for n in _names(type(rows[0])) if n != "prov")
    columns.update(_transposed(rows, fields))
    if "prov" in _names(type(rows[0])):
        columns.update(_transposed([row.prov for row in rows], _names(type(rows[0].prov))))
    return columns


def _transposed(rows: list, fields: tuple[str, ...]) -> dict[str, list]:
    """Each field's values over ``rows`` (the fields typed as tuples become lists, as the
    tables hold them)."""
    listed = _tuple_fields(type(rows[0]))
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
    names = table_columns(table)
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
