"""Reading order on a page: which words form a column, and in which order columns are read."""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.geometry import BBox


@dataclass(frozen=True)
class Word:
    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float
    bold: bool = False
    marker: bool = False

    @property
    def bbox(self) -> BBox:
        return (self.x0, self.top, self.x1, self.bottom)


def order_words(words: tuple[Word, ...], page_width: float) -> list[list[Word]]:
    """The page's words as columns in reading order (one column for single-column pages)."""
    return [list(words)] if words else []
