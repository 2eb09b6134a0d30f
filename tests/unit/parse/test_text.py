"""Numbers and lead phrases as the parsers read them."""

from __future__ import annotations

import pytest

from pipeline.parse.text import colon_lead, parse_number


@pytest.mark.parametrize(
    "raw,value",
    [("1,272", 1272), ("4.9", 4.9), ("689,451", 689451), ("1.234.567", 1234567), ("12,5", 12.5), ("x", None)],
)
def test_numbers(raw, value):
    assert parse_number(raw) == value


def test_inline_colon_lead():
    assert colon_lead("Citizen rights: Prime Minister spoke.").lead == "Citizen rights"
    assert colon_lead("In 2020, the figures: many.").lead is None
