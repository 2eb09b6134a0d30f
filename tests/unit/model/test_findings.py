"""Each rule states its scope, and the findings of a rule carry the location its scope says."""

from __future__ import annotations

import pandas as pd
import pytest

from pipeline.model.findings import RULES, Finding, Rule, Scope, Severity, finding
from pipeline.runner.process import process
from pipeline.tables.build import frames
from pipeline.tables.checks import run_checks
from pipeline.tables.validate import validate_tables
from tests.support.bad_inputs import damaged_pdf, profile_text, without_section
from tests.support.paths import RAW


def test_a_rule_cannot_be_declared_without_its_scope():
    with pytest.raises(TypeError):
        Rule("made-up", Severity.ERROR, "{value}")  # type: ignore[call-arg]


def test_every_rule_has_a_scope():
    assert all(isinstance(rule.scope, Scope) for rule in RULES.values())
    assert {rule.scope for rule in RULES.values()} == set(Scope)


def test_a_finding_has_the_scope_of_its_rule():
    assert finding("table-missing", table="footnotes").scope is Scope.TABLE
    assert finding("file-empty", file="a.pdf").scope is Scope.DOCUMENT
    assert finding("duplicate-key", table="indicators", seq=2).scope is Scope.ROW
    assert finding("type-error", table="indicators", column="value", seq=2).scope is Scope.CELL


def located_as_scoped(f: Finding) -> bool:
    if f.scope is Scope.DOCUMENT:
        return f.table is None
    if f.scope is Scope.TABLE:
        return f.table is not None and f.file is None
    if f.scope is Scope.ROW:
        return f.table is not None
    return f.table is not None and bool(f.column)


def edited(tables: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """The tables as an analyst may leave them: a wrong type, a bad code, a missing note, an
    unknown column, a duplicate key, a period ending before it starts."""
    out = {t: df.astype(object) for t, df in tables.items()}
    out["destinations"].loc[0, "emigrants"] = "many"
    out["destinations"].loc[1, "iso3"] = "XXX"
    out["destinations"].loc[2, "rank"] = 1
    out["policy_framework"].loc[0, ["start_year", "end_year"]] = [2030, 2001]
    out["footnotes"] = out["footnotes"].iloc[1:]
    out["sections"] = out["sections"].assign(extra="x")
    out["profiles"].loc[0, "country"] = None
    out["profiles"] = pd.concat([out["profiles"], out["profiles"]], ignore_index=True)
    del out["footnote_urls"]["url"]
    return out


@pytest.fixture(scope="module")
def findings(tmp_path_factory) -> list[Finding]:
    folder = tmp_path_factory.mktemp("inputs")
    found: list[Finding] = []
    text = without_section(profile_text(), "Diaspora organisations in Europe", "Written by:")
    results = [
        process(RAW / "cambodia-2022.txt", (RAW / "cambodia-2022.txt").read_bytes()),
        process(folder / "short.txt", text.encode()),
        process(folder / "empty.txt", b""),
        process(folder / "damaged.pdf", damaged_pdf()),
    ]
    for result in results:
        found += result.findings
    tables = frames([r.records for r in results if r.records is not None])
    typed, schema_findings = validate_tables(edited(tables))
    return found + list(schema_findings) + list(run_checks(typed))


def test_the_findings_of_a_run_are_located_as_their_rules_scope_says(findings):
    assert {f.scope for f in findings} == set(Scope)
    assert [f for f in findings if not located_as_scoped(f)] == []
