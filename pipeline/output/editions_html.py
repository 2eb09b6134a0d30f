"""``editions.html``: the ``editions_wide`` view as a page, led by the indicators of each country
across its editions as small multiples (one static SVG per country and indicator: no script, no
network, no library). Every value from a profile is escaped."""

from __future__ import annotations

import datetime
import math
from collections import defaultdict
from collections.abc import Mapping, Sequence
from html import escape
from typing import Any

from schemas.tables import INDICATOR_CODES

PANEL = (128, 60)  # width, height of one small multiple, pixels
PAD = (6, 12)  # horizontal, vertical padding inside a panel
SHORT_NAMES = {
    "emigrants_pct_population": "emigrants, % of population",
    "emigrants_male_pct": "emigrants, % male",
    "emigrants_female_pct": "emigrants, % female",
    "emigrants_in_eu_pct": "of which in the EU, %",
    "emigrants_in_eu_male_pct": "in the EU, % male",
    "emigrants_in_eu_female_pct": "in the EU, % female",
    "remittances_pct_gdp": "remittances, % of GDP",
    "remittances_usd_million": "remittances, USD million",
}
COUNT_COLUMNS = ("destinations", "policies", "practices", "institutions", "organisations", "notes")


def _e(value: Any) -> str:
    return "" if value is None else escape(str(value), quote=True)


def _number(value: float | None) -> str:
    if value is None:
        return "–"
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


def _missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def panel(points: Sequence[tuple[datetime.date | None, float | None]], label: str) -> str:
    """One indicator of one country over its editions (oldest left): a line through the known
    values (broken where a value is missing), a dot per value with its edition and value as a
    tooltip, and the latest value written at the right."""
    width, height = PANEL
    known: list[tuple[int, float]] = [
        (i, float(v)) for i, (_, v) in enumerate(points) if v is not None and not _missing(v)
    ]
    title = f"<title>{_e(label)}</title>"
    svg = f'<svg class="panel" width="{width}" height="{height}" viewBox="0 0 {width} {height}" role="img">'
    if not known:
        return (
            f'{svg}{title}<text x="{width / 2}" y="{height / 2}" text-anchor="middle" class="none">'
            "not in the documents</text></svg>"
        )
    low, high = min(v for _, v in known), max(v for _, v in known)
    top_label = _e(_number(high)) if high != low else ""  # the highest value, when they differ
    if low == high:
        low, high = low - 1, high + 1
    right = width - PAD[0] - 36  # room for the latest value

    def x(i: int) -> float:
        return PAD[0] + (right - PAD[0]) * (i / (len(points) - 1) if len(points) > 1 else 0.5)

    def y(v: float) -> float:
        return height - PAD[1] - (height - 2 * PAD[1]) * (v - low) / (high - low)

    runs: list[list[str]] = [[]]
    values = dict(known)
    for i in range(len(points)):
        if i in values:
            runs[-1].append(f"{x(i):.1f},{y(values[i]):.1f}")
        else:
            runs.append([])
    lines = "".join(f'<polyline points="{" ".join(r)}"/>' for r in runs if len(r) > 1)
    dots = "".join(
        f'<circle cx="{x(i):.1f}" cy="{y(v):.1f}" r="2.2">'
        f"<title>{_e(points[i][0])}: {_e(_number(v))}</title></circle>"
        for i, v in known
    )
    last_i, last_v = known[-1]
    return (
        f"{svg}{title}"
        f'<line class="axis" x1="{PAD[0]}" y1="{height - PAD[1] / 2}" x2="{right}" '
        f'y2="{height - PAD[1] / 2}"/>'
        f"{lines}{dots}"
        f'<text x="{right + 4}" y="{y(last_v) + 4:.1f}">{_e(_number(last_v))}</text>'
        f'<text class="range" x="{PAD[0]}" y="{PAD[1] - 3}">{top_label}</text>'
        "</svg>"
    )


def small_multiples(rows: Sequence[Mapping[str, Any]]) -> str:
    """A table: one row per country, one SVG per indicator across the country's editions."""
    by_country: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
    for row in rows:
        by_country[row.get("iso3") or row.get("country") or row["profile_id"]].append(row)
    head = "".join(f"<th>{_e(SHORT_NAMES.get(code, code))}</th>" for code in INDICATOR_CODES)
    body = []
    for key in sorted(by_country, key=lambda k: str(by_country[k][0].get("country") or k)):
        editions = sorted(by_country[key], key=lambda r: (r.get("edition") is None, r.get("edition") or ""))
        first, last = editions[0].get("edition"), editions[-1].get("edition")
        name = editions[-1].get("country") or key
        cells = "".join(
            "<td>"
            + panel(
                [(r.get("edition"), r.get(code)) for r in editions],
                f"{name}: {SHORT_NAMES.get(code, code)}, {len(editions)} edition(s)",
            )
            + "</td>"
            for code in INDICATOR_CODES
        )
        span = f"{_e(first)} – {_e(last)}" if len(editions) > 1 else _e(first)
        body.append(
            f'<tr data-country="{_e(key)}"><th>{_e(name)} <span class="muted">({_e(key)})</span><br>'
            f'<span class="muted">{len(editions)} edition(s), {span}</span></th>{cells}</tr>'
        )
    return (
        f'<table id="multiples"><thead><tr><th>country</th>{head}</tr></thead>'
        f"<tbody>{''.join(body)}</tbody></table>"
    )


def editions_table(rows: Sequence[Mapping[str, Any]]) -> str:
    columns = ["country", "iso3", "edition", *INDICATOR_CODES, *COUNT_COLUMNS, "errors", "warnings"]
    head = "".join(f"<th>{_e(SHORT_NAMES.get(c, c))}</th>" for c in columns)
    body = "".join(
        "<tr>"
        + "".join(f"<td>{_e(_number(r.get(c)) if c in INDICATOR_CODES else r.get(c))}</td>" for c in columns)
        + "</tr>"
        for r in rows
    )
    return f'<table id="editions"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


CSS = """
body { font: 14px/1.45 system-ui, sans-serif; margin: 0 auto; max-width: 1600px; padding: 1rem 1.5rem;
  color: #1d2025; }
table { border-collapse: collapse; }
th, td { border-bottom: 1px solid #d0d4da; padding: .2rem .4rem; text-align: left; vertical-align: middle; }
thead th { background: #f3f5f7; font-size: .85em; }
.muted { color: #5b616b; font-weight: normal; font-size: .9em; }
svg.panel polyline { fill: none; stroke: #1f5f99; stroke-width: 1.5; }
svg.panel circle { fill: #1f5f99; }
svg.panel .axis { stroke: #d0d4da; } svg.panel text { font-size: 10px; fill: #1d2025; }
svg.panel .range, svg.panel .none { fill: #8a9099; }
#editions td { white-space: nowrap; font-variant-numeric: tabular-nums; }
"""


def render_editions(rows: Sequence[Mapping[str, Any]]) -> str:
    """Pure: the rows of ``editions_wide`` -> the page."""
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>Editions · diaspora-profiles</title>
<style>{CSS}</style>
</head>
<body>
<h1>Editions</h1>
<p class="muted">One row per edition (the view editions_wide of diaspora.duckdb). Each small chart is one
indicator of one country across its editions, oldest left, the latest value at the right; a dot's tooltip
gives its edition. A gap is an edition that does not give the value.</p>
<h2>Indicators across editions</h2>
{small_multiples(rows)}
<h2>Every edition</h2>
<div style="overflow-x:auto">{editions_table(rows)}</div>
</body>
</html>
"""
