"""Credits: authors, editors and the edition's dates."""

from __future__ import annotations

from pipeline.model.document import Block, Span, Where
from pipeline.parse.credits import parse_credits


def test_credits():
    blocks = tuple(
        Block(spans=(Span(t),), where=Where())
        for t in ("Written by: Jane Doe", "Edited by: EUDiF", "March 2021", "Updated June 2023")
    )
    c = parse_credits(blocks, "f")
    assert (c.written_by, c.edited_by, c.published, c.updated) == ("Jane Doe", "EUDiF", "2021-03", "2023-06")


def test_credits_without_update():
    blocks = tuple(
        Block(spans=(Span(t),), where=Where()) for t in ("Written by: A", "Edited by: B", "November 2024")
    )
    c = parse_credits(blocks, "f")
    assert (c.published, c.updated) == ("2024-11", None)
