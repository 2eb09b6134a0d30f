"""The domain constants have one home, and every stage reads them from it."""

from __future__ import annotations

import re

from pipeline.model import domain
from pipeline.parse import facts
from schemas import TABLES


def isin(table: str, column: str) -> list[str]:
    (check,) = [c for c in TABLES[table].schema.columns[column].checks if c.name == "isin"]
    return list(check.statistics["allowed_values"])


def bounds(table: str, column: str) -> tuple[int, int]:
    stats = {c.name: c.statistics for c in TABLES[table].schema.columns[column].checks}
    return stats["greater_than_or_equal_to"]["min_value"], stats["less_than_or_equal_to"]["max_value"]


def test_a_year_is_four_digits_from_the_earliest_year_to_the_last():
    year = re.compile(domain.YEAR)
    matching = [y for y in range(1000, 3000) if year.fullmatch(str(y))]
    assert matching == list(range(domain.EARLIEST_YEAR, domain.YEAR_MAX + 1))
    assert not year.fullmatch("19") and not year.fullmatch("20100")


def test_the_century_fragment_covers_every_year_but_the_last():
    century = re.compile(rf"{domain.CENTURY}\d\d")
    assert [y for y in range(1000, 3000) if century.fullmatch(str(y))] == list(
        range(domain.EARLIEST_YEAR, domain.YEAR_MAX)
    )


def test_a_decade_is_written_with_an_s():
    decade = re.compile(domain.DECADE)
    assert decade.fullmatch("1990s") and decade.fullmatch("2020s") and decade.fullmatch("1880s")
    assert not decade.fullmatch("1995s") and not decade.fullmatch("1990")


def test_the_schemas_accept_the_domain_codes_in_their_order():
    assert isin("indicators", "indicator") == list(domain.INDICATOR_CODES)
    assert isin("indicators", "unit") == list(domain.UNITS) == ["pct", "usd_million"]
    assert isin("political_rights", "right") == list(domain.RIGHTS)
    assert isin("institutions", "level") == list(domain.LEVELS)


def test_the_schemas_bound_years_by_the_domain():
    assert bounds("policy_framework", "start_year") == (domain.YEAR_MIN, domain.YEAR_MAX)
    assert bounds("practices", "end_year") == (domain.YEAR_MIN, domain.YEAR_MAX)
    assert bounds("institutions", "founded") == (domain.EARLIEST_YEAR, domain.YEAR_MAX)
    assert bounds("mentions", "year") == (domain.EARLIEST_YEAR, domain.YEAR_MAX)


def test_the_facts_parser_reads_every_indicator_and_names_every_right():
    assert facts.INDICATORS == tuple(domain.INDICATOR_UNITS.items())
    assert [code for code, _ in facts.RIGHTS] == list(domain.RIGHTS)
    assert set(facts.RIGHT_WORDINGS) == set(domain.RIGHTS)
