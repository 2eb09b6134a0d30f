"""Extract stage for the text edition of a profile: paragraphs of styled spans.

Conventions of the text edition: paragraphs are separated by blank lines; bold is ``**``;
footnote markers are Unicode superscript digits; a list item opens with ``- ``; a tab separates
the cells of a row; ``\\$`` and friends are Markdown escapes; drawn content is simply absent.
"""

from __future__ import annotations

import re

from pipeline.extract.superscript import superscript_to_digits
from pipeline.model.document import (
    Block,
    Document,
    SourceInfo,
    Span,
    Where,
    normalise_space,
)
from pipeline.model.findings import ProfileError, finding

_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!$<>|~])")
_LIST_ITEM = re.compile(r"^\s*[-*]\s+")
_SPACES = re.compile(r"\s+")
MARKER_DIGITS = 3  # a footnote marker numbers one of at most 999 notes (as in the PDF extractor)


def decode_text(data: bytes, file: str) -> str:
    """UTF-8 (with or without BOM), else Windows-1252; line ends normalised."""
    if b"\x00" in data:
        raise ProfileError(
            finding("file-unreadable", file=file, reason="it holds NUL bytes, so it is not a text file")
        )
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - cp1252 decodes almost anything; kept for safety
        raise ProfileError(
            finding("file-unreadable", file=file, reason="it is neither UTF-8 nor Windows-1252 text")
        )
    return text.replace("\r\n", "\n").replace("\r", "\n")


def paragraphs(text: str) -> list[tuple[int, list[str]]]:
    """Split into paragraphs: (first line number, lines).

    Blank lines separate groups. Inside a group that holds list items (``- ``), each item is a
    paragraph and unmarked lines continue the item above; in any other group each line is a
    paragraph of its own (the text edition writes a paragraph on one line).
    """
    result: list[tuple[int, list[str]]] = []
    for start, lines in _groups(text):
        if any(_LIST_ITEM.match(line) for line in lines):
            for offset, line in enumerate(lines):
                if _LIST_ITEM.match(line) or not result or result[-1][0] < start:
                    result.append((start + offset, [line]))
                else:
                    result[-1][1].append(line)
        else:
            result.extend((start + offset, [line]) for offset, line in enumerate(lines))
    return result


def _groups(text: str) -> list[tuple[int, list[str]]]:
    """Runs of non-blank lines: (first line number, lines)."""
    result: list[tuple[int, list[str]]] = []
    current: list[str] = []
    start = 0
    for number, raw in enumerate(text.split("\n"), start=1):
        if raw.strip():
            if not current:
                start = number
            current.append(raw.rstrip())
        elif current:
            result.append((start, current))
            current = []
    if current:
        result.append((start, current))
    return result


def _balance_bold(line: str) -> str:
    """The text edition drops the opening ``**`` of a list item that starts in bold.

    ``- 2003** ● **Title**`` is ``- **2003** ● **Title**``: an odd count of ``**`` in a list item
    means the first one was lost after the list marker.
    """
    if line.count("**") % 2 == 1:
        m = _LIST_ITEM.match(line)
        if m and not line[m.end() :].startswith("**"):
            return line[: m.end()] + "**" + line[m.end() :]
    return line


_TOKEN = re.compile(r"(\*\*)|([⁰¹²³⁴⁵⁶⁷⁸⁹]+)|(\n)|([^*⁰¹²³⁴⁵⁶⁷⁸⁹\n]+|\*)")


def spans_of(text: str, first_line: int) -> tuple[Span, ...]:
    """Styled spans of a paragraph's text (lines joined by '\\n'): ``**`` toggles bold, a run of
    superscript digits is a marker, a comma between two markers separates them."""
    spans: list[Span] = []
    bold = False
    line = first_line
    buf: list[str] = []

    def flush() -> None:
        if buf:
            spans.append(Span("".join(buf), bold=bold))
            buf.clear()

    for toggle, digits, newline, plain in _TOKEN.findall(text):
        if toggle:
            flush()
            bold = not bold
        elif digits:
            if len(digits) <= MARKER_DIGITS:
                if buf == [","] and spans and spans[-1].marker:
                    buf.clear()  # "⁴,⁵" cites notes 4 and 5
                flush()
                spans.append(
                    Span(superscript_to_digits(digits), bold=bold, marker=True, where=Where(line=line))
                )
            else:  # no footnote number is that long: the digits are text
                buf.append(digits)
        elif newline:
            line += 1
            buf.append(" ")
        else:
            if plain.startswith(",") and not buf and spans and spans[-1].marker and len(plain) == 1:
                buf.append(",")  # kept unless a marker follows
                continue
            buf.append(plain.replace("\t", " "))
    flush()
    return tuple(spans)


def block_of(first_line: int, lines: list[str]) -> Block:
    text = "\n".join(lines)
    bullet = None
    m = _LIST_ITEM.match(text)
    if m:
        bullet = "-"
        text = _balance_bold(text)
        text = text[m.end() :]
    else:
        text = _balance_bold(text)
    text = _ESCAPE.sub(r"\1", text)
    spans = _trim(spans_of(text, first_line))
    return Block(spans=spans, where=Where(line=first_line), bullet=bullet)


def _trim(spans: tuple[Span, ...]) -> tuple[Span, ...]:
    """Collapse whitespace inside spans and drop empty ones, keeping single spaces between."""
    out: list[Span] = []
    for s in spans:
        if s.marker:
            out.append(s)
            continue
        t = _SPACES.sub(" ", s.text)
        if t:
            out.append(Span(t, bold=s.bold, where=s.where))
    if out and not out[0].marker:
        out[0] = Span(out[0].text.lstrip(), bold=out[0].bold)
    if out and not out[-1].marker:
        out[-1] = Span(out[-1].text.rstrip(), bold=out[-1].bold)
    return tuple(s for s in out if s.text)


def extract_text(data: bytes, source: SourceInfo) -> Document:
    """Pure: the bytes of a text profile -> a Document of paragraph blocks."""
    text = decode_text(data, source.name)
    blocks = tuple(
        block
        for first, lines in paragraphs(text)
        if (block := block_of(first, lines)).spans and normalise_space("".join(s.text for s in block.spans))
    )
    return Document(source=source, blocks=blocks)
