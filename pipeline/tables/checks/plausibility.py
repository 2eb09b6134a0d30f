"""Plausibility of every extracted text: the shapes that only a misread page gives.

A value can pass its schema and still be wrong text: a heading read into a name, words run
together where a PDF placed them without space glyphs, a line-end hyphen left in, a note number
or a URL glued to the next word, a year range cut at a line end. Each shape is an error at the
row's page and box, naming the value and the rule.

Thresholds come from the document itself (each source of a profile is one document): its words
(letter runs of every printed text cell, web addresses left out), the length distribution of those
it writes twice or more (a dictionary that words run together by a misread rarely enter, so it
holds even when most of a page lost its spaces), and the phrases it writes. No list of words is
kept here; the headings are the genre's vocabulary (``pipeline/structure/vocabulary.py``).

Checked: every printed text column (a string column of the schema with no fixed set of values or
pattern, so not codes, dates or file names), but not the tables derived from those texts
(mentions, instruments, citations) nor ``footnote_urls.domain`` (the URL's host), where the same
flaw would be reported twice.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np
import pandas as pd

from pipeline.model.domain import STATUS_WORDINGS
from pipeline.model.findings import Finding, finding
from pipeline.structure.vocabulary import section_of, subsection_of
from pipeline.tables.locate import missing, where
from schemas import PROVENANCE, TABLES
from schemas.tables import SOURCE_KEY

DERIVED_TABLES = frozenset({"mentions", "instruments", "citations"})
DERIVED_COLUMNS = frozenset({("footnote_urls", "domain")})
# names that are a country, and names or titles of a row (a heading glued to one is a misread)
COUNTRIES = (("profiles", "country"), ("destinations", "country"), ("organisations", "country"))
TITLES = (
    ("political_rights", "label"),
    ("policy_framework", "title"),
    ("sections", "heading"),
    ("obstacles", "title"),
    ("practices", "title"),
    ("institutions", "name"),
    ("organisations", "name"),
)
NOTES = ("footnotes", "text")
RIGHT_LABEL = ("political_rights", "label")
URLS = ("footnote_urls", "url")

FAR_OUT = 3.0  # Tukey's far-out fence: Q3 + 3 IQR of the lengths of the words a document writes twice
PERIOD_YEARS = 50  # a period ends within this many years of its start
SEAM_RUN = 3  # lower-case letters before an upper-case one for a camel-case seam ("asashareofGDP")

URL = re.compile(r"(?:https?://|www\.)[^\s<>]+", re.IGNORECASE)
# what is left out of the words: addresses, with a scheme or 'www.', bare ('ilo.org/dyn/...'), e-mail
ADDRESS = re.compile(
    r"(?:https?://|www\.)[^\s<>]+|[\w.-]+\.[^\W\d_]{2,6}/[^\s<>]*|[\w.+-]+@[\w-]+\.[\w.-]+", re.IGNORECASE
)
LETTERS = re.compile(r"[^\W\d_]+")
CUT_YEAR = re.compile(r"(?<![\d/.\-–])((?:1[89]|20)\d\d)\s?[-–]\s?(\d{1,3})(?![\d])")
# "-", or the HYPHEN (U+2010) layout engines write where they hyphenate
HYPHEN_SPACE = re.compile(r"([^\W\d_]+)[-‐] ([^\W\d_]+)")
HYPHENS_SPACED = ("- ", "‐ ")  # what a text needs to hold for HYPHEN_SPACE to match
GLUED_NUMBER = re.compile(r"^\s*(\d{1,3})(?!(?:st|nd|rd|th)\b)([^\W\d_]+)")
URL_END = re.compile(r"[).,;:>\]]+$")
GLUED_AFTER_FILE = re.compile(r"\.(?:pdf|html?|aspx?|php|docx?|xlsx?)([^\W\d_]+)$", re.IGNORECASE)
GLUED_AFTER_PATH = re.compile(r"[/=?&#][^/A-Z\s]*[a-z\d]([A-Z][a-z]+)$")
# a list bullet inside a text, after words and before words: the next row's lead read into this one
BULLETS = "●•▪◦‣■►➢"
BULLET_INSIDE = re.compile(rf"(\S+\s+)([{BULLETS}])(\s+\S+(?:\s+\S+)?)")
# the mark a timeline's year column sets between its years ("2014 / ∨ / 2017"), with the words
# around it
RANGE_MARK = "∨"
RANGE_MARK_AT = re.compile(rf"(?:(\S+)\s*)?{RANGE_MARK}(?:\s*(\S+))?")
PERIOD_END = re.compile(r"^(?:1[89]|20)\d\d\W*$")
STATUS_AT_END = re.compile(rf"\s({'|'.join(STATUS_WORDINGS)})[.:]?$", re.IGNORECASE)
SEAM_PUNCTUATION = ":.;»›•●▪–-"


@dataclass(frozen=True)
class Cell:
    table: str
    column: str
    row: dict[str, Any]
    text: str


@dataclass(frozen=True)
class Vocabulary:
    """What one document writes: its words (case-folded, with counts), its word-length fences, and
    its texts as case-folded tokens (for phrases)."""

    words: Counter[str]
    known: frozenset[str]
    typical: float  # third quartile of the length of its words as written
    far_out: float  # Q3 + 3 IQR of the lengths of the words it writes twice or more, or their longest
    phrases: str  # every text's tokens, space-joined, texts separated by ' \n '

    @classmethod
    def of(cls, texts: Sequence[str]) -> Vocabulary:
        runs = [run for text in texts for run in LETTERS.findall(_prose(text))]
        words = Counter(run.casefold() for run in runs)
        lengths = np.array([len(run) for run in runs] or [0])
        recurring = np.array([len(w) for w, n in words.items() if n > 1] or [0])
        r1, r3 = np.percentile(recurring, [25, 75])
        tokens = (" ".join(_tokens(_prose(text))) for text in texts)
        return cls(
            words=words,
            known=frozenset(words),
            typical=float(np.percentile(lengths, 75)),
            far_out=max(float(r3 + FAR_OUT * (r3 - r1)), float(recurring.max())),
            phrases=" " + " \n ".join(tokens) + " ",
        )

    def has(self, word: str) -> bool:
        return self.words[word.casefold()] > 0

    def says(self, words: Sequence[str]) -> bool:
        """Whether the document writes these words one after the other, as separate words."""
        return f" {' '.join(w.casefold() for w in words)} " in self.phrases

    def splits(self, run: str) -> list[list[str]]:
        """The ways ``run`` reads as two or more of the document's words (one letter only for 'a'
        and 'i', when the document writes them alone)."""
        return [s for s in _splits(run.casefold(), self.known) if len(s) > 1]


def _splits(run: str, known: frozenset[str], limit: int = 20) -> list[list[str]]:
    memo: dict[int, tuple[tuple[str, ...], ...]] = {len(run): ((),)}

    def ways(start: int) -> tuple[tuple[str, ...], ...]:
        if start in memo:
            return memo[start]
        found: list[tuple[str, ...]] = []
        for end in range(len(run), start, -1):
            piece = run[start:end]
            if piece in known and (len(piece) > 1 or piece in "ai"):
                found.extend((piece, *rest) for rest in ways(end))
                if len(found) >= limit:
                    break
        memo[start] = tuple(found[:limit])
        return memo[start]

    return [list(w) for w in ways(0)]


@lru_cache(maxsize=8192)
def _prose(text: str) -> str:
    """The text with its addresses blanked out."""
    if "/" not in text and "@" not in text and "www." not in text.lower():
        return text
    return ADDRESS.sub(" ", text)


def _tokens(text: str) -> list[str]:
    """Whitespace tokens, case-folded, stripped of surrounding punctuation (inner hyphens kept)."""
    out = []
    for token in text.split():
        token = token.strip(".,;:!?()[]{}\"'“”‘’«»*").casefold()
        if token:
            out.append(token)
    return out


def _records(df: pd.DataFrame) -> list[dict[str, Any]]:
    """A frame's rows, each its values by column, nulls None: what ``to_dict("records")`` gives
    (but None for a null text, not NaN), in a fifth of its time; the checks here read the text
    cells and locate rows by them (``where``)."""
    names = list(df.columns)
    columns = [
        df[c].tolist() if df[c].dtype == object else df[c].to_numpy(dtype=object, na_value=None).tolist()
        for c in names
    ]
    return [dict(zip(names, values, strict=True)) for values in zip(*columns, strict=True)]


def text_columns(table: str) -> list[str]:
    """The table's printed text columns."""
    if table in DERIVED_TABLES:
        return []
    columns = []
    for name, column in TABLES[table].schema.columns.items():
        if (table, name) in DERIVED_COLUMNS or name in (*SOURCE_KEY, *PROVENANCE):
            continue
        fixed = any(check.name in ("isin", "str_matches") for check in column.checks)
        if str(column.dtype).startswith("string") and not fixed:
            columns.append(name)
    return columns


def documents(frames: Mapping[str, pd.DataFrame]) -> dict[tuple, list[Cell]]:
    """Every printed text cell, by source (profile_id, source_file)."""
    cells: dict[tuple, list[Cell]] = {}
    for table in TABLES:
        columns = text_columns(table) + ([URLS[1]] if table == URLS[0] else [])
        df = frames.get(table)
        if df is None or df.empty or not columns:
            continue
        for row in _records(df):
            source = (row.get("profile_id"), row.get("source_file"))
            for column in columns:
                value = row.get(column)
                if isinstance(value, str) and value.strip():
                    cells.setdefault(source, []).append(Cell(table, column, row, value))
    return cells


_LAST: list[tuple[tuple[int, ...], Mapping[str, pd.DataFrame], list[tuple[list[Cell], Vocabulary]]]] = []


def _vocabularies(frames: Mapping[str, pd.DataFrame]) -> list[tuple[list[Cell], Vocabulary]]:
    """Each document's text cells and vocabulary; kept for the checks that follow on the same
    frames (the frames of one run are not changed while they are checked)."""
    identity = (id(frames), *(id(df) for df in frames.values()))
    if _LAST and _LAST[0][0] == identity and _LAST[0][1] is frames:
        return _LAST[0][2]
    found = []
    for cells in documents(frames).values():
        prose = [c.text for c in cells if (c.table, c.column) != URLS]
        found.append((cells, Vocabulary.of(prose)))
    _LAST[:] = [(identity, frames, found)]
    return found


def _report(code: str, cell: Cell, value: str, reason: str) -> Finding:
    return finding(code, **where(cell.table, cell.row), column=cell.column, value=value, reason=reason)


# --------------------------------------------------------------------------- headings


def _is_heading(words: Sequence[str]) -> bool:
    text = " ".join(words)
    return section_of(text) is not None or subsection_of(text) is not None


def _upper(word: str) -> bool:
    letter = next((ch for ch in word if ch.isalpha()), "")
    return letter.isupper()


def _lower(word: str) -> bool:
    letter = next((ch for ch in word if ch.isalpha()), "")
    return letter.islower()


def _sentence_case(words: Sequence[str]) -> bool:
    """First word capitalised, a later word of four letters or more in lower case."""
    return _upper(words[0]) and any(len(w) > 3 and _lower(w) for w in words[1:])


def _title_case(words: Sequence[str]) -> bool:
    return all(_upper(w) for w in words if len(w) > 3)


def _seam(before: Sequence[str], after: Sequence[str]) -> bool:
    """Whether two word runs read as two texts, not one: punctuation between them, or a lower-case
    word of four letters or more followed by a capital, or one run in title case beside the other
    in sentence case."""
    last, first = before[-1], after[0]
    if last[-1] in SEAM_PUNCTUATION or first[0] in SEAM_PUNCTUATION:
        return True
    if not _upper(first):
        return False
    if _lower(last) and len(last) > 3:
        return True
    runs = (before, after)
    return any(_title_case(a) and len(a) > 1 and _sentence_case(b) for a, b in (runs, runs[::-1]))


def headings_in_names(frames: Mapping[str, pd.DataFrame]) -> Iterator[Finding]:
    """heading-in-value: a country name with a section heading in it, or a name or title that
    begins or ends with one as a text of its own (see ``_seam``)."""
    rules = [(name, _heading_within) for name in COUNTRIES] + [(name, _glued_heading) for name in TITLES]
    for (table, column), find in rules:
        for row in _records(frames[table]):
            text = row.get(column)
            heading = find(text.split()) if isinstance(text, str) else None
            if heading and isinstance(text, str):
                cell = Cell(table, column, row, text)
                yield _report("heading-in-value", cell, text, f"it contains the heading '{heading}'")


def _heading_within(words: list[str]) -> str | None:
    """A run of words anywhere in a country name that is a heading."""
    for i in range(len(words)):
        for j in range(i + 1, len(words) + 1):
            if _is_heading(words[i:j]):
                return " ".join(words[i:j])
    return None


def _glued_heading(words: list[str]) -> str | None:
    """A heading that begins or ends a name or title as a text of its own (see ``_seam``)."""
    for k in range(1, len(words)):
        head, rest = words[:k], words[k:]
        if _is_heading(head) and _seam(head, rest):
            return " ".join(head)
        rest, tail = words[:-k], words[-k:]
        if _is_heading(tail) and _seam(rest, tail):
            return " ".join(tail)
    return None


# --------------------------------------------------------------------------- glued words


def glued_words(frames: Mapping[str, pd.DataFrame]) -> Iterator[Finding]:
    """words-glued: a run of letters far longer than the document's words (beyond the far-out fence
    of their lengths), one that reads as words the document writes apart ("fromabroad" where it
    writes "from abroad"), or a lower-case run of three or more letters joined to a capital where
    both sides are the document's words ("RemittancesAs", "asashareofGDP")."""
    for cells, vocabulary in _vocabularies(frames):
        verdicts: dict[str, str | None] = {}  # a run's reason, once per document
        for cell in cells:
            if (cell.table, cell.column) == URLS:
                continue
            for run in LETTERS.findall(_prose(cell.text)):
                if run not in verdicts:
                    verdicts[run] = _glue(run, vocabulary)
                reason = verdicts[run]
                if reason:
                    yield _report("words-glued", cell, run, reason)
                    break


def _glue(run: str, vocabulary: Vocabulary) -> str | None:
    if run.lower() == run.upper():
        return None  # a script without case (Khmer, Thai, Arabic...) writes words without spaces
    if len(run) > vocabulary.far_out:
        return (
            f"a run of {len(run)} letters, longer than the document's far-out word length "
            f"({vocabulary.far_out:g})"
        )
    parts = _camel_parts(run)
    if len(parts) > 1 and vocabulary.words[run.casefold()] < 2:
        readings = [[p] if vocabulary.has(p) else (vocabulary.splits(p) or [[]])[0] for p in parts]
        words = [w for reading in readings for w in reading]
        # a name in camel case ('MoneyGram', 'DiasporaConnect') is two long words the document
        # does not write apart; a misread joins more words, a short one ('As', 'GDP') or a phrase
        if all(readings) and (len(words) > 2 or len(parts[-1]) <= 3 or vocabulary.says(words)):
            return f"lower case joined to upper case, reading as the document's words '{' '.join(words)}'"
    if len(run) > vocabulary.typical and (run.islower() or run[1:].islower()):
        for words in vocabulary.splits(run):
            if vocabulary.says(words):
                return f"it reads as '{' '.join(words)}', which the document writes as separate words"
    return None


def _camel_parts(run: str) -> list[str]:
    """``run`` split where SEAM_RUN lower-case letters are followed by a capital."""
    if run.islower() or run.isupper() or run[1:].islower():
        return [run]
    parts, start, lower = [], 0, 0
    for i, ch in enumerate(run):
        if ch.isupper() and lower >= SEAM_RUN:
            parts.append(run[start:i])
            start = i
        lower = lower + 1 if ch.islower() else 0
    parts.append(run[start:])
    return parts


# --------------------------------------------------------------------------- cut and broken text


def year_ranges_cut(frames: Mapping[str, pd.DataFrame]) -> Iterator[Finding]:
    """year-range-cut: a year, a dash and fewer than four digits that begin a later year of the
    same period ("2013-20", "2013-2"): the end year was cut at a line end. Digits that cannot begin
    such a year are an abbreviated end ("2018-19", "2020-21") and are left alone."""
    for cells, _ in _vocabularies(frames):
        for cell in cells:
            if (cell.table, cell.column) == URLS:
                continue
            for m in CUT_YEAR.finditer(_prose(cell.text)):
                start, digits = int(m.group(1)), m.group(2)
                if any(str(year).startswith(digits) for year in range(start, start + PERIOD_YEARS + 1)):
                    yield _report(
                        "year-range-cut",
                        cell,
                        m.group(0),
                        f"'{digits}' is the beginning of a year, not a year (a period ends within "
                        f"{PERIOD_YEARS} years of its start)",
                    )
                    break


def hyphens_before_space(frames: Mapping[str, pd.DataFrame]) -> Iterator[Finding]:
    """hyphen-space: a word, a hyphen, a space and a lower-case rest ("migra- tion") where the rest
    is not a word the document writes elsewhere, or the joined word is: a line-end hyphen left in. A
    suspended hyphen ("provincial- and national") is left alone."""
    for cells, vocabulary in _vocabularies(frames):
        for cell in cells:
            if (cell.table, cell.column) == URLS or not any(h in cell.text for h in HYPHENS_SPACED):
                continue
            for m in HYPHEN_SPACE.finditer(_prose(cell.text)):
                first, rest = m.groups()
                if not rest[0].islower():
                    continue
                # the rest is a word of the document when it is written elsewhere too, not only here
                if vocabulary.has(first + rest) or vocabulary.words[rest.casefold()] < 2:
                    yield _report(
                        "hyphen-space",
                        cell,
                        m.group(0),
                        f"a hyphen and a space inside the word '{first}{rest}'",
                    )
                    break


def bullets_inside(frames: Mapping[str, pd.DataFrame]) -> Iterator[Finding]:
    """bullet-in-text: a list bullet between words of a text ("... professionals, 2022 ● National
    Diaspora ..."): a bullet opens a row, so another row (a timeline entry, a list item) was read
    into this one, as a page read in the wrong order gives."""
    for cells, _ in _vocabularies(frames):
        for cell in cells:
            if not any(b in cell.text for b in BULLETS):
                continue
            m = BULLET_INSIDE.search(_prose(cell.text))
            if m:
                yield _report(
                    "bullet-in-text",
                    cell,
                    "".join(m.groups()),
                    f"the list bullet '{m.group(2)}' opens another row inside this one",
                )


def range_marks_inside(frames: Mapping[str, pd.DataFrame]) -> Iterator[Finding]:
    """range-mark-in-text: the year column's range mark "∨" in a text, not between two years
    ("The ∨ programme placed ... in 2020 public hospitals"): the column "2016 / ∨ / 2020" was read
    line by line into the text beside it, so its end year is lost or misplaced. Between two years
    ("2014 ∨ 2018") it is a period as printed, and is left alone."""
    for cells, _ in _vocabularies(frames):
        for cell in cells:
            if RANGE_MARK not in cell.text:
                continue
            for m in RANGE_MARK_AT.finditer(cell.text):
                before, after = m.group(1) or "", m.group(2) or ""
                if PERIOD_END.match(before.lstrip("(")) and PERIOD_END.match(after):
                    continue
                yield _report(
                    "range-mark-in-text",
                    cell,
                    m.group(0),
                    f"the range mark '{RANGE_MARK}' of a year column stands outside a period of two years",
                )
                break


def statuses_in_labels(frames: Mapping[str, pd.DataFrame]) -> Iterator[Finding]:
    """status-in-label: a political right's label that ends with a status as a facts page prints it
    beside the icon ("Voting from abroad Not yet implemented"): the status was read as label text."""
    table, column = RIGHT_LABEL
    for row in _records(frames[table]):
        label = row.get(column)
        if missing(label):
            continue
        m = STATUS_AT_END.search(str(label))
        if m:
            yield finding(
                "status-in-label",
                **where(table, row),
                column=column,
                value=label,
                reason=f"it ends with the printed status '{m.group(1)}'",
            )


def note_numbers_glued(frames: Mapping[str, pd.DataFrame]) -> Iterator[Finding]:
    """note-number-glued: a note text that starts with a number joined to a word ("3Ministry")."""
    table, column = NOTES
    for row in _records(frames[table]):
        text = row.get(column)
        m = GLUED_NUMBER.match(text) if isinstance(text, str) else None
        if m and isinstance(text, str):
            yield _report(
                "note-number-glued",
                Cell(table, column, row, text),
                m.group(0).strip(),
                f"the note text starts with the number {m.group(1)} joined to '{m.group(2)}'",
            )


def urls_glued(frames: Mapping[str, pd.DataFrame]) -> Iterator[Finding]:
    """url-glued: a web address that ends in a word of the document joined to it ("…/pageThe",
    "…report.pdfand"). Checked on footnote_urls.url and on addresses in other texts (a note's
    text holds the same address as its footnote_urls row)."""
    for cells, vocabulary in _vocabularies(frames):
        for cell in cells:
            if cell.table == NOTES[0]:
                continue
            urls = [cell.text] if (cell.table, cell.column) == URLS else URL.findall(cell.text)
            for url in urls:
                word = _glued_word(URL_END.sub("", url), vocabulary)
                if word:
                    yield _report(
                        "url-glued", cell, url, f"the address ends in the word '{word}' joined to it"
                    )
                    break


def _glued_word(url: str, vocabulary: Vocabulary) -> str | None:
    m = GLUED_AFTER_FILE.search(url)
    if m and len(m.group(1)) > 1 and vocabulary.has(m.group(1)):
        return m.group(1)
    m = GLUED_AFTER_PATH.search(url)  # a lower-case last segment ending in a capitalised word
    if m and vocabulary.has(m.group(1)):
        return m.group(1)
    return None


# --------------------------------------------------------------------------- profile ids


def profile_ids(frames: Mapping[str, pd.DataFrame]) -> Iterator[Finding]:
    """profile-id-malformed: a profile id that is not ISO3-YYYY-MM of its own row (iso3, then the
    month of its edition: the update, else the publication). A part the row lacks (no country, no
    date) is not checked: the document's missing title or date is reported where it was read."""
    for row in _records(frames["profiles"]):
        if missing(row.get("profile_id")):
            continue
        profile_id = str(row["profile_id"])
        iso3 = None if missing(row.get("iso3")) else row["iso3"]
        dated = next((row[c] for c in ("edition", "updated", "published") if not missing(row.get(c))), None)
        edition = None if dated is None else str(dated)[:7]  # a date (or its ISO text): its month
        prefix, _, date = str(profile_id).partition("-")
        wrong = []
        if iso3 is not None and prefix != iso3:
            wrong.append(f"its country part is not the row's iso3 {iso3}")
        if edition is not None and date != edition:
            wrong.append(f"its date part is not the row's edition {edition}")
        if iso3 is not None and edition is not None and not re.fullmatch(r"[A-Z]{3}-\d{4}-\d{2}", profile_id):
            wrong.append("it is not of the form ISO3-YYYY-MM")
        if wrong:
            yield finding(
                "profile-id-malformed",
                **where("profiles", row),
                column="profile_id",
                value=profile_id,
                reason="; ".join(wrong),
            )
