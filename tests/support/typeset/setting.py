"""How glyphs are set on the page, the way layout software exports them (one frozen
:class:`Setting` per layout; the default draws like reportlab's own text objects).

* ``space_glyphs=False``: no space character is ever drawn; each word is placed on its own, the
  gap between words is ``word_gap`` ems (stretched on justified lines).
* ``shuffle_seed``: the lines (frames) of a page and the words of a line are drawn in a random
  order, seeded so a variant's PDF is the same on every run.
* ``ligatures``: "ffi", "ffl", "ff", "fi", "fl" are drawn as their ligature glyphs (U+FB00-FB04).
* ``hyphenate``: a word that does not fit at the end of a line is broken there: a compound after
  its own hyphen ("co-|ordination"), any other long word between syllables with a hyphen added
  ("migra-|tion"); ``hyphen`` is the glyph written for the hyphen added: "-" as most exports
  do, or U+00AD, the soft hyphen Tagged PDF asks for there (a compound's own stays "-").
* ``text_rise``: footnote markers are drawn with the text-rise operator (``Ts``), not by moving
  the baseline.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass

LIGATURES = (("ffi", "\ufb03"), ("ffl", "\ufb04"), ("ff", "\ufb00"), ("fi", "\ufb01"), ("fl", "\ufb02"))
VOWELS = frozenset("aeiouy")
MIN_HEAD, MIN_TAIL = 3, 3  # letters left on each side of a syllable break


@dataclass(frozen=True)
class Setting:
    space_glyphs: bool = True
    word_gap: float = 0.18  # ems between words when no space glyph is drawn
    shuffle_seed: int | None = None
    ligatures: bool = False
    hyphenate: bool = False
    hyphen: str = "-"  # the glyph of a hyphen added where a word is hyphenated
    text_rise: bool = False

    def shuffled(self, items: list, *key: object) -> list:
        """``items`` in this setting's drawing order: as given, or shuffled by a seed and ``key``."""
        if self.shuffle_seed is None:
            return items
        out = list(items)
        random.Random(":".join(str(k) for k in (self.shuffle_seed, *key))).shuffle(out)
        return out


PLAIN = Setting()


def ligate(text: str) -> str:
    for letters, glyph in LIGATURES:
        text = text.replace(letters, glyph)
    return text


_WORD = re.compile(r"([A-Za-z][a-z]*(?:-[a-z]+)*)([.,;:)]*)")


def break_points(text: str) -> list[tuple[int, str]]:
    """Where ``text`` (one word) may be broken at a line end, best first: (index, what ends the
    head). A compound breaks after its own hyphen (nothing added), preferred; a long word of
    lower-case letters between a vowel and a consonant, with a hyphen added, the last place
    first. URLs, numbers, capitals inside: none."""
    m = _WORD.fullmatch(text)
    if m is None:
        return []
    word = m.group(1)
    points: list[tuple[int, str]] = []
    for k in range(1, len(word)):
        if word[k - 1] == "-":
            points.append((k, ""))
        elif (
            k >= MIN_HEAD
            and len(word) - k >= MIN_TAIL
            and word[k - 1].lower() in VOWELS
            and word[k] not in VOWELS
            and word[k] != "-"
            and "-" not in word[max(0, k - MIN_HEAD) : k + MIN_TAIL]
        ):
            points.append((k, "-"))
    compound = [p for p in points if not p[1]]
    return compound[::-1] + [p for p in points if p[1]][::-1]
