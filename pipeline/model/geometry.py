"""Small pure geometry helpers on pdfplumber-style boxes ``(x0, top, x1, bottom)``."""

from __future__ import annotations

from collections.abc import Iterable

BBox = tuple[float, float, float, float]


def bbox_union(boxes: Iterable[BBox]) -> BBox:
    boxes = list(boxes)
    if not boxes:
        raise ValueError("bbox_union of no boxes")
    return (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )


def vertical_overlap(a: BBox, b: BBox) -> float:
    """Length of the overlap of the two boxes' vertical extents (0 when apart)."""
    return max(0.0, min(a[3], b[3]) - max(a[1], b[1]))


def height(b: BBox) -> float:
    return b[3] - b[1]


def width(b: BBox) -> float:
    return b[2] - b[0]


def overlap_ratio_to_smaller_height(a: BBox, b: BBox) -> float:
    smaller = min(height(a), height(b))
    return vertical_overlap(a, b) / smaller if smaller > 0 else 0.0
