"""The headings a diaspora engagement profile uses, and the section each one opens.

This is the profile genre's vocabulary (shared by every country and edition), not any one
document's: a heading is matched after folding case, bullets, ``**`` and a trailing colon.
"""

from __future__ import annotations

import re

# top-level sections, in no particular order (editions reorder them)
SECTIONS: tuple[tuple[str, str], ...] = (
    ("facts", r"facts\s*(&|and)\s*figures"),
    ("framework", r"(overview of the )?policy (and|&) legislative framework|policy framework"),
    ("trends", r"trends"),
    ("obstacles", r"obstacles|challenges"),
    ("practices", r"spotlight\b.*|effective practices|good practices"),
    ("annex", r"annex|list of actors|annex\s*:?\s*list of actors"),
    ("institutions", r"diaspora[- ]related institutions|institutions"),
    ("organisations", r"diaspora organi[sz]ations( in europe)?|organi[sz]ations in europe"),
    ("notes", r"(end)?notes|references|sources"),
)

# sub-headings, and the section they belong to
SUBSECTIONS: tuple[tuple[str, str, str], ...] = (
    ("facts", "emigration", r"emigration"),
    ("facts", "remittances", r"remittances"),
    ("facts", "destinations", r"(top )?(countries|country) of destination"),
    ("facts", "political_rights", r"political rights"),
    ("facts", "terminology", r"terminology"),
    ("institutions", "regional", r"(at )?regional level|regional institutions"),
    ("institutions", "national", r"national institutions|national level"),
    ("institutions", "ministerial", r"(at )?ministerial level"),
    ("institutions", "sub-ministerial", r"(at )?sub-?ministerial level"),
    ("institutions", "local", r"(at )?local level|local institutions"),
)

OPTIONAL_SECTIONS = frozenset({"trends", "obstacles", "practices"})
REQUIRED_SECTIONS = ("facts", "framework", "institutions", "organisations")


_LEAD = re.compile(r"^[\s»›•●▪\-–:]+")
_TRAIL = re.compile(r"[\s:.]+$")
_SECTION_RES = tuple((key, re.compile(pattern)) for key, pattern in SECTIONS)
_SUBSECTION_RES = tuple((parent, key, re.compile(pattern)) for parent, key, pattern in SUBSECTIONS)


def fold_heading(text: str) -> str:
    text = _TRAIL.sub("", _LEAD.sub("", text.replace("**", "")))
    return " ".join(text.lower().split())


def section_of(text: str) -> str | None:
    folded = fold_heading(text)
    for key, pattern in _SECTION_RES:
        if pattern.fullmatch(folded):
            return key
    return None


def subsection_of(text: str) -> tuple[str, str] | None:
    folded = fold_heading(text)
    for parent, key, pattern in _SUBSECTION_RES:
        if pattern.fullmatch(folded):
            return parent, key
    return None
