"""Validate stage: every table against its pandera schema, lazily, every failure a finding.

Values are first converted to the schema's types column by column, so a cell that is not of its
column's type (an analyst's edit of a CSV) is one ``type-error`` and becomes null for the checks
that follow, instead of failing its whole column.
"""

from __future__ import annotations

import datetime
from collections.abc import Set as AbstractSet

import pandas as pd
import pandera.pandas as pa

from pipeline.model.findings import Finding, finding
from pipeline.tables.locate import get, missing, where
from schemas import TABLES

# codes this stage reports (besides the codes columns declare in their metadata)
SCHEMA_CODES = frozenset(
    {
        "schema-check-failed",
        "type-error",
        "value-missing",
        "duplicate-key",
        "column-missing",
        "column-unknown",
    }
)
TYPE_NAMES = {"Int64": "a whole number", "Float64": "a number", "boolean": "true or false", "date": "a date"}
TRUE, FALSE = frozenset({"true", "1"}), frozenset({"false", "0"})


def column_codes() -> frozenset[str]:
    """Codes declared by schema columns (``metadata={"code": ...}``)."""
    return frozenset(
        code
        for spec in TABLES.values()
        for column in spec.schema.columns.values()
        if (code := (column.metadata or {}).get("code"))
    )


def validate_tables(frames: dict[str, pd.DataFrame]) -> tuple[dict[str, pd.DataFrame], tuple[Finding, ...]]:
    """Pure: frames -> (typed frames, with every schema column; findings)."""
    out: dict[str, pd.DataFrame] = {}
    findings: list[Finding] = []
    for table, df in frames.items():
        out[table], found = validate_table(table, df)
        findings.extend(found)
    return out, tuple(findings)


def validate_table(table: str, df: pd.DataFrame) -> tuple[pd.DataFrame, list[Finding]]:
    typed, bad_cells, findings = coerce_columns(table, df)
    try:
        return TABLES[table].model.validate(typed, lazy=True), findings
    except pa.errors.SchemaErrors as exc:
        findings.extend(failure_findings(table, typed, exc.failure_cases, bad_cells))
        return with_all_columns(table, typed), findings


def coerce_columns(table: str, df: pd.DataFrame) -> tuple[pd.DataFrame, set[tuple], list[Finding]]:
    """Each schema column converted to its type; cells that do not convert are reported and
    become null. Returns the frame, the (index, column) of those cells, and their findings."""
    schema = TABLES[table].schema
    out = df.copy()
    bad_cells: set[tuple] = set()
    findings: list[Finding] = []
    for name, column in schema.columns.items():
        if name not in out.columns:
            continue
        dtype = str(column.dtype)
        if dtype not in TYPE_NAMES or str(out[name].dtype) == dtype:
            continue
        converted, bad = _convert(out[name], dtype)
        for index in bad[bad].index:
            bad_cells.add((index, name))
            findings.append(
                finding(
                    "type-error",
                    **where(table, out.loc[index]),
                    column=name,
                    value=out.at[index, name],
                    type=TYPE_NAMES[dtype],
                )
            )
        out[name] = converted
    return out, bad_cells, findings


def _convert(series: pd.Series, dtype: str) -> tuple[pd.Series, pd.Series]:
    values = series.astype(object).map(
        lambda v: None if missing(v) or (isinstance(v, str) and not v.strip()) else v
    )
    if dtype == "date":
        converted = values.map(_to_date)
        bad = values.notna() & converted.isna()
        return converted.astype(object).where(~bad, None), bad
    if dtype == "boolean":

        def to_bool(v):
            if v is None or isinstance(v, bool):
                return v
            text = str(v).strip().lower()
            return True if text in TRUE else False if text in FALSE else pd.NA

        converted = values.map(to_bool)
        bad = values.notna() & converted.isna()
        return converted.where(~bad, None).astype("boolean"), bad
    numbers = pd.to_numeric(values, errors="coerce")
    bad = values.notna() & numbers.isna()
    if dtype == "Int64":
        bad |= numbers.notna() & (numbers % 1 != 0)
    numbers = numbers.where(~bad)
    return numbers.astype(dtype), bad


def _to_date(v: object) -> datetime.date | None:
    if v is None or isinstance(v, datetime.date):
        return v
    try:
        return datetime.date.fromisoformat(str(v).strip()) if len(str(v).strip()) == 10 else None
    except ValueError:
        return None


def with_all_columns(table: str, df: pd.DataFrame) -> pd.DataFrame:
    """Missing schema columns added as nulls, so checks can read every column."""
    out = df.copy()
    for name in TABLES[table].columns:
        if name not in out.columns:
            dtype = str(TABLES[table].schema.columns[name].dtype)
            out[name] = pd.Series(
                [pd.NA] * len(out), index=out.index, dtype=dtype if dtype != "object" else object
            )
    return out


def failure_findings(
    table: str, df: pd.DataFrame, cases: pd.DataFrame, bad_cells: AbstractSet[tuple] = frozenset()
) -> list[Finding]:
    """pandera failure cases -> findings: one per cell (one per row for a duplicate key), under
    the code the column declares. ``bad_cells`` were reported as type errors: their null is not
    reported again."""
    schema = TABLES[table].schema
    found: dict[tuple, Finding] = {}
    duplicates = False
    for case in cases.to_dict("records"):
        check, column, index = _short(str(case.get("check"))), case.get("column"), case.get("index")
        value = None if missing(case.get("failure_case")) else case.get("failure_case")
        row = df.loc[index] if _is_index(index, df) else None
        if check == "multiple_fields_uniqueness":
            duplicates = True
            continue
        if check in ("column_in_schema", "column_in_dataframe"):
            code = "column-unknown" if check == "column_in_schema" else "column-missing"
            found[(code, value)] = finding(code, table=table, column=str(value))
            continue
        if check.startswith(("coerce_dtype", "dtype(")) and value is None and row is None:
            continue  # whole-column type failures are reported cell by cell as type-error
        if check == "not_nullable":
            if (index, column) in bad_cells:
                continue
            code, params = "value-missing", {}
        else:
            spec = schema.columns.get(column)
            code = ((spec.metadata or {}).get("code") if spec is not None else None) or "schema-check-failed"
            params = _range(spec) if code == "year-out-of-range" else {}
        found.setdefault(
            (code, index, column),
            finding(code, **where(table, row), column=column or "", check=check, value=value, **params),
        )
    if duplicates:
        key = TABLES[table].primary_key
        for index in df.index[df.duplicated(key, keep="first")]:
            row = df.loc[index]
            found[("duplicate-key", index)] = finding(
                "duplicate-key",
                **where(table, row),
                column=",".join(key),
                check="multiple_fields_uniqueness",
                value=",".join("" if get(row, k) is None else str(get(row, k)) for k in key),
            )
    return list(found.values())


def _short(check: str, limit: int = 80) -> str:
    """A check's text, its argument cut when long (an isin of every ISO3 code)."""
    return check if len(check) <= limit else check[: limit - 4] + "...)"


def _range(spec) -> dict:
    bounds = {}
    for check in spec.checks:
        if check.name == "greater_than_or_equal_to":
            bounds["min"] = check.statistics.get("min_value")
        elif check.name == "less_than_or_equal_to":
            bounds["max"] = check.statistics.get("max_value")
    return bounds


def _is_index(index, df: pd.DataFrame) -> bool:
    try:
        return index is not None and not missing(index) and index in df.index
    except TypeError:
        return False
