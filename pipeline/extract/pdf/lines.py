"""Lines: rows of words with their measures, and the footnote markers among their words."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace
from functools import cached_property

from pipeline.extract.pdf import typography as ty
from pipeline.extract.pdf.words import Word
from pipeline.model.geometry import BBox, bbox_union


@dataclass(frozen=True)
class Line:
    """A row of words in one region; its derived measures are computed once."""

    words: tuple[Word, ...]
    page: int
    page_height: float
    column: int = 0

    @cached_property
    def bbox(self) -> BBox:
        return bbox_union(w.bbox for w in self.words)

    @cached_property
    def main_words(self) -> tuple[Word, ...]:
        return tuple(w for w in self.words if not w.marker) or self.words

    @cached_property
    def size(self) -> float:
        counts: Counter[float] = Counter()
        for w in self.main_words:
            counts[round(w.size, 1)] += len(w.text)
        return counts.most_common(1)[0][0]

    @cached_property
    def top(self) -> float:
        return min(w.top for w in self.main_words)

    @cached_property
    def bottom(self) -> float:
        return max(w.bottom for w in self.main_words)

    @cached_property
    def x0(self) -> float:
        return min(w.x0 for w in self.words)

    @cached_property
    def x1(self) -> float:
        return max(w.x1 for w in self.words)

    @cached_property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @cached_property
    def all_bold(self) -> bool:
        words = [w for w in self.main_words if any(ch.isalnum() for ch in w.text)]
        return bool(words) and all(w.bold for w in words)


def lines_of(regions: list[list[list[Word]]], page: int, page_height: float) -> list[Line]:
    """Each region's rows as lines, raised small digits marked as markers."""
    result = [
        Line(words=tuple(mark_superscripts(row)), page=page, page_height=page_height, column=index)
        for index, rows in enumerate(regions)
        for row in rows
    ]
    return sorted(result, key=lambda line: (line.column, line.top, line.x0))


def mark_superscripts(words: list[Word]) -> list[Word]:
    """Digits smaller than the line's main size and raised above its baseline are markers."""
    if len(words) < 2:
        return words
    main = max(w.size for w in words)
    baseline = max(w.bottom for w in words if w.size >= main * ty.MARKER_RATIO)
    out = []
    for w in words:
        raised = w.bottom < baseline - ty.RAISE_RATIO * main
        small = w.size <= main * ty.MARKER_RATIO
        out.append(
            replace(w, marker=True)
            if (raised and small and re.fullmatch(r"\d{1,3}(,\d{1,3})*", w.text))
            else w
        )
    return out
