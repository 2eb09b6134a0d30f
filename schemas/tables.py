"""The output tables, each declared once: a pandera ``DataFrameModel`` (strict, coerce, validated
lazily) and, beside it, its ``TableSpec`` (``schemas/spec.py``), collected in order into ``TABLES``.

To add a table: write its record type in ``pipeline/model/records.py`` (and its field on
``ProfileRecords``), its model and ``TableSpec`` here, and the parser that fills it. Frames, types,
validation, the Data Package, ``diff`` and enrichment follow from the declaration.

Provenance columns are shared through the ``Located`` base model: page (1-based, null for
text), pdfplumber's x0/top/x1/bottom (null for text) and line (1-based, null for PDF).

A column's value checks report under the finding code in its ``metadata["code"]`` (default
``schema-check-failed``); ``Config.unique`` is the table's primary key; a spec's ``foreign_keys``
are its references to other tables. ``pipeline/output/datapackage.py`` derives the Data Package
from all three.
"""

from __future__ import annotations

import re
from typing import TypeAlias
from urllib.parse import urlsplit

import pandas as pd
import pandera.pandas as pa
import pycountry
from pandera.typing import Series

from pipeline.model import records as r
from pipeline.model.domain import (
    EARLIEST_YEAR,
    INDICATOR_CODES,
    LEVELS,
    RIGHTS,
    SOURCE_FORMATS,
    STATUS_WORDINGS,
    UNITS,
    YEAR_MAX,
    YEAR_MIN,
)
from schemas.spec import ForeignKey, TableSpec

ISO3_CODES = sorted(c.alpha_3 for c in pycountry.countries)
URL_PATTERN = r"^(https?://|www\.)[^\s<>]+$"
YEAR_RANGE = {"code": "year-out-of-range"}  # metadata: the code a column check reports
ISO3 = {"code": "iso3-unknown"}
AMOUNT = {"code": "value-negative"}

Int: TypeAlias = pd.Int64Dtype
Float: TypeAlias = pd.Float64Dtype
Str: TypeAlias = pd.StringDtype
Bool: TypeAlias = pd.BooleanDtype


class _Base(pa.DataFrameModel):
    class Config:
        strict = True
        coerce = True


# One record per edition: a profile read from its PDF and its text edition is held once
# (pipeline/tables/merge.py), so profile_id is the key of profiles and the prefix of every key.
PROFILE_KEY = ("profile_id",)
# Before the merge, each source's rows: what the checks comparing sources and the checks within one
# source group by (after it, a profile's rows all come from one source, named by source_file).
SOURCE_KEY = ("profile_id", "source_file")
# profiles: every source file of the edition. Not a field of a record: the tables stage names the
# one source a profile's rows are built from, and the merge lists every source of the edition.
SOURCE_FILES = "source_files"
OF_PROFILE = ForeignKey(PROFILE_KEY, "profiles", PROFILE_KEY)  # every row belongs to a listed profile
OF_NOTE = ForeignKey((*PROFILE_KEY, "number"), "footnotes", (*PROFILE_KEY, "number"))  # ... and to a note
_HOST_LABEL = re.compile(r"^(?!-)[\w-]{1,63}(?<!-)$")


def is_well_formed_url(url: str) -> bool:
    """http(s) or www. address with a dotted host of valid labels, a valid port, no spaces."""
    if not isinstance(url, str) or re.search(r"[\s<>\"]", url):
        return False
    try:
        parts = urlsplit(url if re.match(r"^https?://", url, re.I) else "http://" + url)
        parts.port  # noqa: B018 - raises ValueError for a bad port
    except ValueError:
        return False
    host = parts.hostname or ""
    labels = host.split(".")
    return (
        len(labels) >= 2
        and all(_HOST_LABEL.match(label) for label in labels)
        and bool(re.fullmatch(r"[^\W\d_]{2,63}|xn--[\w-]+", labels[-1]))
    )


class Profiles(_Base):
    """One row per profile (a country's edition), read from its PDF or its text edition; when both
    were given, from the preferred one (the text edition unless ``--prefer pdf``), both named in
    source_files."""

    class Config:
        unique = list(PROFILE_KEY)

    profile_id: Series[Str] = pa.Field(
        str_matches=r"^[A-Z0-9_]+-(\d{4}-\d{2}|undated)$",
        description="<ISO3>-<YYYY-MM> of the latest edition date",
    )
    country: Series[Str] = pa.Field(nullable=True, description="country name as printed in the title")
    iso3: Series[Str] = pa.Field(
        nullable=True, isin=ISO3_CODES, metadata=ISO3, description="ISO 3166-1 alpha-3 code"
    )
    written_by: Series[Str] = pa.Field(nullable=True, description="author")
    edited_by: Series[Str] = pa.Field(nullable=True, description="editor")
    published: Series[pa.Date] = pa.Field(
        nullable=True,
        description="first publication; the document gives a month: the first day of that month",
    )
    updated: Series[pa.Date] = pa.Field(
        nullable=True,
        description="update of this edition; the document gives a month: the first day of that month",
    )
    edition: Series[pa.Date] = pa.Field(
        nullable=True, description="date of this edition: updated, else published (first day of the month)"
    )
    has_diaspora_policy: Series[Bool] = pa.Field(
        nullable=True, description="whether the country has a diaspora engagement policy"
    )
    diaspora_policy_text: Series[Str] = pa.Field(nullable=True, description="the sentence saying so")
    terminology: Series[Str] = pa.Field(nullable=True, description="terms used for the diaspora")
    source_file: Series[Str] = pa.Field(description="file name of the source the values were read from")
    source_files: Series[object] = pa.Field(
        description="every source file of this edition, source_file first (';'-joined in CSV)"
    )
    source_sha256: Series[Str] = pa.Field(str_matches=r"^[0-9a-f]{64}$", description="sha256 of source_file")
    source_format: Series[Str] = pa.Field(isin=list(SOURCE_FORMATS), description="pdf or text")
    pages: Series[Int] = pa.Field(nullable=True, ge=1, description="page count (null for text)")


PROFILES = TableSpec(
    "profiles", Profiles, r.Profile, natural_keys=(("iso3",),), cited=True, attribute="profile"
)


class Located(_Base):
    """Rows that come from a place in the document."""

    profile_id: Series[Str] = pa.Field(description="the profile the row belongs to")
    source_file: Series[Str] = pa.Field(
        description="the source file the row was read from (its page and box, or line, are in that file)"
    )
    page: Series[Int] = pa.Field(nullable=True, ge=1, description="1-based page (null for text)")
    x0: Series[Float] = pa.Field(nullable=True, ge=0, description="left of the source block, PDF points")
    top: Series[Float] = pa.Field(
        nullable=True, ge=0, description="top of the source block, PDF points from the page top"
    )
    x1: Series[Float] = pa.Field(nullable=True, ge=0, description="right of the source block")
    bottom: Series[Float] = pa.Field(nullable=True, ge=0, description="bottom of the source block")
    line: Series[Int] = pa.Field(
        nullable=True, ge=1, description="1-based line in the text file (null for PDF)"
    )


class Indicators(Located):
    """Emigration and remittance figures of the facts page, one row per indicator."""

    class Config:
        unique = [*PROFILE_KEY, "seq"]

    seq: Series[Int] = pa.Field(ge=1, description="order of the indicator")
    indicator: Series[Str] = pa.Field(isin=list(INDICATOR_CODES), description="indicator code")
    value: Series[Float] = pa.Field(
        nullable=True,
        ge=0,
        metadata=AMOUNT,
        description="numeric value; null when the document does not type it",
    )
    unit: Series[Str] = pa.Field(isin=list(UNITS), description="pct or usd_million")
    raw: Series[Str] = pa.Field(nullable=True, description="the value as printed")


INDICATORS = TableSpec(
    "indicators",
    Indicators,
    r.Indicator,
    natural_keys=(("indicator",),),
    foreign_keys=(OF_PROFILE,),
    cited=True,
)


class Destinations(Located):
    """Top countries of destination of emigrants."""

    class Config:
        unique = [*PROFILE_KEY, "rank"]

    rank: Series[Int] = pa.Field(ge=1, description="1 = largest")
    country: Series[Str] = pa.Field(description="destination country as printed")
    iso3: Series[Str] = pa.Field(
        nullable=True, isin=ISO3_CODES, metadata=ISO3, description="ISO3 of the destination"
    )
    emigrants: Series[Int] = pa.Field(nullable=True, ge=0, metadata=AMOUNT, description="number of emigrants")


DESTINATIONS = TableSpec(
    "destinations",
    Destinations,
    r.Destination,
    natural_keys=(("iso3",), ("country",)),
    foreign_keys=(OF_PROFILE,),
    cited=True,
)


class PoliticalRights(Located):
    """Political rights of citizens abroad."""

    class Config:
        unique = [*PROFILE_KEY, "seq"]

    seq: Series[Int] = pa.Field(ge=1, description="order in the document")
    right: Series[Str] = pa.Field(isin=list(RIGHTS), description="right code")
    label: Series[Str] = pa.Field(description="label as printed")
    status: Series[Str] = pa.Field(
        nullable=True,
        isin=sorted(set(STATUS_WORDINGS.values())),
        description="yes, no, not_implemented or partial; null when shown only as an icon",
    )
    status_text: Series[Str] = pa.Field(nullable=True, description="the status as printed")


POLITICAL_RIGHTS = TableSpec(
    "political_rights",
    PoliticalRights,
    r.PoliticalRight,
    natural_keys=(("right",),),
    foreign_keys=(OF_PROFILE,),
    cited=True,
)


class PolicyFramework(Located):
    """Dated timeline of policies and laws."""

    class Config:
        unique = [*PROFILE_KEY, "seq"]

    seq: Series[Int] = pa.Field(ge=1, description="order in the timeline")
    start_year: Series[Int] = pa.Field(
        nullable=True, ge=YEAR_MIN, le=YEAR_MAX, metadata=YEAR_RANGE, description="first year"
    )
    end_year: Series[Int] = pa.Field(
        nullable=True,
        ge=YEAR_MIN,
        le=YEAR_MAX,
        metadata=YEAR_RANGE,
        description="last year (null for a single year)",
    )
    title: Series[Str] = pa.Field(
        str_length={"min_value": 1}, description="instrument title, no trailing colon"
    )
    description: Series[Str] = pa.Field(description="text after the title")


POLICY_FRAMEWORK = TableSpec(
    "policy_framework",
    PolicyFramework,
    r.PolicyEntry,
    natural_keys=(("title",),),
    foreign_keys=(OF_PROFILE,),
    cited=True,
)


class Sections(Located):
    """Free-text paragraphs (trends and sections without a table of their own)."""

    class Config:
        unique = [*PROFILE_KEY, "seq"]

    section: Series[Str] = pa.Field(description="trends, or the heading of another free-text section")
    seq: Series[Int] = pa.Field(ge=1, description="reading order within the profile")
    heading: Series[Str] = pa.Field(nullable=True, description="inline bold lead such as 'Citizen rights'")
    text: Series[Str] = pa.Field(description="paragraph text")


SECTIONS = TableSpec(
    "sections",
    Sections,
    r.SectionText,
    natural_keys=(("section", "heading"),),
    foreign_keys=(OF_PROFILE,),
    cited=True,
)


class Obstacles(Located):
    """Obstacles to diaspora engagement."""

    class Config:
        unique = [*PROFILE_KEY, "seq"]

    seq: Series[Int] = pa.Field(ge=1, description="order in the document")
    title: Series[Str] = pa.Field(nullable=True, description="bold lead")
    text: Series[Str] = pa.Field(description="text after the lead")


OBSTACLES = TableSpec(
    "obstacles",
    Obstacles,
    r.Obstacle,
    natural_keys=(("title",), ("text",)),
    foreign_keys=(OF_PROFILE,),
    cited=True,
)


class Practices(Located):
    """Spotlight practices."""

    class Config:
        unique = [*PROFILE_KEY, "seq"]

    seq: Series[Int] = pa.Field(ge=1, description="order in the document")
    title: Series[Str] = pa.Field(description="spotlight title")
    start_year: Series[Int] = pa.Field(
        nullable=True, ge=YEAR_MIN, le=YEAR_MAX, metadata=YEAR_RANGE, description="first year"
    )
    end_year: Series[Int] = pa.Field(
        nullable=True, ge=YEAR_MIN, le=YEAR_MAX, metadata=YEAR_RANGE, description="last year"
    )
    themes: Series[object] = pa.Field(
        nullable=True, description="tag line split on '+', lower case (';'-joined in CSV)"
    )
    description: Series[Str] = pa.Field(description="spotlight text")


PRACTICES = TableSpec(
    "practices", Practices, r.Practice, natural_keys=(("title",),), foreign_keys=(OF_PROFILE,), cited=True
)


class Institutions(Located):
    """Diaspora-related institutions of the annex, by level."""

    class Config:
        unique = [*PROFILE_KEY, "seq"]

    seq: Series[Int] = pa.Field(ge=1, description="order in the annex")
    level: Series[Str] = pa.Field(
        nullable=True, isin=list(LEVELS), description="regional, ministerial, sub-ministerial or local"
    )
    name: Series[Str] = pa.Field(str_length={"min_value": 1}, description="institution name")
    acronym: Series[Str] = pa.Field(nullable=True, description="from a trailing parenthesis")
    founded: Series[Int] = pa.Field(
        nullable=True, ge=EARLIEST_YEAR, le=YEAR_MAX, metadata=YEAR_RANGE, description="founding year"
    )
    description: Series[Str] = pa.Field(description="description")


INSTITUTIONS = TableSpec(
    "institutions",
    Institutions,
    r.Institution,
    natural_keys=(("name",), ("acronym",)),
    foreign_keys=(OF_PROFILE,),
    cited=True,
)


class Organisations(Located):
    """Diaspora organisations in Europe of the annex."""

    class Config:
        unique = [*PROFILE_KEY, "seq"]

    seq: Series[Int] = pa.Field(ge=1, description="order in the annex")
    name: Series[Str] = pa.Field(str_length={"min_value": 1}, description="organisation name")
    acronym: Series[Str] = pa.Field(nullable=True, description="from a trailing parenthesis")
    country: Series[Str] = pa.Field(nullable=True, description="European country where it is based")
    country_iso3: Series[Str] = pa.Field(
        nullable=True, isin=ISO3_CODES, metadata=ISO3, description="ISO3 of that country"
    )
    founded: Series[Int] = pa.Field(
        nullable=True, ge=EARLIEST_YEAR, le=YEAR_MAX, metadata=YEAR_RANGE, description="founding year"
    )
    development_activities: Series[Bool] = pa.Field(
        nullable=True, description="marked for development activities"
    )
    integration_activities: Series[Bool] = pa.Field(
        nullable=True, description="marked for integration activities"
    )
    description: Series[Str] = pa.Field(description="description")


ORGANISATIONS = TableSpec(
    "organisations",
    Organisations,
    r.Organisation,
    natural_keys=(("name",), ("acronym",)),
    foreign_keys=(OF_PROFILE,),
    cited=True,
)


class Footnotes(Located):
    """The profile's notes."""

    class Config:
        unique = [*PROFILE_KEY, "number"]

    number: Series[Int] = pa.Field(ge=1, description="note number")
    text: Series[Str] = pa.Field(description="note text, angle brackets stripped")
    page_ref: Series[Int] = pa.Field(nullable=True, ge=1, description="page after a URL ('...pdf: 17')")
    ibid_of: Series[Int] = pa.Field(nullable=True, ge=1, description="the note an 'Ibid' repeats")


FOOTNOTES = TableSpec(
    "footnotes", Footnotes, r.Footnote, natural_keys=(("number",),), foreign_keys=(OF_PROFILE,)
)


class FootnoteUrls(Located):
    """Web addresses in the notes, in order within each note."""

    class Config:
        unique = [*PROFILE_KEY, "number", "seq"]

    number: Series[Int] = pa.Field(ge=1, description="note number")
    seq: Series[Int] = pa.Field(ge=1, description="order of the URL in its note")
    url: Series[Str] = pa.Field(
        str_matches=URL_PATTERN,
        metadata={"code": "url-malformed"},
        description="URL, angle brackets stripped",
    )
    domain: Series[Str] = pa.Field(nullable=True, description="host without 'www.'")

    @pa.check("url", name="well_formed_url")
    def well_formed_url(cls, url: Series[str]) -> Series[bool]:
        return url.map(is_well_formed_url).astype(bool)


FOOTNOTE_URLS = TableSpec(
    "footnote_urls",
    FootnoteUrls,
    r.FootnoteUrl,
    natural_keys=(("number", "url"),),
    foreign_keys=(OF_PROFILE, OF_NOTE),
)

# The tables read from the document. The three that follow are about their rows: the notes their
# text cites, what their prose mentions, and the instruments those mentions name.
DOCUMENT_TABLES = (
    PROFILES,
    INDICATORS,
    DESTINATIONS,
    POLITICAL_RIGHTS,
    POLICY_FRAMEWORK,
    SECTIONS,
    OBSTACLES,
    PRACTICES,
    INSTITUTIONS,
    ORGANISATIONS,
    FOOTNOTES,
    FOOTNOTE_URLS,
)
CITING_TABLES = [spec.name for spec in DOCUMENT_TABLES if spec.cited]
MENTIONED_IN = [spec.name for spec in DOCUMENT_TABLES if spec.prose]


class Citations(Located):
    """Footnote markers: which note the text of which row cites (a row may cite a note twice, so no key)."""

    number: Series[Int] = pa.Field(ge=1, description="note number of the marker")
    table: Series[Str] = pa.Field(
        isin=CITING_TABLES, description="table of the row whose text carries the marker"
    )
    seq: Series[Int] = pa.Field(nullable=True, ge=1, description="seq (or rank) of that row")


CITATIONS = TableSpec(
    "citations",
    Citations,
    r.Citation,
    natural_keys=(("number", "table"),),
    foreign_keys=(OF_PROFILE, OF_NOTE),
)


MENTION_LABELS = ["GPE", "ORG", "LAW", "DATE", "MONEY", "PERCENT"]


class Mentions(Located):
    """What the prose of each row names (pipeline/enrich); start/end index into that cell."""

    class Config:
        unique = [*PROFILE_KEY, "mention"]

    mention: Series[Int] = pa.Field(ge=1, description="1-based number of the mention within the profile")
    table: Series[Str] = pa.Field(
        isin=MENTIONED_IN, description="table of the row whose text holds the mention"
    )
    seq: Series[Int] = pa.Field(ge=1, description="seq of that row (the note number for footnotes)")
    column: Series[Str] = pa.Field(description="column of that row holding the text")
    sentence: Series[Int] = pa.Field(ge=1, description="1-based sentence of the cell")
    start: Series[Int] = pa.Field(ge=0, description="first character of the mention in the cell (0-based)")
    end: Series[Int] = pa.Field(ge=1, description="character after the mention")
    text: Series[Str] = pa.Field(str_length={"min_value": 1}, description="the mention as written")
    label: Series[Str] = pa.Field(isin=MENTION_LABELS, description="GPE, ORG, LAW, DATE, MONEY or PERCENT")
    source: Series[Str] = pa.Field(
        str_matches=r"^(rules|model:\S+)$",
        description="rules, or model:<name> for a statistical model's entity",
    )
    iso3: Series[Str] = pa.Field(
        nullable=True, isin=ISO3_CODES, metadata=ISO3, description="GPE: ISO3 of the country"
    )
    org_table: Series[Str] = pa.Field(
        nullable=True, isin=["institutions", "organisations"], description="ORG: table of the actor named"
    )
    org_seq: Series[Int] = pa.Field(nullable=True, ge=1, description="ORG: seq of the actor in org_table")
    instrument: Series[Int] = pa.Field(nullable=True, ge=1, description="LAW: seq in instruments")
    year: Series[Int] = pa.Field(
        nullable=True, ge=EARLIEST_YEAR, le=YEAR_MAX, description="DATE: the year, or the first of a period"
    )
    end_year: Series[Int] = pa.Field(
        nullable=True, ge=EARLIEST_YEAR, le=YEAR_MAX, description="DATE: last year of a period"
    )
    amount: Series[Float] = pa.Field(
        nullable=True, ge=0, description="MONEY: amount in currency units; PERCENT: the percentage"
    )
    currency: Series[Str] = pa.Field(
        nullable=True,
        str_matches=r"^[A-Z]{3}$",
        description="MONEY: ISO 4217 code (null when the text names none)",
    )

    @pa.dataframe_check(error="end is after start")
    def end_after_start(cls, df: pd.DataFrame) -> Series[bool]:
        return df["end"] > df["start"]

    @pa.dataframe_check(error="values belong to their label")
    def values_fit_label(cls, df: pd.DataFrame) -> Series[bool]:
        own = {
            "iso3": "GPE",
            "org_table": "ORG",
            "org_seq": "ORG",
            "instrument": "LAW",
            "year": "DATE",
            "end_year": "DATE",
            "currency": "MONEY",
        }
        ok = pd.Series(True, index=df.index)
        for column, label in own.items():
            ok &= df[column].isna() | (df["label"] == label)
        return ok & (df["amount"].isna() | df["label"].isin(["MONEY", "PERCENT"]))


# mentions are not compared by diff: they follow the text of the rows they are in
MENTIONS = TableSpec("mentions", Mentions, r.Mention, foreign_keys=(OF_PROFILE,))


class Instruments(Located):
    """One row per legal or policy instrument the profile mentions, variants merged."""

    class Config:
        unique = [*PROFILE_KEY, "seq"]

    seq: Series[Int] = pa.Field(ge=1, description="order of first mention")
    kind: Series[Str] = pa.Field(
        nullable=True, description="law, act, decree, sub-decree, prakas, mou, policy, plan, strategy, ..."
    )
    number: Series[Str] = pa.Field(
        nullable=True, description="its number as first written, year suffix removed ('012')"
    )
    year: Series[Int] = pa.Field(
        nullable=True,
        ge=EARLIEST_YEAR,
        le=YEAR_MAX,
        description="year written with it (number suffix, '(2011)', 'of 2013', 'in 2006')",
    )
    name: Series[Str] = pa.Field(str_length={"min_value": 1}, description="the instrument as first written")
    framework_seq: Series[Int] = pa.Field(
        nullable=True, ge=1, description="the policy_framework row it titles"
    )
    mentions: Series[object] = pa.Field(
        description="every mention of it (mentions.mention; ';'-joined in CSV)"
    )
    rows: Series[object] = pa.Field(
        description="table:seq of every row whose text mentions it (';'-joined in CSV)"
    )


INSTRUMENTS = TableSpec(
    "instruments",
    Instruments,
    r.Instrument,
    natural_keys=(("kind", "number"), ("name",)),
    foreign_keys=(OF_PROFILE,),
)


TABLES: dict[str, TableSpec] = {
    spec.name: spec for spec in (*DOCUMENT_TABLES, CITATIONS, MENTIONS, INSTRUMENTS)
}

FOREIGN_KEYS: dict[str, tuple[ForeignKey, ...]] = {
    name: spec.foreign_keys for name, spec in TABLES.items() if spec.foreign_keys
}


def primary_key(table: str) -> list[str]:
    """The table's key: its pandera ``Config.unique`` (empty for citations)."""
    return TABLES[table].primary_key


def table_columns(table: str) -> list[str]:
    """Column order of a table: profile_id, the table's own fields, then provenance."""
    return TABLES[table].columns
