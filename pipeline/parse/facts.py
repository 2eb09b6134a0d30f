"""The facts page: emigration shares, remittances, destinations, political rights, terminology,
and the sentence saying whether the country has a diaspora policy."""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.model import countries, domain
from pipeline.model.document import Block, Role, where_of
from pipeline.model.findings import Finding, finding
from pipeline.model.records import Destination, Indicator, PoliticalRight, Provenance
from pipeline.parse.common import Parsed, cite
from pipeline.parse.text import parse_number
from pipeline.structure.vocabulary import subsection_of

INDICATORS: tuple[tuple[str, str], ...] = tuple(domain.INDICATOR_UNITS.items())

_NUM = r"(\d[\d.,\s]*\d|\d)"
LABEL_TOTAL = re.compile(
    rf"%\s*of\s+emigrants\s+in\s+(?:the\s+)?total\s+population(?:\s*[:\-–]?\s*{_NUM}\s*%)?", re.I
)
LABEL_EU = re.compile(rf"%\s*of\s+which\s+in\s+(?:the\s+)?EU(?:\s*[:\-–]?\s*{_NUM}\s*%)?", re.I)
MALE = re.compile(rf"(?:♂|\bmale\b|\bmen\b)\s*:?\s*{_NUM}\s*%", re.I)
FEMALE = re.compile(rf"(?:♀|\bfemale\b|\bwomen\b)\s*:?\s*{_NUM}\s*%", re.I)
REMIT_GDP = re.compile(rf"remittances\s+as\s+a\s+share\s+of\s+GDP\s*:?\s*{_NUM}\s*%", re.I)
REMIT_USD = re.compile(rf"remittances\s+inflows?\s*\(\s*USD\s+million\s*\)\s*:?\s*{_NUM}", re.I)
MAX_COUNT = 2**53  # the largest whole number a parsed float holds exactly (and far below int64's limit)
DESTINATION = re.compile(r"^(?P<country>.*?[^\d\s,.])\s+(?P<count>\d[\d,.\s]*)$")
TERMINOLOGY = re.compile(r"^terminology\s*:\s*(.*)$", re.I | re.S)
POLICY_SENTENCE = re.compile(
    r"^[A-Z][^.]*\b(has|have|lacks|adopted)\b[^.]*\bdiaspora\b[^.]*\bpolic(y|ies)\b[^.]*\.?$", re.I
)

RIGHT_WORDINGS: dict[str, re.Pattern[str]] = {  # how a profile names each right of pipeline.model.domain
    "dual_citizenship": re.compile(r"dual\s+(citizenship|nationality)", re.I),
    "vote_national_elections_abroad": re.compile(r"right\s+to\s+vote|vote\s+in\s+national\s+elections", re.I),
    "voting_from_abroad": re.compile(r"voting\s+from\s+abroad|vote\s+from\s+abroad|external\s+voting", re.I),
}
RIGHTS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (code, RIGHT_WORDINGS[code]) for code in domain.RIGHTS
)
STATUS = re.compile(r"[:\s]\s*(yes|no)\s*$", re.I)


@dataclass(frozen=True)
class Facts:
    indicators: Parsed[Indicator]
    destinations: Parsed[Destination]
    rights: Parsed[PoliticalRight]
    terminology: str | None
    has_policy: bool | None
    policy_text: str | None
    profile_citations: tuple = ()
    consumed: frozenset[int] = frozenset()  # ids of blocks the facts took (terminology, policy)


def parse_facts(facts_blocks: tuple[Block, ...], policy_blocks: tuple[Block, ...], file: str) -> Facts:
    """``facts_blocks``: the facts section; ``policy_blocks``: where the policy sentence may sit
    (facts and the framework section, whichever order the edition uses)."""
    terminology_block = next((b for b in facts_blocks + policy_blocks if TERMINOLOGY.match(b.text)), None)
    policy_block = next((b for b in facts_blocks + policy_blocks if is_policy_sentence(b)), None)
    terminology = TERMINOLOGY.match(terminology_block.text) if terminology_block else None
    consumed = {id(b) for b in (terminology_block, policy_block) if b is not None}
    rest = tuple(b for b in facts_blocks if id(b) not in consumed)
    has_policy = None
    if policy_block is not None:
        has_policy = not re.search(r"does\s+not\s+have|has\s+no\b|lacks|has\s+not", policy_block.text, re.I)
    profile_cites = tuple(
        cite("profiles", None, [b for b in (terminology_block, policy_block) if b is not None])
    )
    return Facts(
        indicators=parse_indicators(rest, file),
        destinations=parse_destinations(rest, file),
        rights=parse_rights(rest, file),
        terminology=terminology.group(1).strip() if terminology else None,
        has_policy=has_policy,
        policy_text=policy_block.text if policy_block else None,
        profile_citations=profile_cites,
        consumed=frozenset(consumed),
    )


def is_policy_sentence(block: Block) -> bool:
    return (
        block.role is not Role.HEADING and len(block.text) < 300 and bool(POLICY_SENTENCE.match(block.text))
    )


def _value(raw: str | None) -> float | None:
    return parse_number(raw) if raw else None


def parse_indicators(blocks: tuple[Block, ...], file: str) -> Parsed[Indicator]:
    found: dict[str, tuple[str | None, Block | None]] = {}
    label_blocks: dict[str, Block] = {}
    context = "total"
    for b in blocks:
        text = b.text
        for label, ctx, code in (
            (LABEL_TOTAL, "total", "emigrants_pct_population"),
            (LABEL_EU, "eu", "emigrants_in_eu_pct"),
        ):
            m = label.search(text)
            if m:
                context = ctx
                label_blocks[code] = b
                if m.group(1):
                    found[code] = (m.group(1).strip() + "%", b)
        male, female = MALE.search(text), FEMALE.search(text)
        prefix = "emigrants_in_eu" if context == "eu" else "emigrants"
        if male:
            found.setdefault(f"{prefix}_male_pct", (male.group(1).strip() + "%", b))
        if female:
            found.setdefault(f"{prefix}_female_pct", (female.group(1).strip() + "%", b))
        for pattern, code, suffix in (
            (REMIT_GDP, "remittances_pct_gdp", "%"),
            (REMIT_USD, "remittances_usd_million", ""),
        ):
            m = pattern.search(text)
            if m:
                found.setdefault(code, (m.group(1).strip() + suffix, b))
    records = []  # an indicator not shown or not a number is reported by pipeline/checks/facts.py
    for seq, (code, unit) in enumerate(INDICATORS, start=1):
        raw, block = found.get(code, (None, label_blocks.get(code)))
        value = _value(raw)
        records.append(
            Indicator(
                seq=seq, indicator=code, value=value, unit=unit, raw=raw, prov=Provenance.of_block(block)
            )
        )
    citations = []
    for seq, (code, _) in enumerate(INDICATORS, start=1):
        block = found.get(code, (None, None))[1] or label_blocks.get(code)
        if block is not None and code in label_blocks and label_blocks[code] is block:
            citations += cite("indicators", seq, [block])
    return Parsed(records=tuple(records), citations=tuple(citations))


def _runs_under(blocks: tuple[Block, ...], key: str) -> list[Block]:
    """The blocks under the sub-heading ``key`` up to the next sub-heading."""
    out: list[Block] = []
    inside = False
    for b in blocks:
        if b.role is Role.HEADING:
            sub = subsection_of(b.text)
            inside = bool(sub and sub[1] == key)
            continue
        if inside:
            out.append(b)
    return out


def parse_destinations(blocks: tuple[Block, ...], file: str) -> Parsed[Destination]:
    records: list[Destination] = []
    findings, citations = [], []
    for b in _runs_under(blocks, "destinations"):
        m = DESTINATION.match(b.text)
        if not m:
            continue
        name = m.group("country").strip()
        raw_count = m.group("count").strip()
        count = parse_number(raw_count)
        iso3 = countries.resolve(name)
        rank = len(records) + 1
        if iso3 is None:
            findings.append(
                finding(
                    "country-unresolved",
                    file=file,
                    value=name,
                    table="destinations",
                    column="iso3",
                    seq=rank,
                    **where_of(b),
                )
            )
        if count is None:
            findings.append(
                finding(
                    "value-unparsed",
                    file=file,
                    value=raw_count,
                    field="emigrants",
                    table="destinations",
                    column="emigrants",
                    seq=rank,
                    **where_of(b),
                )
            )
        elif count > MAX_COUNT:
            findings.append(
                finding(
                    "value-out-of-range",
                    file=file,
                    value=raw_count,
                    field="emigrants",
                    reason=f"a count is at most {MAX_COUNT:,}",
                    table="destinations",
                    column="emigrants",
                    seq=rank,
                    **where_of(b),
                )
            )
            count = None
        records.append(
            Destination(
                rank=rank,
                country=name,
                iso3=iso3,
                emigrants=int(count) if count is not None else None,
                prov=Provenance.of_block(b),
            )
        )
        citations += cite("destinations", rank, [b])
    return Parsed(records=tuple(records), citations=tuple(citations), findings=tuple(findings))


def parse_rights(blocks: tuple[Block, ...], file: str) -> Parsed[PoliticalRight]:
    records: list[PoliticalRight] = []
    citations = []  # a status shown only as an icon is reported by pipeline/tables/checks/facts.py
    for b in _runs_under(blocks, "political_rights"):
        code = next((c for c, pattern in RIGHTS if pattern.search(b.text)), None)
        if code is None:
            continue
        status_match = STATUS.search(b.text)
        label = STATUS.sub("", b.text).strip() if status_match else b.text
        status = status_match.group(1).lower() if status_match else None
        seq = len(records) + 1
        records.append(
            PoliticalRight(seq=seq, right=code, label=label, status=status, prov=Provenance.of_block(b))
        )
        citations += cite("political_rights", seq, [b])
    return Parsed(records=tuple(records), citations=tuple(citations))


def facts_findings(f: Facts) -> tuple[Finding, ...]:
    return f.indicators.findings + f.destinations.findings + f.rights.findings
