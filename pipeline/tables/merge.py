"""One profile, one record: when an edition (one ``profile_id``) was read from several sources (its PDF
and its text edition), the tables hold it once.

The values come whole from one source, the preferred one: the text edition unless ``prefer`` is
"pdf" (``PREFERRED_FORMAT``), and among sources of one format the first by file name. Nothing is
mixed from two sources: every row of a merged profile is the preferred source's row and keeps in
``source_file`` the file it was read from, so its page and box (or line) stay meaningful. The other
sources are kept as provenance: ``profiles.source_files`` lists every source file of the edition,
the preferred first (a profile read from one source lists that one), and where the sources
disagree, compared before anything is dropped, each difference is a ``sources-disagree`` error
(``pipeline/tables/checks/sources.py``) located at the row of the source compared.

Pure: frames of every source in, merged frames and the findings out.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from pipeline.model.domain import PREFERRED_FORMAT, SOURCE_FORMATS
from pipeline.model.findings import Finding
from pipeline.tables.checks.sources import sources_disagree
from pipeline.tables.locate import missing
from schemas.tables import SOURCE_FILES


@dataclass(frozen=True)
class Merged:
    frames: dict[str, pd.DataFrame]  # one source per profile; profiles with source_files
    findings: tuple[Finding, ...]  # sources-disagree, from the frames before the merge
    dropped: frozenset[tuple[str, str]]  # (profile_id, source_file) of the sources whose rows are not kept


def merge_sources(frames: Mapping[str, pd.DataFrame], prefer: str = PREFERRED_FORMAT) -> Merged:
    """The frames of every source -> one record per profile from its preferred source, and the
    differences between its sources."""
    if prefer not in SOURCE_FORMATS:
        raise ValueError(f"prefer must be one of {', '.join(SOURCE_FORMATS)}, not {prefer!r}")
    findings = tuple(sources_disagree(frames))
    profiles = frames["profiles"]
    sources = sources_by_profile(profiles, prefer)
    dropped = {(profile_id, file) for profile_id, files in sources.items() for file in files[1:]}
    merged: dict[str, pd.DataFrame] = {}
    for table, df in frames.items():
        rows = _without(df, dropped)
        merged[table] = df if rows is df else rows.reset_index(drop=True)
    kept = merged["profiles"]
    listed = [
        [] if missing(file) else sources.get(str(profile_id), [str(file)])
        for profile_id, file in zip(kept["profile_id"], kept["source_file"], strict=True)
    ]
    merged["profiles"] = kept.assign(**{SOURCE_FILES: pd.Series(listed, index=kept.index, dtype=object)})
    return Merged(frames=merged, findings=findings, dropped=frozenset(dropped))


def sources_by_profile(profiles: pd.DataFrame, prefer: str) -> dict[str, list[str]]:
    """Each profile's source files, the one whose values are kept first: of the preferred format
    before the other, then by file name."""
    found: dict[str, set[tuple[bool, str]]] = {}
    for profile_id, file, fmt in zip(
        *(profiles[c].to_numpy(dtype=object) for c in ("profile_id", "source_file", "source_format")),
        strict=True,
    ):
        if missing(profile_id) or missing(file):
            continue
        found.setdefault(str(profile_id), set()).add((missing(fmt) or str(fmt) != prefer, str(file)))
    return {profile_id: [file for _, file in sorted(files)] for profile_id, files in found.items()}


def _without(df: pd.DataFrame, dropped: set[tuple[str, str]]) -> pd.DataFrame:
    """``df`` without the rows of the ``dropped`` (profile_id, source_file) sources."""
    if not dropped or df.empty or "source_file" not in df.columns:
        return df
    keys = zip(df["profile_id"].to_numpy(dtype=object), df["source_file"].to_numpy(dtype=object), strict=True)
    keep = [(str(p), str(f)) not in dropped for p, f in keys]
    return df if all(keep) else df[keep]
