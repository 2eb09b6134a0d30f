"""What every section parser returns, and how markers become citations."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Generic, TypeVar

from pipeline.model.document import Block, Where
from pipeline.model.findings import Finding
from pipeline.model.records import Citation, Provenance

T = TypeVar("T")


@dataclass(frozen=True)
class Parsed(Generic[T]):
    records: tuple[T, ...] = ()
    citations: tuple[Citation, ...] = ()
    findings: tuple[Finding, ...] = ()
    leftovers: tuple[Block, ...] = ()  # narrative no record holds: it goes to the sections table


def cite(table: str, seq: int | None, blocks: Iterable[Block]) -> list[Citation]:
    """One citation per marker in the blocks, located at the marker itself."""
    out = []
    for block in blocks:
        for span in block.spans:
            if span.marker and span.text.isdigit():
                where = span.where or block.where
                where = Where(
                    page=where.page or block.where.page, bbox=where.bbox, line=where.line or block.where.line
                )
                out.append(Citation(number=int(span.text), table=table, seq=seq, prov=Provenance.of(where)))
    return out
