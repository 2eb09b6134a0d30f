"""editions.html: one small multiple per country and indicator, static SVG, values escaped."""

from __future__ import annotations

import datetime
from html.parser import HTMLParser

from pipeline.output.editions_html import panel, render_editions
from schemas.tables import INDICATOR_CODES


class Svg(HTMLParser):
    def __init__(self, page: str):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.text = ""
        self.feed(page)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text += data


def edition(country: str, iso3: str, month: int, **values) -> dict:
    return {
        "profile_id": f"{iso3}-2024-{month:02d}",
        "country": country,
        "iso3": iso3,
        "edition": datetime.date(2024, month, 1),
        **{c: values.get(c) for c in INDICATOR_CODES},
    }


def test_one_row_of_panels_per_country_oldest_edition_first():
    rows = [
        edition("Cambodia", "KHM", 9, remittances_pct_gdp=5.2),
        edition("Cambodia", "KHM", 3, remittances_pct_gdp=4.9),
        edition("Ghana", "GHA", 6, remittances_pct_gdp=5.9),
    ]
    page = Svg(render_editions(rows))
    assert [a["data-country"] for t, a in page.tags if t == "tr" and "data-country" in a] == ["KHM", "GHA"]
    assert sum(t == "svg" for t, _ in page.tags) == 2 * len(INDICATOR_CODES)
    assert "2024-03-01: 4.9" in page.text and "2024-09-01: 5.2" in page.text  # dots' tooltips, in order
    assert page.text.index("2024-03-01: 4.9") < page.text.index("2024-09-01: 5.2")
    assert not any(t in ("script", "img", "a", "link") for t, _ in page.tags)


def test_a_missing_value_breaks_the_line():
    points = [(datetime.date(2020 + i, 1, 1), v) for i, v in enumerate([1.0, 2.0, None, 3.0, 4.0])]
    svg = Svg(panel(points, "x"))
    assert [t for t, _ in svg.tags].count("polyline") == 2 and [t for t, _ in svg.tags].count("circle") == 4


def test_values_from_profiles_are_escaped():
    page = render_editions([edition('<script>alert(1)</script>', "KHM", 1)])
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
