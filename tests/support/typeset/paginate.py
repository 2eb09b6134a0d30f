"""Stack units into columns and pages, putting each cited note at the foot of
the page where its marker lands (when the layout wants foot notes).

A *region* is a horizontal band of a page with one or more columns; a
full-width heading is a one-column region followed by a multi-column region.
Columns of a region are balanced when the rest of the content fits on the
page.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from .layout import Layout
from .units import Unit, units_height

NOTE_GAP = 12.0  # between the body and the first foot note (the rule sits in it)


@dataclass
class Placed:
    unit: Unit
    x: float
    top: float  # top of the unit's box (after its space_before)


@dataclass
class Page:
    placed: list[Placed] = field(default_factory=list)
    notes: list[int] = field(default_factory=list)


class Paginator:
    def __init__(self, layout: Layout, note_height: Callable[[int], float] | None) -> None:
        """``note_height(n)`` gives the height of note n at the foot; None means
        no foot notes (end notes or none)."""
        self.layout = layout
        self.note_height = note_height
        self.top = layout.margins.top
        self.bottom = layout.page_size[1] - layout.margins.bottom
        self.pages: list[Page] = [Page()]
        self.y = self.top

    # ------------------------------------------------------------------ state

    @property
    def page(self) -> Page:
        return self.pages[-1]

    def new_page(self) -> None:
        if self.page.placed:
            self.pages.append(Page())
        self.y = self.top

    def notes_area(self, numbers: Sequence[int]) -> float:
        if not numbers or self.note_height is None:
            return 0.0
        return NOTE_GAP + sum(self.note_height(n) for n in numbers)

    def _new_notes(self, units: Sequence[Unit]) -> list[int]:
        if self.note_height is None:
            return []
        out: list[int] = []
        for u in units:
            out += [m for m in u.markers if m not in self.page.notes and m not in out]
        return out

    def notes_top(self, extra: Sequence[int] = ()) -> float:
        return self.bottom - self.notes_area(list(self.page.notes) + list(extra))

    def add_notes(self, numbers: Sequence[int]) -> None:
        """Attach notes to the current page (e.g. notes nobody cites)."""
        self.page.notes += [n for n in numbers if n not in self.page.notes]

    # ------------------------------------------------------------------- flow

    def flow(self, units: Sequence[Unit], columns: int = 1, then: Sequence[Unit] = ()) -> None:
        """Place ``units`` in a region of ``columns`` columns starting at the
        current position. ``then`` is the start of what follows: the last group
        of ``units`` must fit together with its first group (keeps headings
        with their text)."""
        lay = self.layout
        col_w = lay.column_width(columns)
        xs = [lay.margins.left + i * (col_w + lay.column_gap) for i in range(columns)]
        groups = _groups(units)
        region_top = self.y
        col, y = 0, region_top
        bottoms = [region_top] * columns
        limit = self._balance(groups, columns, region_top)

        i = 0
        while i < len(groups):
            group = groups[i]
            probe = group + (_groups(then)[0] if then and i == len(groups) - 1 else [])
            at_top = y == region_top
            fresh = at_top and col == 0 and region_top == self.top and not self.page.placed
            skip = y == self.top or (col > 0 and at_top)  # no space at a column's top
            need = units_height(probe) - (probe[0].space_before if skip else 0.0)
            notes_top = self.notes_top(self._new_notes(probe))
            fits = y + need <= notes_top and all(b <= notes_top for b in bottoms[:col])
            if fits and limit is not None and col < columns - 1 and not at_top:
                fits = y < limit
            if fits or fresh:
                if not fits and len(group) > 1:  # taller than a page: split it
                    groups[i : i + 1] = [[group[0]], group[1:]]
                    group = groups[i]
                for k, u in enumerate(group):
                    if k or not skip:
                        y += u.space_before
                    self.page.placed.append(Placed(u, xs[col], y))
                    self.page.notes += self._new_notes([u])
                    y += u.height
                bottoms[col] = y
                i += 1
                continue
            if col < columns - 1:
                col, y = col + 1, region_top
                continue
            self.new_page()
            region_top = self.top
            col, y = 0, region_top
            bottoms = [region_top] * columns
            limit = self._balance(groups[i:], columns, region_top)
        self.y = max(bottoms + [y])

    def _balance(self, groups: Sequence[Sequence[Unit]], columns: int, region_top: float) -> float | None:
        """Column-break height when the rest fits on this page, else None."""
        if columns == 1:
            return None
        total = sum(units_height(g) for g in groups)
        avail = self.notes_top() - region_top
        notes = self.notes_area(self._new_notes([u for g in groups for u in g])) - self.notes_area(
            self.page.notes
        )
        if total > columns * (avail - notes) * 0.95:
            return None
        return region_top + total / columns


def _groups(units: Sequence[Unit]) -> list[list[Unit]]:
    """Chains of units linked by keep_with_next."""
    groups: list[list[Unit]] = []
    joined = False
    for u in units:
        if joined and groups:
            groups[-1].append(u)
        else:
            groups.append([u])
        joined = u.keep_with_next
    return groups
