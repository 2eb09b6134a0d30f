"""Notes: every marker points to a note, every note is cited, notes are numbered 1..n."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

import pandas as pd

from pipeline.model.findings import Finding, finding
from pipeline.tables.checks.common import in_keys, keys, sequence_breaks
from pipeline.tables.locate import rows, where
from schemas.tables import SOURCE_KEY

NOTE_KEY = [*SOURCE_KEY, "number"]


def _unmatched(df: pd.DataFrame, known: set[tuple]) -> pd.DataFrame:
    return df[~in_keys(df, NOTE_KEY, known) & df["number"].notna()]


def markers_without_note(frames: Mapping[str, pd.DataFrame]) -> Iterator[Finding]:
    """marker-without-note: a citation whose number no footnote of its source has."""
    for row in rows(_unmatched(frames["citations"], keys(frames["footnotes"], NOTE_KEY))):
        seq = "" if pd.isna(row["seq"]) else f" row {int(row['seq'])}"
        yield finding(
            "marker-without-note",
            **where("citations", row),
            column="number",
            value=int(row["number"]),
            cited_in=f" (cited in {row['table']}{seq})",
        )


def urls_without_note(frames: Mapping[str, pd.DataFrame]) -> Iterator[Finding]:
    """url-without-note: a footnote URL whose note is not in the footnotes table."""
    for row in rows(_unmatched(frames["footnote_urls"], keys(frames["footnotes"], NOTE_KEY))):
        yield finding(
            "url-without-note",
            **where("footnote_urls", row),
            column="number",
            value=row["url"],
            number=int(row["number"]),
        )


def notes_not_cited(frames: Mapping[str, pd.DataFrame]) -> Iterator[Finding]:
    """note-not-cited (warning): a footnote that no citation of its source points to."""
    for row in rows(_unmatched(frames["footnotes"], keys(frames["citations"], NOTE_KEY))):
        yield finding("note-not-cited", **where("footnotes", row), column="number", value=int(row["number"]))


def notes_out_of_sequence(frames: Mapping[str, pd.DataFrame]) -> Iterator[Finding]:
    """note-out-of-sequence: a source's note numbers, in order, are not 1, 2, ..., n; located at
    the first note that breaks the sequence."""
    for row, numbers in sequence_breaks(frames["footnotes"], "number"):
        yield finding(
            "note-out-of-sequence",
            **where("footnotes", row),
            column="number",
            value=",".join("" if x is None else str(x) for x in numbers),
        )
