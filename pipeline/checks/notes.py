"""Notes: every marker points to a note, every note is cited, notes are numbered 1..n."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

import pandas as pd

from pipeline.checks.common import by_source, in_keys, keys
from pipeline.errors import Finding, finding
from pipeline.locate import where
from schemas.tables import SOURCE_KEY

NOTE_KEY = [*SOURCE_KEY, "number"]


def _unmatched(df: pd.DataFrame, known: set[tuple]) -> pd.DataFrame:
    return df[~in_keys(df, NOTE_KEY, known) & df["number"].notna()]


def markers_without_note(frames: Mapping[str, pd.DataFrame]) -> Iterator[Finding]:
    """marker-without-note: a citation whose number no footnote of its source has."""
    for _, row in _unmatched(frames["citations"], keys(frames["footnotes"], NOTE_KEY)).iterrows():
        seq = "" if pd.isna(row["seq"]) else f" row {int(row['seq'])}"
        yield finding("marker-without-note", **where("citations", row), column="number", value=int(row["number"]),
                      cited_in=f" (cited in {row['table']}{seq})")


def urls_without_note(frames: Mapping[str, pd.DataFrame]) -> Iterator[Finding]:
    """url-without-note: a footnote URL whose note is not in the footnotes table."""
    for _, row in _unmatched(frames["footnote_urls"], keys(frames["footnotes"], NOTE_KEY)).iterrows():
        yield finding("url-without-note", **where("footnote_urls", row), column="number", value=row["url"], number=int(row["number"]))


def notes_not_cited(frames: Mapping[str, pd.DataFrame]) -> Iterator[Finding]:
    """note-not-cited (warning): a footnote that no citation of its source points to."""
    for _, row in _unmatched(frames["footnotes"], keys(frames["citations"], NOTE_KEY)).iterrows():
        yield finding("note-not-cited", **where("footnotes", row), column="number", value=int(row["number"]))


def notes_out_of_sequence(frames: Mapping[str, pd.DataFrame]) -> Iterator[Finding]:
    """note-out-of-sequence: a source's note numbers, in order, are not 1, 2, ..., n; located at
    the first note that breaks the sequence."""
    for _, rows in by_source(frames["footnotes"]):
        numbers = [None if pd.isna(n) else int(n) for n in rows["number"]]
        for expected, (index, n) in enumerate(zip(rows.index, numbers), start=1):
            if n != expected:
                yield finding("note-out-of-sequence", **where("footnotes", rows.loc[index]), column="number",
                              value=",".join("" if x is None else str(x) for x in numbers))
                break
