"""Periods: a start year is not after its end year (the range of each year is a schema check)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

import pandas as pd

from pipeline.model.findings import Finding, finding
from pipeline.tables.locate import rows, where
from schemas import TABLES

PERIOD_TABLES = tuple(t for t, spec in TABLES.items() if {"start_year", "end_year"} <= set(spec.columns))


def starts_after_ends(frames: Mapping[str, pd.DataFrame]) -> Iterator[Finding]:
    """start-after-end: a row whose start_year is later than its end_year."""
    for table in PERIOD_TABLES:
        df = frames[table]
        for row in rows(df[(df["start_year"] > df["end_year"]).fillna(False).astype(bool)]):
            yield finding(
                "start-after-end",
                **where(table, row),
                column="start_year",
                value=int(row["start_year"]),
                end=int(row["end_year"]),
            )
