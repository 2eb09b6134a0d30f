"""Made-up profiles of other countries (tests/fixtures/profiles) keep the parser honest."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from tests.support.paths import FIXTURES, OTHER_COUNTRIES

EXPECTED = json.loads((FIXTURES / "expected.json").read_text(encoding="utf-8"))


def _none(v):
    return None if pd.isna(v) else v


def _int(v):
    return None if pd.isna(v) else int(v)


@pytest.fixture(params=OTHER_COUNTRIES, ids=lambda p: p.name)
def case(request, run_output):
    out = run_output(request.param)
    tables = {
        t: pd.read_csv(out / f"{t}.csv")
        for t in (
            "profiles",
            "indicators",
            "destinations",
            "policy_framework",
            "obstacles",
            "practices",
            "institutions",
            "organisations",
            "footnotes",
            "footnote_urls",
            "citations",
        )
    }
    report = json.loads((out / "validation" / "report.json").read_text())
    return EXPECTED[request.param.name], tables, report


def test_profile(case):
    e, t, _ = case
    p = t["profiles"].iloc[0]
    for key in (
        "country",
        "iso3",
        "profile_id",
        "written_by",
        "edited_by",
        "published",
        "updated",
        "edition",
        "has_diaspora_policy",
    ):
        assert _none(p[key]) == e[key], key


def test_indicators(case):
    e, t, _ = case
    got = {r.indicator: _none(r.value) for r in t["indicators"].itertuples()}
    assert got == e["indicators"]


def test_destinations(case):
    e, t, _ = case
    assert t["destinations"][["rank", "country", "iso3", "emigrants"]].values.tolist() == e["destinations"]


def test_framework_obstacles_practices(case):
    e, t, _ = case
    assert [[r.start_year, _int(r.end_year), r.title] for r in t["policy_framework"].itertuples()] == e[
        "policy_framework"
    ]
    assert t["obstacles"].title.tolist() == e["obstacles"]
    assert [
        [
            r.title,
            _int(r.start_year),
            _int(r.end_year),
            r.themes.split(";") if isinstance(r.themes, str) else [],
        ]
        for r in t["practices"].itertuples()
    ] == e["practices"]


def test_annex(case):
    e, t, _ = case
    assert [
        [r.level, r.name, _none(r.acronym), _int(r.founded)] for r in t["institutions"].itertuples()
    ] == e["institutions"]
    assert [
        [
            r.name,
            _none(r.acronym),
            r.country,
            _int(r.founded),
            bool(r.development_activities),
            bool(r.integration_activities),
        ]
        for r in t["organisations"].itertuples()
    ] == e["organisations"]


def test_notes(case):
    e, t, report = case
    urls = t["footnote_urls"]
    got = [
        [r.number, urls[urls.number == r.number].url.tolist(), _int(r.page_ref), _int(r.ibid_of)]
        for r in t["footnotes"].itertuples()
    ]
    assert got == [[n, u, None if p is None else int(p), i] for n, u, p, i in e["footnotes"]]
    assert len(t["citations"]) == e["citations"]
    assert report["summary"]["errors"] == 0
