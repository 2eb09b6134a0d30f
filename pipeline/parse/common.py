"""What every section parser returns, and how markers become citations."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Generic, TypeVar

from pipeline.errors import Finding
from pipeline.layout import Block, Role, Where
from pipeline.parse.records import Citation, Provenance

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
                where = Where(page=where.page or block.where.page, bbox=where.bbox, line=where.line or block.where.line)
                out.append(Citation(number=int(span.text), table=table, seq=seq, prov=Provenance.of(where)))
    return out


def provenance(blocks: list[Block]) -> Provenance:
    """The first block's page, and the union of the boxes of the blocks on that page."""
    first = blocks[0]
    same_page = [b for b in blocks if b.where.page == first.where.page and b.where.bbox]
    if not same_page:
        return Provenance.of_block(first)
    boxes = [b.where.bbox for b in same_page]
    box = (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))
    return Provenance.of(Where(page=first.where.page, bbox=box, line=first.where.line))


def headings_and_runs(blocks: tuple[Block, ...]) -> list[tuple[Block | None, list[Block]]]:
    """Split a section's blocks at its sub-headings."""
    runs: list[tuple[Block | None, list[Block]]] = [(None, [])]
    for b in blocks:
        if b.role is Role.HEADING:
            runs.append((b, []))
        else:
            runs[-1][1].append(b)
    return [r for r in runs if r[0] is not None or r[1]]


def where_of(block: Block) -> dict:
    return {"page": block.where.page, "bbox": block.where.bbox, "line": block.where.line}
