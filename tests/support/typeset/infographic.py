"""A designed facts page (``Layout.facts_design == "infographic"``), as layout software makes them.

A tinted sidebar holds the emigration figures: each caption over a donut drawing, with the male
and female shares in white boxes of their own, a small grey label over each value. The main panel
beside it holds the remittance figures (a small grey label, wrapping inside its box, over the
value), the destinations (names in one tinted box, their counts right-aligned in another beside
it, rows on the same baselines) and the political rights as a list with an icon each (and the
printed status, when the layout prints one). Paragraphs (terminology, the policy sentence) follow
the panels at full width. Every printed word comes from the profile's text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .inline import Color, Piece, break_lines, draw_line
from .model import Block, DestinationRow, Figure, FigureValues, Heading, KeyValue, RightRow, Run, plain
from .units import Pen, Unit, UnitBuilder, _baseline

SIDEBAR_SHARE = 0.36  # of the text width
PANEL_GAP = 16.0  # between the sidebar and the main panel
PAD = 9.0  # inside a tinted box
LABEL_SCALE = 0.8  # small grey labels: this share of the body size
VALUE_SCALE = 0.7  # values in boxes: this share of the figure size
REMITTANCE_BOX = 104.0  # width of a remittance box: its label wraps inside
SEX_LABELS = {"♂": "Male", "♀": "Female"}


def tint(color: Color, amount: float) -> Color:
    """``color`` mixed with white (amount 0: white, 1: the colour)."""
    return (1 - amount * (1 - color[0]), 1 - amount * (1 - color[1]), 1 - amount * (1 - color[2]))


def box(pen: Pen, x: float, top: float, w: float, h: float, fill: Color, stroke: Color | None = None) -> None:
    c = pen.canvas
    c.setFillColorRGB(*fill)
    if stroke is not None:
        c.setStrokeColorRGB(*stroke)
        c.setLineWidth(0.5)
    c.roundRect(x, pen.y(top + h), w, h, 3, stroke=1 if stroke else 0, fill=1)


class Infographic:
    def __init__(self, ub: UnitBuilder, width: float) -> None:
        self.ub = ub
        self.layout = ub.layout
        lay = ub.layout
        self.width = width
        self.side_w = round(width * SIDEBAR_SHARE, 1)
        self.main_w = width - self.side_w - PANEL_GAP
        right = lay.facts_sidebar == "right"
        self.side_x = self.main_w + PANEL_GAP if right else 0.0
        self.main_x = 0.0 if right else self.side_w + PANEL_GAP
        self.label = ub.caption.with_(size=round(lay.sizes.body * LABEL_SCALE, 2), color=lay.palette.muted)
        self.label = self.label.with_(leading=round(self.label.size * 1.25, 2))
        self.value = ub.figure.with_(size=round(lay.sizes.figure * VALUE_SCALE, 2))
        self.value = self.value.with_(leading=round(self.value.size * 1.2, 2))
        self.markers: list[int] = []

    # -------------------------------------------------------------- primitives

    def words(self, text: str, style, bold: bool = False) -> list[Piece]:
        return self.ub.text(text, style, bold)

    def wrapped(self, runs, style, width: float, steps: list, x: float, top: float) -> float:
        """Queue the lines of ``runs`` wrapped to ``width``; returns their height."""
        lines = break_lines(runs, style, width)
        self.markers += [m for line in lines for m in line.markers]
        for i, line in enumerate(lines):
            base = _baseline(top + i * style.leading, style)
            steps.append(
                lambda pen, ox, oy, line=line, base=base: draw_line(
                    pen.canvas, line, ox + x, pen.y(oy + base), width
                )
            )
        return len(lines) * style.leading

    def heading(self, text: str, style, steps: list, x: float, top: float) -> float:
        pieces = self.words(text, style, True)
        base = _baseline(top, style)
        steps.append(lambda pen, ox, oy: pen.pieces(pieces, ox + x, oy + base))
        return style.leading

    # ----------------------------------------------------------------- sidebar

    def sidebar(self, blocks: Sequence[Block], steps: list) -> float:
        x, inner = self.side_x + PAD, self.side_w - 2 * PAD
        top = PAD
        i = 0
        while i < len(blocks):
            block = blocks[i]
            if isinstance(block, Heading):
                top += self.heading(block.text, self.ub.h1, steps, x, top) + 4
            elif isinstance(block, Figure):
                top += self.wrapped((Run(block.caption),), self.ub.caption, inner, steps, x, top) + 4
                following = blocks[i + 1] if i + 1 < len(blocks) else None
                pairs = following.pairs if isinstance(following, FigureValues) else ()
                i += 1 if pairs else 0
                top += self.donut_row(pairs, block.share, steps, x, top, inner) + 10
            i += 1
        return top + PAD - 10

    def donut_row(self, pairs, share, steps: list, x: float, top: float, inner: float) -> float:
        pal = self.layout.palette
        d = min(self.layout.ring, 46.0)
        first = _number(pairs[0][1]) if pairs else None
        part = first / 100 if first is not None else (share if share is not None else 0.12)
        steps.append(lambda pen, ox, oy: pen.ring(ox + x, oy + top, d, part, pal.accent, pal.heading))
        n = max(1, len(pairs))
        room = inner - d - 8
        need = (
            max(
                (
                    max(
                        _width(self.words(SEX_LABELS.get(s, s), self.label)),
                        _width(self.words(v, self.value, True)),
                    )
                    + 12
                )
                for s, v in pairs
            )
            if pairs
            else room
        )
        side_by_side = n * need + 6 * (n - 1) <= room  # else the boxes stand one under the other
        bw = (room - 6 * (n - 1)) / n if side_by_side else room
        bh = 2 * PAD / 1.5 + self.label.leading + self.value.leading
        total = bh if side_by_side else n * bh + 6 * (n - 1)
        by0 = top + max(0.0, (d - total) / 2)
        for k, (sign, value) in enumerate(pairs):
            left = x + d + 8 + (k * (bw + 6) if side_by_side else 0)
            by = by0 + (0 if side_by_side else k * (bh + 6))
            label = self.words(SEX_LABELS.get(sign, sign), self.label)
            figure = self.words(value, self.value, True)
            lb = _baseline(by + PAD / 1.5, self.label)
            vb = _baseline(by + PAD / 1.5 + self.label.leading, self.value)

            def draw(
                pen: Pen, ox: float, oy: float, left=left, by=by, label=label, figure=figure, lb=lb, vb=vb
            ) -> None:
                box(pen, ox + left, oy + by, bw, bh, (1, 1, 1), tint(pal.accent, 0.5))
                pen.pieces(label, ox + left + 6, oy + lb)
                pen.pieces(figure, ox + left + 6 + self.layout.facts_value_shift, oy + vb)

            steps.append(draw)
        return max(d, total)

    # -------------------------------------------------------------- main panel

    def remittances(self, values: Sequence[KeyValue], steps: list, x: float, top: float) -> float:
        pal = self.layout.palette
        w = min(REMITTANCE_BOX, (self.main_w - 8) / 2)
        heights = []
        bodies = []
        for kv in values:
            label = plain(kv.label).strip().rstrip(":").strip()
            lines = break_lines((Run(label),), self.label, w - 2 * PAD)
            heights.append(len(lines) * self.label.leading)
            bodies.append((lines, self.words(kv.value, self.value, True)))
        label_h = max(heights, default=0.0)
        h = PAD + label_h + 2 + self.value.leading + PAD
        for k, (lines, figure) in enumerate(bodies):
            left = x + k * (w + 8)

            def draw(pen: Pen, ox: float, oy: float, left=left, lines=lines, figure=figure) -> None:
                box(pen, ox + left, oy + top, w, h, tint(pal.accent, 0.16))
                for j, line in enumerate(lines):
                    base = _baseline(top + PAD + j * self.label.leading, self.label)
                    draw_line(pen.canvas, line, ox + left + PAD, pen.y(oy + base), w - 2 * PAD)
                vb = _baseline(top + PAD + label_h + 2, self.value)
                pen.pieces(figure, ox + left + PAD, oy + vb)

            steps.append(draw)
        return h

    def destinations(self, rows: Sequence[DestinationRow], steps: list, x: float, top: float) -> float:
        pal, body = self.layout.palette, self.ub.body
        names_w = round(self.main_w * 0.58, 1)
        counts_x, counts_w = x + names_w + 6, round(self.main_w * 0.3, 1)
        pitch = body.leading + 3.5
        placed = []
        y = PAD / 2
        for row in rows:
            lines = break_lines((Run(row.country),), body.with_(justify=False), names_w - 2 * PAD)
            placed.append((lines, self.words(row.count, body, True), y))
            y += (len(lines) - 1) * body.leading + pitch
        h = y + PAD / 2

        def draw(pen: Pen, ox: float, oy: float) -> None:
            box(pen, ox + x, oy + top, names_w, h, tint(pal.accent, 0.16))
            box(pen, ox + counts_x, oy + top, counts_w, h, tint(pal.heading, 0.1))
            for lines, count, y in placed:
                for j, line in enumerate(lines):
                    base = _baseline(top + y + j * body.leading, body)
                    draw_line(pen.canvas, line, ox + x + PAD, pen.y(oy + base), names_w)
                pen.pieces(count, ox + counts_x + counts_w - PAD, oy + _baseline(top + y, body), "right")

        steps.append(draw)
        return h

    def rights(self, rows: Sequence[RightRow], steps: list, x: float, top: float) -> float:
        body, pal = self.ub.body.with_(justify=False), self.layout.palette
        label_w = round(self.main_w * 0.5, 1)
        y = 0.0
        for row in rows:
            icon_top = top + y + (body.leading - 11) / 2
            steps.append(lambda pen, ox, oy, t=icon_top, v=row.value: pen.icon(ox + x, oy + t, 11, v))
            height = self.wrapped(row.runs, body, label_w, steps, x + 17, top + y)
            if row.status:
                status = self.words(row.status, body.with_(color=pal.heading), True)
                base = _baseline(top + y, body)
                steps.append(
                    lambda pen, ox, oy, s=status, b=base: pen.pieces(s, ox + x + 17 + label_w + 10, oy + b)
                )
            y += height + 6
        return y

    def main(self, blocks: Sequence[Block], steps: list) -> float:
        x, top = self.main_x, 0.0
        keys = [b for b in blocks if isinstance(b, KeyValue)]
        if keys:
            top += self.remittances(keys, steps, x, top) + 12
        groups: list[tuple[Heading | None, list[Block]]] = []
        for b in blocks:
            if isinstance(b, Heading) and b.level == 2:
                groups.append((b, []))
            elif isinstance(b, DestinationRow | RightRow) and groups:
                groups[-1][1].append(b)
        for heading, rows in groups:
            if heading is not None:
                top += self.heading(heading.text, self.ub.h2, steps, x, top) + 3
            if rows and isinstance(rows[0], DestinationRow):
                top += self.destinations(rows, steps, x, top) + 12  # type: ignore[arg-type]
            elif rows:
                top += self.rights(rows, steps, x, top) + 8  # type: ignore[arg-type]
        return top

    # -------------------------------------------------------------------- unit

    def units(self, blocks: Sequence[Block]) -> list[Unit]:
        pal = self.layout.palette
        emigration, panel, rest = _split(blocks)
        steps: list = []
        side_steps: list = []
        side_h = self.sidebar(emigration, side_steps)
        main_h = self.main(panel, steps)
        height = max(side_h, main_h) + 6

        def draw(pen: Pen, x: float, top: float) -> None:
            box(pen, x + self.side_x, top, self.side_w, max(side_h, main_h), tint(pal.accent, 0.22))
            for step in side_steps + steps:
                step(pen, x, top)

        unit = Unit(height, draw, tuple(dict.fromkeys(self.markers)), space_before=10.0)
        out = [unit]
        for b in rest:
            out += self.ub.block(b, self.width)
        return out


def _width(pieces: Sequence[Piece]) -> float:
    return sum(p.width for p in pieces)


def _number(text: str) -> float | None:
    m = re.search(r"\d+(?:\.\d+)?", text)
    return float(m.group()) if m else None


def _split(blocks: Sequence[Block]) -> tuple[list[Block], list[Block], list[Block]]:
    """(the sidebar's emigration blocks, the main panel's blocks, paragraphs after the panels)."""
    side: list[Block] = []
    main: list[Block] = []
    rest: list[Block] = []
    for b in blocks:
        if isinstance(b, Figure | FigureValues) or (isinstance(b, Heading) and b.level == 1):
            side.append(b)
        elif isinstance(b, KeyValue | DestinationRow | RightRow | Heading):
            main.append(b)
        else:
            rest.append(b)
    return side, main, rest


def facts_units(ub: UnitBuilder, blocks: Sequence[Block], width: float) -> list[Unit]:
    return Infographic(ub, width).units(blocks)
