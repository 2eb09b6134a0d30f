"""Normalised values of matched text: a country's ISO3, a date's years, an amount and its
currency, a percentage. Pure functions of the matched tokens; None where the text does not say."""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.enrich import vocabulary as v
from pipeline.enrich.patterns import currency_lexicon
from pipeline.model import countries
from pipeline.model.domain import CENTURY, YEAR
from pipeline.parse.text import parse_number

DECADE = re.compile(rf"^({CENTURY}\d0)s$")


def country(text: str, pattern_id: str | None = None) -> str | None:
    """ISO3 of a country mention: the code its pattern carries, else the name resolved."""
    return pattern_id if pattern_id and countries.is_iso3(pattern_id) else countries.resolve(text)


@dataclass(frozen=True)
class Years:
    year: int | None
    end_year: int | None = None


def date(tokens: list[str]) -> Years:
    """'2014–2018', 'between 2000 and 2015' -> 2014/2018, 2000/2015; 'May 2022' -> 2022;
    'early 1990s' -> 1990/1999."""
    for token in tokens:
        m = DECADE.match(token)
        if m:
            start = int(m.group(1))
            return Years(start, start + 9)
    years = [int(y) for t in tokens for y in re.findall(rf"(?<!\d){YEAR}(?!\d)", t)]
    if not years:
        return Years(None)
    if len(years) == 1:
        return Years(years[0])
    return Years(years[0], years[-1])


@dataclass(frozen=True)
class Amount:
    amount: float | None
    currency: str | None = None


def money(tokens: list[str]) -> Amount:
    """'US$20' -> 20 USD; 'USD 1,272 million' -> 1272000000 USD; '200 cedis' -> 200 GHS;
    a bare '$' names no currency."""
    lexicon = currency_lexicon()
    amount = None
    currency = None
    multiplier = 1.0
    words: list[str] = []
    for token in tokens:
        lower = token.lower()
        if amount is None and re.match(r"^\d", token):
            amount = parse_number(token)
        elif lower in v.MULTIPLIERS:
            multiplier = v.MULTIPLIERS[lower]
        elif token in v.CURRENCY_SYMBOLS:
            currency = v.CURRENCY_SYMBOLS[token]
        elif token in lexicon.codes:
            currency = token
        else:
            words.append(lower)
    if words:  # "US dollars", "cedis"; a qualifier the lexicon does not know is left out
        currency = lexicon.names.get(tuple(words), lexicon.names.get(tuple(words[-1:])))
    return Amount(None if amount is None else round(amount * multiplier, 6), currency)


def percent(tokens: list[str]) -> float | None:
    for token in tokens:
        if re.match(r"^\d", token):
            return parse_number(token)
    return None
