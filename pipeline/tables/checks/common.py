"""What the checks share: numbering within each source, key sets."""

from __future__ import annotations

from collections.abc import Iterator

import pandas as pd

from pipeline.tables.locate import missing
from schemas.tables import SOURCE_KEY


def sequence_breaks(df: pd.DataFrame, column: str) -> Iterator[tuple[pd.Series, list[int | None]]]:
    """Each source (profile_id, source_file) whose ``column``, in table order, is not 1, 2, ...,
    n: the row that first breaks the sequence, and the source's numbers."""
    at: dict[tuple, list[int]] = {}
    for position, key in enumerate(key_tuples(df, list(SOURCE_KEY))):
        at.setdefault(key, []).append(position)
    values = [None if missing(v) else int(v) for v in df[column].to_numpy(dtype=object)]
    for positions in at.values():
        numbers = [values[p] for p in positions]
        for expected, (position, n) in enumerate(zip(positions, numbers, strict=True), start=1):
            if n != expected:
                yield df.iloc[position], numbers
                break


def key_tuples(df: pd.DataFrame, columns: list[str]) -> Iterator[tuple]:
    """Each row's values of ``columns``, as a tuple of Python objects."""
    return zip(*(df[c].to_numpy(dtype=object) for c in columns), strict=True)


def keys(df: pd.DataFrame, columns: list[str]) -> set[tuple]:
    return set(key_tuples(df, columns))


def in_keys(df: pd.DataFrame, columns: list[str], known: set[tuple]) -> pd.Series:
    """Boolean mask: whether each row's ``columns`` are one of the ``known`` keys."""
    return pd.Series([key in known for key in key_tuples(df, columns)], index=df.index, dtype=bool)


def number(value: float) -> str:
    """A figure as printed: no trailing zeros."""
    return f"{float(value):.10g}"
