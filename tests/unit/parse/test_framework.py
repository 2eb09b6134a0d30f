"""Timeline entries of the policy and legislative framework."""

from __future__ import annotations

from pipeline.model.document import Block, Span, Where
from pipeline.parse.framework import parse_framework


def test_timeline_entry_title_from_bold_or_marker():
    bold = Block(
        spans=(
            Span("2014", bold=True),
            Span(" ∨ 2018 ● "),
            Span("Plan:", bold=True),
            Span("8", marker=True),
            Span(" It does."),
        ),
        where=Where(),
    )
    plain = Block(
        spans=(Span("2007 ● Prakas 012/2007"), Span("5", marker=True), Span(" created it.")), where=Where()
    )
    a, b = parse_framework((bold, plain), "f").records
    assert (a.start_year, a.end_year, a.title, a.description) == (2014, 2018, "Plan", "It does.")
    assert (b.start_year, b.end_year, b.title, b.description) == (
        2007,
        None,
        "Prakas 012/2007",
        "created it.",
    )
