"""The genre's words for instruments, amounts and dates: shared by every country, named by no
country's data. Country names come from pycountry, actors and framework titles from the
profile itself (``patterns.py``), month names from ``calendar``, currencies from pycountry."""

from __future__ import annotations

# Kinds of legal and policy instrument: surface form (lower case, as tokenised) -> kind.
KINDS: dict[str, str] = {
    "law": "law",
    "act": "act",
    "code": "code",
    "constitution": "constitution",
    "decree": "decree",
    "royal decree": "royal decree",
    "sub-decree": "sub-decree",
    "subdecree": "sub-decree",
    "sub decree": "sub-decree",
    "prakas": "prakas",  # ministerial regulation (Cambodia's legal system, as named in its profiles)
    "ordinance": "ordinance",
    "order": "order",
    "regulation": "regulation",
    "resolution": "resolution",
    "directive": "directive",
    "decision": "decision",
    "circular": "circular",
    "convention": "convention",
    "agreement": "agreement",
    "memorandum of understanding": "mou",
    "mou": "mou",
    "policy": "policy",
    "strategy": "strategy",
    "plan": "plan",
    "programme": "programme",
    "program": "programme",
}

# Kinds that end a capitalised name ("Dual Nationality Act", "National Employment Policy") or
# open one ("Law on Diaspora Relations"). Programmes are left to the framework titles: most
# capitalised "... Programme" names in profiles are practices, not instruments.
NAMED_KINDS: tuple[str, ...] = (
    "law",
    "act",
    "code",
    "constitution",
    "decree",
    "ordinance",
    "regulation",
    "resolution",
    "directive",
    "convention",
    "agreement",
    "policy",
    "strategy",
    "plan",
)

# Words that link the capitalised words of a name.
NAME_LINKS: tuple[str, ...] = ("of", "and", "for", "on", "the", "in", "to")
# Words that open a sentence or a noun phrase but not a name ("Under the National Policy").
NOT_NAME_START: tuple[str, ...] = (
    "the",
    "a",
    "an",
    "this",
    "that",
    "these",
    "those",
    "its",
    "their",
    "his",
    "her",
    "our",
    "each",
    "every",
    "and",
    "or",
    "but",
    "as",
    "at",
    "by",
    "in",
    "on",
    "of",
    "for",
    "from",
    "to",
    "with",
    "within",
    "without",
    "under",
    "through",
    "since",
    "after",
    "before",
    "during",
    "following",
    "according",
    "while",
    "when",
    "where",
    "which",
    "whose",
    "although",
    "though",
    "if",
    "once",
    "until",
    "upon",
    "via",
    "both",
    "all",
)

# "No. 190", "Nr 5", "number 12"
NUMBER_WORDS: tuple[str, ...] = ("no.", "no", "nr.", "nr", "nos.", "number", "n°")

# Currency symbols (codes and names come from pycountry). A bare "$" names no one currency.
CURRENCY_SYMBOLS: dict[str, str | None] = {
    "US$": "USD",
    "$": None,
    "€": "EUR",
    "£": "GBP",
    "¥": None,
    "₹": "INR",
    "₦": "NGN",
    "₵": "GHS",
}
# Currency names (from pycountry) that are also everyday English words: not taken as money.
NOT_CURRENCY_WORDS: tuple[str, ...] = (
    "real",
    "reals",
    "won",
    "sol",
    "sols",
    "som",
    "rand",
    "rands",
    "pound",
    "pounds",
    "colon",
    "colons",
    "dram",
    "drams",
)
MULTIPLIERS: dict[str, float] = {
    "thousand": 1e3,
    "million": 1e6,
    "mn": 1e6,
    "billion": 1e9,
    "bn": 1e9,
    "trillion": 1e12,
}
PERCENT_WORDS: tuple[tuple[str, ...], ...] = (("%",), ("percent",), ("per", "cent"), ("pct",))

DECADE_QUALIFIERS: tuple[str, ...] = ("early", "mid", "late")
RANGE_DASHES = "-–—"
