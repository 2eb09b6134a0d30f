"""Build a :class:`~.model.Profile` from a profile text file.

Conventions of the text files (see raw/cambodia-2022.txt):

* paragraphs are separated by blank lines; list items start with ``- ``;
* ``**`` toggles bold; ``\\$`` is an escaped dollar sign;
* footnote markers in body text are Unicode superscript digits (``⁵``, ``¹⁰``);
* footnotes are paragraphs starting with the note number (plain or superscript)
  and a space, placed after the body text that cites them; URLs may be written
  in ``<angle brackets>``;
* text that was in drawings is absent (so infographic values are unknown).

The recognisers below are deliberately generic (no Cambodia-specific strings)
so that other countries' profiles in the same conventions parse too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from .model import (
    Block,
    Bullet,
    Closing,
    Credits,
    DestinationRow,
    EntryTitle,
    Figure,
    FigureValues,
    Heading,
    KeyValue,
    Note,
    Paragraph,
    PolicyStatement,
    Profile,
    RightRow,
    Run,
    Runs,
    Section,
    SectionKind,
    TagLine,
    TimelineEntry,
    Title,
)

SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_SUP_TO_DIGIT = str.maketrans(SUPERSCRIPTS, "0123456789")
_SUP_RE = re.compile(f"[{SUPERSCRIPTS}]+")

# Section headings (level 1) that open a new section, in any order.
_SECTION_HEADINGS: tuple[tuple[re.Pattern[str], SectionKind], ...] = (
    (re.compile(r"^facts\s*(?:&|and)\s*figures$", re.I), "facts"),
    (re.compile(r"(?:policy|legislative)\s+(?:and\s+legislative\s+)?framework", re.I), "framework"),
    (re.compile(r"^(?:»\s*)?trends$", re.I), "trends"),
    (re.compile(r"^(?:»\s*)?obstacles$", re.I), "obstacles"),
    (re.compile(r"^spotlight\b", re.I), "spotlight"),
    (re.compile(r"^annex\b", re.I), "annex"),
    (re.compile(r"^diaspora\s+organi[sz]ations\b", re.I), "organisations"),
)
# Headings inside a section: (pattern, level).
_SUB_HEADINGS: tuple[tuple[re.Pattern[str], int], ...] = (
    (re.compile(r"^(?:emigration|immigration)$", re.I), 1),
    (re.compile(r"^list of actors$", re.I), 1),
    (re.compile(r"^political rights$", re.I), 2),
    (re.compile(r"^top (?:\w+ )?countries of destination$", re.I), 2),
    (re.compile(r"^diaspora[- ]related institutions$", re.I), 2),
)

_TITLE_RE = re.compile(r"^Diaspora engagement mapping\s+(?P<country>\S.*)$")
_NOTE_RE = re.compile(rf"^(?P<num>\d{{1,3}}|[{SUPERSCRIPTS}]{{1,3}}) (?P<text>\S.*)$", re.S)
_TIMELINE_RE = re.compile(
    r"^-\s*\**\s*(?P<start>\d{4}s?)\s*\**\s*"
    r"(?:∨\s*\**\s*(?P<end>\d{4}|present|ongoing|today)\s*\**\s*)?"
    r"●\s*(?P<rest>.*)$",
    re.S | re.I,
)
_KEY_VALUE_RE = re.compile(r"^(?P<label>[^*]+?:\S*)\s*\*\*(?P<value>[^*]+)\*\*\s*$")
_FIGURE_PAIR_RE = re.compile(r"^(?P<label>\S{1,3})\s+(?P<value>[\d.,]+\s?%)$")
_DESTINATION_RE = re.compile(r"^(?P<country>.+?)(?:\s*\t\s*|\s+)(?P<count>\d{1,3}(?:[,.\u202f ]\d{3})+|\d+)$")
_POLICY_RE = re.compile(
    r"\b(?:does not have|doesn't have|do not have|has|have|adopted)\b"
    r"[^.]*\bdiaspora\b[^.]*\bpolic(?:y|ies)\b",
    re.I,
)
_BOLD_LEAD_RE = re.compile(r"^(?P<lead>[A-Z][^:.\d]{1,40}:)(?P<rest>\s+\S.*)$", re.S)
_YEARS_RE = re.compile(
    r"\s(?P<years>(?:18|19|20)\d{2}(?:\s*[-–]\s*(?:(?:18|19|20)\d{2}|present|ongoing))?)$", re.I
)
_THEME_TAG_RE = re.compile(r"^(?=.*[A-Z]{2})[A-Z0-9 +&/,'’-]{2,60}$")
_ACTIVITY_TAG_RE = re.compile(r"^[A-Z][a-z]+(?: [a-z]+){0,3} activities$")
_URL_BRACKETS_RE = re.compile(r"<((?:https?://|www\.)[^<>\s]+)>")

# Where organisations may be based; used to split "Name Country Year".
EUROPEAN_COUNTRIES: tuple[str, ...] = (
    "Albania",
    "Andorra",
    "Austria",
    "Belarus",
    "Belgium",
    "Bosnia and Herzegovina",
    "Bulgaria",
    "Croatia",
    "Cyprus",
    "Czech Republic",
    "Czechia",
    "Denmark",
    "Estonia",
    "Finland",
    "France",
    "Germany",
    "Greece",
    "Hungary",
    "Iceland",
    "Ireland",
    "Italy",
    "Kosovo",
    "Latvia",
    "Liechtenstein",
    "Lithuania",
    "Luxembourg",
    "Malta",
    "Moldova",
    "Monaco",
    "Montenegro",
    "Netherlands",
    "The Netherlands",
    "North Macedonia",
    "Norway",
    "Poland",
    "Portugal",
    "Romania",
    "San Marino",
    "Serbia",
    "Slovakia",
    "Slovenia",
    "Spain",
    "Sweden",
    "Switzerland",
    "Ukraine",
    "United Kingdom",
    "UK",
    "Turkey",
    "Türkiye",
    "Europe",
    "EU",
)
_COUNTRY_RE = re.compile(
    r"(?<!\bof)(?<!\bin)(?<!\bde)(?<!\bdu)(?<!\ben)(?<!\bfor)\s(?P<country>"
    + "|".join(sorted((re.escape(c) for c in EUROPEAN_COUNTRIES), key=len, reverse=True))
    + r")$"
)


# ---------------------------------------------------------------- small tools


def _sup_number(s: str) -> int:
    return int(s.translate(_SUP_TO_DIGIT))


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\\$", "$")).strip()


def _is_sentence(text: str) -> bool:
    return bool(re.search(r"[.!?;:]\s*[\"'’”)]?$", _SUP_RE.sub("", text.replace("*", "")).strip()))


def parse_runs(text: str, note_numbers: set[int] | frozenset[int]) -> Runs:
    """Split ``text`` into runs: ``**`` toggles bold, superscripts become markers.

    Superscript numbers that are not note numbers stay literal text.
    """
    runs: list[Run] = []
    bold = False
    for i, segment in enumerate(_clean(text).split("**")):
        if i:
            bold = not bold
        pos = 0
        for m in _SUP_RE.finditer(segment):
            number = _sup_number(m.group())
            if number not in note_numbers:
                continue
            if m.start() > pos:
                runs.append(Run(segment[pos : m.start()], bold))
            runs.append(Run.note_ref(number, bold))
            pos = m.end()
        if pos < len(segment):
            runs.append(Run(segment[pos:], bold))
    return _merge(runs)


def _merge(runs: list[Run]) -> Runs:
    out: list[Run] = []
    for r in runs:
        if not r.text:
            continue
        if out and r.marker is None and out[-1].marker is None and out[-1].bold == r.bold:
            out[-1] = Run(out[-1].text + r.text, r.bold)
        else:
            out.append(r)
    # trim outer whitespace
    if out and out[0].marker is None:
        out[0] = Run(out[0].text.lstrip(), out[0].bold)
    if out and out[-1].marker is None:
        out[-1] = Run(out[-1].text.rstrip(), out[-1].bold)
    return tuple(r for r in out if r.text)


def _with_bold_lead(runs: Runs) -> Runs:
    """``Terminology: the terms ...`` -> bold ``Terminology:`` (as typeset)."""
    if not runs or runs[0].bold or runs[0].marker is not None:
        return runs
    m = _BOLD_LEAD_RE.match(runs[0].text)
    if not m or len(m.group("lead").split()) > 4:
        return runs
    return (Run(m.group("lead"), True), Run(m.group("rest"))) + runs[1:]


# ------------------------------------------------------------------ the parse


@dataclass
class _Item:
    """A paragraph, or one ``- `` list item, as lines of text."""

    lines: list[str]
    listed: bool = False

    @property
    def text(self) -> str:
        return _clean(" ".join(self.lines))


def _items(source: str) -> list[_Item]:
    paragraphs: list[list[str]] = [[]]
    for line in source.splitlines():
        if line.strip():
            paragraphs[-1].append(line.rstrip())
        elif paragraphs[-1]:
            paragraphs.append([])
    items: list[_Item] = []
    for para in filter(None, paragraphs):
        if not para[0].startswith("- "):
            items.append(_Item(para))
            continue
        for line in para:
            if line.startswith("- ") or not items or not items[-1].listed:
                items.append(_Item([line], listed=line.startswith("- ")))
            else:
                items[-1].lines.append(line)
    return items


@dataclass
class _Builder:
    note_numbers: frozenset[int]
    title: Title | None = None
    sections: list[Section] = field(default_factory=list)
    kind: SectionKind = "other"
    heading: Heading | None = None
    blocks: list[Block] = field(default_factory=list)
    group: str = ""  # text of the last sub-heading in the section

    def flush(self) -> None:
        if self.heading is not None or self.blocks:
            self.sections.append(Section(self.kind, self.heading, tuple(self.blocks)))
        self.heading, self.blocks, self.group = None, [], ""

    def open(self, kind: SectionKind, heading: Heading | None) -> None:
        self.flush()
        self.kind, self.heading = kind, heading

    def runs(self, text: str) -> Runs:
        return parse_runs(text, self.note_numbers)

    def add(self, block: Block) -> None:
        self.blocks.append(block)


def _find_notes(items: list[_Item]) -> dict[int, tuple[int, str]]:
    """Note number -> (item index, text). A note must follow a citation of it,
    or continue a run of notes (number = previous + 1)."""
    cited: set[int] = set()
    notes: dict[int, tuple[int, str]] = {}
    previous: int | None = None
    for index, item in enumerate(items):
        m = _NOTE_RE.match(item.text) if not item.listed else None
        if m:
            raw = m.group("num")
            number = _sup_number(raw) if raw[0] in SUPERSCRIPTS else int(raw)
            if number not in notes and (number in cited or previous == number - 1):
                notes[number] = (index, m.group("text"))
                previous = number
                continue
        previous = None
        cited.update(_sup_number(s) for s in _SUP_RE.findall(item.text))
    return notes


def _note_text(text: str) -> str:
    return _URL_BRACKETS_RE.sub(r"\1", _clean(text))


def _entry_title(text: str, b: _Builder, with_country: bool) -> EntryTitle:
    """``Name [Country] [Year[-Year]][marker]`` -> EntryTitle."""
    rest = text
    marker: int | None = None
    years: str | None = None
    m = re.search(f"(?<=\\d)([{SUPERSCRIPTS}]+)$", rest)
    ym = _YEARS_RE.search(rest[: m.start()] if m else rest)
    if ym and ym.start() > 0:
        if m and _sup_number(m.group(1)) in b.note_numbers:
            marker = _sup_number(m.group(1))
        years = re.sub(r"\s*[-–]\s*", "-", ym.group("years"))
        rest = rest[: ym.start()].rstrip()
    country: str | None = None
    if with_country and (cm := _COUNTRY_RE.search(rest)) and cm.start() > 0:
        country, rest = cm.group("country"), rest[: cm.start()].rstrip()
    return EntryTitle(b.runs(rest), country, years, marker)


def _facts_block(item: _Item, b: _Builder) -> list[Block]:
    text = item.text
    group = b.group.lower()
    if text.startswith("%") or re.match(r"^(?:share|percentage) of", text, re.I):
        return [Figure(text)]
    pairs = [_FIGURE_PAIR_RE.match(line.strip()) for line in item.lines]
    if all(pairs):
        return [FigureValues(tuple((p.group("label"), p.group("value")) for p in pairs if p))]
    values = [_KEY_VALUE_RE.match(_clean(line)) for line in item.lines]
    if all(values):
        return [KeyValue(b.runs(v.group("label")), v.group("value").strip()) for v in values if v]
    if "destination" in group:
        rows = [_DESTINATION_RE.match(line.strip()) for line in item.lines]
        if all(rows):
            return [DestinationRow(r.group("country").strip(), r.group("count")) for r in rows if r]
    if "rights" in group and not _is_sentence(text) and len(text) < 160:
        return [RightRow(b.runs(text))]
    if _POLICY_RE.search(text) and len(text) < 400:
        return [PolicyStatement(b.runs(text))]
    return [Paragraph(_with_bold_lead(b.runs(text)))]


def _list_block(item: _Item, b: _Builder) -> Block:
    body = item.text[2:].strip()
    bare = body.replace("**", "").strip()
    if len(bare) <= 70 and not _is_sentence(bare) and not _SUP_RE.search(bare):
        return Heading(2 if body.startswith("**") else 3, bare)
    return Bullet(b.runs(body))


def profile_from_text(source: str) -> Profile:
    """Parse profile text (the conventions above) into a :class:`Profile`."""
    items = _items(source)
    notes_found = _find_notes(items)
    b = _Builder(note_numbers=frozenset(notes_found))
    note_items = {index for index, _ in notes_found.values()}
    for index, item in enumerate(items):
        if index in note_items:
            continue
        text = item.text
        bare = text.replace("**", "")
        if b.title is None and (m := _TITLE_RE.match(bare)):
            b.title = Title(m.group("country").strip())
            continue
        kind = next((k for rx, k in _SECTION_HEADINGS if rx.search(bare)), None)
        if (
            kind is not None
            and not item.listed
            and len(bare) < 80
            and not _is_sentence(bare.rstrip(":") + "x")
        ):
            b.open(kind, Heading(1, bare))
            continue
        sub = next((lvl for rx, lvl in _SUB_HEADINGS if rx.match(bare)), None)
        if sub is not None and not item.listed:
            b.add(Heading(sub, bare))
            b.group = bare
            continue
        if text.startswith("Written by") or text.startswith("Edited by"):
            b.open("back", None)
            b.add(Credits(tuple(_clean(line) for line in item.lines)))
            continue
        if b.kind == "back":
            b.add(Closing(text))
            continue
        if item.listed:
            if b.kind == "framework" and (m := _TIMELINE_RE.match(text)):
                b.add(TimelineEntry(m.group("start"), m.group("end"), b.runs(m.group("rest"))))
                continue
            block = _list_block(item, b)
            if isinstance(block, Heading):
                b.group = block.text
            b.add(block)
            continue
        if b.kind == "facts":
            for block in _facts_block(item, b):
                b.add(block)
            continue
        if b.kind in ("spotlight", "annex", "organisations"):
            if _ACTIVITY_TAG_RE.match(text):
                previous = b.blocks[-1] if b.blocks else None
                if isinstance(previous, TagLine) and previous.text.endswith(" activities"):
                    b.blocks[-1] = TagLine(previous.text + " " + text)
                else:
                    b.add(TagLine(text))
                continue
            if _THEME_TAG_RE.match(text):
                b.add(TagLine(text))
                continue
            if len(bare) <= 160 and len(bare.split()) <= 22 and not _is_sentence(bare):
                b.add(_entry_title(text, b, with_country=b.kind == "organisations"))
                continue
        b.add(Paragraph(_with_bold_lead(b.runs(text))))
    b.flush()
    notes = tuple(Note(n, _note_text(t)) for n, (_, t) in sorted(notes_found.items()))
    return Profile(b.title or Title("UNKNOWN"), tuple(b.sections), notes)


def profile_from_path(path: str | Path) -> Profile:
    return profile_from_text(Path(path).read_text(encoding="utf-8"))


__all__ = ["profile_from_text", "profile_from_path", "parse_runs", "EUROPEAN_COUNTRIES"]
