"""References between tables: every row belongs to a profile that the profiles table lists."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

import pandas as pd

from pipeline.model.findings import Finding, finding
from pipeline.tables.checks.common import in_keys, keys
from pipeline.tables.locate import where
from schemas import FOREIGN_KEYS


def rows_without_profile(frames: Mapping[str, pd.DataFrame]) -> Iterator[Finding]:
    """profile-missing: one finding per table and unknown profile, at its first row."""
    known_by_fields: dict[tuple[str, ...], set[tuple]] = {}
    for table, references in FOREIGN_KEYS.items():
        for fk in references:
            if fk.reference != "profiles":
                continue
            df = frames[table]
            fields = tuple(fk.reference_fields)
            if fields not in known_by_fields:
                known_by_fields[fields] = keys(frames["profiles"], list(fields))
            found = in_keys(df, list(fk.fields), known_by_fields[fields])
            if found.all():
                continue
            orphans = df[~found]
            for key, rows in orphans.groupby(list(fk.fields), sort=False, dropna=False):
                yield finding(
                    "profile-missing",
                    **where(table, rows.iloc[0]),
                    column=",".join(fk.fields),
                    value="/".join("" if pd.isna(k) else str(k) for k in key),
                    rows=len(rows),
                )
