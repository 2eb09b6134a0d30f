"""The policy and legislative framework: a dated timeline of instruments."""

from __future__ import annotations

import re

from pipeline.model.document import Block, Role, where_of
from pipeline.model.findings import finding
from pipeline.model.records import PolicyEntry, Provenance
from pipeline.parse.common import Parsed, cite
from pipeline.parse.text import YEAR, raw_text, skip_chars, split_lead

# "2003 ●", "2014 ∨ 2018 ●", "2017-2025:" ... at the start of an entry
ENTRY = re.compile(rf"^\s*(?P<start>{YEAR})(?:\s*(?:[-–—∨]|to)\s*(?P<end>{YEAR}))?\s*(?:[●•:–\-]\s*)?")


def parse_framework(blocks: tuple[Block, ...], file: str) -> Parsed[PolicyEntry]:
    records: list[PolicyEntry] = []
    citations, findings, leftovers = [], [], []
    for b in blocks:
        if b.role is Role.HEADING:
            continue
        m = ENTRY.match(raw_text(b))
        if not m:
            if records and not b.bullet:
                # a paragraph continuing the entry above
                last = records[-1]
                records[-1] = PolicyEntry(
                    last.seq,
                    last.start_year,
                    last.end_year,
                    last.title,
                    (last.description + "\n" + b.text).strip(),
                    last.prov,
                )
                citations += cite("policy_framework", last.seq, [b])
            else:
                leftovers.append(b)
            continue
        lead = split_lead(skip_chars(b.spans, m.end()))
        seq = len(records) + 1
        title, description = lead.lead, lead.rest
        if not title:
            title, description = _title_by_marker(b, m.end())
        if not title:
            findings.append(
                finding(
                    "block-unparsed",
                    file=file,
                    value=b.text[:80],
                    section="framework",
                    table="policy_framework",
                    seq=seq,
                    **where_of(b),
                )
            )
            title = ""
        records.append(
            PolicyEntry(
                seq=seq,
                start_year=int(m.group("start")),
                end_year=int(m.group("end")) if m.group("end") else None,
                title=title.rstrip(":").strip(),
                description=description,
                prov=Provenance.of_block(b),
            )
        )
        citations += cite("policy_framework", seq, [b])
    return Parsed(
        records=tuple(records),
        citations=tuple(citations),
        findings=tuple(findings),
        leftovers=tuple(leftovers),
    )


def _title_by_marker(b: Block, skip: int) -> tuple[str | None, str]:
    """No bold: the title runs up to the first marker."""
    spans = skip_chars(b.spans, skip)
    for i, s in enumerate(spans):
        if s.marker:
            title = "".join(x.text for x in spans[:i] if not x.marker).strip()
            rest = "".join(x.text for x in spans[i:] if not x.marker).strip()
            return title or None, " ".join(rest.split())
    return None, " ".join("".join(s.text for s in spans).split())
