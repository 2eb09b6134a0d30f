"""Small pure helpers on block text: numbers, years, bold leads, markers."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from pipeline.model.document import Block, Span, normalise_space
from pipeline.model.domain import YEAR

PERIOD = re.compile(rf"(?P<start>{YEAR})(?:\s*(?:[-–—∨]|to)\s*(?P<end>{YEAR}))?")
TRAILING_PERIOD = re.compile(
    rf"^(?P<head>.*?)\s*(?P<start>{YEAR})(?:\s*(?:[-–—∨]|to)\s*(?P<end>{YEAR}))?\s*$", re.S
)


def parse_number(raw: str) -> float | None:
    """'1,272' -> 1272; '4.9' -> 4.9; '1.234.567' -> 1234567; '12,5' -> 12.5."""
    text = raw.strip().replace("\u202f", "").replace("\xa0", "").replace(" ", "")
    text = text.rstrip("%")
    if not re.fullmatch(r"\d[\d.,]*", text):
        return None
    if "," in text and "." in text:
        decimal = "." if text.rfind(".") > text.rfind(",") else ","
        thousands = "," if decimal == "." else "."
        text = text.replace(thousands, "").replace(decimal, ".")
    elif "," in text:
        parts = text.split(",")
        text = text.replace(",", "") if all(len(p) == 3 for p in parts[1:]) else text.replace(",", ".")
    elif text.count(".") > 1:
        text = text.replace(".", "")
    try:
        value = float(text)
    except ValueError:
        return None
    return value if math.isfinite(value) else None  # '9' * 400 overflows to inf: no number


def ends_sentence(text: str) -> bool:
    return text.rstrip().endswith((".", "!", "?", ";"))


def word_count(text: str) -> int:
    return len(text.split())


@dataclass(frozen=True)
class Lead:
    """A block split into an inline bold lead ("Lack of resources") and the rest."""

    lead: str | None
    rest: str


def split_lead(spans: tuple[Span, ...], max_words: int = 30) -> Lead:
    """The leading run of bold text (markers inside it skipped) and the text after it. Falls back
    to a short phrase before the first colon when nothing is bold."""
    lead_parts: list[str] = []
    i = 0
    while i < len(spans) and (spans[i].marker or spans[i].bold or not spans[i].text.strip()):
        if not spans[i].marker:
            lead_parts.append(spans[i].text)
        i += 1
    lead = normalise_space("".join(lead_parts))
    rest = normalise_space("".join(s.text for s in spans[i:] if not s.marker))
    if lead and any(ch.isalpha() for ch in lead) and word_count(lead) <= max_words:
        return Lead(lead=lead.rstrip(":").rstrip(), rest=rest.lstrip(":").strip())
    return colon_lead(normalise_space("".join(s.text for s in spans if not s.marker)))


def colon_lead(text: str, max_words: int = 6) -> Lead:
    """'Citizen rights: Prime Minister ...' -> lead 'Citizen rights'."""
    m = re.match(r"^([A-Z][^:.;!?\d]{0,80}?):\s+(.*)$", text, re.S)
    if m and word_count(m.group(1)) <= max_words:
        return Lead(lead=m.group(1).strip(), rest=m.group(2).strip())
    return Lead(lead=None, rest=text)


def skip_chars(spans: tuple[Span, ...], count: int) -> tuple[Span, ...]:
    """The spans after the first ``count`` characters of plain (marker-free) text."""
    out: list[Span] = []
    remaining = count
    for s in spans:
        if remaining <= 0:
            out.append(s)
        elif s.marker:
            continue
        elif len(s.text) <= remaining:
            remaining -= len(s.text)
        else:
            out.append(Span(s.text[remaining:], bold=s.bold, marker=s.marker, where=s.where))
            remaining = 0
    return tuple(out)


def raw_text(block: Block) -> str:
    """The block's text before whitespace folding (for character offsets into spans)."""
    return "".join(s.text for s in block.spans if not s.marker)


def is_tag_line(text: str) -> bool:
    """A spotlight's theme line: capitals joined by '+', e.g. 'TRAINING + RIGHTS'."""
    letters = [ch for ch in text if ch.isalpha()]
    return (
        bool(letters)
        and all(ch.isupper() for ch in letters)
        and len(text.split()) <= 10
        and not ends_sentence(text)
    )
