"""Matcher patterns, built from data: pycountry and the alias table of ``pipeline.model.countries`` for
countries, the genre vocabulary for instrument kinds, amounts and dates, and the profile's own
records for its actors (institutions, organisations) and its policy framework titles.

Pure: a ``Tokenize`` callable (the nlp's tokenizer) turns a name into the tokens a pattern
matches, so patterns and texts are tokenised alike. Nothing here imports spaCy.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache

import pycountry

from pipeline.enrich import vocabulary as v
from pipeline.model import countries
from pipeline.model.domain import DECADE, YEAR
from pipeline.model.records import ProfileRecords

Tokenize = Callable[[str], list[str]]
TokenSpec = dict
Pattern = list[TokenSpec]

YEAR_TOKEN = rf"^{YEAR}$"
NUMBER_TOKEN = r"^\d[\d,]*(?:\.\d+)?$"
# the number of an instrument: "190", "012/2007", "68/2009", "45-a", "no.12/2010"
SERIAL = r"(?:no\.)?\d+[A-Za-z]?(?:[/.\-]\d+[A-Za-z]?)*"
SERIAL_TOKEN = rf"^{SERIAL}$"
SERIAL_NOT_YEAR = rf"^(?!{YEAR}$){SERIAL}$"
CAPITALISED = r"^[A-Z][\w'’\-]*$"
# A text can hold a match of a shared token pattern only where it holds a digit (every year,
# number, serial, day, decade and amount token has one) or an instrument kind written capitalised
# as a named instrument's is ("Act", "Policy"): every token pattern holds one such token
# (tests/unit/enrich/test_patterns.py), so the token Matcher need not look at other texts
# (``pipeline.enrich.nlp.GatedEntityRuler``).
TOKEN_GATE = re.compile(r"\d|\b(?:" + "|".join(k.capitalize() for k in v.NAMED_KINDS) + r")\b")
# words that stay lower case inside a capitalised name
LINK_WORDS = frozenset(
    {
        "of",
        "the",
        "and",
        "for",
        "on",
        "in",
        "to",
        "de",
        "des",
        "du",
        "da",
        "do",
        "di",
        "la",
        "le",
        "et",
        "'s",
        "’s",
    }
)


# -- token specs ---------------------------------------------------------------------------------


def strip_accents(text: str) -> str:
    if text.isascii():  # nothing to decompose (the usual case)
        return text
    return "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))


def spelling_variants(word: str) -> list[str]:
    """Lower-case spellings of one word a name may be written with: British/American
    (-isation/-ization, -our/-or, -re/-er, programme/program) and without accents."""
    w = word.lower()
    out = {w, strip_accents(w)}
    for a, b in (
        ("isation", "ization"),
        ("isations", "izations"),
        ("ization", "isation"),
        ("izations", "isations"),
        ("programme", "program"),
    ):
        if w.endswith(a):
            out.add(w[: -len(a)] + b)
    if len(w) >= 6 and w.endswith("our"):
        out.add(w[:-3] + "or")
    if len(w) >= 6 and w.endswith("re"):
        out.add(w[:-2] + "er")
    return sorted(out)


def _lower(variants: list[str]) -> dict:
    return {"LOWER": variants[0]} if len(variants) == 1 else {"LOWER": {"IN": variants}}


def name_token(token: str) -> TokenSpec:
    """A token of a proper name: a capitalised word must not be written in lower case in the
    text (so "the ministry of labour" is not the Ministry of Labour), short all-capital words
    must be written so; link words and punctuation match in any case. Spelling variants count."""
    if token.lower() in LINK_WORDS or not token[:1].isalnum():
        return {"LOWER": token.lower()}
    if token.isupper() and len(token) <= 3 and token.isalpha():
        return {"ORTH": token}
    spec = _lower(spelling_variants(token))
    if token[:1].isupper():
        spec["IS_LOWER"] = False
    return spec


def name_pattern(name: str, tokenize: Tokenize) -> Pattern:
    tokens = tokenize(name)
    pattern = [name_token(t) for t in tokens]
    if len(tokens) == 1 and "IS_LOWER" not in pattern[0] and "ORTH" not in pattern[0]:
        pattern[0]["IS_LOWER"] = False
    return pattern


def acronym_pattern(acronym: str, tokenize: Tokenize) -> Pattern:
    """An acronym in any mix of case but not all lower case: MoLVT, MOLVT."""
    return [
        {"LOWER": t.lower(), "IS_LOWER": False} if t.isalnum() else {"ORTH": t} for t in tokenize(acronym)
    ]


# -- countries -----------------------------------------------------------------------------------


def _cased_alias(alias: str) -> str:
    """'north korea' -> 'North Korea', 'uk' -> 'UK', 'congo-brazzaville' -> 'Congo-Brazzaville'
    (the alias table is folded to lower case)."""

    def word(w: str) -> str:
        if w in LINK_WORDS:
            return w
        return w.upper() if len(w) <= 3 else "-".join(p[:1].upper() + p[1:] for p in w.split("-"))

    return " ".join(word(w) for w in alias.split())


def country_names() -> list[tuple[str, str]]:
    """(name as printed, ISO3) for every name pycountry or the alias table knows: names,
    official and common names, "Korea, Republic of" turned to "Republic of Korea",
    "Falkland Islands (Malvinas)" without its parenthesis. Codes are those
    ``pipeline.model.countries`` resolves the name to, so mentions and tables agree."""
    named: list[tuple[str, str | None]] = []
    for country in pycountry.countries:
        for attr in ("name", "official_name", "common_name"):
            value = getattr(country, attr, None)
            if value:
                named.append((value, country.alpha_3))
        if "," in country.name:
            head, tail = (p.strip() for p in country.name.split(",", 1))
            named.append((f"{tail} {head}", country.alpha_3))
    named += [(_cased_alias(a), None) for a in countries.ALIASES]
    out: dict[str, str] = {}
    for name, own in named:
        name = " ".join(re.sub(r"\([^)]*\)", " ", name).split())
        code = countries.resolve(name) or own
        if code and "," not in name:
            out.setdefault(name, code)
    return sorted(out.items())


def country_spellings(name: str) -> list[str]:
    """How a country name is written in prose: as printed, and without accents ("Côte
    d'Ivoire", "Cote d'Ivoire"). Matched exactly, so "chad" and "us" are not countries."""
    return sorted({name, strip_accents(name)})


def country_patterns() -> list[dict]:
    """Phrase patterns, one per spelling, carrying the ISO3 as their id."""
    patterns = []
    seen: set[str] = set()
    for name, code in country_names():
        for spelling in country_spellings(name):
            if spelling not in seen:
                seen.add(spelling)
                patterns.append({"label": "GPE", "pattern": spelling, "id": code})
    return patterns


# -- legal instruments ---------------------------------------------------------------------------


def kind_forms(tokenize: Tokenize) -> list[list[str]]:
    """Each kind's surface form as lower-case tokens ('sub-decree' -> ['sub', '-', 'decree'])."""
    forms = {tuple(t.lower() for t in tokenize(form)) for form in v.KINDS}
    return sorted(list(f) for f in forms)


def instrument_patterns(tokenize: Tokenize) -> list[dict]:
    """Numbered instruments ("Prakas 012/2007", "Sub-Decree No. 190 (2011)", "Law No. 45 of 2013")
    and capitalised named ones ("Dual Nationality Act", "Law on Diaspora Relations No. 45")."""
    forms = kind_forms(tokenize)
    kinds: list[Pattern] = [[{"LOWER": {"IN": sorted(f[0] for f in forms if len(f) == 1)}}]]
    kinds += [[{"LOWER": t} for t in f] for f in forms if len(f) > 1]
    patterns: list[dict] = []
    for kind in kinds:
        for number in _serials():
            for tail in _year_tails():
                patterns.append({"label": "LAW", "pattern": kind + number + tail})
    named_kind = {"LOWER": {"IN": list(v.NAMED_KINDS)}, "IS_TITLE": True}
    word, links = _name_words()
    first = {"TEXT": {"REGEX": rf"^{word}$"}, "LOWER": {"NOT_IN": list(v.NOT_NAME_START)}}
    inner = {"TEXT": {"REGEX": rf"^(?:{word}|{links})$"}, "OP": "*"}
    inner_after = {"TEXT": {"REGEX": rf"^(?:{word}|{links}|the)$"}, "OP": "*"}
    link = {"LOWER": {"IN": list(LINKS_AFTER_KIND)}}
    capital = {"TEXT": {"REGEX": CAPITALISED}}
    for number in ([],) + tuple(_serials()):
        for tail in _year_tails():
            # "National Employment Policy", "Dual Nationality Act No. 5 of 2002"
            patterns.append({"label": "LAW", "pattern": [first, inner, named_kind, *number, *tail]})
            # "Law on Diaspora Relations No. 45", "Policy on Labour Migration"
            patterns.append(
                {"label": "LAW", "pattern": [named_kind, link, capital, inner_after, capital, *number, *tail]}
            )
            patterns.append({"label": "LAW", "pattern": [named_kind, link, capital, *number, *tail]})
    return patterns


LINKS_AFTER_KIND = ("on", "of", "for", "regarding", "concerning")  # "Law on ...", "Policy for ..."


def _serials() -> list[Pattern]:
    """An instrument's number: "No. 190", "No.190", "012/2007" (a year alone is no number)."""
    number_word = {"LOWER": {"IN": list(v.NUMBER_WORDS)}}
    return [
        [number_word, {"ORTH": ".", "OP": "?"}, {"TEXT": {"REGEX": SERIAL_TOKEN}}],
        [{"TEXT": {"REGEX": SERIAL_NOT_YEAR}}],
    ]


def _year_tails() -> list[Pattern]:
    """What may follow an instrument's number: nothing, "(2011)" or "of 2013"."""
    return [
        [],
        [{"ORTH": "("}, {"TEXT": {"REGEX": YEAR_TOKEN}}, {"ORTH": ")"}],
        [{"LOWER": "of"}, {"TEXT": {"REGEX": YEAR_TOKEN}}],
    ]


def _name_words() -> tuple[str, str]:
    """The words of a name (regexes): capitalised words that are no kind (a kind ends the name),
    and the link words but "the" ("the" comes only after the kind: "Law on the Status of ...",
    so that "the X Policy and the Y Act" stay two names)."""
    not_kind = rf"(?!(?:{'|'.join(k.capitalize() for k in v.NAMED_KINDS)})$)"
    return rf"{not_kind}[A-Z][\w'’\-]*", "|".join(w for w in v.NAME_LINKS if w != "the")


# -- dates ---------------------------------------------------------------------------------------


def month_names() -> list[str]:
    months = [m.lower() for m in calendar.month_name[1:]] + [m.lower() for m in calendar.month_abbr[1:]]
    return sorted(set(months) | {m + "." for m in (x.lower() for x in calendar.month_abbr[1:])})


def date_patterns() -> list[dict]:
    year = {"TEXT": {"REGEX": YEAR_TOKEN}}
    dash = {"ORTH": {"IN": list(v.RANGE_DASHES)}}
    month = {"LOWER": {"IN": month_names()}, "IS_LOWER": False}
    day = {"TEXT": {"REGEX": r"^(?:[1-9]|[12]\d|3[01])$"}}
    decade = {"TEXT": {"REGEX": rf"^{DECADE}$"}}
    shapes: list[Pattern] = [
        [year],
        [{"TEXT": {"REGEX": rf"^{YEAR}[{v.RANGE_DASHES}]{YEAR}$"}}],
        [year, dash, year],
        [year, {"LOWER": {"IN": ["to", "until", "till"]}}, year],
        [{"LOWER": "between"}, year, {"LOWER": "and"}, year],
        [month, year],
        [day, month, year],
        [month, day, {"ORTH": ","}, year],
        [decade],
        [{"LOWER": {"IN": list(v.DECADE_QUALIFIERS)}}, decade],
    ]
    return [{"label": "DATE", "pattern": p} for p in shapes]


# -- money and percentages -----------------------------------------------------------------------


@dataclass(frozen=True)
class CurrencyLexicon:
    """Currency words and the ISO 4217 code each names (None when it names several)."""

    codes: frozenset[str]
    names: dict[tuple[str, ...], str | None]  # lower-case words -> code: ("ghana", "cedi"), ("cedis",)

    @property
    def words(self) -> list[str]:
        """The words a currency name ends with ("cedi", "cedis", "euros")."""
        return sorted({form[-1] for form in self.names} - set(v.NOT_CURRENCY_WORDS))


# ISO 4217 X-codes are funds, metals and test codes, except the CFA and CFP francs and the
# East Caribbean dollar.
_X_CURRENCIES = {"XOF", "XAF", "XCD", "XPF"}


@lru_cache(maxsize=1)
def currency_lexicon() -> CurrencyLexicon:
    currencies = [
        c for c in pycountry.currencies if not c.alpha_3.startswith("X") or c.alpha_3 in _X_CURRENCIES
    ]
    codes = frozenset(c.alpha_3 for c in currencies)
    by_name: dict[tuple[str, ...], set[str]] = defaultdict(set)
    for c in currencies:
        words = tuple(strip_accents(c.name).lower().split())
        if not words or not all(w.isalpha() for w in words):
            continue
        for form in (words, words[-1:]):  # "ghana cedi", and "cedi"
            by_name[form].add(c.alpha_3)
            by_name[form[:-1] + (form[-1] + "s",)].add(c.alpha_3)  # plurals: "cedis", "euros"
    names = {form: (next(iter(found)) if len(found) == 1 else None) for form, found in by_name.items()}
    return CurrencyLexicon(codes=codes, names=names)


def money_patterns() -> list[dict]:
    lexicon = currency_lexicon()
    number = {"TEXT": {"REGEX": NUMBER_TOKEN}}
    multiplier = {"LOWER": {"IN": list(v.MULTIPLIERS)}, "OP": "?"}
    symbol = {"ORTH": {"IN": list(v.CURRENCY_SYMBOLS)}}
    code = {"ORTH": {"IN": sorted(lexicon.codes)}}
    qualifier = {"IS_ALPHA": True, "OP": "?"}  # "20 US dollars", "200 Ghana cedis"
    word = {"LOWER": {"IN": lexicon.words}}
    shapes: list[Pattern] = [
        [symbol, number, multiplier],
        [code, number, multiplier],
        [number, multiplier, code],
        [number, multiplier, qualifier, word],
    ]
    return [{"label": "MONEY", "pattern": p} for p in shapes]


def percent_patterns() -> list[dict]:
    number = {"TEXT": {"REGEX": NUMBER_TOKEN}}
    return [
        {"label": "PERCENT", "pattern": [number, *({"LOWER": w} for w in words)]} for words in v.PERCENT_WORDS
    ]


def static_patterns(tokenize: Tokenize) -> list[dict]:
    """The shared rules' patterns, the same for every profile: countries (phrases), and
    instruments, dates, amounts and percentages (tokens)."""
    return (
        country_patterns()
        + instrument_patterns(tokenize)
        + date_patterns()
        + money_patterns()
        + percent_patterns()
    )


# -- the profile's own names ---------------------------------------------------------------------


@dataclass(frozen=True)
class Target:
    """What a profile name refers to: an actor's row, or a policy framework row."""

    label: str  # ORG or LAW
    table: str | None  # institutions, organisations, policy_framework; None when ambiguous
    seq: int | None
    alias: str
    candidates: tuple[str, ...] = ()  # "table:seq" of the rows an ambiguous name fits


@dataclass(frozen=True)
class ProfilePatterns:
    patterns: tuple[tuple[str, Pattern], ...]  # (key of a target, pattern)
    targets: dict[str, Target]


ACRONYM_IN_PARENS = re.compile(r"\(([A-Za-z][A-Za-z0-9&\-]{1,11})\)")


def _strip_article(name: str) -> str:
    return re.sub(r"^the\s+", "", name.strip(), flags=re.I)


def derived_acronyms(name: str) -> list[str]:
    """Initials a name is abbreviated by when the profile gives none: 'Ministry of Interior' ->
    MOI (every word), MI (capitalised words); kept at 3 to 6 letters."""
    words = [w for w in re.split(r"[\s\-]+", _strip_article(name)) if w[:1].isalpha()]
    every = "".join(w[0] for w in words).upper()
    capital = "".join(w[0] for w in words if w[0].isupper()).upper()
    return sorted({a for a in (every, capital) if 3 <= len(a) <= 6})


def fold_name(text: str) -> str:
    return " ".join(strip_accents(text).lower().split())


@dataclass(frozen=True)
class _Alias:
    text: str
    target: tuple[str, int]
    rank: int  # 0: a name or acronym the profile writes; 1: derived initials
    acronym: bool


def _actor_aliases(records: ProfileRecords) -> list[_Alias]:
    aliases = []
    for table in ("institutions", "organisations"):
        for row in getattr(records, table):
            target = (table, row.seq)
            aliases.append(_Alias(_strip_article(row.name), target, 0, False))
            if row.acronym:
                aliases.append(_Alias(row.acronym, target, 0, True))
            else:
                aliases += [_Alias(a, target, 1, True) for a in derived_acronyms(row.name)]
    return aliases


def framework_title_aliases(title: str) -> tuple[list[str], list[str]]:
    """(names, acronyms) a framework title is referred to by: the title, the title without its
    parenthesised acronym, the words before that acronym; and the acronym."""
    acronyms = ACRONYM_IN_PARENS.findall(title)
    names = [title]
    if acronyms:
        names.append(" ".join(ACRONYM_IN_PARENS.sub(" ", title).split()))
        head = title[: title.index("(")].strip()
        if len(head.split()) >= 2:
            names.append(head)
    return [_strip_article(n) for n in names], acronyms


def _framework_aliases(records: ProfileRecords) -> list[_Alias]:
    aliases = []
    for row in records.policy_framework:
        names, acronyms = framework_title_aliases(row.title)
        aliases += [_Alias(n, ("policy_framework", row.seq), 0, False) for n in names]
        aliases += [_Alias(a, ("policy_framework", row.seq), 0, True) for a in acronyms]
    return aliases


def _resolve(aliases: Iterable[_Alias], label: str) -> dict[str, tuple[Target, _Alias]]:
    """Folded alias -> its target; a name several rows share targets none (table None). An
    alias the profile writes outranks derived initials of another row."""
    by_fold: dict[str, list[_Alias]] = defaultdict(list)
    for a in aliases:
        by_fold[fold_name(a.text)].append(a)
    out: dict[str, tuple[Target, _Alias]] = {}
    for folded, found in sorted(by_fold.items()):
        best = min(a.rank for a in found)
        found = [a for a in found if a.rank == best]
        targets = sorted({a.target for a in found})
        first = found[0]
        if len(targets) == 1:
            out[folded] = (Target(label, targets[0][0], targets[0][1], first.text), first)
        elif best == 0:  # derived initials that collide are dropped, written names are ambiguous
            out[folded] = (
                Target(label, None, None, first.text, tuple(f"{t}:{s}" for t, s in targets)),
                first,
            )
    return out


def profile_patterns(records: ProfileRecords, tokenize: Tokenize) -> ProfilePatterns:
    """The profile's actors (ORG) and framework titles (LAW): names and acronyms."""
    patterns: list[tuple[str, Pattern]] = []
    targets: dict[str, Target] = {}
    for label, aliases in (("ORG", _actor_aliases(records)), ("LAW", _framework_aliases(records))):
        for folded, (target, alias) in _resolve(aliases, label).items():
            key = f"{label}:{folded}"
            targets[key] = target
            build = acronym_pattern if alias.acronym else name_pattern
            pattern = build(alias.text, tokenize)
            if pattern:
                patterns.append((key, pattern))
    return ProfilePatterns(patterns=tuple(patterns), targets=targets)
