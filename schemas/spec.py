"""What a table's declaration holds (``TableSpec``), and what every stage derives from it.

``schemas/tables.py`` declares each output table once, beside its pandera model: its name, the
model (columns, types, checks; ``Config.unique`` is the primary key), the record type its rows
are built from (whose ``ROW_ID`` numbers the rows and whose ``PROSE`` fields enrichment reads),
the natural keys ``diff`` matches rows on, its foreign keys, and whether its text may carry
footnote markers. Building frames (``pipeline/tables/build.py``), validating them, locating a
row for a finding, the Data Package, ``diff`` and enrichment all read these declarations.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandera.pandas as pa

PROVENANCE = ("page", "x0", "top", "x1", "bottom", "line")  # where a row was read, last in every table


@dataclass(frozen=True)
class ForeignKey:
    """``fields`` of a table's rows name a row of ``reference`` by its ``reference_fields``."""

    fields: tuple[str, ...]
    reference: str
    reference_fields: tuple[str, ...]


@dataclass(frozen=True)
class TableSpec:
    """One output table, declared once."""

    name: str
    model: type[pa.DataFrameModel]  # the pandera schema; its Config.unique is the primary key
    record: type  # the record dataclass of a row (pipeline/model/records.py)
    natural_keys: tuple[
        tuple[str, ...], ...
    ] = ()  # what diff matches rows on, tried in turn; () = not compared
    foreign_keys: tuple[ForeignKey, ...] = ()
    cited: bool = False  # its rows' text may carry footnote markers (a value of citations.table)
    attribute: str = ""  # the ProfileRecords field holding its records, when it is not ``name``

    @property
    def schema(self) -> pa.DataFrameSchema:
        return self.model.to_schema()

    @property
    def records_field(self) -> str:
        return self.attribute or self.name

    @property
    def row_id(self) -> str | None:
        """The column that numbers the rows (seq, rank, number); a finding names a row by it."""
        return getattr(self.record, "ROW_ID", None)

    @property
    def prose(self) -> tuple[str, ...]:
        """The columns holding prose, where enrichment looks for mentions."""
        return getattr(self.record, "PROSE", ())

    @property
    def primary_key(self) -> list[str]:
        """The model's ``Config.unique`` (empty for a table whose rows have no key)."""
        unique = self.schema.unique
        return [unique] if isinstance(unique, str) else list(unique or [])

    @property
    def columns(self) -> list[str]:
        """Column order: profile_id and source_file, the table's own fields, then provenance (a
        table without provenance keeps its model's order)."""
        names = list(self.schema.columns)
        if not set(PROVENANCE) <= set(names):
            return names
        own = [c for c in names if c not in PROVENANCE and c not in ("profile_id", "source_file")]
        return ["profile_id", "source_file", *own, *PROVENANCE]
