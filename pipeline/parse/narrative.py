"""Free text: trends, obstacles, and the paragraphs of any section no other table holds."""

from __future__ import annotations

from pipeline.model.document import Block, Role
from pipeline.model.records import Obstacle, Provenance, SectionText
from pipeline.parse.common import Parsed, cite
from pipeline.parse.text import colon_lead, split_lead


def parse_paragraphs(section: str, blocks: tuple[Block, ...], first_seq: int = 1) -> Parsed[SectionText]:
    records: list[SectionText] = []
    citations = []
    heading = None
    for b in blocks:
        if b.role is Role.HEADING:
            heading = b.text  # a sub-heading inside a free-text section heads what follows
            continue
        seq = first_seq + len(records)
        lead = colon_lead(b.text)
        records.append(
            SectionText(
                section=section,
                seq=seq,
                heading=lead.lead or heading,
                text=lead.rest,
                prov=Provenance.of_block(b),
            )
        )
        citations += cite("sections", seq, [b])
    return Parsed(records=tuple(records), citations=tuple(citations))


def parse_obstacles(blocks: tuple[Block, ...]) -> Parsed[Obstacle]:
    records: list[Obstacle] = []
    citations = []
    for b in blocks:
        if b.role is Role.HEADING:
            continue
        lead = split_lead(b.spans, max_words=12)
        if records and not b.bullet and lead.lead is None:
            last = records[-1]
            records[-1] = Obstacle(last.seq, last.title, last.text + "\n" + b.text, last.prov)
            citations += cite("obstacles", last.seq, [b])
            continue
        seq = len(records) + 1
        records.append(Obstacle(seq=seq, title=lead.lead, text=lead.rest, prov=Provenance.of_block(b)))
        citations += cite("obstacles", seq, [b])
    return Parsed(records=tuple(records), citations=tuple(citations))
