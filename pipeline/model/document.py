"""The intermediate record every extractor produces: a document as blocks of styled text.

A PDF and a text file of the same profile become the same sequence of blocks; only the
provenance (``Where``) differs: page and bbox for PDF, line number for text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property

from pipeline.model.findings import Finding
from pipeline.model.geometry import BBox


class Role(StrEnum):
    HEADING = "heading"
    TEXT = "text"
    NOTE = "note"  # a footnote or endnote body, number first
    DROPPED = "dropped"  # running header, footer, page number


@dataclass(frozen=True)
class Where:
    page: int | None = None
    bbox: BBox | None = None
    line: int | None = None


@dataclass(frozen=True)
class Span:
    """A run of text of one style. A marker span holds the digits of a footnote marker."""

    text: str
    bold: bool = False
    marker: bool = False
    where: Where | None = None


@dataclass(frozen=True)
class Block:
    """A paragraph, heading, list item or note, in reading order."""

    spans: tuple[Span, ...]
    where: Where
    role: Role = Role.TEXT
    size: float | None = None  # dominant font size (PDF); None for text
    small: bool = False  # set smaller than the body text (notes, captions)
    level: int = 0  # heading level: 1 is the largest heading of the document
    bullet: str | None = None  # the list glyph that opened the block, removed from spans

    @cached_property  # asked for many times by the structure and parse stages
    def text(self) -> str:
        """Plain text, markers removed."""
        return normalise_space("".join(s.text for s in self.spans if not s.marker))

    @property
    def markers(self) -> tuple[int, ...]:
        return tuple(int(s.text) for s in self.spans if s.marker and s.text.isdigit())

    @property
    def all_bold(self) -> bool:
        words = [s for s in self.spans if not s.marker and s.text.strip()]
        return bool(words) and all(s.bold for s in words)


@dataclass(frozen=True)
class SourceInfo:
    path: str  # as given on the command line
    name: str  # file name
    sha256: str
    format: str  # "pdf" | "text"
    pages: int | None


@dataclass(frozen=True)
class Document:
    source: SourceInfo
    blocks: tuple[Block, ...]
    dropped: tuple[Block, ...] = ()
    findings: tuple[Finding, ...] = field(default=())


def where_of(block: Block) -> dict:
    """A block's location as finding parameters: page, bbox and text line."""
    return {"page": block.where.page, "bbox": block.where.bbox, "line": block.where.line}


def normalise_space(text: str) -> str:
    return " ".join(text.split())
