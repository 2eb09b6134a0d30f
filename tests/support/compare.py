"""Comparing two runs' tables on content: every column but provenance and the source's identity."""

from __future__ import annotations

import pandas as pd

from schemas import PROVENANCE, TABLES
from schemas.tables import SOURCE_FILES

PROVENANCE_AND_SOURCE = [*PROVENANCE, "source_file", SOURCE_FILES, "source_sha256", "source_format", "pages"]


def content(tables: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """Each table without its provenance and source columns, rows renumbered."""
    return {
        t: df.drop(columns=[c for c in PROVENANCE_AND_SOURCE if c in df.columns]).reset_index(drop=True)
        for t, df in tables.items()
    }


def differing_rows(actual: pd.DataFrame, expected: pd.DataFrame) -> list[tuple[int, str, str, str]]:
    """(row index, column, actual, expected) of each cell that differs, rows matched by position;
    a row only one side has counts with column ``"<row>"``."""
    out: list[tuple[int, str, str, str]] = []
    for i in range(max(len(actual), len(expected))):
        if i >= len(actual) or i >= len(expected):
            side = actual if i < len(actual) else expected
            out.append((i, "<row>", "present" if i < len(actual) else "missing", str(side.iloc[i].to_dict())))
            continue
        for col in expected.columns:
            a = actual.iloc[i][col] if col in actual.columns else "<no column>"
            e = expected.iloc[i][col]
            if a != e:
                out.append((i, col, str(a), str(e)))
    return out


__all__ = ["PROVENANCE_AND_SOURCE", "TABLES", "content", "differing_rows"]
