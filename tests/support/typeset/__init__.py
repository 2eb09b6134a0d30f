"""Test-only typesetter: render profile content into PDFs in several layouts,
so that the extraction pipeline can be tested on typesetting it has never seen.

    from tests.support.typeset import typeset, VARIANTS
    typeset("raw/cambodia-2022.txt", VARIANTS["two_column"], "out.pdf")

CLI: ``python -m tests.support.typeset SRC.txt OUT.pdf --variant NAME``.
"""

from .from_text import profile_from_path, profile_from_text
from .layout import (
    DESIGNED_VARIANTS,
    STATUS_OF_WORDING,
    VARIANTS,
    Layout,
    Margins,
    Palette,
    Running,
    Sizes,
    get_variant,
)
from .model import Profile
from .pdf import render, typeset

__all__ = [
    "DESIGNED_VARIANTS",
    "STATUS_OF_WORDING",
    "VARIANTS",
    "Layout",
    "Margins",
    "Palette",
    "Profile",
    "Running",
    "Sizes",
    "get_variant",
    "profile_from_path",
    "profile_from_text",
    "render",
    "typeset",
]
