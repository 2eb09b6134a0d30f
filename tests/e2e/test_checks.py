"""Every check breaks on purpose: an analyst edits one record of the Cambodia output (PDF edition),
``python -m pipeline validate DIR`` re-validates the folder, and the report gains exactly the
expected findings: code, severity and location. Exit status 1 for errors, 0 for warnings only."""

from __future__ import annotations

import inspect
import json
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pytest

from pipeline.cli import main
from tests.support.paths import RAW

PDF = RAW / "cambodia-2022.pdf"
PID, FILE = "KHM-2022-09", "cambodia-2022.pdf"
LOCATION = (
    "code",
    "severity",
    "profile_id",
    "file",
    "table",
    "column",
    "seq",
    "value",
    "page",
    "bbox",
    "line",
)


class Folder:
    """An output folder whose CSVs a test edits as an analyst would (text in, text out)."""

    def __init__(self, path: Path):
        self.path = path

    def read(self, table: str) -> pd.DataFrame:
        return pd.read_csv(self.path / f"{table}.csv", dtype=str, keep_default_na=False)

    def write(self, table: str, df: pd.DataFrame) -> None:
        df.to_csv(self.path / f"{table}.csv", index=False, lineterminator="\n")

    def _mask(self, df: pd.DataFrame, match: dict) -> pd.Series:
        mask = df["source_file"] == FILE if "source_file" in df.columns else pd.Series(True, index=df.index)
        for k, v in match.items():
            mask &= df[k] == str(v)
        assert mask.sum() == 1, f"{match} matches {mask.sum()} rows"
        return mask

    def row(self, table: str, **match) -> pd.Series:
        df = self.read(table)
        return df[self._mask(df, match)].iloc[0]

    def set(self, table: str, match: dict, **values) -> pd.Series:
        """Change cells of the one row matching ``match``; returns the row as it was."""
        df = self.read(table)
        mask = self._mask(df, match)
        before = df[mask].iloc[0].copy()
        for column, value in values.items():
            df.loc[mask, column] = value
        self.write(table, df)
        return before

    def drop(self, table: str, **match) -> pd.Series:
        df = self.read(table)
        mask = self._mask(df, match)
        before = df[mask].iloc[0].copy()
        self.write(table, df[~mask])
        return before


def at(
    row: pd.Series | None, code: str, severity: str, table: str, column: str | None, value, seq: int | None
) -> dict:
    """The expected finding, located at ``row`` (its page and box)."""
    where = {"page": None, "bbox": None, "line": None, "profile_id": None, "file": None}
    if row is not None:
        where = {
            "page": int(row["page"]),
            "bbox": [float(row[c]) for c in ("x0", "top", "x1", "bottom")],
            "line": None,
            "profile_id": PID,
            "file": FILE,
        }
    return {
        "code": code,
        "severity": severity,
        "table": table,
        "column": column,
        "value": None if value is None else str(value),
        "seq": seq,
        **where,
    }


@dataclass
class Expect:
    added: list[dict]
    exit: int
    removed: list[dict] = field(default_factory=list)


CASES: dict[str, Callable[[Folder], Expect]] = {}


def case(fn: Callable[[Folder], Expect]) -> Callable[[Folder], Expect]:
    CASES[fn.__name__] = fn
    return fn


# --------------------------------------------------------------------------- notes


@case
def marker_without_note(f: Folder) -> Expect:
    cite = f.set("citations", {"number": 12}, number="99")
    note = f.row("footnotes", number=12)
    return Expect(
        [
            at(cite, "marker-without-note", "error", "citations", "number", 99, 1),
            at(note, "note-not-cited", "warning", "footnotes", "number", 12, 12),
        ],
        exit=1,
    )


@case
def note_not_cited(f: Folder) -> Expect:
    f.drop("citations", number=12)
    return Expect(
        [at(f.row("footnotes", number=12), "note-not-cited", "warning", "footnotes", "number", 12, 12)],
        exit=0,
    )


@case
def note_out_of_sequence(f: Folder) -> Expect:
    f.drop("footnotes", number=12)
    f.drop("citations", number=12)
    f.drop("footnote_urls", number=12)
    numbers = ",".join(str(n) for n in range(1, 24) if n != 12)
    return Expect(
        [
            at(
                f.row("footnotes", number=13),
                "note-out-of-sequence",
                "error",
                "footnotes",
                "number",
                numbers,
                13,
            )
        ],
        exit=1,
    )


@case
def url_without_note(f: Folder) -> Expect:
    f.drop("footnotes", number=23)
    return Expect(
        [
            at(f.row("citations", number=23), "marker-without-note", "error", "citations", "number", 23, 8),
            at(
                f.row("footnote_urls", number=23),
                "url-without-note",
                "error",
                "footnote_urls",
                "number",
                f.row("footnote_urls", number=23)["url"],
                1,
            ),
        ],
        exit=1,
    )


@case
def url_malformed(f: Folder) -> Expect:
    row = f.set("footnote_urls", {"number": 1, "seq": 1}, url="https://wto/english/khm.pdf")
    return Expect(
        [at(row, "url-malformed", "error", "footnote_urls", "url", "https://wto/english/khm.pdf", 1)], exit=1
    )


# --------------------------------------------------------------------------- facts


@case
def shares_not_100(f: Folder) -> Expect:
    row = f.set("indicators", {"indicator": "emigrants_male_pct"}, value="53.0")
    return Expect([at(row, "shares-not-100", "error", "indicators", "value", 99.4, 2)], exit=1)


@case
def shares_within_tolerance(f: Folder) -> Expect:
    f.set("indicators", {"indicator": "emigrants_in_eu_male_pct"}, value="46.7")  # 46.7 + 53.5 = 100.2
    return Expect([], exit=0)


@case
def percentage_above_100(f: Folder) -> Expect:
    row = f.set("indicators", {"indicator": "remittances_pct_gdp"}, value="104.9")
    return Expect([at(row, "value-impossible", "error", "indicators", "value", 104.9, 7)], exit=1)


@case
def indicator_not_shown(f: Folder) -> Expect:
    row = f.set("indicators", {"indicator": "remittances_pct_gdp"}, value="", raw="")
    return Expect([at(row, "indicator-not-shown", "warning", "indicators", "value", None, 7)], exit=0)


@case
def indicator_row_missing(f: Folder) -> Expect:
    f.drop("indicators", indicator="remittances_usd_million")
    expected = at(
        None, "indicator-not-shown", "warning", "indicators", "indicator", "remittances_usd_million", None
    )
    return Expect([{**expected, "profile_id": PID, "file": FILE}], exit=0)


@case
def value_unparsed(f: Folder) -> Expect:
    row = f.set("indicators", {"indicator": "remittances_pct_gdp"}, value="")
    return Expect([at(row, "value-unparsed", "error", "indicators", "value", "4.9%", 7)], exit=1)


@case
def value_negative(f: Folder) -> Expect:
    row = f.set("destinations", {"rank": 5}, emigrants="-5")
    return Expect([at(row, "value-negative", "error", "destinations", "emigrants", -5, 5)], exit=1)


@case
def rank_out_of_sequence(f: Folder) -> Expect:
    row = f.set("destinations", {"rank": 5}, rank="6")
    return Expect([at(row, "rank-out-of-sequence", "error", "destinations", "rank", "1,2,3,4,6", 6)], exit=1)


@case
def counts_not_descending(f: Folder) -> Expect:
    row = f.set("destinations", {"rank": 3}, emigrants="700000")
    return Expect([at(row, "counts-not-descending", "error", "destinations", "emigrants", 700000, 3)], exit=1)


@case
def iso3_unknown(f: Folder) -> Expect:
    row = f.set("destinations", {"rank": 1}, iso3="XYZ")
    return Expect([at(row, "iso3-unknown", "error", "destinations", "iso3", "XYZ", 1)], exit=1)


@case
def status_shown_after_edit(f: Folder) -> Expect:
    row = f.set("political_rights", {"seq": 1}, status="yes")
    return Expect(
        [],
        exit=0,
        removed=[at(row, "status-not-shown", "warning", "political_rights", "status", row["label"], 1)],
    )


# --------------------------------------------------------------------------- years


@case
def year_out_of_range(f: Folder) -> Expect:
    row = f.set("policy_framework", {"seq": 1}, start_year="1850")
    return Expect([at(row, "year-out-of-range", "error", "policy_framework", "start_year", 1850, 1)], exit=1)


@case
def start_after_end(f: Folder) -> Expect:
    row = f.set("policy_framework", {"seq": 3}, end_year="2010")
    return Expect([at(row, "start-after-end", "error", "policy_framework", "start_year", 2014, 3)], exit=1)


# --------------------------------------------------------------------------- keys, types, columns, tables


@case
def duplicate_key(f: Folder) -> Expect:
    row = f.set("obstacles", {"seq": 2}, seq="1")
    return Expect(
        [at(row, "duplicate-key", "error", "obstacles", "profile_id,seq", f"{PID},1", 1)],
        exit=1,
    )


@case
def profile_missing(f: Folder) -> Expect:
    row = f.set("obstacles", {"seq": 2}, profile_id="KHM-1999-01")
    expected = at(row, "profile-missing", "error", "obstacles", "profile_id", "KHM-1999-01", 2)
    return Expect([{**expected, "profile_id": "KHM-1999-01"}], exit=1)


@case
def type_error(f: Folder) -> Expect:
    row = f.set("destinations", {"rank": 3}, emigrants="many")
    return Expect([at(row, "type-error", "error", "destinations", "emigrants", "many", 3)], exit=1)


@case
def value_missing(f: Folder) -> Expect:
    row = f.set("obstacles", {"seq": 2}, text="")
    return Expect([at(row, "value-missing", "error", "obstacles", "text", None, 2)], exit=1)


@case
def schema_check_failed(f: Folder) -> Expect:
    row = f.set("political_rights", {"seq": 2}, status="maybe")
    return Expect(
        [at(row, "schema-check-failed", "error", "political_rights", "status", "maybe", 2)],
        exit=1,
        removed=[at(row, "status-not-shown", "warning", "political_rights", "status", row["label"], 2)],
    )


@case
def column_missing(f: Folder) -> Expect:
    f.write("footnote_urls", f.read("footnote_urls").drop(columns=["domain"]))
    return Expect([at(None, "column-missing", "error", "footnote_urls", "domain", None, None)], exit=1)


@case
def column_unknown(f: Folder) -> Expect:
    df = f.read("obstacles")
    df["comment"] = "checked"
    f.write("obstacles", df)
    return Expect([at(None, "column-unknown", "error", "obstacles", "comment", None, None)], exit=1)


@case
def table_missing(f: Folder) -> Expect:
    (f.path / "sections.csv").unlink()
    return Expect([at(None, "table-missing", "error", "sections", None, None, None)], exit=1)


@case
def table_unreadable(f: Folder) -> Expect:
    (f.path / "obstacles.csv").write_bytes("profile_id,text\nKHM,caf\xe9\n".encode("latin-1"))
    return Expect([at(None, "table-unreadable", "error", "obstacles", None, None, None)], exit=1)


# --------------------------------------------------------------------------- sources of one profile


TEXT_COPY = "cambodia-2022.txt"


@case
def second_source_of_a_profile(f: Folder) -> Expect:
    """A run holds each edition once, its other sources named in source_files; a second row of the
    profile added by hand (its text edition) repeats the key of profiles. The sources themselves are
    compared by the run, before it merges them (tests/e2e/test_sources.py), not by validate."""
    profiles = f.read("profiles")
    text = profiles.assign(source_file=TEXT_COPY, source_files=TEXT_COPY, source_format="text", pages="")
    f.write("profiles", pd.concat([profiles, text]))
    duplicate = {**at(None, "duplicate-key", "error", "profiles", "profile_id", PID, None), "profile_id": PID}
    return Expect([{**duplicate, "file": TEXT_COPY}], exit=1)  # the row that repeats the key


# --------------------------------------------------------------------------- plausibility of the text


@case
def heading_in_value(f: Folder) -> Expect:
    row = f.set("obstacles", {"seq": 1}, title="Lack of resources Trends")
    return Expect(
        [at(row, "heading-in-value", "error", "obstacles", "title", "Lack of resources Trends", 1)], exit=1
    )


@case
def heading_in_country(f: Folder) -> Expect:
    row = f.set("destinations", {"rank": 2}, country="United States of America Political rights")
    value = "United States of America Political rights"
    return Expect([at(row, "heading-in-value", "error", "destinations", "country", value, 2)], exit=1)


@case
def words_glued(f: Folder) -> Expect:
    row = f.set("institutions", {"seq": 2}, name="Ministry of Labour and VocationalTraining")
    return Expect([at(row, "words-glued", "error", "institutions", "name", "VocationalTraining", 2)], exit=1)


@case
def year_range_cut(f: Folder) -> Expect:
    row = f.set("practices", {"seq": 4}, title="The Employment Permit Scheme 2013-20")
    return Expect([at(row, "year-range-cut", "error", "practices", "title", "2013-20", 4)], exit=1)


@case
def hyphen_space(f: Folder) -> Expect:
    text = f.row("sections", seq=1)["text"].replace("mainstreaming migration", "mainstreaming migra- tion")
    row = f.set("sections", {"seq": 1}, text=text)
    return Expect([at(row, "hyphen-space", "error", "sections", "text", "migra- tion", 1)], exit=1)


@case
def bullet_in_text(f: Folder) -> Expect:
    row = f.set("obstacles", {"seq": 1}, text=f.row("obstacles", seq=1)["text"] + " 2014 ● National Plan")
    return Expect(
        [at(row, "bullet-in-text", "error", "obstacles", "text", "2014 ● National Plan", 1)], exit=1
    )


@case
def range_mark_in_text(f: Folder) -> Expect:
    text = "The ∨ programme placed diaspora professionals in 2020 public hospitals."
    row = f.set("policy_framework", {"seq": 2}, description=text)
    return Expect(
        [at(row, "range-mark-in-text", "error", "policy_framework", "description", "The ∨ programme", 2)],
        exit=1,
    )


@case
def status_in_label(f: Folder) -> Expect:
    label = f.row("political_rights", seq=3)["label"] + " Not yet implemented"
    row = f.set("political_rights", {"seq": 3}, label=label)
    return Expect(
        [
            at(row, "status-in-label", "error", "political_rights", "label", label, 3),
            at(row, "status-not-shown", "warning", "political_rights", "status", label, 3),
        ],
        exit=1,
        removed=[at(row, "status-not-shown", "warning", "political_rights", "status", row["label"], 3)],
    )


@case
def note_number_glued(f: Folder) -> Expect:
    row = f.set("footnotes", {"number": 3}, text="3" + f.row("footnotes", number=3)["text"])
    return Expect([at(row, "note-number-glued", "error", "footnotes", "text", "3Whilst", 3)], exit=1)


@case
def url_glued(f: Folder) -> Expect:
    url = f.row("footnote_urls", number=2, seq=1)["url"] + "The"
    row = f.set("footnote_urls", {"number": 2, "seq": 1}, url=url)
    return Expect([at(row, "url-glued", "error", "footnote_urls", "url", url, 1)], exit=1)


@case
def profile_id_malformed(f: Folder) -> Expect:
    f.set("profiles", {"profile_id": PID}, iso3="THA")
    expected = at(None, "profile-id-malformed", "error", "profiles", "profile_id", PID, None)
    return Expect([{**expected, "profile_id": PID, "file": FILE}], exit=1)


# --------------------------------------------------------------------------- the tests


@pytest.fixture
def folder(run_output, tmp_path) -> Folder:
    path = tmp_path / "output"
    shutil.copytree(run_output(PDF), path)
    return Folder(path)


def _findings(path: Path) -> list[dict]:
    return json.loads((path / "validation" / "report.json").read_text(encoding="utf-8"))["findings"]


def _located(f: dict) -> dict:
    return {k: f[k] for k in LOCATION}


@pytest.mark.parametrize("name", list(CASES))
def test_breaking_one_record_reports_the_expected_findings(folder, name, capsys):
    before = [_located(f) for f in _findings(folder.path)]
    expect = CASES[name](folder)
    status = main(["validate", str(folder.path)])
    after = [_located(f) for f in _findings(folder.path)]
    added = [f for f in after if f not in before and f["code"] != "parquet-stale"]  # an edited CSV
    removed = [f for f in before if f not in after]
    key = lambda f: json.dumps(f, sort_keys=True)  # noqa: E731
    assert sorted(added, key=key) == sorted(expect.added, key=key)
    assert removed == expect.removed
    assert status == expect.exit


def test_every_code_of_the_table_stages_has_a_case():
    """Each code that schemas, validation and checks can report is expected by a case above."""
    from pipeline.commands.revalidate import table_codes

    sources = "".join(inspect.getsource(fn) for fn in CASES.values())
    assert {code for code in table_codes() if f'"{code}"' not in sources} == set()


def test_validate_on_an_untouched_folder_reproduces_the_run(folder, capsys):
    before = _findings(folder.path)
    assert main(["validate", str(folder.path)]) == 0
    printed = capsys.readouterr().out
    assert (
        "status-not-shown" in printed
        and "0 errors, 5 warnings" in printed
        and "validation/report.html" in printed
    )
    assert _findings(folder.path) == before
    report = json.loads((folder.path / "validation" / "report.json").read_text())
    assert report["origin"] == "validate"
    assert (folder.path / "validation" / "report.html").read_text().count('class="finding"') == len(before)


def test_validate_of_a_missing_folder_is_a_usage_error(tmp_path, capsys):
    assert main(["validate", str(tmp_path / "nowhere")]) == 2
    assert "is not a folder" in capsys.readouterr().err


# ------------------------------------------------------------- sections (found when reading the document)


def _without_lines(tmp_path: Path, first: int, last: int) -> Path:
    lines = (RAW / "cambodia-2022.txt").read_text(encoding="utf-8").split("\n")
    path = tmp_path / "cambodia-2022.txt"
    path.write_text("\n".join(lines[: first - 1] + lines[last:]), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "lines, code, severity, section, status",
    [
        (
            (217, 258),
            "section-missing",
            "error",
            "organisations",
            1,
        ),  # the annex's organisations, heading and entries
        ((81, 81), "section-missing-optional", "warning", "trends", 0),  # the trends heading
    ],
    ids=["organisations", "trends"],
)
def test_a_missing_section_is_reported_and_kept_by_validate(tmp_path, lines, code, severity, section, status):
    source = _without_lines(tmp_path, *lines)
    out = tmp_path / "out"
    assert main(["run", str(source), "--out", str(out)]) == status
    found = [f for f in _findings(out) if f["code"].startswith("section-missing")]
    assert [_located(f) for f in found] == [
        {
            "code": code,
            "severity": severity,
            "profile_id": PID,
            "file": "cambodia-2022.txt",
            "table": None,
            "column": None,
            "seq": None,
            "value": section,
            "page": None,
            "bbox": None,
            "line": None,
        }
    ]
    # the documents are not read again: validate keeps what reading them found
    assert main(["validate", str(out)]) == status
    assert [f for f in _findings(out) if f["code"].startswith("section-missing")] == found


def test_validate_without_a_previous_report_lists_the_profiles_sources(folder):
    shutil.rmtree(folder.path / "validation")
    assert main(["validate", str(folder.path)]) == 0
    report = json.loads((folder.path / "validation" / "report.json").read_text())
    assert report["documents"] == [
        {"file": FILE, "profile_id": PID, "status": "ok", "errors": 0, "warnings": 5}
    ]
    assert {f["code"] for f in report["findings"]} == {"indicator-not-shown", "status-not-shown"}
