"""The annex: institutions by level, and diaspora organisations in Europe."""

from __future__ import annotations

import re

from pipeline.model import countries
from pipeline.model.document import Block, Role, where_of
from pipeline.model.domain import LEVELS
from pipeline.model.findings import finding
from pipeline.model.records import Institution, Organisation, Provenance
from pipeline.parse.common import Parsed, cite
from pipeline.parse.text import YEAR, ends_sentence, word_count
from pipeline.structure.vocabulary import subsection_of

NAME = re.compile(rf"^(?P<name>.*?)(?:\s*\((?P<acronym>[^()]{{1,20}})\))?(?:\s+(?P<year>{YEAR}))?\s*$", re.S)
ACTIVITY = re.compile(r"^((development|integration)\s+activit(y|ies)[\s,;]*)+$", re.I)


def is_entry_title(block: Block) -> bool:
    """Names stand alone: short, no sentence end (markers aside)."""
    return not ends_sentence(block.text) and word_count(block.text) <= 25 and not ACTIVITY.match(block.text)


def _entries(blocks: tuple[Block, ...]) -> list[tuple[str | None, Block, list[Block]]]:
    """(level, title block, description blocks) for each entry."""
    level = None
    entries: list[tuple[str | None, Block, list[Block]]] = []
    for b in blocks:
        if b.role is Role.HEADING:
            sub = subsection_of(b.text)
            if sub and sub[1] in LEVELS:
                level = sub[1]
            continue
        if is_entry_title(b) or not entries:
            entries.append((level, b, []))
        else:
            entries[-1][2].append(b)
    return entries


def split_name(text: str) -> tuple[str, str | None, int | None]:
    m = NAME.match(text)
    name = m.group("name").strip() if m else text
    return (
        name,
        (m.group("acronym").strip() if m and m.group("acronym") else None),
        (int(m.group("year")) if m and m.group("year") else None),
    )


def parse_institutions(blocks: tuple[Block, ...], file: str) -> Parsed[Institution]:
    records: list[Institution] = []
    citations, findings = [], []
    for level, title, description in _entries(blocks):
        seq = len(records) + 1
        name, acronym, founded = split_name(title.text)
        if level is None:
            findings.append(
                finding(
                    "block-unparsed",
                    file=file,
                    value=title.text[:80],
                    section="institutions (no level heading above it)",
                    table="institutions",
                    column="level",
                    seq=seq,
                    **where_of(title),
                )
            )
        records.append(
            Institution(
                seq=seq,
                level=level,
                name=name,
                acronym=acronym,
                founded=founded,
                description="\n".join(b.text for b in description),
                prov=Provenance.of_block(title),
            )
        )
        citations += cite("institutions", seq, [title, *description])
    return Parsed(records=tuple(records), citations=tuple(citations), findings=tuple(findings))


def split_country(text: str) -> tuple[str, str | None, str | None]:
    """'Association X (AX) France' -> ('Association X (AX)', 'France', 'FRA'): the longest
    trailing run of up to four words that names a country."""
    words = text.split()
    for n in range(min(4, len(words) - 1), 0, -1):
        candidate = " ".join(words[-n:])
        iso3 = countries.resolve(candidate)
        if iso3:
            return " ".join(words[:-n]), candidate, iso3
    return text, None, None


def parse_organisations(blocks: tuple[Block, ...], file: str) -> Parsed[Organisation]:
    body = tuple(b for b in blocks if b.role is not Role.HEADING)
    records: list[Organisation] = []
    citations, findings = [], []
    for _, title, rest in _entries(body):
        seq = len(records) + 1
        # the year follows a space, or is glued to a country cell that overflowed into it
        m = re.match(rf"^(?P<head>.*?)(?:(?:\s+|(?<=[a-z]))(?P<year>{YEAR}))?\s*$", title.text, re.S)
        assert m is not None  # every title matches: the year is optional
        head, founded = m.group("head"), int(m.group("year")) if m.group("year") else None
        head, country, iso3 = split_country(head)
        name, acronym, _ = split_name(head)
        activity_text = " ".join(b.text for b in rest if ACTIVITY.match(b.text))
        description = [b for b in rest if not ACTIVITY.match(b.text)]
        development = bool(re.search(r"development", activity_text, re.I)) if activity_text else None
        integration = bool(re.search(r"integration", activity_text, re.I)) if activity_text else None
        if country is None:
            findings.append(
                finding(
                    "country-unresolved",
                    file=file,
                    value=head,
                    table="organisations",
                    column="country",
                    seq=seq,
                    **where_of(title),
                )
            )
        records.append(
            Organisation(
                seq=seq,
                name=name,
                acronym=acronym,
                country=country,
                country_iso3=iso3,
                founded=founded,
                development_activities=development,
                integration_activities=integration,
                description="\n".join(b.text for b in description),
                prov=Provenance.of_block(title),
            )
        )
        citations += cite("organisations", seq, [title, *rest])
    return Parsed(records=tuple(records), citations=tuple(citations), findings=tuple(findings))
