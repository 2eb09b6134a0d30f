"""Two sources of one profile agree: a PDF and the text edition of the same ``profile_id`` give the
same values in every column but provenance.

Per profile, the sources are ordered text editions first, then by file name; the first is the
reference and every other source is compared with it, row by row. Rows are matched by their natural
key (``KEYS``), never by position, and a key that repeats within a source is told apart by its
occurrence (the second citation of note 4 in obstacles row 2 matches the other source's second).
Each differing cell is one ``sources-disagree`` error, located at the compared source's row (a PDF's
page and box) and naming both values and both files; a row that only one source has is one
``sources-disagree`` at that row.

Not compared: provenance (page, box, line), what names the source (file, hash, format, pages) and
running numbers that only point at other rows (``IDENTIFIERS``: the rows they name are compared
themselves, so a shifted number is not a second report of one difference).

Some values a PDF may print that the text edition does not type, or the other way round: a
political right's status (printed beside its icon, or only drawn) and a facts-page figure (typed,
or drawn). When one side shows nothing (``NOT_SHOWN``: all its "shown" columns are null), those
columns are not compared: the side that shows nothing has its own warning (``status-not-shown``,
``indicator-not-shown``) at that row, so the gap is reported, and two values that both are shown
are always compared.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from pipeline.model.findings import Finding, finding
from pipeline.tables.checks.common import number
from pipeline.tables.locate import missing, where
from schemas import PROVENANCE, TABLES, primary_key
from schemas.tables import SOURCE_KEY

# the natural key of each table's rows within one source (occurrence added when it repeats);
# "a|b" is the first of a and b that the row has
KEYS: dict[str, tuple[str, ...]] = {
    "profiles": (),  # one row per source
    "indicators": ("indicator",),
    "destinations": ("iso3|country",),  # the country (its name when it has no code); rank is a value
    "political_rights": ("right",),
    "policy_framework": ("seq",),
    "sections": ("seq",),
    "obstacles": ("seq",),
    "practices": ("seq",),
    "institutions": ("seq",),
    "organisations": ("seq",),
    "footnotes": ("number",),
    "footnote_urls": ("number", "seq"),
    "citations": ("table", "seq", "number"),
    "mentions": ("table", "seq", "column", "start", "label"),  # where in which cell
    "instruments": ("seq",),
}
SOURCE_COLUMNS = frozenset(
    {*SOURCE_KEY, *PROVENANCE, "source_files", "source_sha256", "source_format", "pages"}
)
IDENTIFIERS: dict[str, frozenset[str]] = {
    "mentions": frozenset({"mention"}),  # numbered across the profile
    "instruments": frozenset({"mentions"}),  # those numbers
}
# table -> (columns that are all null when the value is not shown, columns then not compared)
NOT_SHOWN: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "political_rights": (("status",), ("status", "status_text")),
    "indicators": (("value", "raw"), ("value", "raw")),
}
EXCERPT = 60  # characters of a long text shown either side of its first difference

Row = dict[str, Any]


def sources_disagree(frames: Mapping[str, pd.DataFrame]) -> Iterator[Finding]:
    """sources-disagree: a value of a profile that differs between its sources, or a row that
    only one of them has."""
    pairs = list(_pairs(frames["profiles"]))
    if not pairs:
        return
    for table, df in frames.items():
        if df.empty or "source_file" not in df.columns:
            continue
        by_source = _by_source(table, df)
        columns = [
            c for c in df.columns if c not in SOURCE_COLUMNS and c not in IDENTIFIERS.get(table, frozenset())
        ]
        for reference, others in pairs:
            for other in others:
                yield from _compare(
                    table, columns, by_source.get(reference, {}), by_source.get(other, {}), reference, other
                )


def _pairs(profiles: pd.DataFrame) -> Iterator[tuple[tuple[str, str], list[tuple[str, str]]]]:
    """Per profile with several sources: the reference source and the others, each as SOURCE_KEY."""
    by_profile: dict[str, list[tuple[bool, str]]] = {}
    for profile_id, source_file, source_format in zip(
        *(profiles[c].to_numpy(dtype=object) for c in ("profile_id", "source_file", "source_format")),
        strict=True,
    ):
        if missing(profile_id) or missing(source_file):
            continue
        not_text = missing(source_format) or str(source_format) != "text"
        by_profile.setdefault(str(profile_id), []).append((not_text, str(source_file)))
    for profile_id, sources in by_profile.items():
        ordered = [file for _, file in sorted(set(sources))]
        if len(ordered) > 1:
            yield (profile_id, ordered[0]), [(profile_id, file) for file in ordered[1:]]


def _compare(
    table: str,
    columns: list[str],
    theirs: dict[tuple, Row],
    ours: dict[tuple, Row],
    reference: tuple[str, str],
    other: tuple[str, str],
) -> Iterator[Finding]:
    """Findings of ``other``'s rows (``ours``) against the reference's (``theirs``)."""
    for key, row in ours.items():
        base = theirs.get(key)
        if base is None:
            yield _one_sided(table, key, row, present=other[1], absent=reference[1])
            continue
        skip = _not_compared(table, row, base)
        for column in columns:
            if column in skip or _same(row.get(column), base.get(column)):
                continue
            yield finding(
                "sources-disagree",
                **where(table, row),
                column=column,
                value=_plain(row.get(column)),
                key=_key_text(table, key),
                reason=_differ(column, row.get(column), base.get(column), other[1], reference[1]),
            )
    for key, base in theirs.items():
        if key not in ours:
            yield _one_sided(table, key, base, present=reference[1], absent=other[1])


def key_of(table: str) -> tuple[str, ...]:
    """The table's natural key: from ``KEYS``, else its primary key within a source, else none (rows
    then matched in order), so that a table added later is compared too."""
    if table in KEYS:
        return KEYS[table]
    return tuple(c for c in primary_key(table) if c not in SOURCE_KEY) if table in TABLES else ()


def _key_value(row: Row, name: str) -> Any:
    """The row's value of a key column, or of the first of "a|b" that it has."""
    return next((_normal(row.get(c)) for c in name.split("|") if not missing(row.get(c))), None)


def _by_source(table: str, df: pd.DataFrame) -> dict[tuple, dict[tuple, Row]]:
    """Each source's rows (by SOURCE_KEY) by natural key and occurrence."""
    out: dict[tuple, dict[tuple, Row]] = {}
    seen: dict[tuple, int] = {}
    for row in df.to_dict("records"):
        source = (row.get("profile_id"), row.get("source_file"))
        natural = (*source, *(_key_value(row, c) for c in key_of(table)))
        seen[natural] = seen.get(natural, 0) + 1
        out.setdefault(source, {})[(*natural[2:], seen[natural])] = row
    return out


def _not_compared(table: str, row: Row, base: Row) -> frozenset[str]:
    if table not in NOT_SHOWN:
        return frozenset()
    shown, exempt = NOT_SHOWN[table]
    blank = [all(missing(r.get(c)) for c in shown) for r in (row, base)]
    return frozenset(exempt) if any(blank) else frozenset()


def _one_sided(table: str, key: tuple, row: Row, *, present: str, absent: str) -> Finding:
    return finding(
        "sources-disagree",
        **where(table, row),
        column=",".join(key_of(table)).replace("|", ",") or None,
        value=_key_text(table, key),
        key=_key_text(table, key),
        reason=f"the row is in {present} but not in {absent}",
    )


def _normal(value: Any) -> Any:
    """A value in a form that compares across sources: null, number, text, or a tuple of those."""
    if isinstance(value, (list, tuple, np.ndarray)):
        return tuple(_normal(v) for v in value)
    if missing(value):
        return None
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        return int(value) if float(value).is_integer() else float(value)
    return str(value)


def _same(a: Any, b: Any) -> bool:
    a, b = _normal(a), _normal(b)
    if isinstance(a, float) or isinstance(b, float):
        return a is not None and b is not None and math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)
    return bool(a == b)


def _plain(value: Any) -> str | None:
    """A value as the report shows it: figures as printed, lists ';'-joined."""
    value = _normal(value)
    if value is None:
        return None
    if isinstance(value, tuple):
        return ";".join("" if v is None else str(v) for v in value)
    if isinstance(value, float):
        return number(value)
    return str(value)


def _shown(value: str | None) -> str:
    return "null" if value is None else repr(value)


def _differ(column: str, ours: Any, theirs: Any, our_file: str, their_file: str) -> str:
    a, b = _plain(ours), _plain(theirs)
    if a is not None and b is not None and max(len(a), len(b)) > 2 * EXCERPT:
        a, b = _excerpts(a, b)
    return f"{column} is {_shown(a)} in {our_file} but {_shown(b)} in {their_file}"


def _excerpts(a: str, b: str) -> tuple[str, str]:
    """Both texts cut to their first difference, with context either side."""
    start = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))
    begin = max(0, start - EXCERPT)

    def cut(text: str) -> str:
        end = start + EXCERPT
        return ("..." if begin else "") + text[begin:end] + ("..." if end < len(text) else "")

    return cut(a), cut(b)


def _key_text(table: str, key: Sequence[Any]) -> str:
    """'indicator remittances_usd_million', 'footnote_urls number 3, seq 1' (occurrence if > 1)."""
    names = key_of(table)
    *natural, occurrence = key
    parts = [
        f"{name.replace('|', ' or ')} {'' if value is None else value}"
        for name, value in zip(names, natural, strict=True)
    ]
    if occurrence > 1:
        parts.append(f"occurrence {occurrence}")
    return ", ".join(parts) or "profile"
