"""Parquet files of the tables, and the Arrow tables behind them (the database's rows too).

A frame becomes an Arrow table with its columns converted in the calling thread: pyarrow's own
threads for wide frames only contend for Python's lock with the database written beside the
files (``write.write_outputs``); on the bench corpus they were slower even alone (0.026 ->
0.021 s for the 15 tables), and the files have the same bytes as pandas' ``to_parquet``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd
    import pyarrow as pa


def arrow_table(df: pd.DataFrame) -> pa.Table:
    """``df`` as an Arrow table (no index), converted in this thread."""
    import pyarrow as pa

    return pa.Table.from_pandas(df, preserve_index=False, nthreads=1)


def write_parquet(path: Path, df: pd.DataFrame) -> None:
    import pyarrow.parquet as pq

    pq.write_table(arrow_table(df), path)


def write_parquet_like(path: Path, df: pd.DataFrame, previous: Path) -> None:
    """Write ``df`` as Parquet with the column types of the ``previous`` file where they apply:
    a CSV cell holds text, so a list column read back from one holds lists of text, while the
    run wrote lists of numbers. A column whose values do not convert keeps the types read."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = arrow_table(df)
    schema = pq.read_schema(previous)
    if table.schema.names == schema.names:
        try:
            table = table.cast(schema)
        except (pa.ArrowInvalid, pa.ArrowNotImplementedError, pa.ArrowTypeError):
            pass  # an edited cell that is not of its column's type: validation reported it
    pq.write_table(table, path)
