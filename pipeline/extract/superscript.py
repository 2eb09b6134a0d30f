"""Unicode superscript digits, as the text edition writes footnote markers."""

from __future__ import annotations

SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_TO_DIGIT = {ord(c): str(i) for i, c in enumerate(SUPERSCRIPT_DIGITS)}


def superscript_to_digits(text: str) -> str:
    return text.translate(_TO_DIGIT)
