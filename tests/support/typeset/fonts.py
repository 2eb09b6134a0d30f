"""Font registration (DejaVu TTFs, falling back to reportlab's bundled Vera) and
per-character glyph fallback."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import reportlab
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

DEJAVU_DIR = Path("/usr/share/fonts/truetype/dejavu")
VERA_DIR = Path(reportlab.__file__).parent / "fonts"

FamilyName = Literal["sans", "serif"]

_FILES: dict[FamilyName, tuple[str, str]] = {
    "sans": ("DejaVuSans", "DejaVuSans-Bold"),
    "serif": ("DejaVuSerif", "DejaVuSerif-Bold"),
}
_VERA = ("Vera", "VeraBd")


@functools.cache
def _register(name: str) -> TTFont | None:
    """Register ``name`` (a TTF base name) once; None when the file is missing."""
    for folder in (DEJAVU_DIR, VERA_DIR):
        path = folder / f"{name}.ttf"
        if path.exists():
            font = TTFont(name, str(path))
            pdfmetrics.registerFont(font)
            return font
    return None


@dataclass(frozen=True)
class FontFamily:
    """A regular/bold pair plus a symbol fallback pair for missing glyphs."""

    regular: str
    bold: str
    fallback_regular: str
    fallback_bold: str

    def name(self, bold: bool) -> str:
        return self.bold if bold else self.regular

    def segments(self, text: str, bold: bool) -> list[tuple[str, str]]:
        """Split ``text`` into (text, font name) parts, using the fallback font
        for characters the main font lacks."""
        main = self.name(bold)
        spare = self.fallback_bold if bold else self.fallback_regular
        out: list[tuple[str, str]] = []
        for ch in text:
            font = main if has_glyph(main, ch) or not has_glyph(spare, ch) else spare
            if out and out[-1][1] == font:
                out[-1] = (out[-1][0] + ch, font)
            else:
                out.append((ch, font))
        return out


@functools.cache
def has_glyph(font_name: str, ch: str) -> bool:
    font = pdfmetrics.getFont(font_name)
    face = getattr(font, "face", None)
    if face is None:  # a standard Type 1 font
        return ord(ch) < 256
    return ord(ch) in face.charToGlyph


@functools.cache
def family(name: FamilyName) -> FontFamily:
    """Register and return the font family ``name``."""
    regular, bold = _FILES[name]
    fallback = _FILES["sans"]
    reg = regular if _register(regular) else None
    bld = bold if _register(bold) else None
    fb_reg = fallback[0] if _register(fallback[0]) else None
    fb_bld = fallback[1] if _register(fallback[1]) else None
    if reg is None or bld is None:  # no DejaVu at all: bundled Vera
        _register(_VERA[0]), _register(_VERA[1])
        reg, bld = reg or fb_reg or _VERA[0], bld or fb_bld or _VERA[1]
    return FontFamily(reg, bld, fb_reg or reg, fb_bld or bld)


def width(text: str, font_name: str, size: float) -> float:
    return pdfmetrics.stringWidth(text, font_name, size)
