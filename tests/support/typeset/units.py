"""Turn model blocks into *units*: unbreakable horizontal slices (usually one
text line) that the paginator stacks into columns and pages.

Every unit knows its height, the footnotes it cites (so that the paginator can
put those notes on the same page), the space it wants above it (dropped at the
top of a column) and whether it must stay with the next unit.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from reportlab.pdfgen.canvas import Canvas

from .fonts import FontFamily
from .inline import (
    Color,
    Line,
    Piece,
    TextStyle,
    break_lines,
    draw_line,
    draw_piece,
    pieces,
)
from .layout import Layout
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
    RightRow,
    Run,
    Runs,
    TagLine,
    TimelineEntry,
    Title,
)
from .setting import PLAIN


class Pen:
    """A canvas plus the page height, so that drawing code can use top-down
    coordinates (distance from the top edge) like pdfplumber does."""

    def __init__(self, canvas: Canvas, page_height: float) -> None:
        self.canvas = canvas
        self.page_height = page_height

    def y(self, top: float) -> float:
        return self.page_height - top

    def pieces(self, items: Sequence[Piece], x: float, baseline_top: float, align: str = "left") -> None:
        total = sum(p.width for p in items)
        cx = x - total if align == "right" else x - total / 2 if align == "center" else x
        placed = []
        for p in items:
            placed.append((p, cx))
            cx += p.width
        setting = items[0].setting if items else PLAIN
        for p, px in setting.shuffled(placed, round(x, 2), round(baseline_top, 2)):
            draw_piece(self.canvas, p, px, self.y(baseline_top))

    def rule(self, x0: float, x1: float, top: float, color: Color, width: float = 0.5) -> None:
        c = self.canvas
        c.setStrokeColorRGB(*color)
        c.setLineWidth(width)
        c.line(x0, self.y(top), x1, self.y(top))

    def vrule(self, x: float, top: float, bottom: float, color: Color, width: float = 0.6) -> None:
        c = self.canvas
        c.setStrokeColorRGB(*color)
        c.setLineWidth(width)
        c.line(x, self.y(top), x, self.y(bottom))

    def ring(self, x: float, top: float, diameter: float, share: float, main: Color, part: Color) -> None:
        """A ring chart: ``share`` of the ring in ``part`` colour."""
        c = self.canvas
        r = diameter / 2
        cx, cy = x + r, self.y(top + r)
        c.setFillColorRGB(*main)
        c.circle(cx, cy, r, stroke=0, fill=1)
        if share > 0:
            c.setFillColorRGB(*part)
            c.wedge(cx - r, cy - r, cx + r, cy + r, 90 - 360 * share, 360 * share, stroke=0, fill=1)
        c.setFillColorRGB(1, 1, 1)
        c.circle(cx, cy, r * 0.62, stroke=0, fill=1)

    def icon(self, x: float, top: float, diameter: float, value: bool | None) -> None:
        """Yes/no icon: green tick, red cross, grey disc when unknown (no text)."""
        c = self.canvas
        r = diameter / 2
        cx, cy = x + r, self.y(top + r)
        fill = {True: (0.16, 0.6, 0.3), False: (0.8, 0.2, 0.2), None: (0.83, 0.83, 0.83)}[value]
        c.setFillColorRGB(*fill)
        c.setStrokeColorRGB(0.5, 0.5, 0.5)
        c.setLineWidth(0.5)
        c.circle(cx, cy, r, stroke=1, fill=1)
        c.setStrokeColorRGB(1, 1, 1)
        c.setLineWidth(1.4)
        if value is True:
            c.lines(
                [
                    (cx - r * 0.5, cy, cx - r * 0.1, cy - r * 0.4),
                    (cx - r * 0.1, cy - r * 0.4, cx + r * 0.5, cy + r * 0.4),
                ]
            )
        elif value is False:
            d = r * 0.45
            c.lines([(cx - d, cy - d, cx + d, cy + d), (cx - d, cy + d, cx + d, cy - d)])


Draw = Callable[[Pen, float, float], None]  # pen, x, top


@dataclass
class Unit:
    height: float
    draw: Draw
    markers: tuple[int, ...] = ()
    space_before: float = 0.0
    keep_with_next: bool = False


def _baseline(top: float, style: TextStyle) -> float:
    """Baseline (top-down) of a line of ``style`` whose box starts at ``top``."""
    return top + (style.leading - style.size) / 2 + 0.8 * style.size


class UnitBuilder:
    """Builds units for blocks at a given width, with the layout's styles."""

    def __init__(self, layout: Layout, family: FontFamily) -> None:
        self.layout = layout
        s, p = layout.sizes, layout.palette

        def style(
            size: float, color: Color = p.text, bold: bool = False, leading: float = s.leading
        ) -> TextStyle:
            return TextStyle(
                family,
                size,
                round(size * leading, 2),
                color,
                bold,
                s.marker_scale,
                0.38,
                layout.justify,
                layout.setting,
            )

        self.body = style(s.body)
        self.label = style(s.label, p.heading, True, 1.3)
        self.country = style(s.country, p.accent, True, 1.25)
        self.h1 = style(s.h1, p.heading, True, 1.3)
        self.h2 = style(s.h2, p.accent, True, 1.4)
        self.h3 = style(s.h3, p.accent, True, 1.4)
        self.note_style = style(s.note, p.text, False, s.note_leading).with_(justify=False)
        self.tag = style(s.tag, p.accent, True, 1.4)
        self.credits = style(s.credits, p.text, False, 1.85).with_(justify=False)
        self.caption = style(s.caption, p.muted, False, 1.4).with_(justify=False)
        self.figure = style(s.figure, p.heading, True, 1.5)
        self.running = style(s.running, p.text, False, 1.2)
        self.para_gap = round(s.body * 0.47, 2)

    # ------------------------------------------------------------- primitives

    def lines(
        self,
        runs: Runs,
        style: TextStyle,
        width: float,
        *,
        prefix: Sequence[Piece] = (),
        first_indent: float = 0.0,
        indent: float = 0.0,
        space_before: float = 0.0,
        keep: bool = False,
        extra: Callable[[int, Pen, float, float], None] | None = None,
        pad_to: int = 0,
        last_extra: float = 0.0,
    ) -> list[Unit]:
        """One unit per line of ``runs``; ``extra(i, pen, x, top)`` draws more on line i."""
        broken: list[Line | None] = list(
            break_lines(runs, style, width, first_indent=first_indent, indent=indent, prefix=prefix)
        )
        broken += [None] * (pad_to - len(broken))
        units = []
        for i, line in enumerate(broken):

            def draw(pen: Pen, x: float, top: float, line: Line | None = line, i: int = i) -> None:
                if line is not None:
                    draw_line(pen.canvas, line, x, pen.y(_baseline(top, style)), width, style.justify)
                if extra is not None:
                    extra(i, pen, x, top)

            last = i == len(broken) - 1
            n = len(broken)
            # keep: whole block with what follows; else no orphan and no widow lines
            keep_next = keep or (not last and (i == 0 or i == n - 2))
            units.append(
                Unit(
                    style.leading + (last_extra if last else 0.0),
                    draw,
                    line.markers if line is not None else (),
                    space_before if i == 0 else 0.0,
                    keep_next,
                )
            )
        return units

    def text(self, text: str, style: TextStyle, bold: bool = False) -> list[Piece]:
        return pieces(text, style, bold)

    # ----------------------------------------------------------------- blocks

    def title(self, title: Title, width: float) -> list[Unit]:
        return self.lines((Run(title.label, True),), self.label, width, keep=True) + self.lines(
            (Run(title.country, True),), self.country, width, last_extra=4.0
        )

    def heading(self, heading: Heading, width: float) -> list[Unit]:
        style = {1: self.h1, 2: self.h2}.get(heading.level, self.h3)
        gap = {1: 14.0, 2: 6.0}.get(heading.level, 4.0)
        return self.lines(
            (Run(heading.text, True),), style, width, space_before=gap, keep=True, last_extra=3.0
        )

    def block(self, block: Block, width: float) -> list[Unit]:
        lay = self.layout
        match block:
            case Heading():
                return self.heading(block, width)
            case Paragraph(runs) | PolicyStatement(runs):
                return self.lines(runs, self.body, width, space_before=self.para_gap)
            case Figure():
                return self.figure_units(block, width)
            case FigureValues(pairs):
                text = "   ".join(f"{a} {b}" for a, b in pairs)
                return self.lines(
                    (Run(text, True),), self.figure, width, first_indent=min(width * 0.336, width - 150)
                )
            case KeyValue(label, value):
                runs = label + (Run(" "), Run(value, True))
                return self.lines(runs, self.body.with_(justify=False), width, space_before=4.0)
            case DestinationRow():
                return [self.destination(block, width)]
            case RightRow():
                return [self.right(block, width)]
            case TimelineEntry():
                return self.timeline(block, width)
            case Bullet(runs):
                bullet = self.text("•  ", self.body)
                hang = sum(p.width for p in bullet) if lay.bullet_hang else 0.0
                return self.lines(
                    runs, self.body, width, prefix=bullet, indent=hang, space_before=self.para_gap
                )
            case EntryTitle():
                return self.entry_title(block, width)
            case TagLine(text):
                return self.lines((Run(text, True),), self.tag, width, space_before=1.0, keep=True)
            case Credits(lines):
                units: list[Unit] = []
                for i, line in enumerate(lines):
                    units += self.lines(
                        (Run(line),),
                        self.credits,
                        width,
                        space_before=14.0 if i == 0 else 0.0,
                        keep=i < len(lines) - 1,
                    )
                return units
            case Closing(text):
                return self.lines((Run(text),), self.caption, width, space_before=6.0)
        raise TypeError(f"no units for {block!r}")

    def blocks(self, blocks: Sequence[Block], width: float) -> list[Unit]:
        """Units of consecutive blocks (a figure may take its values beside it)."""
        units: list[Unit] = []
        i = 0
        while i < len(blocks):
            block = blocks[i]
            following = blocks[i + 1] if i + 1 < len(blocks) else None
            if (
                isinstance(block, Figure)
                and isinstance(following, FigureValues)
                and self.layout.figure_values_beside
            ):
                units += self.figure_units(block, width, following)
                i += 2
                continue
            units += self.block(block, width)
            i += 1
        return units

    def figure_units(self, figure: Figure, width: float, beside: FigureValues | None = None) -> list[Unit]:
        """Caption, then a ring chart (drawing only); ``beside`` values go to its right."""
        caption = self.lines((Run(figure.caption),), self.caption, width, space_before=8.0, keep=True)
        pal = self.layout.palette
        share = figure.share if figure.share is not None else 0.12  # unknown: any slice
        d = self.layout.ring
        values: list[Piece] = []
        if beside is not None:
            values = self.text("   ".join(f"{a} {b}" for a, b in beside.pairs), self.figure, bold=True)

        def ring(pen: Pen, x: float, top: float) -> None:
            pen.ring(x + 6, top + 3, d, share, pal.accent, pal.heading)
            if values:
                pen.pieces(values, x + d + 30, top + 3 + d / 2 + self.figure.size * 0.35)

        return caption + [Unit(d + 6, ring, keep_with_next=beside is None)]

    def destination(self, row: DestinationRow, width: float) -> Unit:
        span = min(230.0, width)
        height = self.body.leading + 6.0
        name = self.lines((Run(row.country),), self.body, span - 60)[0]
        count = self.text(row.count, self.body, bold=True)
        rule = self.layout.palette.rule

        def draw(pen: Pen, x: float, top: float) -> None:
            name.draw(pen, x, top + 2)
            pen.pieces(count, x + span, _baseline(top + 2, self.body), "right")
            pen.rule(x, x + span, top + height - 1, rule)

        return Unit(height, draw, space_before=0.0)

    def right(self, row: RightRow, width: float) -> Unit:
        label_width = min(190.0, width - 40)
        lines = self.lines(row.runs, self.body.with_(justify=False), label_width)
        height = len(lines) * self.body.leading + 7.2
        icon_x = min(label_width + 11, width - 14)

        status = (
            self.text(row.status, self.body.with_(color=self.layout.palette.muted), True)
            if row.status
            else []
        )

        def draw(pen: Pen, x: float, top: float) -> None:
            for i, u in enumerate(lines):
                u.draw(pen, x, top + i * self.body.leading)
            pen.icon(x + icon_x, top + (len(lines) * self.body.leading - 12) / 2, 12, row.value)
            if status:  # printed beside the icon, on the label's first baseline
                pen.pieces(status, x + icon_x + 18, _baseline(top, self.body))

        return Unit(height, draw, tuple(m for u in lines for m in u.markers), space_before=0.0)

    def timeline(self, entry: TimelineEntry, width: float) -> list[Unit]:
        indent = self.layout.timeline_indent
        body, pal = self.body, self.layout.palette
        column = [(entry.start_year, True)]
        if entry.end_year:
            column += [("∨", False), (entry.end_year, True)]

        def extra(i: int, pen: Pen, x: float, top: float) -> None:
            if i < len(column):
                text, bold = column[i]
                pen.pieces(self.text(text, body, bold), x, _baseline(top, body))
            pen.vrule(x + indent - 4, top, top + body.leading, pal.rule)

        units = self.lines(
            entry.runs,
            body,
            indent + (width - indent) * self.layout.timeline_text_share,
            prefix=self.text("● ", body),
            first_indent=indent,
            indent=indent,
            space_before=6.0,
            extra=extra,
            pad_to=len(column),
        )
        for u in units[: len(column) - 1]:
            u.keep_with_next = True  # the stacked years stay together
        return units

    def entry_title(self, entry: EntryTitle, width: float) -> list[Unit]:
        body = self.body.with_(force_bold=True, justify=False)
        right: list[Piece] = self.text(entry.years, body, True) if entry.years else []
        if entry.marker is not None:
            right += pieces(
                str(entry.marker), body, True, size=body.marker_size, rise=body.size * body.marker_rise
            )
        right_w = sum(p.width for p in right)
        country_x = width * self.layout.entry_country_at if entry.country else None
        name_w = (country_x - 10) if country_x is not None else width - right_w - 12
        country = self.text(entry.country, self.body) if entry.country else []

        def extra(i: int, pen: Pen, x: float, top: float) -> None:
            if i:
                return
            base = _baseline(top, body)
            if country_x is not None:
                pen.pieces(country, x + country_x, base)
            if right:
                pen.pieces(right, x + width, base, "right")

        units = self.lines(
            entry.name_runs, body, name_w, space_before=11.0, keep=True, extra=extra, last_extra=3.0
        )
        if entry.marker is not None:
            units[0].markers += (entry.marker,)
        return units

    # ------------------------------------------------------------------ notes

    def note(self, note: Note, width: float, gap: float = 1.5) -> Unit:
        style = self.note_style
        number = self.text(f"{note.number} ", style)
        lines = break_lines((Run(note.text),), style, width, prefix=number, indent=self.layout.note_indent)
        height = len(lines) * style.leading + gap

        def draw(pen: Pen, x: float, top: float) -> None:
            for i, line in enumerate(lines):
                draw_line(pen.canvas, line, x, pen.y(_baseline(top + i * style.leading, style)), width)

        return Unit(height, draw)


def units_height(units: Sequence[Unit]) -> float:
    return math.fsum(u.height + u.space_before for u in units)
