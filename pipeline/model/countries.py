"""Country names as printed -> ISO 3166-1 alpha-3, offline (pycountry plus a small alias table)."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import pycountry

# Names in use in the profiles that pycountry does not list under any of its names.
ALIASES: dict[str, str] = {
    "russia": "RUS",
    "north korea": "PRK",
    "usa": "USA",
    "us": "USA",
    "uk": "GBR",
    "great britain": "GBR",
    "britain": "GBR",
    "england": "GBR",
    "ivory coast": "CIV",
    "laos": "LAO",
    "syria": "SYR",
    "iran": "IRN",
    "turkey": "TUR",
    "czech republic": "CZE",
    "macedonia": "MKD",
    "swaziland": "SWZ",
    "burma": "MMR",
    "cape verde": "CPV",
    "palestine": "PSE",
    "vatican": "VAT",
    "democratic republic of the congo": "COD",
    "dr congo": "COD",
    "drc": "COD",
    "republic of the congo": "COG",
    "congo-brazzaville": "COG",
    "the gambia": "GMB",
    "east timor": "TLS",
}


def fold(name: str) -> str:
    """Case-, accent-, apostrophe- and space-insensitive form of a name."""
    text = name
    if not text.isascii():  # (ASCII has nothing to decompose)
        text = "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))
    text = text.replace("’", "'").replace("‘", "'").casefold()
    text = re.sub(r"[^\w' -]+", " ", text)
    text = re.sub(r"^the\s+", "", " ".join(text.split()))
    return text


@lru_cache(maxsize=1)
def _index() -> dict[str, str]:
    index: dict[str, str] = {}
    for country in pycountry.countries:
        for attr in ("name", "official_name", "common_name"):
            value = getattr(country, attr, None)
            if value:
                index.setdefault(fold(value), country.alpha_3)
        # "Korea, Republic of" -> "Republic of Korea"
        if "," in country.name:
            head, tail = (p.strip() for p in country.name.split(",", 1))
            index.setdefault(fold(f"{tail} {head}"), country.alpha_3)
        index.setdefault(fold(country.alpha_3), country.alpha_3)
    for alias, code in ALIASES.items():
        index.setdefault(fold(alias), code)
    return index


def resolve(name: str | None) -> str | None:
    """ISO3 of a country name, or None when it is not a country."""
    if not name or not name.strip():
        return None
    return _index().get(fold(name))


def is_iso3(code: str) -> bool:
    return pycountry.countries.get(alpha_3=code) is not None


def display_name(printed: str) -> str:
    """A country name for tables: the printed name, title-cased when set in capitals."""
    printed = " ".join(printed.split())
    if printed.isupper():
        small = {"and", "of", "the", "de", "da", "do", "du"}
        words = printed.lower().split()
        return " ".join(w if (i and w in small) else w[:1].upper() + w[1:] for i, w in enumerate(words))
    return printed
