"""The facts page: emigration shares, remittances, destinations, political rights, terminology,
and the sentence saying whether the country has a diaspora policy."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

from pipeline.model import countries, domain
from pipeline.model.document import Block, Role, where_of
from pipeline.model.findings import Finding, finding
from pipeline.model.geometry import bbox_union
from pipeline.model.records import Citation, Destination, Indicator, PoliticalRight, Provenance
from pipeline.parse.common import Parsed, cite
from pipeline.parse.text import parse_number
from pipeline.structure.vocabulary import subsection_of

INDICATORS: tuple[tuple[str, str], ...] = tuple(domain.INDICATOR_UNITS.items())

_NUM = r"(\d[\d.,\s]*\d|\d)"
# each indicator's label wording (the male and female shares are labelled by sign or word)
_TOTAL = r"%\s*of\s+emigrants\s+in\s+(?:the\s+)?total\s+population"
_EU = r"%\s*of\s+which\s+in\s+(?:the\s+)?EU"
_GDP = r"remittances\s+as\s+a\s+share\s+of\s+GDP"
_USD = r"remittances\s+inflows?\s*\(\s*USD\s+million\s*\)"
LABEL_TOTAL = re.compile(rf"{_TOTAL}(?:\s*[:\-–]?\s*{_NUM}\s*%)?", re.I)
LABEL_EU = re.compile(rf"{_EU}(?:\s*[:\-–]?\s*{_NUM}\s*%)?", re.I)
MALE = re.compile(rf"(?:♂|\bmale\b|\bmen\b)\s*:?\s*{_NUM}\s*%", re.I)
FEMALE = re.compile(rf"(?:♀|\bfemale\b|\bwomen\b)\s*:?\s*{_NUM}\s*%", re.I)
REMIT_GDP = re.compile(rf"{_GDP}\s*:?\s*{_NUM}\s*%", re.I)
REMIT_USD = re.compile(rf"{_USD}\s*:?\s*{_NUM}", re.I)
# the labels' wordings wherever they stand in a line (the labels of boxes side by side read as one)
LABEL_WORDINGS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(wording, re.I), code)
    for wording, code in (
        (_TOTAL, "emigrants_pct_population"),
        (_EU, "emigrants_in_eu_pct"),
        (_GDP, "remittances_pct_gdp"),
        (_USD, "remittances_usd_million"),
    )
)
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
# The status wordings printed beside a right's icon (their one home: pipeline.model.domain).
STATUS_WORDINGS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.I), code) for pattern, code in domain.STATUS_WORDINGS.items()
)
STATUS = re.compile(r"(?:^|[:\s])\s*(" + "|".join(p.pattern for p, _ in STATUS_WORDINGS) + r")\s*$", re.I)
# A value printed in a box of its own, paired with its label by position.
VALUE_ONLY = re.compile(rf"^{_NUM}\s*%?$")
VALUES_RUN = re.compile(r"^\d[\d.,]*\s*%?(?:\s+\d[\d.,]*\s*%?)+$")  # boxes too close to tell apart
LABEL_ONLY: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^(?:♂|male|men)\s*:?$", re.I), "male"),
    (re.compile(r"^(?:♀|female|women)\s*:?$", re.I), "female"),
    (re.compile(rf"^{_GDP}\s*:?$", re.I), "remittances_pct_gdp"),
    (re.compile(rf"^{_USD}\s*:?$", re.I), "remittances_usd_million"),
)
SEXES = (
    (re.compile(r"♂|\bmale\b|\bmen\b", re.I), "male"),
    (re.compile(r"♀|\bfemale\b|\bwomen\b", re.I), "female"),
)
# a figure's caption (the indicator it prints) -> the prefix of the male and female shares under it
FIGURES = {"emigrants_pct_population": "emigrants", "emigrants_in_eu_pct": "emigrants_in_eu"}
UNDER_LINES = 3.0  # a value box starts at most this many label heights under its label
BESIDE_EMS = 6.0  # ... or at most this many ems right of it, on its baseline


def status_of(wording: str) -> str | None:
    """The status code of a printed wording ("Not yet implemented" -> not_implemented)."""
    return next((code for pattern, code in STATUS_WORDINGS if pattern.fullmatch(wording.strip())), None)


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


# ------------------------------------------------------------------ pairing by position


@dataclass(frozen=True)
class Pairs:
    """Labels paired with the value printed under or beside each; what could not be paired."""

    value_of: dict[int, Block]  # id(label block) -> its value block
    ambiguous: dict[int, tuple[Block, ...]]  # id(label block) -> the value blocks it could take
    orphans: tuple[Block, ...]  # value blocks no label took


def _size(block: Block) -> float:
    box = block.where.bbox
    return block.size or ((box[3] - box[1]) if box else 1.0)


def _under(label: Block, value: Block) -> float | None:
    """Gap when ``value`` sits in a box under ``label`` and overlaps it horizontally, else None."""
    a, b = label.where.bbox, value.where.bbox
    if a is None or b is None or label.where.page != value.where.page:
        return None
    size = _size(label)
    gap = b[1] - a[3]
    if gap < -0.25 * size or gap > UNDER_LINES * size or min(a[2], b[2]) - max(a[0], b[0]) <= 0:
        return None
    return max(gap, 0.0)


def _beside(label: Block, value: Block, reach: float | None) -> float | None:
    """Gap when ``value`` stands right of ``label`` on one of its baselines (its middle within the
    label's lines), at most ``reach`` ems away when given, else None."""
    a, b = label.where.bbox, value.where.bbox
    if a is None or b is None or label.where.page != value.where.page:
        return None
    middle = (b[1] + b[3]) / 2
    gap = b[0] - a[2]
    if not a[1] <= middle <= a[3] or gap < -0.5 * _size(label):
        return None
    if reach is not None and gap > reach * _size(label):
        return None
    return max(gap, 0.0)


def pair_by_position(labels: list[Block], values: list[Block], under: bool, reach: float | None) -> Pairs:
    """Each label takes the nearest value under it (when ``under``) or beside it on its baseline.
    A label with two equally near values, or a value two labels would take, is ambiguous: the
    caller reports it rather than guess."""
    choice: dict[int, Block] = {}
    ambiguous: dict[int, tuple[Block, ...]] = {}
    for label in labels:
        scored: list[tuple[float, Block]] = []
        for value in values:
            d = _under(label, value) if under else None
            if d is None:
                d = _beside(label, value, reach)
            if d is not None:
                scored.append((d, value))
        if not scored:
            continue
        scored.sort(key=lambda t: t[0])
        near = tuple(v for d, v in scored if d - scored[0][0] <= 0.5 * _size(label))
        if len(near) > 1:
            ambiguous[id(label)] = near
        else:
            choice[id(label)] = near[0]
    takers: dict[int, list[Block]] = {}
    for label in labels:
        if id(label) in choice:
            takers.setdefault(id(choice[id(label)]), []).append(label)
    for ls in takers.values():
        if len(ls) > 1:
            for label in ls:
                ambiguous[id(label)] = (choice.pop(id(label)),)
    taken = {id(v) for v in choice.values()} | {id(v) for vs in ambiguous.values() for v in vs}
    return Pairs(choice, ambiguous, tuple(v for v in values if id(v) not in taken))


def _unpaired(file: str, field: str, value: str, reason: str, block: Block, **row: Any) -> Finding:
    return finding(
        "value-unpaired", file=file, field=field, value=value, reason=reason, **row, **where_of(block)
    )


def _ambiguity(pairs: Pairs, label: Block, file: str, field: str, **row: Any) -> Finding:
    options = pairs.ambiguous[id(label)]
    shown = " or ".join(f"'{v.text}'" for v in options)
    reason = (
        f"{shown} sits where two labels could take it"
        if len(options) == 1
        else f"{shown} are equally near the label '{label.text}'"
    )
    return _unpaired(file, field, options[0].text, reason, label, **row)


def _orphans(pairs: Pairs, file: str, field: str, table: str, column: str) -> list[Finding]:
    return [
        _unpaired(file, field, v.text, "no label above or beside it", v, table=table, column=column)
        for v in pairs.orphans
    ]


# ------------------------------------------------------------------ indicators


def parse_indicators(blocks: tuple[Block, ...], file: str) -> Parsed[Indicator]:
    found: dict[str, tuple[str | None, Block | None]] = {}
    label_blocks: dict[str, Block] = {}
    lone_labels: list[tuple[str, Block]] = []  # labels whose value is in a box of its own
    context = "total"
    # destination counts are the destinations' (rights' statuses are words: a value under the rights,
    # as a remittance box set after their list, is an indicator's)
    elsewhere = {id(b) for b in _runs_under(blocks, "destinations")}
    values = [
        b for b in blocks if (VALUE_ONLY.match(b.text) or VALUES_RUN.match(b.text)) and id(b) not in elsewhere
    ]
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
        kind = next((k for pattern, k in LABEL_ONLY if pattern.match(text)), None)
        if kind in ("male", "female"):
            lone_labels.append((f"{_figure_of(b, label_blocks, prefix)}_{kind}_pct", b))
        elif kind is not None:
            lone_labels.append((kind, b))
    findings: list[Finding] = []
    if lone_labels or values:
        pairs = pair_by_position([b for _, b in lone_labels], values, under=True, reach=BESIDE_EMS)
        units = dict(INDICATORS)
        for code, lone in lone_labels:
            seq = next(i for i, (c, _) in enumerate(INDICATORS, start=1) if c == code)
            row = {"table": "indicators", "column": "value", "seq": seq}
            if id(lone) in pairs.ambiguous:
                findings.append(_ambiguity(pairs, lone, file, code, **row))
            elif id(lone) in pairs.value_of and not VALUE_ONLY.match(pairs.value_of[id(lone)].text):
                box = pairs.value_of[id(lone)]
                reason = f"'{box.text}' under or beside it holds several values"
                findings.append(_unpaired(file, code, box.text, reason, lone, **row))
            elif id(lone) in pairs.value_of and code not in found:
                box = pairs.value_of[id(lone)]
                number = VALUE_ONLY.match(box.text)
                suffix = "%" if units[code] == "pct" else ""
                found[code] = ((number.group(1).strip() if number else box.text) + suffix, box)
        findings += [_orphan_value(v, blocks, found, label_blocks, file) for v in pairs.orphans]
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
    return Parsed(records=tuple(records), citations=tuple(citations), findings=tuple(findings))


def _orphan_value(
    value: Block, blocks: tuple[Block, ...], found: dict, captions: dict[str, Block], file: str
) -> Finding:
    """value-unpaired for a value no label took, on the row of the indicator it most likely shows:
    the one whose label wording stands in the nearest line above it, at the part of that line over
    the value (labels of two boxes side by side read as one line), among those left without a
    value. Without such a line the finding names the table only, with the value's page and box."""
    row: dict[str, Any] = {"table": "indicators", "column": "value"}
    over = _line_over(value, blocks)
    if over is None:
        return _unpaired(file, "indicator value", value.text, "no label above or beside it", value, **row)
    codes = [code for code, _ in INDICATORS]
    named = [(m, code) for pattern, code in LABEL_WORDINGS for m in pattern.finditer(over.text)]
    figure = _figure_of(over, captions, "emigrants")  # male and female signs under a figure
    named += [(m, f"{figure}_{kind}_pct") for pattern, kind in SEXES for m in pattern.finditer(over.text)]
    named.sort(key=lambda t: t[0].start())
    open_ = [(m, code) for m, code in named if code not in found] or named
    if not open_:
        reason = f"the line over it, '{over.text}', is no label"
        return _unpaired(file, "indicator value", value.text, reason, value, **row)
    a, b = over.where.bbox or (0.0, 0.0, 0.0, 0.0), value.where.bbox or (0.0, 0.0, 0.0, 0.0)
    width = max(a[2] - a[0], 1e-6)

    def overlap(m: re.Match[str]) -> float:  # where the wording stands in the line, by its characters
        x0 = a[0] + width * m.start() / len(over.text)
        x1 = a[0] + width * m.end() / len(over.text)
        return min(x1, b[2]) - max(x0, b[0])

    _, code = max(open_, key=lambda t: overlap(t[0]))
    reason = (
        f"the line over it, '{over.text}', holds the labels of {len(named)} boxes side by side"
        if len(named) > 1
        else f"the label '{over.text}' over it is not the nearest to it"
    )
    return _unpaired(file, code, value.text, reason, value, **row, seq=codes.index(code) + 1)


def _line_over(value: Block, blocks: tuple[Block, ...]) -> Block | None:
    """The nearest block above ``value`` on its page that overlaps it horizontally."""
    b = value.where.bbox
    if b is None:
        return None
    above = [
        (a[3], x)
        for x in blocks
        if x is not value
        and (a := x.where.bbox) is not None
        and x.where.page == value.where.page
        and a[3] <= b[1] + 0.25 * _size(value)
        and min(a[2], b[2]) - max(a[0], b[0]) > 0
    ]
    return max(above, key=lambda t: t[0])[1] if above else None


def _figure_of(label: Block, captions: dict[str, Block], default: str) -> str:
    """The prefix of a lone male or female label's code by the figure it sits under: a box's
    contents stand below its caption and start at or right of the caption's left edge, so the label
    belongs to the nearest such caption above it (the one further right when two stand on one row:
    a row of two figures). ``default`` (from reading order) when positions do not tell."""
    box = label.where.bbox
    if box is None:
        return default
    above: list[tuple[tuple[float, float], str]] = []
    for code, prefix in FIGURES.items():
        caption = captions.get(code)
        c = caption.where.bbox if caption is not None else None
        if caption is None or c is None or caption.where.page != label.where.page:
            continue
        if c[3] <= box[1] + 0.25 * _size(label) and c[0] <= box[0] + 0.5 * _size(label):
            above.append(((c[3], c[0]), prefix))
    return max(above)[1] if above else default


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


# ------------------------------------------------------------------ destinations


def _destination_rows(blocks: list[Block], file: str) -> tuple[list[tuple[str, str, Block]], list[Finding]]:
    """(name, count, block) per destination in reading order: "Name count" in one block, or a name
    paired with the count printed on its baseline in a box beside it."""
    names = [b for b in blocks if not DESTINATION.match(b.text) and not VALUE_ONLY.match(b.text)]
    counts = [b for b in blocks if VALUE_ONLY.match(b.text)]
    pairs = pair_by_position(names, counts, under=False, reach=None)
    rows: list[tuple[str, str, Block]] = []
    findings: list[Finding] = []
    for b in blocks:
        if m := DESTINATION.match(b.text):
            rows.append((m.group("country").strip(), m.group("count").strip(), b))
        elif id(b) in pairs.ambiguous:
            findings.append(
                _ambiguity(
                    pairs, b, file, "emigrants", table="destinations", column="emigrants", seq=len(rows) + 1
                )
            )
            rows.append((b.text, "", b))
        elif id(b) in pairs.value_of:
            count = pairs.value_of[id(b)]
            rows.append((b.text, count.text, _joined(b, count)))
        elif countries.resolve(b.text) is not None:  # a country whose count is nowhere beside it
            reason = "no count on its baseline"
            seq = len(rows) + 1
            findings.append(
                _unpaired(
                    file, "emigrants", b.text, reason, b, table="destinations", column="emigrants", seq=seq
                )
            )
            rows.append((b.text, "", b))
    findings += _orphans(pairs, file, "emigrants", "destinations", "emigrants")
    return rows, findings


def _joined(name: Block, value: Block) -> Block:
    """The name's block located at the box of its whole row (name and value), for provenance."""
    if name.where.bbox is None or value.where.bbox is None:
        return name
    return replace(name, where=replace(name.where, bbox=bbox_union((name.where.bbox, value.where.bbox))))


def parse_destinations(blocks: tuple[Block, ...], file: str) -> Parsed[Destination]:
    records: list[Destination] = []
    citations: list[Citation] = []
    rows, found = _destination_rows(_runs_under(blocks, "destinations"), file)
    findings = list(found)
    for name, raw_count, b in rows:
        count = parse_number(raw_count) if raw_count else None
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
        if count is None and raw_count:
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
        elif count is not None and count > MAX_COUNT:
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


# ------------------------------------------------------------------ political rights


def parse_rights(blocks: tuple[Block, ...], file: str) -> Parsed[PoliticalRight]:
    """Each right with the status printed after its label or beside its icon (null when only an
    icon shows it: reported by pipeline/tables/checks/facts.py)."""
    records: list[PoliticalRight] = []
    citations: list[Citation] = []
    findings: list[Finding] = []
    under = _runs_under(blocks, "political_rights")
    labelled = [(b, next((c for c, pattern in RIGHTS if pattern.search(b.text)), None)) for b in under]
    statuses = [b for b, code in labelled if code is None and status_of(b.text) is not None]
    labels = [b for b, code in labelled if code is not None]
    pairs = pair_by_position(labels, statuses, under=False, reach=None)
    for b, code in labelled:
        if code is None:
            continue
        seq = len(records) + 1
        status_match = STATUS.search(b.text)
        label = STATUS.sub("", b.text).strip() if status_match else b.text
        wording = status_match.group(1) if status_match else None
        if id(b) in pairs.ambiguous:
            findings.append(
                _ambiguity(pairs, b, file, code, table="political_rights", column="status", seq=seq)
            )
        elif wording is None and id(b) in pairs.value_of:
            wording = pairs.value_of[id(b)].text
        status_text = " ".join(wording.split()) if wording else None
        records.append(
            PoliticalRight(
                seq=seq,
                right=code,
                label=label,
                status=status_of(status_text) if status_text else None,
                status_text=status_text,
                prov=Provenance.of_block(b),
            )
        )
        citations += cite("political_rights", seq, [b])
    findings += _orphans(pairs, file, "political right status", "political_rights", "status")
    return Parsed(records=tuple(records), citations=tuple(citations), findings=tuple(findings))


def facts_findings(f: Facts) -> tuple[Finding, ...]:
    return f.indicators.findings + f.destinations.findings + f.rights.findings
