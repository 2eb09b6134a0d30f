"""Pure rules on type: which size is the body, what is small, what is bold, what is a heading."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

_BOLD = re.compile(r"bold|black|heavy|semibold|demibold|extrabold|,b$|-b$", re.IGNORECASE)

SMALL_RATIO = 0.93  # below this share of the body size, text is "small" (notes, captions)
HEADING_RATIO = 1.08  # above this share of the body size, a line with letters is a heading
MARKER_RATIO = 0.86  # footnote markers are set at most this share of their line's size
RAISE_RATIO = 0.15  # ... and their bottom sits at least this share of the size above the line's


def is_bold_font(fontname: str) -> bool:
    return bool(_BOLD.search(fontname or ""))


def body_size(sizes_with_weights: Iterable[tuple[float, int]]) -> float:
    """The most common font size, weighted by character count."""
    counts: Counter[float] = Counter()
    for size, weight in sizes_with_weights:
        counts[round(size, 1)] += weight
    if not counts:
        return 0.0
    return counts.most_common(1)[0][0]


def is_small(size: float, body: float) -> bool:
    return body > 0 and size < body * SMALL_RATIO


def is_heading_size(size: float, body: float) -> bool:
    return body > 0 and size >= body * HEADING_RATIO


def has_letters(text: str, at_least: int = 2) -> bool:
    return sum(ch.isalpha() for ch in text) >= at_least


def heading_levels(sizes: Iterable[float]) -> dict[float, int]:
    """Heading sizes, largest first, numbered from 1."""
    distinct = sorted({round(s, 1) for s in sizes}, reverse=True)
    return {s: i for i, s in enumerate(distinct, start=1)}
