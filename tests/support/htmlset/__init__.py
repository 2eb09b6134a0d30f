"""A second, independent typesetter for tests: a profile's text edition as HTML+CSS, printed to PDF
by headless Chromium. The reportlab typesetter (tests/support/typeset) places glyphs our own way;
this one lets a browser engine do the line breaking, justification, hyphenation, columns,
superscripts and the PDF text layer, so rules overfitted to our own typesetter show up.

    from tests.support.htmlset import STYLES, htmlset
    htmlset("raw/cambodia-2022.txt", STYLES["two_column"], "out.pdf")
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from tests.support.typeset import profile_from_path

from .chromium import browser, print_to_pdf
from .html import PRINTED_STATUSES, Style, printed_status, profile_html

PLAIN = Style("plain")
STYLES: dict[str, Style] = {
    "plain": PLAIN,
    "two_column": replace(PLAIN, name="two_column", columns=2),
    "justified_serif": replace(PLAIN, name="justified_serif", font="serif", justify=True, ligatures=True),
    "hyphenated": replace(PLAIN, name="hyphenated", justify=True, hyphens=True),
    "running_letter": replace(PLAIN, name="running_letter", paper="Letter", running=True),
    "designed_facts": replace(PLAIN, name="designed_facts", designed_facts=True),
    "no_space_glyphs": replace(PLAIN, name="no_space_glyphs", font="serif", space_glyphs=False),
    "all_at_once": Style(
        "all_at_once",
        paper="Letter",
        font="serif",
        columns=2,
        justify=True,
        # no soft hyphens: where no space glyph is drawn, Chromium writes a soft hyphen left inside a
        # line as a space ("Memo ra ndum"), which no layout program does
        hyphens=False,
        ligatures=True,
        running=True,
        designed_facts=True,
        space_glyphs=False,
    ),
}


def htmlset(source: str | Path, style: Style, out: str | Path, exe: str | None = None) -> Path:
    """The text edition ``source`` printed to the PDF ``out`` in ``style`` (the HTML is kept beside it)."""
    exe = exe or browser()
    if exe is None:
        raise RuntimeError("no headless Chromium on this machine")
    out = Path(out)
    page = out.with_suffix(".html")
    page.parent.mkdir(parents=True, exist_ok=True)
    page.write_text(profile_html(profile_from_path(source), style), encoding="utf-8")
    print_to_pdf(page, out, exe)
    return out


__all__ = ["PRINTED_STATUSES", "STYLES", "Style", "browser", "htmlset", "printed_status"]
