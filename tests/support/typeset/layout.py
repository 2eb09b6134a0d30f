"""Layout parameters (one frozen :class:`Layout` per variant) and the variants."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Literal

from reportlab.lib.pagesizes import A4, LETTER, landscape

from .fonts import FamilyName
from .inline import Color
from .model import SectionKind
from .setting import Setting

Align = Literal["left", "center", "right"]


@dataclass(frozen=True)
class Sizes:
    """Font sizes in points; ``leading`` is a ratio of the body size."""

    label: float = 20.0  # "Diaspora engagement mapping"
    country: float = 28.0
    h1: float = 13.0
    h2: float = 9.6
    h3: float = 9.6
    body: float = 8.6
    marker_scale: float = 0.8  # 6.9pt markers on 8.6pt body
    note: float = 6.3
    tag: float = 7.6
    credits: float = 7.1
    caption: float = 8.1
    running: float = 7.5
    figure: float = 15.0
    leading: float = 1.35
    note_leading: float = 1.2


@dataclass(frozen=True)
class Margins:
    left: float = 54.0
    right: float = 54.0
    top: float = 50.0
    bottom: float = 60.0


@dataclass(frozen=True)
class Palette:
    text: Color = (0.0, 0.0, 0.0)
    heading: Color = (0.114, 0.247, 0.447)  # dark blue
    accent: Color = (0.165, 0.616, 0.561)  # teal
    muted: Color = (0.4, 0.4, 0.4)
    rule: Color = (0.75, 0.75, 0.75)


@dataclass(frozen=True)
class Running:
    """Running header and footer. Texts may use {COUNTRY}, {Country}, {page}, {pages}."""

    header: str = "Diaspora engagement mapping  |  {COUNTRY}"
    header_align: Align = "left"
    header_on_first_page: bool = False
    header_rule: bool = True
    header_top: float = 24.0  # from the top edge to the text top
    footer_left: str = "EU Global Diaspora Facility"
    footer_center: str = ""
    footer_right: str = "{page}"
    footer_bottom: float = 22.0  # from the bottom edge to the baseline
    inset: float = 48.0  # left/right distance of running texts from the edges


NARRATIVE: frozenset[SectionKind] = frozenset(
    {"framework", "trends", "obstacles", "spotlight", "annex", "organisations"}
)


@dataclass(frozen=True)
class Layout:
    name: str
    page_size: tuple[float, float] = A4
    family: FamilyName = "sans"
    sizes: Sizes = field(default_factory=Sizes)
    margins: Margins = field(default_factory=Margins)
    palette: Palette = field(default_factory=Palette)
    running: Running = field(default_factory=Running)
    columns: int = 1  # columns of narrative sections
    column_gap: float = 18.0
    notes: Literal["foot", "end"] = "foot"
    notes_heading: str = "Notes"
    section_order: Literal["2022", "2024"] = "2022"
    justify: bool = False
    page_break_before: frozenset[SectionKind] = frozenset(
        {"framework", "spotlight", "annex", "organisations"}
    )
    bullet_hang: bool = False  # indent continuation lines of bullets
    timeline_indent: float = 40.0  # width of the year column
    ring: float = 52.0  # diameter of the ring charts
    figure_values_beside: bool = False  # "♂ 53.6%  ♀ 46.4%" right of the ring, not below
    note_indent: float = 9.0  # continuation lines of notes
    note_rule: float = 120.0  # length of the rule above page-foot notes
    setting: Setting = field(default_factory=Setting)  # how glyphs are placed (see setting.py)
    # --- designed facts page and tables (tests/support/typeset/infographic.py)
    facts_design: Literal["flow", "infographic"] = "flow"  # infographic: sidebar, boxes, donuts
    rights_statuses: tuple[str, ...] = ()  # wordings printed beside the rights' icons, in turn
    entry_country_at: float = 0.615  # where the country column of annex entries starts (share)
    timeline_text_share: float = 1.0  # share of the column the timeline's text takes
    facts_sidebar: Literal["left", "right"] = "left"  # side of the designed facts page's sidebar
    facts_value_shift: float = 0.0  # points the sidebar's values sit right of their labels (broken)

    @property
    def width(self) -> float:
        return self.page_size[0] - self.margins.left - self.margins.right

    def column_width(self, columns: int) -> float:
        return (self.width - self.column_gap * (columns - 1)) / columns


DEFAULT = Layout("default")

VARIANTS: dict[str, Layout] = {
    "default": DEFAULT,
    "two_column": replace(DEFAULT, name="two_column", columns=2, column_gap=20.0),
    "endnotes": replace(DEFAULT, name="endnotes", notes="end"),
    "order_2024": replace(DEFAULT, name="order_2024", section_order="2024"),
    "letter_serif": replace(
        DEFAULT,
        name="letter_serif",
        page_size=LETTER,
        family="serif",
        sizes=Sizes(
            label=17.0,
            country=24.0,
            h1=16.0,
            h2=11.0,
            h3=10.5,
            body=10.0,
            marker_scale=0.72,
            note=7.6,
            tag=8.4,
            credits=8.0,
            caption=9.0,
            running=8.0,
            figure=16.0,
            leading=1.3,
        ),
        margins=Margins(left=72.0, right=66.0, top=54.0, bottom=64.0),
        palette=Palette(heading=(0.0, 0.0, 0.0), accent=(0.45, 0.1, 0.1)),
        running=Running(inset=72.0, header_top=26.0, footer_bottom=32.0),
        justify=True,
        bullet_hang=True,
        timeline_indent=46.0,
        ring=44.0,
        figure_values_beside=True,
        note_indent=12.0,
        note_rule=160.0,
    ),
    "other_running": replace(
        DEFAULT,
        name="other_running",
        running=Running(
            header="EUDiF country factsheet — {Country}",
            header_align="right",
            header_on_first_page=True,
            header_rule=False,
            header_top=18.0,
            footer_left="",
            footer_center="Page {page} of {pages}",
            footer_right="",
            footer_bottom=30.0,
        ),
        margins=Margins(top=56.0, bottom=70.0),
    ),
}

# Further layouts, each a combination the extractor must survive too.
VARIANTS.update(
    {
        "combined": replace(
            VARIANTS["letter_serif"], name="combined", columns=2, notes="end", section_order="2024"
        ),
        "narrow_gutter": replace(DEFAULT, name="narrow_gutter", columns=2, column_gap=12.0),
        "wide_gutter_2024": replace(
            DEFAULT, name="wide_gutter_2024", columns=2, column_gap=32.0, section_order="2024"
        ),
        "tight_type": replace(
            DEFAULT, name="tight_type", sizes=replace(DEFAULT.sizes, marker_scale=0.62, leading=1.15)
        ),
        "continuous": replace(DEFAULT, name="continuous", page_break_before=frozenset()),
        "page_number_header": replace(
            DEFAULT,
            name="page_number_header",
            running=Running(
                header="{page}",
                header_align="right",
                header_on_first_page=True,
                footer_left="",
                footer_right="",
            ),
        ),
        "big_type": replace(
            DEFAULT,
            name="big_type",
            sizes=Sizes(
                label=22.0,
                country=30.0,
                h1=15.0,
                h2=12.0,
                h3=12.0,
                body=11.0,
                marker_scale=0.7,
                note=8.0,
                tag=9.0,
                credits=8.5,
                caption=10.0,
                running=8.0,
                figure=16.0,
            ),
        ),
    }
)


# The wordings a layout may print beside the rights' icons, and the status each means (issue 15).
STATUS_OF_WORDING = {
    "Yes": "yes",
    "No": "no",
    "Not yet implemented": "not_implemented",
    "Partially": "partial",
}

# Designed pages and tables (issue 15, items 6-9): each a few Layout options, so that they combine.
DESIGNED = replace(
    DEFAULT,
    name="designed_facts",
    facts_design="infographic",
    rights_statuses=("Yes", "Not yet implemented", "Partially"),
)
VARIANTS.update(
    {
        "designed_facts": DESIGNED,
        "printed_statuses": replace(
            DEFAULT, name="printed_statuses", rights_statuses=("No", "Partially", "Yes")
        ),
        "wrapped_cells": replace(DEFAULT, name="wrapped_cells", columns=2, entry_country_at=0.5),
        "tall_years": replace(  # landscape, small type: a timeline's text on two lines beside three of years
            DEFAULT,
            name="tall_years",
            page_size=landscape(A4),
            sizes=replace(DEFAULT.sizes, body=7.6, caption=7.2, note=6.0, credits=6.8),
        ),
        "designed_all_at_once": replace(
            VARIANTS["combined"],
            name="designed_all_at_once",
            section_order="2022",
            notes="foot",
            facts_design="infographic",
            rights_statuses=("Not yet implemented", "No", "Yes", "Partially"),
            facts_sidebar="right",
            entry_country_at=0.5,
        ),
    }
)
DESIGNED_VARIANTS = (
    "designed_facts",
    "printed_statuses",
    "wrapped_cells",
    "tall_years",
    "designed_all_at_once",
)


def get_variant(name: str) -> Layout:
    try:
        return VARIANTS[name]
    except KeyError:
        raise KeyError(f"unknown variant {name!r}; choose from {', '.join(VARIANTS)}") from None


# How layout software places glyphs (see setting.py): one trait per variant, then all of them at once.
_NO_SPACE = Setting(space_glyphs=False, word_gap=0.18)
VARIANTS.update(
    {
        "no_space_glyphs": replace(DEFAULT, name="no_space_glyphs", justify=True, setting=_NO_SPACE),
        "shuffled_drawing": replace(
            VARIANTS["two_column"], name="shuffled_drawing", setting=Setting(shuffle_seed=15)
        ),
        "ligature_glyphs": replace(DEFAULT, name="ligature_glyphs", setting=Setting(ligatures=True)),
        "hyphenated": replace(VARIANTS["letter_serif"], name="hyphenated", setting=Setting(hyphenate=True)),
        # the hyphens added written as soft hyphens (U+00AD), a compound's own as "-"
        "soft_hyphens": replace(
            VARIANTS["letter_serif"], name="soft_hyphens", setting=Setting(hyphenate=True, hyphen="\u00ad")
        ),
        "text_rise_markers": replace(
            DEFAULT,
            name="text_rise_markers",
            sizes=replace(DEFAULT.sizes, marker_scale=0.58),
            setting=Setting(text_rise=True),
        ),
        "indesign_traits": replace(
            VARIANTS["combined"],
            name="indesign_traits",
            sizes=replace(VARIANTS["combined"].sizes, marker_scale=0.58),
            setting=replace(_NO_SPACE, shuffle_seed=15, ligatures=True, hyphenate=True, text_rise=True),
        ),
    }
)

# Every trait at once: the designed pages (two serif columns on Letter, foot notes, infographic facts
# page with printed statuses, narrow annex columns) set the way layout software places glyphs.
VARIANTS["everything_at_once"] = replace(
    VARIANTS["designed_all_at_once"],
    name="everything_at_once",
    sizes=replace(VARIANTS["designed_all_at_once"].sizes, marker_scale=0.58),
    setting=replace(_NO_SPACE, shuffle_seed=15, ligatures=True, hyphenate=True, text_rise=True),
)
