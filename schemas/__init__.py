"""The output tables: one pandera DataFrameModel and one TableSpec per table (``schemas/tables.py``)."""

from schemas.spec import PROVENANCE, ForeignKey, TableSpec
from schemas.tables import FOREIGN_KEYS, TABLES, primary_key, table_columns

__all__ = ["FOREIGN_KEYS", "PROVENANCE", "TABLES", "ForeignKey", "TableSpec", "primary_key", "table_columns"]
