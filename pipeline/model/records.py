"""Typed records, one kind per output table. Every row but the profile carries its provenance.

A record type says two things about its table's rows (``schemas/tables.py`` declares the rest):
``ROW_ID``, the field that numbers them (a finding names a row by it; a prose cell is keyed by it),
and ``PROSE``, the fields holding prose, which enrichment (``pipeline/enrich``) reads for mentions.
"""

from __future__ import annotations

import typing
from dataclasses import dataclass, fields
from datetime import date
from typing import ClassVar

from pipeline.model.document import Block, Where


@dataclass(frozen=True)
class Provenance:
    page: int | None = None
    x0: float | None = None
    top: float | None = None
    x1: float | None = None
    bottom: float | None = None
    line: int | None = None

    @staticmethod
    def of(where: Where | None, page: int | None = None) -> Provenance:
        if where is None:
            return Provenance()
        box = where.bbox
        return Provenance(
            page=where.page if where.page is not None else page,
            x0=round(box[0], 2) if box else None,
            top=round(box[1], 2) if box else None,
            x1=round(box[2], 2) if box else None,
            bottom=round(box[3], 2) if box else None,
            line=where.line,
        )

    @staticmethod
    def of_block(block: Block | None) -> Provenance:
        return Provenance.of(block.where if block else None)


@dataclass(frozen=True)
class Profile:
    profile_id: str
    country: str | None
    iso3: str | None
    written_by: str | None
    edited_by: str | None
    published: date | None  # first day of the month printed
    updated: date | None
    edition: date | None  # updated, else published
    has_diaspora_policy: bool | None
    diaspora_policy_text: str | None
    terminology: str | None
    source_file: str
    source_sha256: str
    source_format: str
    pages: int | None


@dataclass(frozen=True)
class Indicator:
    ROW_ID: ClassVar[str] = "seq"

    seq: int
    indicator: str
    value: float | None
    unit: str
    raw: str | None
    prov: Provenance


@dataclass(frozen=True)
class Destination:
    ROW_ID: ClassVar[str] = "rank"

    rank: int
    country: str
    iso3: str | None
    emigrants: int | None
    prov: Provenance


@dataclass(frozen=True)
class PoliticalRight:
    ROW_ID: ClassVar[str] = "seq"

    seq: int
    right: str
    label: str
    status: str | None  # yes | no | not_implemented | partial; None when nothing is printed
    status_text: str | None  # the status as printed ("Not yet implemented")
    prov: Provenance


@dataclass(frozen=True)
class PolicyEntry:
    ROW_ID: ClassVar[str] = "seq"
    PROSE: ClassVar[tuple[str, ...]] = ("title", "description")

    seq: int
    start_year: int | None
    end_year: int | None
    title: str
    description: str
    prov: Provenance


@dataclass(frozen=True)
class SectionText:
    ROW_ID: ClassVar[str] = "seq"
    PROSE: ClassVar[tuple[str, ...]] = ("heading", "text")

    section: str
    seq: int
    heading: str | None
    text: str
    prov: Provenance


@dataclass(frozen=True)
class Obstacle:
    ROW_ID: ClassVar[str] = "seq"
    PROSE: ClassVar[tuple[str, ...]] = ("title", "text")

    seq: int
    title: str | None
    text: str
    prov: Provenance


@dataclass(frozen=True)
class Practice:
    ROW_ID: ClassVar[str] = "seq"
    PROSE: ClassVar[tuple[str, ...]] = ("title", "description")

    seq: int
    title: str
    start_year: int | None
    end_year: int | None
    themes: tuple[str, ...]
    description: str
    prov: Provenance


@dataclass(frozen=True)
class Institution:
    ROW_ID: ClassVar[str] = "seq"
    PROSE: ClassVar[tuple[str, ...]] = ("name", "description")

    seq: int
    level: str | None
    name: str
    acronym: str | None
    founded: int | None
    description: str
    prov: Provenance


@dataclass(frozen=True)
class Organisation:
    ROW_ID: ClassVar[str] = "seq"
    PROSE: ClassVar[tuple[str, ...]] = ("name", "description")

    seq: int
    name: str
    acronym: str | None
    country: str | None
    country_iso3: str | None
    founded: int | None
    development_activities: bool | None
    integration_activities: bool | None
    description: str
    prov: Provenance


@dataclass(frozen=True)
class Footnote:
    ROW_ID: ClassVar[str] = "number"
    PROSE: ClassVar[tuple[str, ...]] = ("text",)

    number: int
    text: str
    page_ref: int | None
    ibid_of: int | None
    prov: Provenance


@dataclass(frozen=True)
class FootnoteUrl:
    ROW_ID: ClassVar[str] = "seq"

    number: int
    seq: int  # order of the URL within its note
    url: str
    domain: str | None
    prov: Provenance


@dataclass(frozen=True)
class Citation:
    ROW_ID: ClassVar[str] = "seq"

    number: int
    table: str
    seq: int | None
    prov: Provenance


@dataclass(frozen=True)
class Mention:
    """A name or value the text of a row mentions (pipeline/enrich): offsets are into that cell."""

    ROW_ID: ClassVar[str] = "seq"

    mention: int  # 1-based, in the order of the tables read
    table: str
    seq: int  # seq (or note number) of the row of ``table`` whose text holds the mention
    column: str
    sentence: int  # 1-based sentence of the cell
    start: int
    end: int
    text: str
    label: str  # GPE, ORG, LAW, DATE, MONEY, PERCENT
    source: str  # "rules", or "model:<name>" for a statistical model's entity
    iso3: str | None = None  # GPE
    org_table: str | None = None  # ORG: institutions or organisations
    org_seq: int | None = None
    instrument: int | None = None  # LAW: seq in instruments
    year: int | None = None  # DATE
    end_year: int | None = None
    amount: float | None = None  # MONEY (in currency units), PERCENT (the percentage)
    currency: str | None = None  # MONEY: ISO 4217
    prov: Provenance = Provenance()


@dataclass(frozen=True)
class Instrument:
    """One legal or policy instrument, however often and however written it is mentioned."""

    ROW_ID: ClassVar[str] = "seq"

    seq: int  # order of first mention
    kind: str | None
    number: str | None
    year: int | None
    name: str  # as first written
    framework_seq: int | None  # the policy_framework row it titles
    mentions: tuple[int, ...]
    rows: tuple[str, ...]  # "table:seq" of every row that mentions it
    prov: Provenance


@dataclass(frozen=True)
class ProfileRecords:
    """Everything parsed from one document."""

    profile: Profile
    indicators: tuple[Indicator, ...] = ()
    destinations: tuple[Destination, ...] = ()
    political_rights: tuple[PoliticalRight, ...] = ()
    policy_framework: tuple[PolicyEntry, ...] = ()
    sections: tuple[SectionText, ...] = ()
    obstacles: tuple[Obstacle, ...] = ()
    practices: tuple[Practice, ...] = ()
    institutions: tuple[Institution, ...] = ()
    organisations: tuple[Organisation, ...] = ()
    footnotes: tuple[Footnote, ...] = ()
    footnote_urls: tuple[FootnoteUrl, ...] = ()
    citations: tuple[Citation, ...] = ()
    mentions: tuple[Mention, ...] = ()  # pipeline/enrich
    instruments: tuple[Instrument, ...] = ()


def record_types() -> dict[str, type]:
    """Each table's record type, by table name, in the order of ``ProfileRecords``' fields (the
    profile's own record, then one tuple of records per table)."""
    hints = typing.get_type_hints(ProfileRecords)
    return {f.name: _element_type(hints[f.name]) for f in fields(ProfileRecords)}


def _element_type(hint: object) -> type:
    args = typing.get_args(hint)
    return args[0] if args else hint  # type: ignore[return-value]
