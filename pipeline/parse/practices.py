"""Spotlight practices: a title with its year(s), a tag line of themes, a description."""

from __future__ import annotations

from pipeline.model.document import Block, Role
from pipeline.model.records import Practice, Provenance
from pipeline.parse.common import Parsed, cite
from pipeline.parse.text import TRAILING_PERIOD, ends_sentence, is_tag_line, word_count


def is_practice_title(block: Block, following: Block | None) -> bool:
    if ends_sentence(block.text) or word_count(block.text) > 25 or is_tag_line(block.text):
        return False
    if following is not None and is_tag_line(following.text):
        return True
    return bool(TRAILING_PERIOD.match(block.text))


def parse_practices(blocks: tuple[Block, ...]) -> Parsed[Practice]:
    body = [b for b in blocks if b.role is not Role.HEADING]
    records: list[Practice] = []
    groups: list[list[Block]] = []
    for i, b in enumerate(body):
        following = body[i + 1] if i + 1 < len(body) else None
        if is_practice_title(b, following) or not groups:
            groups.append([b])
        else:
            groups[-1].append(b)
    citations = []
    for group in groups:
        title_block, rest = group[0], group[1:]
        themes: tuple[str, ...] = ()
        if rest and is_tag_line(rest[0].text):
            themes = tuple(t.strip().lower() for t in rest[0].text.split("+") if t.strip())
            rest = rest[1:]
        m = TRAILING_PERIOD.match(title_block.text)
        title = m.group("head").strip() if m else title_block.text
        start = int(m.group("start")) if m else None
        end = int(m.group("end")) if m and m.group("end") else None
        seq = len(records) + 1
        records.append(
            Practice(
                seq=seq,
                title=title,
                start_year=start,
                end_year=end,
                themes=themes,
                description="\n".join(b.text for b in rest),
                prov=Provenance.of_block(title_block),
            )
        )
        citations += cite("practices", seq, group)
    return Parsed(records=tuple(records), citations=tuple(citations))
