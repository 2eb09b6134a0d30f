"""Checks across rows and tables, run on the validated frames.

Each check is a pure function ``frames -> findings`` reporting one code; they need nothing but the
tables, so ``python -m pipeline validate DIR`` runs them all on an output folder's CSVs. Column
checks (types, ranges, codes, patterns) live in ``schemas/``.

``DOCUMENT_CHECKS`` need one document's rows only (the plausibility of its texts, each against
that document's own vocabulary): a run makes them once per document and keeps them with its
result in the cache (``pipeline/runner/run.py``), so that a rerun does not make them again; on a
bench corpus of 80 profiles they were 0.8 s of a 3 s warm rerun. ``TABLE_CHECKS`` run on every run.

Not here: ``sources.sources_disagree`` compares a profile's sources, so it runs on the frames of
every source before they are merged into one record (``pipeline/tables/merge.py``); an output
folder holds the merged tables only, so ``validate DIR`` keeps its findings from the folder's report.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

import pandas as pd

from pipeline.model.findings import Finding, Severity
from pipeline.tables.checks import facts, keys, notes, plausibility, years

Frames = Mapping[str, pd.DataFrame]
Check = Callable[[Frames], Iterable[Finding]]

TABLE_CHECKS: tuple[tuple[str, Check], ...] = (
    ("profile-missing", keys.rows_without_profile),
    ("marker-without-note", notes.markers_without_note),
    ("url-without-note", notes.urls_without_note),
    ("note-not-cited", notes.notes_not_cited),
    ("note-out-of-sequence", notes.notes_out_of_sequence),
    ("indicator-not-shown", facts.indicators_not_shown),
    ("value-unparsed", facts.values_unparsed),
    ("value-impossible", facts.percentages_above_100),
    ("shares-not-100", facts.shares_not_100),
    ("rank-out-of-sequence", facts.destination_ranks),
    ("counts-not-descending", facts.destination_counts),
    ("status-not-shown", facts.statuses_not_shown),
    ("start-after-end", years.starts_after_ends),
)
DOCUMENT_CHECKS: tuple[tuple[str, Check], ...] = (
    ("heading-in-value", plausibility.headings_in_names),
    ("words-glued", plausibility.glued_words),
    ("year-range-cut", plausibility.year_ranges_cut),
    ("hyphen-space", plausibility.hyphens_before_space),
    ("status-in-label", plausibility.statuses_in_labels),
    ("bullet-in-text", plausibility.bullets_inside),
    ("range-mark-in-text", plausibility.range_marks_inside),
    ("note-number-glued", plausibility.note_numbers_glued),
    ("url-glued", plausibility.urls_glued),
    ("profile-id-malformed", plausibility.profile_ids),
)
CHECKS = TABLE_CHECKS + DOCUMENT_CHECKS
CHECK_CODES = frozenset(code for code, _ in CHECKS)


# warnings that a value is not printed (drawn, or shown by an icon alone)
NOT_SHOWN = frozenset({"indicator-not-shown", "status-not-shown"})


def run_checks(
    frames: Frames, known: Iterable[Finding] = (), *, checks: tuple[tuple[str, Check], ...] = CHECKS
) -> tuple[Finding, ...]:
    """The ``checks`` (all of them unless told) on the frames (every table present, with every
    schema column). A warning that a value is not printed is left out at a cell where one of the
    ``known`` findings (the documents' own) is an error: the value is printed but could not be
    placed, which that error says at the same row."""
    placed = {
        (f.file, f.table, f.seq, f.column)
        for f in known
        if f.severity is Severity.ERROR and f.seq is not None
    }
    found: list[Finding] = []
    for code, check in checks:
        for f in check(frames):
            assert f.code == code, f"{check.__name__} reported {f.code}, registered as {code}"
            if f.code in NOT_SHOWN and (f.file, f.table, f.seq, f.column) in placed:
                continue
            found.append(f)
    return tuple(found)
