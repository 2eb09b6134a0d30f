"""report.html: self-contained, every finding with its location, filterable by severity and
profile. Opened in headless Chromium; the test reads the rendered findings from the DOM."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest

from pipeline.cli import main
from pipeline.model.findings import finding
from pipeline.output.report import DocumentStatus, build_report
from pipeline.output.report_html import render_html
from schemas import TABLES
from tests.support.paths import RAW

BROWSERS = ("chromium", "chromium-browser", "google-chrome")
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


class Page(HTMLParser):
    """The rendered findings rows (cells' text, hidden or not), the '#shown' line and body flags."""

    def __init__(self, html: str):
        super().__init__()
        self.rows: list[dict] = []
        self.shown = ""
        self.body: dict[str, str | None] = {}
        self._row: dict | None = None
        self._cell: list[str] | None = None
        self._in_shown = False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "body":
            self.body = a
        elif tag == "tr" and "finding" in (a.get("class") or "").split():
            self._row = {
                "hidden": "hidden" in a,
                "cells": [],
                **{k: v for k, v in a.items() if k.startswith("data-")},
            }
        elif tag == "td" and self._row is not None:
            self._cell = []
        elif tag == "p" and a.get("id") == "shown":
            self._in_shown = True

    def handle_endtag(self, tag):
        if tag == "td" and self._row is not None and self._cell is not None:
            self._row["cells"].append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "tr" and self._row is not None:
            self.rows.append(self._row)
            self._row = None
        elif tag == "p":
            self._in_shown = False

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)
        if self._in_shown:
            self.shown += data

    def visible(self) -> list[dict]:
        return [r for r in self.rows if not r["hidden"]]


def _browser() -> str:
    exe = next((shutil.which(b) for b in BROWSERS if shutil.which(b)), None)
    if exe is None:
        message = "headless Chromium is not installed (.ci/run installs the Debian package chromium)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return exe


def rendered(html: Path, fragment: str, profile_dir: Path) -> Page:
    """The page's DOM after its script ran, as headless Chromium dumps it."""
    url = html.resolve().as_uri() + (f"#{fragment}" if fragment else "")
    proc = subprocess.run(
        [_browser(), *FLAGS, f"--user-data-dir={profile_dir}", "--dump-dom", url],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    return Page(proc.stdout)


@pytest.fixture(scope="module")
def edited(run_output, tmp_path_factory) -> Path:
    """The Cambodia (PDF) output with two errors an analyst introduced, re-validated."""
    folder = tmp_path_factory.mktemp("edited") / "output"
    shutil.copytree(run_output(RAW / "cambodia-2022.pdf"), folder)
    path = folder / "destinations.csv"
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    df.loc[0, "iso3"] = "XYZ"
    df.loc[2, "emigrants"] = "700000"
    df.to_csv(path, index=False, lineterminator="\n")
    assert main(["validate", str(folder)]) == 1
    return folder


def _where(f: dict) -> str:
    parts = [f"page {f['page']}"] if f["page"] is not None else []
    if f["bbox"]:
        parts.append("bbox " + ", ".join(f"{v:.1f}" for v in f["bbox"]))
    if f["line"] is not None:
        parts.append(f"line {f['line']}")
    return "; ".join(parts)


def _expected_cells(f: dict) -> list[str]:
    return [
        f["severity"],
        f["code"],
        f["profile_id"] or "",
        f["file"] or "",
        f["table"] or "(document)",
        "" if f["seq"] is None else str(f["seq"]),
        f["column"] or "",
        f["value"] or "",
        _where(f),
        " ".join((f["message"] + (f["hint"] or "")).split()),
    ]


def test_chromium_renders_every_finding_with_its_location(edited, tmp_path):
    report = json.loads((edited / "validation" / "report.json").read_text())
    page = rendered(edited / "validation" / "report.html", "", tmp_path / "profile")
    assert page.body.get("data-rendered") == "yes"  # the script ran
    assert [r["cells"] for r in page.visible()] == [_expected_cells(f) for f in report["findings"]]
    n = len(report["findings"])
    assert page.shown == f"{n} of {n} findings shown"


def test_chromium_filters_by_severity(edited, tmp_path):
    report = json.loads((edited / "validation" / "report.json").read_text())
    page = rendered(edited / "validation" / "report.html", "severity=error", tmp_path / "profile")
    errors = [f for f in report["findings"] if f["severity"] == "error"]
    assert [(r["cells"][1], r["cells"][4], r["cells"][5], r["cells"][8]) for r in page.visible()] == [
        ("iso3-unknown", "destinations", "1", _where(errors[0])),
        ("counts-not-descending", "destinations", "3", _where(errors[1])),
    ]
    assert [f["code"] for f in errors] == ["iso3-unknown", "counts-not-descending"]
    assert errors[0]["page"] == 1 and errors[0]["bbox"]
    assert page.shown == f"2 of {len(report['findings'])} findings shown"


def test_chromium_filters_by_profile_and_table(tmp_path):
    out = tmp_path / "both"
    assert main(["run", str(RAW), "--out", str(out)]) == 0
    html = out / "validation" / "report.html"
    page = rendered(html, "profile=KHM-2022-09&table=political_rights", tmp_path / "p1")
    visible = page.visible()
    # one record of the two sources: the text edition's rows (the PDF's only where they differ)
    assert {r["data-file"] for r in visible} == {"cambodia-2022.txt"}
    assert [(r["cells"][1], r["cells"][5]) for r in visible] == [("status-not-shown", s) for s in "123"]
    assert (
        rendered(html, "profile=NOWHERE-2000-01", tmp_path / "p2").visible().__len__() == 5
    )  # unknown value: all shown
    only_txt = rendered(
        html, "severity=warning&file=cambodia-2022.txt&table=indicators", tmp_path / "p3"
    ).visible()
    assert [(r["cells"][1], r["cells"][8]) for r in only_txt] == [
        ("indicator-not-shown", "line 12"),
        ("indicator-not-shown", "line 25"),
    ]


def test_page_is_self_contained_and_escapes_values():
    evil = "</script><img src=https://example.org/x.png onerror=alert(1)>"
    report = build_report(
        [DocumentStatus("a.txt", "KHM-2022-09", "ok")],
        (finding("heading-unknown", file="a.txt", profile_id="KHM-2022-09", value=evil, line=3),),
    )
    html = render_html(report)
    assert "Content-Security-Policy" in html and "default-src 'none'" in html
    assert external_references(html) == []
    assert not re.search(r"url\(|@import", html)
    assert "&lt;/script&gt;&lt;img src=https://example.org/x.png onerror=alert(1)&gt;" in html
    assert html.count("<script>") == 1


def external_references(html: str) -> list[tuple[str, str, str]]:
    """Tags that would load something: any src, a link tag, an href that leaves the page."""
    found: list[tuple[str, str, str]] = []

    class Refs(HTMLParser):
        def handle_starttag(self, tag, attrs):
            for name, value in attrs:
                if name == "src" or tag == "link" or (name == "href" and not (value or "").startswith("#")):
                    found.append((tag, name, value or ""))

    Refs().feed(html)
    return found


def test_the_written_report_loads_nothing(edited):
    assert external_references((edited / "validation" / "report.html").read_text(encoding="utf-8")) == []


def test_report_json_summary_per_profile_and_table(edited):
    report = json.loads((edited / "validation" / "report.json").read_text())
    assert list(report) == ["generated_by", "origin", "summary", "documents", "tables", "findings"]
    assert report["summary"]["errors"] == 2 and report["summary"]["warnings"] == 5
    destinations = next(t for t in report["tables"] if t["table"] == "destinations")
    assert destinations == {
        "profile_id": "KHM-2022-09",
        "file": "cambodia-2022.pdf",
        "table": "destinations",
        "rows": 5,
        "errors": 2,
        "warnings": 0,
    }
    assert len(report["tables"]) == len(TABLES)
