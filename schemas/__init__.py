"""pandera schemas of the output tables, one DataFrameModel per table."""

from schemas.tables import FOREIGN_KEYS, TABLES, ForeignKey, primary_key, table_columns

__all__ = ["FOREIGN_KEYS", "TABLES", "ForeignKey", "primary_key", "table_columns"]
