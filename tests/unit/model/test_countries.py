"""Country names to ISO 3166-1 alpha-3 codes."""

from __future__ import annotations

import pytest

from pipeline.model.countries import resolve


@pytest.mark.parametrize(
    "name,iso3",
    [
        ("South Korea", "KOR"),
        ("Vietnam", "VNM"),
        ("Côte d'Ivoire", "CIV"),
        ("Russian Federation", "RUS"),
        ("Atlantis", None),
    ],
)
def test_country_names(name, iso3):
    assert resolve(name) == iso3
