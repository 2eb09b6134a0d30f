"""Legal and policy instruments: what a LAW mention names (kind, number, year), and the merging
of its variants into one instrument per profile.

"Prakas 012/2007" and "Prakas 012/07" are one instrument (kind, number and year agree);
"Sub-Decree No. 190 (2011)" and "sub-decree 190" are one (a mention without a year joins the
one dated instrument of its kind and number); a framework title and its acronym ("Policy on
Labour Migration (LMP) for Cambodia", "LMP") are one.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from pipeline.enrich import vocabulary as v
from pipeline.enrich.patterns import framework_title_aliases, strip_accents
from pipeline.model.domain import YEAR
from pipeline.model.findings import Finding, finding
from pipeline.model.records import Instrument, PolicyEntry, Provenance


def _kind_regex() -> re.Pattern[str]:
    forms = sorted(v.KINDS, key=len, reverse=True)
    alternatives = [r"[\s\-]+".join(re.escape(part) for part in re.split(r"[\s\-]+", form)) for form in forms]
    return re.compile(rf"\b(?:{'|'.join(alternatives)})\b", re.I)


KIND = _kind_regex()
KIND_OF_FORM = {" ".join(re.split(r"[\s\-]+", form)): kind for form, kind in v.KINDS.items()}
SERIAL = r"\d+[A-Za-z]?(?:[/.\-]\d+[A-Za-z]?)*"
NUMBERED = re.compile(rf"\b(?:no|nr|nos|number|n°)\.?\s*(?P<serial>{SERIAL})", re.I)
YEAR_IN_NAME = re.compile(rf"\((?P<a>{YEAR})\)|\bof\s+(?P<b>{YEAR})\b", re.I)
PERIOD = re.compile(rf"{YEAR}(?:[/\-]{YEAR})?")  # "2014-2018" after a kind is a period, no number
YEAR_AFTER = re.compile(rf"^\s*in\s+(?:[A-Z][a-z]+\.?\s+)?(?P<year>{YEAR})\b")


@dataclass(frozen=True)
class Reference:
    """What one mention says about its instrument."""

    kind: str | None
    number: str | None  # as written, year suffix removed: "012"
    year: int | None

    @property
    def number_key(self) -> str | None:
        if self.number is None:
            return None
        return (self.number.lstrip("0") or "0") if self.number.isdigit() else self.number.lower()


def kind_of(text: str) -> str | None:
    """The kind an instrument's name opens with or is headed by (the first kind word)."""
    m = KIND.search(text)
    return KIND_OF_FORM[" ".join(re.split(r"[\s\-]+", m.group(0).lower()))] if m else None


def _expand_year(digits: str) -> int | None:
    if re.fullmatch(YEAR, digits):
        return int(digits)
    if re.fullmatch(r"\d\d", digits):  # "012/07": two-digit years pivot at 50
        n = int(digits)
        return 2000 + n if n < 50 else 1900 + n
    return None


def reference(text: str, after: str = "") -> Reference:
    """'Sub-Decree No. 190 (2011)' -> sub-decree 190 2011; 'Prakas 012/07' -> prakas 012 2007;
    'sub-decree 70' followed by ' in 2006' -> sub-decree 70 2006."""
    text = " ".join(text.split())
    kind = kind_of(text)
    serial = None
    m = NUMBERED.search(text)
    if m:
        serial = m.group("serial")
    else:
        k = KIND.search(text)
        if k:
            m = re.match(rf"\s*(?P<serial>{SERIAL})\b", text[k.end() :])
            if m and not PERIOD.fullmatch(m.group("serial")):
                serial = m.group("serial")
    year = None
    if serial and "/" in serial:
        head, tail = serial.rsplit("/", 1)
        year = _expand_year(tail)
        if year is not None:
            serial = head
    if year is None:
        y = YEAR_IN_NAME.search(text)
        if y:
            year = int(y.group("a") or y.group("b"))
    if year is None and serial is not None:
        y = YEAR_AFTER.match(after)
        if y:
            year = int(y.group("year"))
    return Reference(kind=kind, number=serial, year=year)


@dataclass(frozen=True)
class LawMention:
    mention: int
    text: str
    after: str  # the text that follows the mention in its cell
    framework_seq: int | None  # the framework row whose title or acronym it matched
    table: str
    seq: int
    prov: Provenance


@dataclass(frozen=True)
class Merged:
    instruments: tuple[Instrument, ...]
    of_mention: dict[int, int]  # mention -> instrument seq
    findings: tuple[Finding, ...]


def framework_kind(entry: PolicyEntry) -> str | None:
    """The kind a framework title names, else the one its description opens with ('The policy
    serves as ...')."""
    kind = kind_of(entry.title)
    if kind:
        return kind
    m = re.match(r"^[Tt]he\s+(?:[A-Z]{2,}\s+)?(\w+)", entry.description)
    return v.KINDS.get(m.group(1).lower()) if m else None


def _name_key(text: str) -> str:
    names, _ = framework_title_aliases(text)
    return " ".join(strip_accents(names[-1] if len(names) > 1 else names[0]).lower().split())


def merge(mentions: list[LawMention], framework: tuple[PolicyEntry, ...], file: str) -> Merged:
    """Pure: LAW mentions (in order) -> one instrument per distinct instrument."""
    entries = {e.seq: e for e in framework}
    title_refs = {seq: reference(e.title) for seq, e in entries.items()}
    refs = {m.mention: reference(m.text, m.after) for m in mentions}
    findings: list[Finding] = []

    def base_key(m: LawMention) -> tuple:
        ref = refs[m.mention]
        if ref.number is not None:
            return ("number", ref.kind, ref.number_key)
        if m.framework_seq is not None:
            title = title_refs[m.framework_seq]
            if title.number is not None:
                return ("number", title.kind, title.number_key)
            return ("framework", m.framework_seq)
        return ("name", _name_key(m.text))

    def year_of(m: LawMention) -> int | None:
        ref = refs[m.mention]
        if ref.number is None and m.framework_seq is not None:
            return title_refs[m.framework_seq].year
        return ref.year

    groups: dict[tuple, list[LawMention]] = defaultdict(list)
    for m in mentions:
        groups[base_key(m)].append(m)
    keyed: dict[tuple, list[LawMention]] = {}
    for key, found in groups.items():
        if key[0] != "number":
            keyed[key] = found
            continue
        years = sorted({y for y in map(year_of, found) if y is not None})
        for dated in years:
            keyed[key + (dated,)] = [m for m in found if year_of(m) == dated]
        yearless = [m for m in found if year_of(m) is None]
        if yearless and len(years) == 1:
            keyed[key + (years[0],)] += yearless
        elif yearless:
            keyed[key + (None,)] = yearless
            if len(years) > 1:
                first = yearless[0]
                findings.append(
                    finding(
                        "instrument-ambiguous",
                        file=file,
                        table=first.table,
                        seq=first.seq,
                        value=first.text,
                        years=", ".join(map(str, years)),
                        page=first.prov.page,
                        line=first.prov.line,
                    )
                )

    ordered = sorted(keyed.items(), key=lambda kv: min(m.mention for m in kv[1]))
    instruments: list[Instrument] = []
    of_mention: dict[int, int] = {}
    title_keys = {
        seq: ("number", r.kind, r.number_key) if r.number is not None else ("framework", seq)
        for seq, r in title_refs.items()
    }
    for seq, (key, found) in enumerate(ordered, start=1):
        found = sorted(found, key=lambda m: m.mention)
        first = found[0]
        base = key[:3] if key[0] == "number" else key
        framework_seq = next((m.framework_seq for m in found if m.framework_seq is not None), None)
        if framework_seq is None:
            framework_seq = next(
                (
                    s
                    for s, k in sorted(title_keys.items())
                    if k == base and (key[0] != "number" or title_refs[s].year in (None, key[3]))
                ),
                None,
            )
        kind = next((refs[m.mention].kind for m in found if refs[m.mention].kind), None)
        if kind is None and framework_seq is not None:
            kind = framework_kind(entries[framework_seq])
        number = next((refs[m.mention].number for m in found if refs[m.mention].number), None)
        if number is None and framework_seq is not None:
            number = title_refs[framework_seq].number
        year = key[3] if key[0] == "number" else next((y for y in map(year_of, found) if y is not None), None)
        rows = tuple(dict.fromkeys(f"{m.table}:{m.seq}" for m in found))
        instruments.append(
            Instrument(
                seq=seq,
                kind=kind,
                number=number,
                year=year,
                name=first.text,
                framework_seq=framework_seq,
                mentions=tuple(m.mention for m in found),
                rows=rows,
                prov=first.prov,
            )
        )
        for m in found:
            of_mention[m.mention] = seq
    return Merged(instruments=tuple(instruments), of_mention=of_mention, findings=tuple(findings))
