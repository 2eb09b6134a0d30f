"""Mentions and instruments of whole profiles: Cambodia (both inputs) as the issue states it, and
made-up profiles of other countries, which keep the patterns free of anything Cambodian."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from pipeline.enrich.nlp import shared_rules, tokenize
from pipeline.enrich.patterns import derived_acronyms, profile_patterns
from pipeline.enrich.texts import TEXT_COLUMNS
from tests.support.paths import FIXTURES, RAW, RAW_INPUTS


def _tables(out) -> dict[str, pd.DataFrame]:
    names = ["mentions", "instruments", "institutions", "organisations"] + [t for t, _, _ in TEXT_COLUMNS]
    return {t: pd.read_csv(out / f"{t}.csv", dtype=str, keep_default_na=False) for t in dict.fromkeys(names)}


@pytest.fixture(params=RAW_INPUTS, ids=lambda p: p.name)
def cambodia(request, run_output):
    return _tables(run_output(request.param))


def _occurrences(tables, regex: str) -> set[tuple[str, str, str, int]]:
    """(table, seq, column, start) of every match of ``regex`` in the prose the stage reads."""
    found = set()
    for table, key, columns in TEXT_COLUMNS:
        for _, row in tables[table].iterrows():
            for column in columns:
                for m in re.finditer(regex, row[column]):
                    found.add((table, row[key], column, m.start()))
    return found


def _linked(tables, org_table: str, acronym: str) -> set[tuple[str, str, str, int]]:
    rows = tables[org_table]
    seq = rows[rows.acronym == acronym].seq.item()
    m = tables["mentions"]
    m = m[(m.label == "ORG") & (m.org_table == org_table) & (m.org_seq == seq)]
    return {(r.table, r.seq, r.column, int(r.start)) for r in m.itertuples()}


def test_mention_text_is_the_slice_of_its_cell(cambodia):
    cells = {
        (t, row[key], c): row[c]
        for t, key, cols in TEXT_COLUMNS
        for _, row in cambodia[t].iterrows()
        for c in cols
    }
    for m in cambodia["mentions"].itertuples():
        assert cells[(m.table, m.seq, m.column)][int(m.start) : int(m.end)] == m.text


def test_countries_resolve_to_iso3(cambodia):
    gpe = cambodia["mentions"][cambodia["mentions"].label == "GPE"]
    assert (gpe.iso3 != "").all()
    assert set(gpe.iso3) >= {"THA", "KOR", "MYS", "MNG", "VNM", "FRA", "JPN", "SGP", "AUS", "CAN", "KHM"}
    assert dict(zip(gpe.text, gpe.iso3, strict=True))["South Korea"] == "KOR"


def test_every_molvt_mention_links_to_the_molvt_row(cambodia):
    written = _occurrences(cambodia, r"\bM[Oo][Ll]VT\b|Ministry of Labour and Vocational Training")
    assert len(written) == 8
    assert written == _linked(cambodia, "institutions", "MoLVT")


def test_every_ilo_mention_links_to_the_ilo_row(cambodia):
    written = _occurrences(cambodia, r"\bILO\b|International Labour Organisation")
    assert len(written) == 6
    assert written == _linked(cambodia, "institutions", "ILO")


def test_instruments_merge_their_variants(cambodia):
    instruments = cambodia["instruments"]
    mentions = cambodia["mentions"].set_index("mention")

    def one(kind, number, year):
        rows = instruments[
            (instruments.kind == kind) & (instruments.number == number) & (instruments.year == year)
        ]
        assert len(rows) == 1, (kind, number, year)
        row = rows.iloc[0]
        return row, [mentions.loc[m, "text"] for m in row.mentions.split(";")]

    prakas, texts = one("prakas", "012", "2007")
    assert (prakas["name"], prakas.framework_seq, texts) == (
        "Prakas 012/2007",
        "2",
        ["Prakas 012/2007", "Prakas 012/07"],
    )
    assert one("sub-decree", "68", "2009")[1] == ["sub-decree 68/2009 (2009)"]
    decree, texts = one("sub-decree", "190", "2011")
    assert decree["name"] == "Sub-Decree No. 190 (2011)" and texts == [
        "Sub-Decree No. 190 (2011)",
        "sub-decree 190",
        "Sub-Decree No. 190",
    ]
    assert decree.rows == "policy_framework:2;sections:1;institutions:5"
    assert one("sub-decree", "70", "2006")[1] == ["sub-decree 70"]
    assert (instruments.kind == "prakas").sum() == 1
    for row in instruments.itertuples():  # every LAW mention points back at its instrument
        assert set(mentions[mentions.instrument == row.seq].index.astype(str)) == set(row.mentions.split(";"))


def test_framework_titles_are_instruments(cambodia):
    titled = cambodia["instruments"][cambodia["instruments"].framework_seq != ""]
    assert sorted(titled.framework_seq) == ["1", "2", "3", "4", "5"]
    lmp = titled[titled.framework_seq == "3"].iloc[0]
    assert lmp.kind == "policy" and len(lmp.mentions.split(";")) == 3  # title, "The LMP strategy", "the LMP"


# -- other countries: nothing Cambodian is built in -----------------------------------------------

OTHER = {
    "ghana-2023.txt": dict(
        iso3={"GHA", "GBR"},
        instruments=[
            "Dual Nationality Act",
            "Diaspora Skills Transfer Programme",
            "National Diaspora Engagement Policy",
            "Remittance Channels Directive",
        ],
        money=[("US$1,500", "1500.0", "USD")],
    ),
    "moldova-2024.txt": dict(
        iso3={"MDA", "RUS", "ITA", "DEU", "ROU"},
        instruments=[
            "Law on Diaspora Relations No. 45",
            'National Strategy "Homeland Bridges 2030"',
            "Returnee Reintegration Regulation",
        ],
        money=[("US$10,000", "10000.0", "USD")],
    ),
}


@pytest.fixture(params=sorted(OTHER), ids=str)
def other(request, run_output):
    return OTHER[request.param], _tables(run_output(FIXTURES / request.param))


def test_other_countries_get_their_own_countries_actors_and_instruments(other):
    expected, t = other
    m = t["mentions"]
    assert set(m[m.label == "GPE"].iso3) == expected["iso3"]
    assert t["instruments"].name.tolist() == expected["instruments"]
    assert [tuple(r) for r in m[m.label == "MONEY"][["text", "amount", "currency"]].values] == expected[
        "money"
    ]
    org = m[m.label == "ORG"]
    for r in org.itertuples():  # every actor mention names a row of this profile, by that row's name
        assert r.text == t[r.org_table].set_index("seq").loc[r.org_seq, "name"]
    assert len(org) == len(t["institutions"]) + len(t["organisations"])


def _strings(obj) -> set[str]:
    """Every string a pattern holds (phrase texts, token values, IN lists), lower case."""
    if isinstance(obj, str):
        return {obj.lower()}
    if isinstance(obj, dict):
        return set().union(*(_strings(v) for v in obj.values())) if obj else set()
    if isinstance(obj, (list, tuple)):
        return set().union(*(_strings(v) for v in obj)) if obj else set()
    return set()


def test_no_pattern_is_hard_coded_to_cambodia():
    """The names matched in Ghana's profile are Ghana's actors and framework titles, none of
    Cambodia's; the ruler every profile shares holds no actor of either."""
    from pipeline.runner.process import process

    def actors(path):
        records = process(path, path.read_bytes()).records
        return records, {
            n for row in records.institutions + records.organisations for n in (row.name, row.acronym) if n
        }

    cambodia, cambodian = actors(RAW / "cambodia-2022.txt")
    ghana, ghanaian = actors(FIXTURES / "ghana-2023.txt")
    assert {"MoLVT", "ILO", "Ministry of Labour and Vocational Training"} <= cambodian

    built = profile_patterns(ghana, tokenize)
    aliases = {t.alias for t in built.targets.values()}
    assert ghanaian <= aliases
    derived = {
        a
        for row in ghana.institutions + ghana.organisations
        if not row.acronym
        for a in derived_acronyms(row.name)
    }
    assert aliases - ghanaian <= {e.title for e in ghana.policy_framework} | derived
    assert not aliases & cambodian
    tokens = _strings([p for _, p in built.patterns])
    assert not {a.lower() for a in cambodian if " " not in a} & tokens  # no Cambodian acronym

    shared = _strings(shared_rules().patterns)
    assert not {a.lower() for a in cambodian | ghanaian} & shared
    assert {"ghana", "cambodia", "thailand", "khm"} <= shared  # every country, from pycountry
    assert [m for m in ghana.mentions if m.label == "GPE" and m.iso3 == "KHM"] == []
