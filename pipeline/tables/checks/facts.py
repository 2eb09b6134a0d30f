"""The facts page: indicators shown and plausible, destinations ranked, rights' status shown."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

import pandas as pd

from pipeline.model.domain import INDICATOR_CODES
from pipeline.model.findings import Finding, finding
from pipeline.tables.checks.common import key_tuples, number, sequence_breaks
from pipeline.tables.locate import missing, rows, where
from schemas.tables import SOURCE_KEY

SHARE_TOLERANCE = 0.2
SHARES = (
    ("emigrants", "emigrants_male_pct", "emigrants_female_pct"),
    ("emigrants_in_eu", "emigrants_in_eu_male_pct", "emigrants_in_eu_female_pct"),
)


def indicators_not_shown(frames: Mapping[str, pd.DataFrame]) -> Iterator[Finding]:
    """indicator-not-shown (warning): an indicator with neither a value nor a printed figure, or
    with no row at all."""
    df = frames["indicators"]
    if df.empty:
        return
    for row in rows(df[df["value"].isna() & df["raw"].isna()]):
        yield finding(
            "indicator-not-shown", **where("indicators", row), column="value", indicator=row["indicator"]
        )
    present = set(key_tuples(df, [*SOURCE_KEY, "indicator"]))
    for profile_id, source_file in dict.fromkeys(key_tuples(df, list(SOURCE_KEY))):
        for code in INDICATOR_CODES:
            if (profile_id, source_file, code) not in present:
                yield finding(
                    "indicator-not-shown",
                    table="indicators",
                    column="indicator",
                    profile_id=profile_id,
                    file=source_file,
                    indicator=code,
                    value=code,
                )


def values_unparsed(frames: Mapping[str, pd.DataFrame]) -> Iterator[Finding]:
    """value-unparsed: a figure is printed but the value is null."""
    df = frames["indicators"]
    for row in rows(df[df["value"].isna() & df["raw"].notna()]):
        yield finding(
            "value-unparsed",
            **where("indicators", row),
            column="value",
            value=row["raw"],
            field=row["indicator"],
        )


def percentages_above_100(frames: Mapping[str, pd.DataFrame]) -> Iterator[Finding]:
    """value-impossible: a percentage above 100."""
    df = frames["indicators"]
    for row in rows(df[((df["unit"] == "pct") & (df["value"] > 100)).fillna(False).astype(bool)]):
        yield finding(
            "value-impossible",
            **where("indicators", row),
            column="value",
            value=number(row["value"]),
            reason="a percentage is at most 100",
        )


def shares_not_100(frames: Mapping[str, pd.DataFrame]) -> Iterator[Finding]:
    """shares-not-100: male and female shares (of all emigrants, of those in the EU) that do not
    add up to 100 within the tolerance; located at the male share."""
    df = frames["indicators"]
    first: dict[tuple, int] = {}  # (indicator, source) -> position of its first row
    for position, key in enumerate(key_tuples(df, ["indicator", *SOURCE_KEY])):
        first.setdefault(key, position)
    values = df["value"].to_numpy(dtype=object)
    for group, male, female in SHARES:
        for (indicator, *source), position in first.items():
            partner = first.get((female, *source))
            if indicator != male or partner is None or missing(values[position]) or missing(values[partner]):
                continue
            total = float(values[position]) + float(values[partner])
            if abs(total - 100) > SHARE_TOLERANCE + 1e-9:
                yield finding(
                    "shares-not-100",
                    **where("indicators", df.iloc[position]),
                    column="value",
                    group=group,
                    value=number(round(total, 6)),
                    tolerance=SHARE_TOLERANCE,
                )


def destination_ranks(frames: Mapping[str, pd.DataFrame]) -> Iterator[Finding]:
    """rank-out-of-sequence: a source's destination ranks, in order, are not 1..n; located at the
    first rank that breaks the sequence."""
    for row, ranks in sequence_breaks(frames["destinations"], "rank"):
        yield finding(
            "rank-out-of-sequence",
            **where("destinations", row),
            column="rank",
            value=",".join("" if r is None else str(r) for r in ranks),
            n=len(ranks),
        )


def destination_counts(frames: Mapping[str, pd.DataFrame]) -> Iterator[Finding]:
    """counts-not-descending: a destination with more emigrants than the one ranked above it."""
    df = frames["destinations"]
    if df.empty:
        return
    ranked = df[df["rank"].notna() & df["emigrants"].notna()]
    ranked = ranked.sort_values([*SOURCE_KEY, "rank"], kind="stable")
    previous = ranked.groupby(list(SOURCE_KEY), sort=False, dropna=False)[["rank", "emigrants"]].shift(1)
    worse = ranked["emigrants"].astype(float) > previous["emigrants"].astype(float)
    for index in ranked.index[worse.fillna(False).astype(bool)]:
        row = df.loc[index]
        yield finding(
            "counts-not-descending",
            **where("destinations", row),
            column="emigrants",
            value=int(row["emigrants"]),
            previous_rank=int(previous.loc[index, "rank"]),
            previous=int(previous.loc[index, "emigrants"]),
        )


def statuses_not_shown(frames: Mapping[str, pd.DataFrame]) -> Iterator[Finding]:
    """status-not-shown (warning): a political right whose status is null (shown by an icon)."""
    df = frames["political_rights"]
    for row in rows(df[df["status"].isna()]):
        yield finding(
            "status-not-shown", **where("political_rights", row), column="status", value=row["label"]
        )
