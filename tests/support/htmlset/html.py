"""A profile (tests/support/typeset's model, parsed from the text edition) as one HTML page with CSS.

The page keeps the text edition's content and order; only the look changes with the :class:`Style`:
columns, justification, font, hyphenation, ligatures, paper, running header/footer and a facts
page designed as boxes. Chromium lays it out and prints it (see :mod:`.chromium`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import escape
from typing import Literal

from tests.support.typeset.model import (
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
    Runs,
    Section,
    TagLine,
    TimelineEntry,
    display_country,
)
from tests.support.typeset.setting import break_points

NARRATIVE = frozenset({"framework", "trends", "obstacles", "spotlight", "annex", "organisations"})
BREAK_BEFORE = frozenset({"framework", "spotlight", "annex", "organisations"})
# what a designed facts page prints beside each right's icon, in turn (the text edition shows icons
# only); with the status each wording stands for
PRINTED_STATUSES = (("Yes", "yes"), ("No", "no"), ("Not yet implemented", "not_implemented"))


@dataclass(frozen=True)
class Style:
    name: str
    paper: Literal["A4", "Letter"] = "A4"
    font: Literal["sans", "serif"] = "sans"
    columns: int = 1  # of the narrative sections
    justify: bool = False
    hyphens: bool = False
    ligatures: bool = False
    running: bool = False  # a running header with the country and a page-number footer
    designed_facts: bool = False  # the facts page as boxes, rights with a printed status
    space_glyphs: bool = True  # False: each space becomes an empty box 0.18 em wide (no space glyph)


def printed_status(seq: int) -> tuple[str, str]:
    """(wording, status) a designed facts page prints beside the ``seq``-th right (from 1)."""
    return PRINTED_STATUSES[(seq - 1) % len(PRINTED_STATUSES)]


FAMILIES = {"sans": "'Liberation Sans', 'DejaVu Sans', sans-serif", "serif": "'DejaVu Serif', serif"}


def _css(style: Style, country: str) -> str:
    text_align = "justify" if style.justify else "left"
    hyphens = "auto" if style.hyphens else "manual"  # soft hyphens break lines in either case
    ligatures = "common-ligatures discretionary-ligatures" if style.ligatures else "none"
    features = '"liga" 1, "dlig" 1' if style.ligatures else "normal"
    running = ""
    if style.running:
        running = f"""
        @page {{
          margin: 20mm 18mm 22mm 18mm;
          @top-left {{ content: "Diaspora engagement mapping | {country}"; font: 7.5pt {FAMILIES[style.font]};
                       color: #555; }}
          @bottom-right {{ content: counter(page); font: 7.5pt {FAMILIES[style.font]}; }}
          @bottom-left {{ content: "EU Global Diaspora Facility"; font: 7.5pt {FAMILIES[style.font]}; }}
        }}
        @page :first {{ @top-left {{ content: none; }} }}"""
    return f"""
    @page {{ size: {style.paper}; margin: 18mm 19mm 21mm 19mm; }}{running}
    html {{ font-family: {FAMILIES[style.font]}; font-size: 8.6pt; line-height: 1.35; color: #000;
            font-variant-ligatures: {ligatures}; font-feature-settings: {features}; }}
    body {{ margin: 0; }}
    p, li, div {{ text-align: {text_align}; hyphens: {hyphens}; -webkit-hyphens: {hyphens}; }}
    p {{ margin: 4pt 0 0 0; }}
    b {{ font-weight: bold; }}
    sup {{ font-size: 58%; vertical-align: 0.42em; line-height: 0; }}
    .label {{ font-size: 20pt; font-weight: bold; color: #2a9d8f; margin: 0; }}
    .country {{ font-size: 28pt; font-weight: bold; color: #2a9d8f; margin: 0 0 6pt 0; line-height: 1.25; }}
    h1 {{ font-size: 13pt; color: #1d3f72; margin: 14pt 0 3pt 0; break-after: avoid; }}
    h2, h3 {{ font-size: 9.6pt; color: #2a9d8f; margin: 6pt 0 2pt 0; break-after: avoid; }}
    section.narrative.cols {{ column-count: {style.columns}; column-gap: 18pt; }}
    section.break {{ break-before: page; }}
    .caption {{ font-size: 8.1pt; color: #666; margin-top: 8pt; }}
    .ring {{ display: block; margin: 3pt 6pt; }}
    .figvalues {{ font-size: 15pt; font-weight: bold; margin-left: 34%; }}
    .dest {{ display: flex; justify-content: space-between; width: 230pt; border-bottom: 0.5pt solid #bbb;
             padding: 2pt 0; }}
    .dest b {{ text-align: right; }}
    .right {{ display: flex; align-items: center; width: 230pt; gap: 11pt; padding: 2pt 0; }}
    .right .text {{ width: 190pt; text-align: left; }}
    .entry {{ display: grid; grid-template-columns: 40pt 1fr; margin-top: 6pt; break-inside: avoid; }}
    .entry .years {{ border-right: 0.6pt solid #bbb; margin-right: 4pt; text-align: left; }}
    .bullet {{ margin: 4pt 0 0 0; }}
    .title {{ display: grid; grid-template-columns: 61.5% 1fr auto; font-weight: bold; margin-top: 11pt;
              break-after: avoid; }}
    .title.nocountry {{ grid-template-columns: 1fr auto; }}
    .title .country-cell {{ font-weight: normal; padding-left: 0; }}
    .title .years-cell {{ text-align: right; padding-left: 10pt; }}
    .tag {{ font-size: 7.6pt; font-weight: bold; color: #2a9d8f; margin-top: 1pt; break-before: avoid; }}
    .credits {{ font-size: 7.1pt; margin-top: 14pt; }}
    .credits div {{ text-align: left; }}
    .closing {{ font-size: 8.1pt; color: #666; margin-top: 6pt; }}
    .notes {{ font-size: 6.3pt; line-height: 1.2; }}
    .notes p {{ margin: 1.5pt 0 0 0; padding-left: 9pt; text-indent: -9pt; text-align: left;
               hyphens: manual; }}
    /* the designed facts page */
    .facts {{ display: grid; grid-template-columns: 1fr 1fr; gap: 8pt 14pt; }}
    .facts > h1, .facts > .wide {{ grid-column: 1 / -1; }}
    .box {{ background: #eef5f4; padding: 6pt; border-radius: 4pt; }}
    .box .small {{ font-size: 6.8pt; color: #777; text-align: left; }}
    .box .big {{ font-size: 15pt; font-weight: bold; text-align: left; }}
    .pair {{ display: flex; gap: 10pt; align-items: flex-start; }}
    .pair .box {{ flex: 1; }}
    .destinations {{ display: flex; gap: 8pt; }}
    .destinations .names {{ flex: 2; }}
    .destinations .counts {{ flex: 1; }}
    .destinations .counts div {{ text-align: right; font-weight: bold; }}
    .rights {{ list-style: none; padding: 0; margin: 0; }}
    .rights li {{ display: flex; align-items: center; gap: 6pt; margin: 3pt 0; text-align: left; }}
    .rights .status {{ font-weight: bold; color: #1d3f72; margin-left: auto; }}
    """


def soft_hyphens(text: str) -> str:
    """``text`` with a soft hyphen (U+00AD) at each syllable break the reportlab typesetter would use
    (Chromium's own ``hyphens: auto`` has no dictionary when headless; it honours soft hyphens)."""
    out = []
    for word in re.split(r"(\s+)", text):
        cuts = sorted(k for k, added in break_points(word) if added)
        for a, b in zip([0, *cuts], [*cuts, len(word)], strict=True):
            out.append(word[a:b])
            if b < len(word):
                out.append("\u00ad")
    return "".join(out)


def runs_html(runs: Runs, hyphenate: bool = False) -> str:
    out = []
    for r in runs:
        text = escape(soft_hyphens(r.text) if hyphenate and r.marker is None else r.text)
        if r.marker is not None:
            out.append(f"<sup>{text}</sup>")
        elif r.bold:
            out.append(f"<b>{text}</b>")
        else:
            out.append(text)
    return "".join(out)


def _ring(size: float = 52.0) -> str:
    r = size / 2 - 5
    return (
        f'<svg class="ring" width="{size}pt" height="{size}pt" viewBox="0 0 {size} {size}">'
        f'<circle cx="{size / 2}" cy="{size / 2}" r="{r}" fill="none" stroke="#1d3f72" stroke-width="9"/>'
        f'<circle cx="{size / 2}" cy="{size / 2}" r="{r}" fill="none" stroke="#2a9d8f" stroke-width="9"'
        f' stroke-dasharray="{r * 0.75} {r * 7}"/></svg>'
    )


def _icon() -> str:
    return (
        '<svg width="12pt" height="12pt" viewBox="0 0 12 12"><circle cx="6" cy="6" r="5.5" fill="#2a9d8f"/>'
        '<path d="M3 6 l2 2 l4 -4" stroke="white" stroke-width="1.4" fill="none"/></svg>'
    )


def block_html(block: Block, hyphenate: bool = False) -> str:
    h = hyphenate
    match block:
        case Heading(level, text):
            tag = {1: "h1", 2: "h2"}.get(level, "h3")
            return f"<{tag}>{escape(text)}</{tag}>"
        case Paragraph(runs) | PolicyStatement(runs):
            return f"<p>{runs_html(runs, h)}</p>"
        case Figure(caption):
            return f'<div class="caption">{escape(caption)}</div>{_ring()}'
        case FigureValues(pairs):
            return (
                f'<div class="figvalues">{"&nbsp;&nbsp; ".join(escape(f"{a} {b}") for a, b in pairs)}</div>'
            )
        case KeyValue(label, value):
            return f"<p>{runs_html(label)} <b>{escape(value)}</b></p>"
        case DestinationRow(country, count):
            return f'<div class="dest"><span>{escape(country)}</span><b>{escape(count)}</b></div>'
        case RightRow(runs):
            return f'<div class="right"><div class="text">{runs_html(runs)}</div>{_icon()}</div>'
        case TimelineEntry(start, end, runs):
            years = f"<b>{start}</b>" + (f"<br>∨<br><b>{end}</b>" if end else "")
            return (
                f'<div class="entry"><div class="years">{years}</div><div>● {runs_html(runs, h)}</div></div>'
            )
        case Bullet(runs):
            return f'<p class="bullet">•&nbsp; {runs_html(runs, h)}</p>'
        case EntryTitle(name_runs, country, years, marker):
            right = escape(years or "") + (f"<sup>{marker}</sup>" if marker is not None else "")
            if country is None:
                return (
                    f'<div class="title nocountry"><div>{runs_html(name_runs)}</div>'
                    f'<div class="years-cell">{right}</div></div>'
                )
            return (
                f'<div class="title"><div>{runs_html(name_runs)}</div>'
                f'<div class="country-cell">{escape(country)}</div>'
                f'<div class="years-cell">{right}</div></div>'
            )
        case TagLine(text):
            return f'<div class="tag">{escape(text)}</div>'
        case Credits(lines):
            return '<div class="credits">' + "".join(f"<div>{escape(x)}</div>" for x in lines) + "</div>"
        case Closing(text):
            return f'<div class="closing">{escape(text)}</div>'
    raise TypeError(f"no HTML for {block!r}")


def designed_facts_html(section: Section) -> str:
    """The facts section as boxes: a figure's caption a small grey label over its ring and one box per
    value; a key figure's label small over its value; destination names in one box, their counts
    right-aligned in another beside it; each right with an icon and a printed status."""
    parts: list[str] = []
    blocks = list(section.blocks)
    i = 0
    rights = 0
    while i < len(blocks):
        b = blocks[i]
        match b:
            case Figure(caption):
                values = (
                    blocks[i + 1] if i + 1 < len(blocks) and isinstance(blocks[i + 1], FigureValues) else None
                )
                boxes = ""
                if isinstance(values, FigureValues):
                    boxes = "".join(
                        f'<div class="box"><div class="small">{escape(a)}</div>'
                        f'<div class="big">{escape(v)}</div></div>'
                        for a, v in values.pairs
                    )
                    i += 1
                parts.append(
                    f'<div class="box"><div class="small">{escape(caption)}</div>{_ring(44)}'
                    f'<div class="pair">{boxes}</div></div>'
                )
            case KeyValue(label, value):
                parts.append(
                    f'<div class="box"><div class="small">{runs_html(label)}</div>'
                    f'<div class="big">{escape(value)}</div></div>'
                )
            case DestinationRow():
                rows: list[DestinationRow] = []
                while i < len(blocks) and isinstance(blocks[i], DestinationRow):
                    rows.append(blocks[i])  # type: ignore[arg-type]
                    i += 1
                i -= 1
                names = "".join(f"<div>{escape(r.country)}</div>" for r in rows)
                counts = "".join(f"<div>{escape(r.count)}</div>" for r in rows)
                parts.append(
                    f'<div class="destinations wide"><div class="box names">{names}</div>'
                    f'<div class="box counts">{counts}</div></div>'
                )
            case RightRow():
                items = []
                while i < len(blocks) and isinstance(blocks[i], RightRow):
                    rights += 1
                    wording, _ = printed_status(rights)
                    items.append(
                        f"<li>{_icon()}<span>{runs_html(blocks[i].runs)}</span>"  # type: ignore[union-attr]
                        f'<span class="status">{escape(wording)}</span></li>'
                    )
                    i += 1
                i -= 1
                parts.append(f'<ul class="rights wide box">{"".join(items)}</ul>')
            case Heading(1, _):
                parts.append(block_html(b))
            case _:
                parts.append(f'<div class="wide">{block_html(b)}</div>')
        i += 1
    return '<section class="facts">' + "".join(parts) + "</section>"


def section_html(section: Section, style: Style) -> str:
    classes = ["narrative"] if section.kind in NARRATIVE else []
    if section.kind in NARRATIVE and style.columns > 1:
        classes.append("cols")
    if section.kind in BREAK_BEFORE:
        classes.append("break")
    if section.kind == "facts" and style.designed_facts:
        heading = block_html(section.heading) if section.heading else ""
        return heading + designed_facts_html(section)
    head = block_html(section.heading) if section.heading else ""
    body = "".join(block_html(b, style.hyphens) for b in section.blocks)
    return f'<section class="{" ".join(classes)}">{head}{body}</section>'


def notes_html(notes: tuple[Note, ...]) -> str:
    if not notes:
        return ""
    items = "".join(f"<p>{n.number} {escape(n.text)}</p>" for n in notes)
    return f'<section class="notes"><h1>Notes</h1>{items}</section>'


# every space of the page's text (no-break spaces too) becomes an empty inline box: the words are
# placed apart with nothing between them, and a line may still break there
NO_SPACE_GLYPHS = """
<style>.gap { display: inline-block; width: 0.18em; }</style>
<script>
const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
const nodes = [];
while (walker.nextNode()) nodes.push(walker.currentNode);
for (const node of nodes) {
  const parts = node.data.split(/[ \\u00a0]+/);
  if (parts.length < 2) continue;
  const fragment = document.createDocumentFragment();
  parts.forEach((part, i) => {
    if (i) { const gap = document.createElement("span"); gap.className = "gap"; fragment.append(gap); }
    if (part) fragment.append(part);
  });
  node.replaceWith(fragment);
}
</script>"""


def profile_html(profile: Profile, style: Style) -> str:
    """The whole profile as an HTML document; notes gathered at the end under "Notes"."""
    country = profile.country
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        f"<title>Diaspora engagement mapping {escape(display_country(country))} ({style.name})</title>"
        f"<style>{_css(style, country)}</style></head><body>"
        f'<p class="label">{escape(profile.title.label)}</p><p class="country">{escape(country)}</p>'
        + "".join(section_html(s, style) for s in profile.sections)
        + notes_html(profile.notes)
        + ("" if style.space_glyphs else NO_SPACE_GLYPHS)
        + "</body></html>"
    )
