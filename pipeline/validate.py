"""Validate stage: every table against its pandera schema, lazily, every failure a finding."""

from __future__ import annotations

import math

import pandas as pd
import pandera.pandas as pa

from pipeline.errors import Finding, finding
from schemas import TABLES


def validate_tables(frames: dict[str, pd.DataFrame]) -> tuple[dict[str, pd.DataFrame], tuple[Finding, ...]]:
    """Pure: frames -> (coerced frames where valid, the input frame otherwise; findings)."""
    out: dict[str, pd.DataFrame] = {}
    findings: list[Finding] = []
    for table, df in frames.items():
        try:
            out[table] = TABLES[table].validate(df, lazy=True)
        except pa.errors.SchemaErrors as exc:
            out[table] = df
            findings.extend(failure_findings(table, df, exc.failure_cases))
    return out, tuple(findings)


def failure_findings(table: str, df: pd.DataFrame, cases: pd.DataFrame) -> list[Finding]:
    found = []
    for case in cases.to_dict("records"):
        index = case.get("index")
        row = df.loc[index] if _is_index(index, df) else None
        value = case.get("failure_case")
        found.append(finding(
            "schema-check-failed",
            table=table,
            column=case.get("column") or "",
            check=str(case.get("check")),
            value=None if _missing(value) else value,
            profile_id=_get(row, "profile_id"),
            file=_get(row, "source_file"),
            seq=_int(_get(row, "seq") if "seq" in df.columns else _get(row, "rank")),
            page=_int(_get(row, "page")),
            line=_int(_get(row, "line")),
            bbox=_bbox(row),
        ))
    return found


def _is_index(index, df: pd.DataFrame) -> bool:
    try:
        return index is not None and not _missing(index) and index in df.index
    except TypeError:
        return False


def _missing(value) -> bool:
    if value is None or value is pd.NA:
        return True
    return isinstance(value, float) and math.isnan(value)


def _get(row, column: str):
    if row is None or column not in row.index:
        return None
    value = row[column]
    return None if _missing(value) else value


def _int(value) -> int | None:
    try:
        return None if value is None else int(value)
    except (TypeError, ValueError):
        return None


def _bbox(row):
    if row is None:
        return None
    values = [_get(row, c) for c in ("x0", "top", "x1", "bottom")]
    try:
        return None if any(v is None for v in values) else tuple(float(v) for v in values)
    except (TypeError, ValueError):
        return None
