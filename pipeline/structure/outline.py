"""Structure stage: a Document's blocks -> title, sections and notes (an ``Outline``).

Headings are found by typography (PDF) or by the genre's vocabulary (both formats); notes are
blocks that open with the next note number after a marker citing it has been seen.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from pipeline.model.document import (
    Block,
    Document,
    Role,
    Span,
    normalise_space,
    where_of,
)
from pipeline.model.findings import Finding, finding
from pipeline.structure.vocabulary import (
    OPTIONAL_SECTIONS,
    REQUIRED_SECTIONS,
    section_of,
    subsection_of,
)

TITLE_PHRASE = re.compile(r"diaspora\s+engagement\s+mapping\s*[:\-–|]?\s*", re.IGNORECASE)
_NOTE_NUMBER = re.compile(r"^\s*(\d{1,3})(?:[.)]?\s+|\s*$)")
_CREDITS = re.compile(r"^\s*(written by|authored by|author)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Note:
    number: int
    block: Block  # the note's text without its number


@dataclass(frozen=True)
class Section:
    key: str  # facts, framework, trends, obstacles, practices, institutions, organisations, credits, other
    heading: Block | None
    blocks: tuple[Block, ...]  # sub-headings stay in, as Role.HEADING blocks

    @property
    def title(self) -> str:
        return self.heading.text if self.heading else self.key


@dataclass(frozen=True)
class Outline:
    document: Document
    title: tuple[Block, ...]
    sections: tuple[Section, ...]
    notes: tuple[Note, ...]
    findings: tuple[Finding, ...]

    def section(self, key: str) -> Section | None:
        return next((s for s in self.sections if s.key == key), None)

    def blocks(self, *keys: str) -> tuple[Block, ...]:
        return tuple(b for s in self.sections if s.key in keys for b in s.blocks)


def outline(document: Document) -> Outline:
    """Pure: Document -> Outline."""
    body, notes = split_notes(document)
    title, sections, found = split_sections(body, document)
    return Outline(document=document, title=title, sections=sections, notes=notes, findings=found)


# --------------------------------------------------------------------------- notes


def note_number(block: Block) -> tuple[int, Block] | None:
    """The number a block opens with, and the block without it."""
    spans = block.spans
    if not spans:
        return None
    first = spans[0]
    if first.marker and first.text.isdigit():
        rest = spans[1:]
        return int(first.text), replace(block, spans=_lstrip(rest))
    m = _NOTE_NUMBER.match(first.text)
    if not m:
        return None
    rest = (Span(first.text[m.end() :], bold=first.bold),) + spans[1:]
    return int(m.group(1)), replace(block, spans=_lstrip(rest), role=Role.NOTE)


def _lstrip(spans: tuple[Span, ...]) -> tuple[Span, ...]:
    out = list(spans)
    while out and not out[0].marker and not out[0].text.strip():
        out.pop(0)
    if out and not out[0].marker:
        out[0] = replace(out[0], text=out[0].text.lstrip())
    return tuple(out)


def split_notes(document: Document) -> tuple[list[Block], tuple[Note, ...]]:
    """Separate notes from the body. A note opens with the next expected number, after some
    marker citing it was seen; in a PDF it is also set small, or stands under a Notes heading."""
    body: list[Block] = []
    notes: list[Note] = []
    cited: set[int] = set()
    in_endnotes = False
    expected = 1
    is_pdf = document.source.format == "pdf"
    for block in document.blocks:
        if block.role is Role.HEADING or section_of(block.text) is not None:
            in_endnotes = section_of(block.text) == "notes"
            if in_endnotes:
                continue
        numbered = note_number(block) if block.role is not Role.HEADING else None
        if numbered:
            number, rest = numbered
            placed = (not is_pdf) or block.small or in_endnotes
            plausible = expected <= number <= expected + 2 and (
                number in cited or (cited and number <= max(cited))
            )
            if placed and plausible and rest.spans:
                notes.append(Note(number, replace(rest, role=Role.NOTE)))
                expected = number + 1
                continue
        if is_pdf and notes and block.small and not in_endnotes and _continues_note(notes[-1].block, block):
            last = notes[-1]
            merged = replace(last.block, spans=last.block.spans + (Span(" "),) + block.spans)
            notes[-1] = Note(last.number, merged)
            continue
        cited.update(block.markers)
        body.append(block)
    return body, tuple(notes)


def _continues_note(note: Block, block: Block) -> bool:
    """A small unnumbered block right under a note on the same page (a note cut by spacing)."""
    a, b = note.where, block.where
    return (
        a.page == b.page
        and a.bbox is not None
        and b.bbox is not None
        and 0 <= b.bbox[1] - a.bbox[3] < (note.size or 6) * 1.5
        and note.size == block.size
    )


# --------------------------------------------------------------------------- sections


def split_sections(
    blocks: list[Block], document: Document
) -> tuple[tuple[Block, ...], tuple[Section, ...], tuple[Finding, ...]]:
    title: list[Block] = []
    sections: list[Section] = []
    found: list[Finding] = []
    current: tuple[str, Block | None, list[Block]] | None = None
    top_levels = {b.level for b in blocks if b.role is Role.HEADING and section_of(b.text)}
    top_level = max(top_levels) if top_levels else 0

    def close() -> None:
        if current is not None:
            key, heading, items = current
            sections.append(Section(key=key, heading=heading, blocks=tuple(items)))

    for block in blocks:
        key = section_of(block.text) if len(block.text) < 80 else None
        sub = subsection_of(block.text) if len(block.text) < 60 else None
        if key in ("annex",) and current is not None and current[0] == "annex":
            continue  # "Annex:" followed by "List of Actors"
        if key is not None:
            close()
            current = (key, replace(block, role=Role.HEADING), [])
            continue
        if sub is not None and _sub_applies(sub[0], current):
            parent = sub[0]
            if current is None:
                current = (parent, None, [])
            elif current[0] == "annex":
                current = ("institutions", current[1], current[2])
            current[2].append(replace(block, role=Role.HEADING))
            continue
        if _CREDITS.match(block.text):
            close()
            current = ("credits", None, [block])
            continue
        if block.role is Role.HEADING and current is None:
            title.append(block)
            continue
        if block.role is Role.HEADING and (not top_level or block.level <= top_level):
            close()
            current = ("other", block, [])
            found.append(
                finding("heading-unknown", file=document.source.name, value=block.text, **where_of(block))
            )
            continue
        if current is None:
            if TITLE_PHRASE.match(block.text) or not title:
                title.append(block)
                continue
            current = ("other", None, [])
        current[2].append(block)
    close()

    # an annex heading with no institutions heading under it holds the institutions
    has_institutions = any(s.key == "institutions" for s in sections)
    sections = [
        replace(s, key="institutions") if s.key == "annex" and not has_institutions else s
        for s in sections
        if not (s.key == "annex" and has_institutions and not s.blocks)
    ]
    keys = {s.key for s in sections}
    for key in REQUIRED_SECTIONS + tuple(sorted(OPTIONAL_SECTIONS)):
        if key not in keys:
            code = "section-missing-optional" if key in OPTIONAL_SECTIONS else "section-missing"
            found.append(finding(code, file=document.source.name, section=key, value=key))
    return tuple(title), tuple(sections), tuple(found)


def _sub_applies(parent: str, current: tuple[str, Block | None, list[Block]] | None) -> bool:
    """A sub-heading counts inside its own section (or the annex, for institution levels), or
    before any section; elsewhere the same words are ordinary text (a spotlight's tag line)."""
    if current is None:
        return True
    return current[0] == parent or (parent == "institutions" and current[0] == "annex")


def title_text(title: tuple[Block, ...]) -> str:
    return normalise_space(" ".join(b.text for b in title))
