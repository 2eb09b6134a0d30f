"""Render a :class:`~.model.Profile` to PDF with a :class:`~.layout.Layout`."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path

from reportlab.pdfgen.canvas import Canvas

from .arrange import arrange
from .fonts import family
from .from_text import profile_from_path
from .infographic import facts_units
from .layout import NARRATIVE, Layout, Running
from .model import Heading, Profile, Section, display_country
from .paginate import NOTE_GAP, Paginator
from .units import Pen, Unit, UnitBuilder

__all__ = ["render", "typeset"]


def _section_units(section: Section, ub: UnitBuilder, layout: Layout) -> tuple[list[Unit], list[Unit], int]:
    """(full-width head units, body units, columns) of a section."""
    columns = layout.columns if section.kind in NARRATIVE else 1
    blocks = list(section.blocks)
    heads: list[Heading] = [section.heading] if section.heading else []
    if columns > 1:  # consecutive top-level headings go above the columns too
        while blocks and isinstance(blocks[0], Heading) and blocks[0].level == 1:
            heads.append(blocks.pop(0))  # type: ignore[arg-type]
    head_units = [u for h in heads for u in ub.heading(h, layout.width)]
    width = layout.column_width(columns)
    if section.kind == "facts" and layout.facts_design == "infographic":
        return head_units, facts_units(ub, blocks, width), columns
    body = ub.blocks(blocks, width)
    return head_units, body, columns


def _running_text(template: str, profile: Profile, page: int, pages: int) -> str:
    return template.format(
        COUNTRY=profile.country.upper(), Country=display_country(profile.country), page=page, pages=pages
    )


def _draw_running(
    pen: Pen, ub: UnitBuilder, running: Running, profile: Profile, page: int, pages: int
) -> None:
    width = ub.layout.page_size[0]
    style = ub.running
    if page > 1 or running.header_on_first_page:
        text = _running_text(running.header, profile, page, pages)
        base = running.header_top + 0.8 * style.size
        x = {"left": running.inset, "center": width / 2, "right": width - running.inset}[running.header_align]
        pen.pieces(ub.text(text, style), x, base, running.header_align)
        if running.header_rule:
            pen.rule(running.inset, width - running.inset, base + 4, (0, 0, 0), 0.6)
    base = pen.page_height - running.footer_bottom
    for template, x, align in (
        (running.footer_left, running.inset, "left"),
        (running.footer_center, width / 2, "center"),
        (running.footer_right, width - running.inset, "right"),
    ):
        if template:
            pen.pieces(ub.text(_running_text(template, profile, page, pages), style), x, base, align)


def render(profile: Profile, layout: Layout, out_path: str | Path) -> int:
    """Typeset ``profile`` into ``out_path``; returns the number of pages."""
    profile = arrange(profile, layout)
    ub = UnitBuilder(layout, family(layout.family))
    full = layout.width
    note_units = {n.number: ub.note(n, full) for n in profile.notes}
    foot = layout.notes == "foot"
    pag = Paginator(layout, (lambda n: note_units[n].height if n in note_units else 0.0) if foot else None)

    pag.flow(ub.title(profile.title, full))
    for section in profile.sections:
        if section.kind in layout.page_break_before:
            pag.new_page()
        heads, body, columns = _section_units(section, ub, layout)
        if heads:
            pag.flow(heads, 1, then=body)
        pag.flow(body, columns)
    if foot:
        placed = {n for p in pag.pages for n in p.notes}
        pag.add_notes([n.number for n in profile.notes if n.number not in placed])
    elif profile.notes:
        heading = ub.heading(Heading(1, layout.notes_heading), full)
        pag.flow(heading, 1, then=[note_units[profile.notes[0].number]])
        pag.flow([note_units[n.number] for n in profile.notes])

    out = Path(out_path)
    out.parent.mkdir(parents=True, exist_ok=True)
    canvas = Canvas(str(out), pagesize=layout.page_size, pageCompression=1)
    canvas.setTitle(f"Diaspora engagement mapping {display_country(profile.country)} ({layout.name})")
    pen = Pen(canvas, layout.page_size[1])
    total = len(pag.pages)
    for number, page in enumerate(pag.pages, start=1):
        frames: list[Callable[[], None]] = [
            partial(_draw_running, pen, ub, layout.running, profile, number, total)
        ]
        frames += [partial(p.unit.draw, pen, p.x, p.top) for p in page.placed]
        if page.notes and foot:
            units = [note_units[n] for n in sorted(page.notes) if n in note_units]
            top = pag.bottom - sum(u.height for u in units)
            frames.append(
                partial(
                    pen.rule,
                    layout.margins.left,
                    layout.margins.left + layout.note_rule,
                    top - NOTE_GAP / 2,
                    (0, 0, 0),
                    0.5,
                )
            )
            for u in units:
                frames.append(partial(u.draw, pen, layout.margins.left, top))
                top += u.height
        for frame in layout.setting.shuffled(frames, "page", number):
            frame()
        canvas.showPage()
    canvas.save()
    return total


def typeset(source: str | Path | Profile, layout: Layout, out_path: str | Path) -> int:
    """Typeset a profile text file (or an already built Profile) into a PDF.

    Returns the number of pages written."""
    profile = source if isinstance(source, Profile) else profile_from_path(source)
    return render(profile, layout, out_path)
