"""The cells of a profile's records that hold prose, in reading order of the tables."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from pipeline.model.records import ProfileRecords, Provenance, record_types

# table -> (the column that keys its rows, the prose columns), as each record type declares them
# (``ROW_ID``, ``PROSE``). Read from the records, not from ``schemas``: enrichment runs in the
# workers, which need not import pandas and pandera. The profile's own record has no prose: it has
# no place in the document to point a mention at.
TEXT_COLUMNS: tuple[tuple[str, str, tuple[str, ...]], ...] = tuple(
    (table, record.ROW_ID, record.PROSE)  # type: ignore[attr-defined]
    for table, record in record_types().items()
    if getattr(record, "PROSE", ())
)


@dataclass(frozen=True)
class Cell:
    table: str
    seq: int
    column: str
    text: str
    prov: Provenance


def cells(records: ProfileRecords) -> Iterator[Cell]:
    for table, key, columns in TEXT_COLUMNS:
        for record in getattr(records, table):
            for column in columns:
                text = getattr(record, column)
                if text:
                    yield Cell(
                        table=table, seq=getattr(record, key), column=column, text=text, prov=record.prov
                    )
