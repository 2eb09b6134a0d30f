"""What a profile's values can be: the codes, levels and years every stage agrees on, in one place.

The parsers write these codes, the schemas (``schemas/tables.py``) accept only them, and the checks
read them. Nothing here imports anything: every stage may import it.
"""

from __future__ import annotations

# The facts page's indicators, in the order the indicators table lists them, with their unit.
INDICATOR_UNITS: dict[str, str] = {
    "emigrants_pct_population": "pct",
    "emigrants_male_pct": "pct",
    "emigrants_female_pct": "pct",
    "emigrants_in_eu_pct": "pct",
    "emigrants_in_eu_male_pct": "pct",
    "emigrants_in_eu_female_pct": "pct",
    "remittances_pct_gdp": "pct",
    "remittances_usd_million": "usd_million",
}
INDICATOR_CODES: tuple[str, ...] = tuple(INDICATOR_UNITS)
UNITS: tuple[str, ...] = tuple(dict.fromkeys(INDICATOR_UNITS.values()))

# The formats a profile comes in (profiles.source_format). An edition given in both is one record,
# its values from the source of the preferred format: PREFERRED_FORMAT unless a run prefers the other.
SOURCE_FORMATS: tuple[str, ...] = ("pdf", "text")
PREFERRED_FORMAT = "text"  # the text edition is the publisher's typed text: no extraction to get wrong

# The political rights of citizens abroad that a profile lists, in its order.
RIGHTS: tuple[str, ...] = ("dual_citizenship", "vote_national_elections_abroad", "voting_from_abroad")
# How a designed facts page prints a right's status beside its icon.
STATUS_WORDINGS: dict[str, str] = {  # wording (a pattern, any case) -> political_rights.status
    r"not\s+(?:yet\s+)?implemented": "not_implemented",
    r"partial(?:ly)?": "partial",
    r"yes": "yes",
    r"no": "no",
}

# The levels of the annex's institutions.
LEVELS: tuple[str, ...] = ("regional", "ministerial", "sub-ministerial", "local")

# Years. A dated event (a policy, a practice) falls in YEAR_MIN..YEAR_MAX; a founding year or a
# year named in the text may be as early as EARLIEST_YEAR.
EARLIEST_YEAR, YEAR_MIN, YEAR_MAX = 1800, 1900, 2100

# The one year pattern fragment: a year's first two digits, for the years EARLIEST_YEAR..YEAR_MAX - 1.
# Every year pattern of the pipeline is built from it (anchored, grouped or bounded where it is used).
CENTURY = r"(?:1[89]|20)"
YEAR = rf"(?:{CENTURY}\d\d|{YEAR_MAX})"  # a year EARLIEST_YEAR..YEAR_MAX, as four digits
DECADE = rf"{CENTURY}\d0s"  # "1990s"
