"""The report's per-table summary counts each finding where its scope says it belongs."""

from __future__ import annotations

import pandas as pd
import pytest

from pipeline.model.findings import finding
from pipeline.output.report import build_report, finding_dict, finding_from_dict, table_summary

SOURCES = pd.DataFrame({"profile_id": ["KHM-2022-09", "KHM-2022-09"], "source_file": ["a.pdf", "a.txt"]})
FRAMES = {"profiles": SOURCES, "footnotes": SOURCES.assign(number=[1, 1])}


def counts(summary: list[dict]) -> dict[tuple[str, str], int]:
    return {(row["file"], row["table"]): row["errors"] for row in summary}


def test_a_finding_about_a_whole_table_counts_for_every_source():
    summary = table_summary(FRAMES, [finding("table-missing", table="footnotes")])
    assert counts(summary) == {
        ("a.pdf", "profiles"): 0,
        ("a.pdf", "footnotes"): 1,
        ("a.txt", "profiles"): 0,
        ("a.txt", "footnotes"): 1,
    }


def test_a_finding_about_a_row_counts_for_its_source_only():
    row = finding("note-out-of-sequence", table="footnotes", file="a.txt", seq=1, value="1, 3")
    summary = counts(table_summary(FRAMES, [row]))
    assert (summary[("a.pdf", "footnotes")], summary[("a.txt", "footnotes")]) == (0, 1)


def test_each_finding_of_the_report_says_its_scope():
    found = (finding("file-empty", file="a.txt"), finding("type-error", table="footnotes", column="number"))
    report = build_report([], found)
    assert [f["scope"] for f in report["findings"]] == ["cell", "document"]
    assert finding_dict(found[0])["scope"] == "document"


def test_a_finding_reads_back_from_the_report_with_its_scope():
    written = finding_dict(finding("note-not-cited", table="footnotes", file="a.txt", seq=4, value=4))
    assert finding_from_dict(written).scope.value == written["scope"] == "row"
    with pytest.raises(ValueError, match="unknown code 'made-up'"):
        finding_from_dict({**written, "code": "made-up"})
