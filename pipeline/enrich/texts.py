"""The cells of a profile's records that hold prose, in reading order of the tables."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from pipeline.model.records import ProfileRecords, Provenance

# table -> (the column that keys its rows, the prose columns). The profiles row is left out:
# it has no place in the document to point a mention at.
TEXT_COLUMNS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("policy_framework", "seq", ("title", "description")),
    ("sections", "seq", ("heading", "text")),
    ("obstacles", "seq", ("title", "text")),
    ("practices", "seq", ("title", "description")),
    ("institutions", "seq", ("name", "description")),
    ("organisations", "seq", ("name", "description")),
    ("footnotes", "number", ("text",)),
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
