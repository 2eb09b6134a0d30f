"""A value printed but not placed has its error, not also a warning that it is not printed."""

from __future__ import annotations

from pipeline.model.findings import finding
from pipeline.runner.process import process
from pipeline.tables.build import frames
from pipeline.tables.checks import run_checks
from pipeline.tables.validate import validate_tables
from tests.support.paths import RAW


def test_a_not_shown_warning_gives_way_to_an_error_on_its_cell():
    result = process(RAW / "cambodia-2022.txt", (RAW / "cambodia-2022.txt").read_bytes())
    assert result.records is not None
    tables = {t: df.copy() for t, df in frames([result.records]).items()}
    indicators = tables["indicators"]
    gdp = indicators.index[indicators["indicator"] == "remittances_pct_gdp"][0]
    indicators.loc[gdp, ["value", "raw"]] = [None, None]  # as if its box could not be paired
    typed, _ = validate_tables(tables)
    file, seq = indicators.loc[gdp, "source_file"], int(indicators.loc[gdp, "seq"])

    def not_shown(found) -> set[int]:
        return {f.seq for f in found if f.code == "indicator-not-shown" and f.seq is not None}

    assert seq in not_shown(run_checks(typed))
    error = finding(
        "value-unpaired",
        file=file,
        field="remittances_pct_gdp",
        value="4.9%",
        reason="the line over it holds the labels of 2 boxes side by side",
        table="indicators",
        column="value",
        seq=seq,
    )
    assert seq not in not_shown(run_checks(typed, [error]))
    assert not_shown(run_checks(typed, [error])) == not_shown(run_checks(typed)) - {seq}
