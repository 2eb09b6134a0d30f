"""Where a table row sits: its location as finding parameters (profile, file, row, page/bbox/line)."""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping
from typing import Any, TypeAlias

import pandas as pd

from pipeline.model.geometry import BBox
from schemas import TABLES

# a table row: a frame's row, or its values by column (``rows``)
Row: TypeAlias = pd.Series | Mapping[str, Any]


def missing(value: Any) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    return isinstance(value, float) and math.isnan(value)


def get(row: Row | None, column: str) -> Any:
    if row is None:
        return None
    value = row.get(column)
    return None if missing(value) else value


def as_int(value: Any) -> int | None:
    try:
        return None if value is None else int(value)
    except (TypeError, ValueError):
        return None


def bbox_of(row: Row | None) -> BBox | None:
    values = [get(row, c) for c in ("x0", "top", "x1", "bottom")]
    try:
        return None if any(v is None for v in values) else tuple(float(v) for v in values)  # type: ignore[return-value]
    except (TypeError, ValueError):
        return None


def row_id(table: str, row: Row | None) -> int | None:
    """The row's number in the column its table declares (``TableSpec.row_id``); none for a
    table that is not declared."""
    spec = TABLES.get(table)
    column = spec.row_id if spec is not None else None
    return as_int(get(row, column)) if column else None


def where(table: str, row: Row | None) -> dict[str, Any]:
    """Location parameters of a row for ``finding(...)``: profile, file, table, row number, page,
    bbox and text line."""
    return {
        "table": table,
        "profile_id": get(row, "profile_id"),
        "file": get(row, "source_file"),
        "seq": row_id(table, row),
        "page": as_int(get(row, "page")),
        "line": as_int(get(row, "line")),
        "bbox": bbox_of(row),
    }


def rows(df: pd.DataFrame) -> Iterator[dict[str, Any]]:
    """A frame's rows, each its values by column: much cheaper than ``iterrows`` for the
    few hundred rows a check reports."""
    return iter(df.to_dict("records"))
