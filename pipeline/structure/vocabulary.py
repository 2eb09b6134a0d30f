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
_TRAILING = ":."  # and spaces
# one regex per vocabulary: the first pattern (in order) that matches the whole heading names
# the group that matched
_SECTION_RE = re.compile("|".join(f"(?P<s{i}>{pattern})" for i, (_, pattern) in enumerate(SECTIONS)))
_SUBSECTION_RE = re.compile("|".join(f"(?P<s{i}>{pattern})" for i, (*_, pattern) in enumerate(SUBSECTIONS)))


def fold_heading(text: str) -> str:
    text = _LEAD.sub("", text.replace("**", ""))
    end = len(text)
    while end and (text[end - 1].isspace() or text[end - 1] in _TRAILING):
        end -= 1
    return " ".join(text[:end].lower().split())


def _which(regex: re.Pattern, text: str) -> int | None:
    """The index of the first pattern of a vocabulary that matches the folded heading."""
    m = regex.fullmatch(fold_heading(text))
    if m is None:
        return None
    assert m.lastgroup is not None  # every alternative of the pattern is a named group
    return int(m.lastgroup[1:])


def section_of(text: str) -> str | None:
    found = _which(_SECTION_RE, text)
    return None if found is None else SECTIONS[found][0]


def subsection_of(text: str) -> tuple[str, str] | None:
    found = _which(_SUBSECTION_RE, text)
    return None if found is None else SUBSECTIONS[found][:2]
