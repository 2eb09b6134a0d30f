"""What the Cambodia profile must give, stated as the domain expects it (both inputs)."""

from __future__ import annotations

import pandas as pd
import pytest

from tests.support.paths import RAW_INPUTS


@pytest.fixture(params=RAW_INPUTS, ids=lambda p: p.name)
def tables(request, run_output):
    out = run_output(request.param)
    return {
        name: pd.read_csv(out / f"{name}.csv")
        for name in (
            "profiles",
            "indicators",
            "destinations",
            "political_rights",
            "policy_framework",
            "obstacles",
            "practices",
            "institutions",
            "organisations",
            "footnotes",
            "footnote_urls",
            "citations",
            "sections",
        )
    }


def test_profile(tables):
    p = tables["profiles"].iloc[0]
    assert p.profile_id == "KHM-2022-09"
    assert (p.country, p.iso3, p.written_by, p.edited_by, p.published, p.updated, p.edition) == (
        "Cambodia",
        "KHM",
        "Dr Ronojoy Sen",
        "EUDiF",
        "2020-09-01",
        "2022-09-01",
        "2022-09-01",
    )
    assert not p.has_diaspora_policy
    assert p.terminology.startswith('the terms "Anekachun Khmer"')


def test_indicators_typed_values_and_drawn_nulls(tables):
    ind = tables["indicators"].set_index("indicator")["value"]
    assert len(ind) == 8
    assert ind.drop(["emigrants_pct_population", "emigrants_in_eu_pct"]).tolist() == [
        53.6,
        46.4,
        46.5,
        53.5,
        4.9,
        1272,
    ]
    assert ind[["emigrants_pct_population", "emigrants_in_eu_pct"]].isna().all()


def test_destinations(tables):
    d = tables["destinations"]
    assert d[["rank", "country", "iso3", "emigrants"]].values.tolist() == [
        [1, "Thailand", "THA", 689451],
        [2, "United States of America", "USA", 196003],
        [3, "France", "FRA", 69748],
        [4, "Australia", "AUS", 38278],
        [5, "Canada", "CAN", 24836],
    ]


def test_political_rights_have_no_typed_status(tables):
    r = tables["political_rights"]
    assert r.right.tolist() == ["dual_citizenship", "vote_national_elections_abroad", "voting_from_abroad"]
    assert r.status.isna().all()


def test_policy_framework(tables):
    f = tables["policy_framework"]
    years = [(int(s), None if pd.isna(e) else int(e)) for s, e in zip(f.start_year, f.end_year, strict=True)]
    assert years == [(2003, None), (2007, None), (2014, 2018), (2014, 2018), (2017, 2025)]
    assert f.title[1] == "Prakas 012/2007"
    assert not f.title.str.endswith(":").any()


def test_obstacles_practices(tables):
    assert tables["obstacles"].title.tolist() == [
        "Lack of resources",
        "Media landscape",
        "Political division",
    ]
    p = tables["practices"]
    years = [(int(s), None if pd.isna(e) else int(e)) for s, e in zip(p.start_year, p.end_year, strict=True)]
    assert years == [(2013, None), (2013, 2017), (2018, None), (2006, None)]
    assert p.themes.tolist() == ["training;rights", "remittances", "culture", "training;labour"]


def test_institutions(tables):
    i = tables["institutions"]
    assert len(i) == 9
    assert (i.acronym[0], int(i.founded[0]), i.level[0]) == ("ILO", 1969, "regional")
    assert (i.acronym.iloc[-1], int(i.founded.iloc[-1]), i.level.iloc[-1]) == ("ACRA", 2008, "local")
    mfaic = i[i.acronym == "MFAIC"].iloc[0]
    assert pd.isna(mfaic.founded)
    assert i.level.tolist().count("sub-ministerial") == 4


def test_organisations_all_in_france(tables):
    o = tables["organisations"]
    assert len(o) == 6 and set(o.country) == {"France"} and set(o.country_iso3) == {"FRA"}


def test_footnotes_urls_citations(tables):
    n, u, c = tables["footnotes"], tables["footnote_urls"], tables["citations"]
    assert n.number.tolist() == list(range(1, 24))
    assert len(u) == 23
    assert u.number.value_counts()[3] == 2 and 22 not in set(u.number)
    assert int(n.set_index("number").ibid_of[22]) == 21
    refs = n.set_index("number").page_ref
    assert (int(refs[14]), int(refs[15])) == (17, 13)
    assert not u.url.str.contains("[<>]").any()
    assert sorted(c.number) == list(range(1, 24))
    prakas = c[c.number == 5].iloc[0]
    assert (prakas.table, prakas.seq) == ("policy_framework", 2)
