"""Credits: authors, editors and the edition's dates."""

from __future__ import annotations

from datetime import date

from pipeline.model.document import Block, Span, Where
from pipeline.parse.credits import parse_credits


def test_credits():
    blocks = tuple(
        Block(spans=(Span(t),), where=Where())
        for t in ("Written by: Jane Doe", "Edited by: EUDiF", "March 2021", "Updated June 2023")
    )
    c = parse_credits(blocks, "f")
    assert (c.written_by, c.edited_by, c.published, c.updated) == (
        "Jane Doe",
        "EUDiF",
        date(2021, 3, 1),
        date(2023, 6, 1),
    )
    assert c.edition == date(2023, 6, 1)  # the update dates the edition


def test_credits_without_update():
    blocks = tuple(
        Block(spans=(Span(t),), where=Where()) for t in ("Written by: A", "Edited by: B", "November 2024")
    )
    c = parse_credits(blocks, "f")
    assert (c.published, c.updated, c.edition) == (date(2024, 11, 1), None, date(2024, 11, 1))
