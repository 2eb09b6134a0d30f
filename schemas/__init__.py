"""pandera schemas of the output tables, one DataFrameModel per table."""

from schemas.tables import TABLES, table_columns

__all__ = ["TABLES", "table_columns"]
