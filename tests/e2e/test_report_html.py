"""report.html leads with what to check, and works in a real browser: headless Chromium opens
the page in a frame of a small test page (same folder, file access allowed), acts on it as a
reader would (filters, search, a click on a column heading) and reports what the DOM shows."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest

from pipeline.cli import main
from pipeline.model.findings import RULES, finding, what_to_do
from pipeline.output.report import DocumentStatus, build_report
from pipeline.output.report_html import render_html
from schemas import TABLES
from tests.support.htmlset.chromium import required_browser
from tests.support.paths import RAW

FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--allow-file-access-from-files",
]
WIDTH = 1280

# Runs in the test page once the report has loaded: ``doc`` is the report's document, ``act``
# the actions of the test; the result is written as JSON into the test page.
HARNESS = """<!DOCTYPE html><html><head><meta charset="utf-8"><script>
window.addEventListener('load', function () {
  var frame = document.getElementById('report'), doc = frame.contentDocument, out = {};
  try {
    var visible = function () {
      var rows = doc.querySelectorAll('#findings-table tr.finding');
      return Array.prototype.filter.call(rows, function (r) { return !r.hidden; });
    };
    var cells = function (r) {
      return Array.prototype.map.call(r.cells, function (c) {
        return c.textContent.replace(/\\s+/g, ' ').trim();
      });
    };
    out.title = doc.title;
    out.rendered = doc.body.getAttribute('data-rendered');
    (function (doc, frame, out, visible, cells) { %s })(doc, frame, out, visible, cells);
    out.shown = doc.getElementById('shown').textContent;
    out.visible = visible().map(function (r) {
      return {code: r.getAttribute('data-code'), file: r.getAttribute('data-file'),
              table: r.getAttribute('data-table'), severity: r.getAttribute('data-severity'),
              cells: cells(r)};
    });
  } catch (e) { out.error = String(e); }
  var pre = document.createElement('pre'); pre.id = 'out'; pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
});
</script></head><body><iframe id="report" src="%s" width="%d" height="900"></iframe></body></html>
"""


class _Out(HTMLParser):
    def __init__(self, html: str):
        super().__init__()
        self.text, self._in = "", False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self._in = tag == "pre" and dict(attrs).get("id") == "out"

    def handle_endtag(self, tag):
        self._in = False

    def handle_data(self, data):
        if self._in:
            self.text += data


def in_browser(report: Path, tmp_path: Path, act: str = "", fragment: str = "") -> dict:
    """Open ``report`` (with ``#fragment``) in headless Chromium, run ``act`` on its DOM; what the
    page showed afterwards (``visible``: the findings rows shown, their cells)."""
    url = report.resolve().as_uri() + (f"#{fragment}" if fragment else "")
    page = report.parent / f"_harness-{abs(hash((act, fragment)))}.html"
    page.write_text(HARNESS % (act, url, WIDTH), encoding="utf-8")
    proc = subprocess.run(
        [
            required_browser(),
            *FLAGS,
            f"--user-data-dir={tmp_path / 'chromium'}",
            f"--window-size={WIDTH + 40},1000",
            "--dump-dom",
            page.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    page.unlink()
    assert proc.returncode == 0, proc.stderr[-2000:]
    result = json.loads(_Out(proc.stdout).text)
    assert "error" not in result, result.get("error")
    assert result["rendered"] == "yes"  # the page's script ran
    return result


def screenshot(report: Path, tmp_path: Path, target: Path, fragment: str = "") -> Path:
    url = report.resolve().as_uri() + (f"#{fragment}" if fragment else "")
    subprocess.run(
        [
            required_browser(),
            *FLAGS,
            f"--user-data-dir={tmp_path / 'shot'}",
            f"--window-size={WIDTH},1600",
            f"--screenshot={target}",
            url,
        ],
        capture_output=True,
        timeout=120,
        check=True,
    )
    return target


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
    assert main(["validate", "--rebuild", str(folder)]) == 1
    return folder


@pytest.fixture(scope="module")
def both(tmp_path_factory) -> Path:
    """A run on two editions of Cambodia (the 2022 text and a later one): two documents, the same
    warnings in each."""
    inputs = tmp_path_factory.mktemp("editions")
    text = (RAW / "cambodia-2022.txt").read_text(encoding="utf-8")
    (inputs / "cambodia-2022.txt").write_text(text, encoding="utf-8")
    later = text.replace("Updated September 2022", "Updated March 2024")
    assert later != text
    (inputs / "cambodia-2024.txt").write_text(later, encoding="utf-8")
    out = tmp_path_factory.mktemp("both") / "output"
    assert main(["run", str(inputs), "--out", str(out)]) == 0
    return out


def test_documents_with_errors_need_review_and_come_first(edited, tmp_path):
    result = in_browser(
        edited / "validation" / "report.html",
        tmp_path,
        "out.documents = Array.prototype.map.call(doc.querySelectorAll('#documents-table tbody tr'), cells);"
        "out.totals = doc.getElementById('totals').textContent.replace(/\\s+/g, ' ').trim();",
    )
    assert result["documents"] == [["cambodia-2022.pdf", "KHM-2022-09", "needs review", "2", "5"]]
    assert "1 need review" in result["totals"] and "2 errors" in result["totals"]


def test_every_finding_is_shown_with_its_message_hint_and_row(edited, tmp_path):
    report = json.loads((edited / "validation" / "report.json").read_text())
    result = in_browser(edited / "validation" / "report.html", tmp_path)
    n = len(report["findings"])
    assert result["shown"] == f"{n} of {n} findings shown"
    assert [r["code"] for r in result["visible"]] == [f["code"] for f in report["findings"]]
    for row, f in zip(result["visible"], report["findings"], strict=True):
        severity, code, where, value, message, evidence = row["cells"]
        assert (severity, code, value) == (f["severity"], f["code"], f["value"] or "")
        assert f["file"] in where and f"page {f['page']}" in where and f["table"] in where
        assert message == " ".join(f"{f['message']} What to do: {what_to_do(f['code'])}".split())
        assert evidence.startswith("row values")  # the affected row, whose values follow
    iso3 = next(r for r in result["visible"] if r["code"] == "iso3-unknown")
    assert "XYZ" in iso3["cells"][5] and "Thailand" in iso3["cells"][5]


def test_filters_by_severity_code_document_and_table(both, edited, tmp_path):
    errors = in_browser(edited / "validation" / "report.html", tmp_path, fragment="severity=error")
    assert [r["code"] for r in errors["visible"]] == ["iso3-unknown", "counts-not-descending"]
    by_code = in_browser(edited / "validation" / "report.html", tmp_path, fragment="code=status-not-shown")
    assert [r["code"] for r in by_code["visible"]] == ["status-not-shown"] * 3
    html = both / "validation" / "report.html"
    rights = in_browser(html, tmp_path, fragment="table=political_rights&file=cambodia-2022.txt&all=1")
    assert [(r["file"], r["code"]) for r in rights["visible"]] == [
        ("cambodia-2022.txt", "status-not-shown")
    ] * 3
    unknown = in_browser(html, tmp_path, fragment="file=nowhere.pdf&all=1")  # an unknown value: all shown
    assert len(unknown["visible"]) == 10


def test_warnings_found_in_every_document_are_one_line_until_asked_for(both, tmp_path):
    html = both / "validation" / "report.html"
    folded = in_browser(
        html,
        tmp_path,
        "var line = doc.getElementById('collapsed-line');"
        "out.line = line.hidden ? null : line.textContent.replace(/\\s+/g, ' ').trim();"
        "out.codes = Array.prototype.map.call(doc.querySelectorAll('#codes-table tbody tr'), cells);",
    )
    assert folded["visible"] == [] and folded["shown"] == "0 of 10 findings shown"
    assert folded["line"].startswith("10 warnings found in every document")
    assert "indicator-not-shown (4)" in folded["line"] and "status-not-shown (6)" in folded["line"]
    assert [
        "status-not-shown",
        "warning",
        "6",
        "2 (every document)",
        what_to_do("status-not-shown"),
    ] in folded["codes"]
    shown = in_browser(html, tmp_path, "doc.getElementById('show-everywhere').click();")
    assert len(shown["visible"]) == 10


def test_search_finds_text_of_the_message_and_of_the_row(edited, tmp_path):
    html = edited / "validation" / "report.html"
    thailand = in_browser(html, tmp_path, fragment="q=thailand")  # only in the affected row's values
    assert [r["code"] for r in thailand["visible"]] == ["iso3-unknown"]
    typed = in_browser(
        html,
        tmp_path,
        "var q = doc.getElementById('filter-q'); q.value = 'ICON';"
        "q.dispatchEvent(new Event('input', {bubbles: true})); out.hash = frame.contentWindow.location.hash;",
    )
    assert [r["code"] for r in typed["visible"]] == ["status-not-shown"] * 3
    assert typed["hash"] == "#q=ICON"


def test_a_click_on_a_column_heading_sorts_and_a_second_reverses(edited, tmp_path):
    result = in_browser(
        edited / "validation" / "report.html",
        tmp_path,
        "var th = doc.querySelectorAll('#findings-table thead th')[1];"
        "var codes = function () {"
        " return visible().map(function (r) { return r.getAttribute('data-code'); }); };"
        "th.click(); out.up = codes(); out.sort = th.getAttribute('aria-sort');"
        "th.click(); out.down = codes();"
        "var docs = doc.querySelectorAll('#codes-table thead th')[2]; docs.click(); docs.click();"
        "out.by_count = Array.prototype.map.call(doc.querySelectorAll('#codes-table tbody tr'),"
        " function (r) { return r.getAttribute('data-code'); });",
    )
    assert result["up"] == sorted(result["up"]) and result["sort"] == "ascending"
    assert result["down"] == sorted(result["up"], reverse=True)
    assert result["by_count"][0] == "status-not-shown"  # 3 findings, the most


def test_messages_are_on_screen_at_1280_pixels(edited, tmp_path):
    result = in_browser(
        edited / "validation" / "report.html",
        tmp_path,
        "out.boxes = visible().map(function (r) { var b = r.cells[4].getBoundingClientRect();"
        " return [b.left, b.right]; }); out.page = doc.documentElement.scrollWidth;",
    )
    assert result["page"] <= WIDTH  # no horizontal scrolling
    for left, right in result["boxes"]:
        assert right <= WIDTH and right - left >= 250


def test_pdf_findings_show_a_crop_of_their_box(run_output, tmp_path):
    out = run_output(RAW / "cambodia-2022.pdf")
    report = json.loads((out / "validation" / "report.json").read_text())
    boxed = [f for f in report["findings"] if f["page"] and f["bbox"]]
    assert boxed and all(f["crop"].startswith("data:image/png;base64,") for f in boxed)
    result = in_browser(
        out / "validation" / "report.html",
        tmp_path,
        "out.crops = Array.prototype.map.call(doc.querySelectorAll('#findings-table img.crop'),"
        " function (i) { return [i.complete, i.naturalWidth, i.naturalHeight, i.alt]; });"
        "var img = doc.querySelector('img.crop'), before = img.getBoundingClientRect().width; img.click();"
        "out.zoom = [before, img.getBoundingClientRect().width, img.naturalWidth];",
    )
    assert len(result["crops"]) == len(boxed)
    small, big, natural = result["zoom"]
    assert small < natural <= big <= natural + 2  # a click shows the crop at its own size (and border)
    for complete, width, height, alt in result["crops"]:
        assert complete and 100 <= width <= 520 and 20 <= height <= 260  # decoded, small
        assert alt.startswith("page 1 of cambodia-2022.pdf")
    shot = screenshot(
        out / "validation" / "report.html", tmp_path, tmp_path / "crops.png", "table=political_rights"
    )
    assert shot.stat().st_size > 10_000


def test_a_script_in_a_profile_is_shown_as_text_and_never_runs(tmp_path):
    evil = '<script>document.title="pwned"</script><img src=x onerror="document.title=\'pwned\'">'
    report = build_report(
        [DocumentStatus("a.txt", "KHM-2022-09", "ok")],
        (finding("heading-unknown", file="a.txt", profile_id="KHM-2022-09", value=evil, line=3),),
    )
    report["findings"][0]["row"] = {
        "name": evil,
        "source": "javascript:document.title='pwned'",
        "url": "https://example.org/a?b=1&c=2",
    }
    html = tmp_path / "report.html"
    html.write_text(render_html(report), encoding="utf-8")
    result = in_browser(
        html,
        tmp_path,
        "doc.querySelectorAll('a').forEach(function (a) {"
        " if (a.protocol === 'javascript:') { a.click(); } });"
        "out.links = Array.prototype.map.call(doc.querySelectorAll('#findings-table a'),"
        " function (a) { return a.href; });"
        "out.scripts = doc.scripts.length; out.images = doc.images.length;"
        "out.text = doc.querySelector('#findings-table tbody').textContent;",
    )
    assert result["title"] != "pwned" and result["scripts"] == 1 and result["images"] == 0
    assert evil in result["text"] and "javascript:document.title" in result["text"]
    assert result["links"] == ["https://example.org/a?b=1&c=2"]  # only http(s) and mailto are links


def test_page_is_self_contained():
    report = build_report([DocumentStatus("a.txt", "KHM-2022-09", "ok")], ())
    html = render_html(report)
    assert "Content-Security-Policy" in html and "default-src 'none'" in html
    assert external_references(html) == []
    assert not re.search(r"url\(|@import", html)


def external_references(html: str) -> list[tuple[str, str, str]]:
    """Tags that would load something or leave the page: a src but a data: image, a link tag, an
    href other than the page's own fragments and http(s)/mailto addresses."""
    found: list[tuple[str, str, str]] = []

    class Refs(HTMLParser):
        def handle_starttag(self, tag, attrs):
            for name, value in attrs:
                value = value or ""
                if (
                    (name == "src" and not (tag == "img" and value.startswith("data:image/png;base64,")))
                    or tag == "link"
                    or (name == "href" and not re.match(r"#|https?://|mailto:", value))
                ):
                    found.append((tag, name, value))

    Refs().feed(html)
    return found


def test_the_written_report_loads_nothing(edited, run_output):
    assert external_references((edited / "validation" / "report.html").read_text(encoding="utf-8")) == []
    with_crops = run_output(RAW / "cambodia-2022.pdf") / "validation" / "report.html"
    assert external_references(with_crops.read_text(encoding="utf-8")) == []


def test_every_code_says_what_to_do():
    assert [code for code in RULES if not what_to_do(code)] == []


def test_a_year_of_documents_stays_small():
    """120 documents, each with the five warnings Cambodia has, and a dozen errors with crops."""
    crop = "data:image/png;base64," + "A" * 6000
    documents = [
        DocumentStatus(f"profile-{i:03d}.pdf", f"KHM-{2000 + i // 12}-{i % 12 + 1:02d}", "ok")
        for i in range(120)
    ]
    findings = []
    for d in documents:
        for seq in (1, 4):
            findings.append(
                finding(
                    "indicator-not-shown",
                    file=d.file,
                    profile_id=d.profile_id,
                    table="indicators",
                    seq=seq,
                    column="value",
                    indicator="x",
                    page=1,
                    bbox=(54.0, 164.9, 192.4, 173.0),
                )
            )
        for seq in (1, 2, 3):
            findings.append(
                finding(
                    "status-not-shown",
                    file=d.file,
                    profile_id=d.profile_id,
                    table="political_rights",
                    seq=seq,
                    column="status",
                    value="Dual citizenship",
                    page=1,
                    bbox=(54.0, 300.0, 190.0, 310.0),
                )
            )
    for d in documents[:12]:
        findings.append(
            finding(
                "iso3-unknown",
                file=d.file,
                profile_id=d.profile_id,
                table="destinations",
                seq=1,
                column="iso3",
                value="XYZ",
                page=1,
                bbox=(300.0, 200.0, 500.0, 212.0),
            )
        )
    report = build_report(documents, tuple(findings))
    for f in report["findings"]:
        f["row"] = {"seq": "1", "indicator": "emigrants_pct_population", "value": None, "unit": "pct"}
        if f["severity"] == "error":
            f["crop"] = crop
    size = len(render_html(report).encode("utf-8"))
    assert size < 2_000_000, size


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
