"""What the checks share: rows grouped by source, key sets."""

from __future__ import annotations

from collections.abc import Iterator

import pandas as pd

from schemas.tables import SOURCE_KEY


def by_source(df: pd.DataFrame) -> Iterator[tuple[tuple[str, str], pd.DataFrame]]:
    """The rows of each (profile_id, source_file), in table order."""
    if df.empty:
        return
    for key, rows in df.groupby(list(SOURCE_KEY), sort=False, dropna=False):
        yield key, rows


def keys(df: pd.DataFrame, columns: list[str]) -> set[tuple]:
    return set(df[columns].astype(object).itertuples(index=False, name=None))


def in_keys(df: pd.DataFrame, columns: list[str], known: set[tuple]) -> pd.Series:
    """Boolean mask: whether each row's ``columns`` are one of the ``known`` keys."""
    return pd.Series([key in known for key in df[columns].astype(object).itertuples(index=False, name=None)],
                     index=df.index, dtype=bool)


def number(value: float) -> str:
    """A figure as printed: no trailing zeros."""
    return f"{float(value):.10g}"
