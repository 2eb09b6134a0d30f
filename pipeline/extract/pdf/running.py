"""Running headers, footers and page numbers: lines that repeat in the page margins."""

from __future__ import annotations

import re
from collections import defaultdict

from pipeline.extract.pdf.lines import Line

MARGIN_BAND = 0.12  # running headers and footers sit in this share of the page at top or bottom


def line_key(line: Line) -> tuple[str, int]:
    """What a running header or footer keeps from page to page: its words (digits masked) and place."""
    return (re.sub(r"\d+", "#", line.text.lower()), round(line.top / 4))


def running_keys(lines_by_page: list[list[Line]], body: float) -> frozenset[tuple]:
    """What running headers and footers look like in this document: lines in the top or bottom
    band that repeat at the same place on at least half the pages, either with the same words
    (digits aside) or, whatever their words, set smaller than the body outside the body text."""
    if len(lines_by_page) < 2:
        return frozenset()
    seen: dict[tuple, set[int]] = defaultdict(set)
    for lines in lines_by_page:
        extent = body_extent(lines, body)
        for line in lines:
            for key in candidate_keys(line, body, extent):
                seen[key].add(line.page)
    need = max(2, (len(lines_by_page) + 1) // 2)
    return frozenset(key for key, pages in seen.items() if len(pages) >= need)


def is_running(line: Line, keys: frozenset[tuple], body: float, extent: tuple[float, float] | None) -> bool:
    return any(key in keys for key in candidate_keys(line, body, extent))


def candidate_keys(line: Line, body: float, extent: tuple[float, float] | None) -> list[tuple]:
    if not in_margin_band(line):
        return []
    keys: list[tuple] = [("words", *line_key(line))]
    top_side = line.top < line.page_height * MARGIN_BAND
    outside = extent is None or (line.bottom <= extent[0] if top_side else line.top >= extent[1])
    first = line.words[0].text
    if outside and line.size < 0.95 * body and not first[:1].isdigit():
        keys.append(("place", top_side, round(line.top / 4), round(line.size, 1)))
    return keys


def body_extent(lines: list[Line], body: float) -> tuple[float, float] | None:
    """Top and bottom of the body-size text on a page."""
    tops = [(line.top, line.bottom) for line in lines if abs(line.size - body) <= 0.05 * body]
    return (min(t for t, _ in tops), max(b for _, b in tops)) if tops else None


def in_margin_band(line: Line) -> bool:
    return line.top < line.page_height * MARGIN_BAND or line.bottom > line.page_height * (1 - MARGIN_BAND)


def is_page_number(line: Line) -> bool:
    return in_margin_band(line) and bool(
        re.fullmatch(r"(page\s*)?\d{1,3}(\s*(of|/)\s*\d{1,3})?", line.text.strip(), re.I)
    )
