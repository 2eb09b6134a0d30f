"""Document model of one diaspora engagement profile, independent of any typesetting.

Everything is a frozen dataclass so that profiles can be compared, hashed and
re-arranged (see :mod:`.arrange`) without side effects.

Footnotes are not stored inside the blocks; a block *cites* notes through
marker runs (``Run.marker``) and :meth:`Profile.notes_for` returns the notes a
block cites.  The renderer uses that to put each note on the page where its
marker lands.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, TypeAlias


@dataclass(frozen=True)
class Run:
    """A piece of inline text. A marker run stands for a footnote reference."""

    text: str
    bold: bool = False
    marker: int | None = None

    @staticmethod
    def note_ref(number: int, bold: bool = False) -> Run:
        return Run(str(number), bold=bold, marker=number)


Runs: TypeAlias = tuple[Run, ...]


def plain(runs: Runs) -> str:
    """Text of runs, without the markers."""
    return "".join(r.text for r in runs if r.marker is None)


def markers_of(runs: Runs) -> tuple[int, ...]:
    return tuple(r.marker for r in runs if r.marker is not None)


# --------------------------------------------------------------------- blocks


@dataclass(frozen=True)
class Title:
    """Document title; ``country`` as printed (usually upper case)."""

    country: str
    label: str = "Diaspora engagement mapping"


@dataclass(frozen=True)
class Heading:
    """Level 1: section heading (13pt in the original), 2 and 3: sub-headings."""

    level: int
    text: str


@dataclass(frozen=True)
class Paragraph:
    runs: Runs


@dataclass(frozen=True)
class PolicyStatement:
    """The sentence saying whether the country has a diaspora engagement policy."""

    runs: Runs


@dataclass(frozen=True)
class Figure:
    """An infographic (a ring chart in the original) with its caption.

    ``share`` is the value shown only as a drawing; ``None`` when unknown (the
    text layer of the source does not carry it).
    """

    caption: str
    share: float | None = None


@dataclass(frozen=True)
class FigureValues:
    """Label/value pairs printed large next to a figure, e.g. (("♂", "53.6%"), ("♀", "46.4%"))."""

    pairs: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class KeyValue:
    """``Remittances as a share of GDP:`` + bold ``4.9%``."""

    label: Runs
    value: str


@dataclass(frozen=True)
class DestinationRow:
    country: str
    count: str


@dataclass(frozen=True)
class RightRow:
    """A political right; ``value`` is drawn as an icon (None = unknown); ``status`` is the
    wording printed beside the icon ("Not yet implemented"), None when only the icon shows."""

    runs: Runs
    value: bool | None = None
    status: str | None = None


@dataclass(frozen=True)
class TimelineEntry:
    start_year: str
    end_year: str | None
    runs: Runs


@dataclass(frozen=True)
class Bullet:
    runs: Runs


@dataclass(frozen=True)
class EntryTitle:
    """Title line of a spotlight, institution or organisation entry."""

    name_runs: Runs
    country: str | None = None
    years: str | None = None
    marker: int | None = None


@dataclass(frozen=True)
class TagLine:
    """Small bold line under an entry title: themes or activity labels."""

    text: str


@dataclass(frozen=True)
class Credits:
    lines: tuple[str, ...]


@dataclass(frozen=True)
class Closing:
    """Words printed next to the closing logos ("Implemented by", ...)."""

    text: str


Block: TypeAlias = (
    Heading
    | Paragraph
    | PolicyStatement
    | Figure
    | FigureValues
    | KeyValue
    | DestinationRow
    | RightRow
    | TimelineEntry
    | Bullet
    | EntryTitle
    | TagLine
    | Credits
    | Closing
)


def block_runs(block: Block) -> Runs:
    """All inline runs of a block (markers included)."""
    match block:
        case Paragraph(runs) | PolicyStatement(runs) | RightRow(runs) | Bullet(runs):
            return runs
        case TimelineEntry(_, _, runs):
            return runs
        case KeyValue(label, _):
            return label
        case EntryTitle(name_runs, _, _, marker):
            return name_runs + ((Run.note_ref(marker),) if marker is not None else ())
        case _:
            return ()


def block_markers(block: Block) -> tuple[int, ...]:
    return markers_of(block_runs(block))


# ------------------------------------------------------------------- document


@dataclass(frozen=True)
class Note:
    number: int
    text: str


SectionKind = Literal[
    "facts", "framework", "trends", "obstacles", "spotlight", "annex", "organisations", "back", "other"
]


@dataclass(frozen=True)
class Section:
    kind: SectionKind
    heading: Heading | None
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class Profile:
    title: Title
    sections: tuple[Section, ...]
    notes: tuple[Note, ...] = field(default=())

    @property
    def country(self) -> str:
        return self.title.country

    def note(self, number: int) -> Note | None:
        for n in self.notes:
            if n.number == number:
                return n
        return None

    def notes_for(self, block: Block) -> tuple[Note, ...]:
        """The notes cited by ``block``, in citation order."""
        found = (self.note(m) for m in block_markers(block))
        return tuple(n for n in found if n is not None)

    def cited_numbers(self) -> set[int]:
        return {m for s in self.sections for b in s.blocks for m in block_markers(b)}

    def section(self, kind: SectionKind) -> Section | None:
        return next((s for s in self.sections if s.kind == kind), None)


def display_country(country: str) -> str:
    """``BOSNIA AND HERZEGOVINA`` -> ``Bosnia and Herzegovina``."""
    small = {"and", "of", "the", "de", "du"}
    words = country.strip().split()
    out = []
    for i, w in enumerate(words):
        lw = w.lower()
        out.append(lw if i and lw in small else "-".join(p[:1].upper() + p[1:] for p in lw.split("-")))
    return " ".join(out)
