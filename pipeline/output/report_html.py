"""The validation report as one self-contained HTML page: no network, no external files.

Everything is rendered here, so the page reads without JavaScript; a small inline script filters
the findings by severity, profile, file and table (state kept in the URL fragment, e.g.
``report.html#severity=error&profile=KHM-2022-09``). A Content-Security-Policy forbids every
request the page could make.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from html import escape

FILTERS = ("severity", "profile", "file", "table")
NO_TABLE = "(document)"

CSS = """
:root { --err: #b3261e; --err-bg: #fce8e6; --warn: #8a5a00; --warn-bg: #fff4d6; --ok: #1e6b34; --line: #d0d4da; }
* { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 0 auto; max-width: 1400px; padding: 1rem 1.5rem 3rem; color: #1d2025; }
h1 { font-size: 1.5rem; margin: .2rem 0; } h2 { font-size: 1.15rem; margin: 2rem 0 .5rem; border-bottom: 1px solid var(--line); padding-bottom: .2rem; }
.totals { display: flex; gap: 1rem; flex-wrap: wrap; margin: .8rem 0; }
.total { border: 1px solid var(--line); border-radius: 6px; padding: .4rem .9rem; }
.total b { font-size: 1.3rem; display: block; }
.total.error b { color: var(--err); } .total.warning b { color: var(--warn); }
table { border-collapse: collapse; width: 100%; }
th, td { border-bottom: 1px solid var(--line); padding: .3rem .5rem; text-align: left; vertical-align: top; }
th { background: #f3f5f7; position: sticky; top: 0; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
code, .code { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: .92em; }
.sev { display: inline-block; border-radius: 4px; padding: 0 .4rem; font-weight: 600; font-size: .85em; }
.sev.error { color: var(--err); background: var(--err-bg); } .sev.warning { color: var(--warn); background: var(--warn-bg); }
.status-ok { color: var(--ok); font-weight: 600; } .status-failed { color: var(--err); font-weight: 600; }
.matrix td { white-space: nowrap; } .matrix a { color: inherit; text-decoration: none; }
.matrix .e { color: var(--err); font-weight: 600; } .matrix .w { color: var(--warn); } .matrix .clean { color: #8a9099; }
#filters { display: flex; gap: 1rem; flex-wrap: wrap; align-items: end; margin: .5rem 0; }
#filters label { display: flex; flex-direction: column; font-size: .85em; color: #4a4f57; }
#filters select { font: inherit; padding: .2rem; min-width: 10rem; }
.value { max-width: 22rem; overflow-wrap: break-word; } .message { max-width: 34rem; } .hint { color: #4a4f57; font-size: .9em; }
.where, #findings-table td.code, #findings-table td:nth-child(3), #findings-table td:nth-child(4) { white-space: nowrap; }
tr[hidden] { display: none; }
.legend { color: #4a4f57; }
"""  # noqa: E501 (the page's CSS, script and markup keep their lines: the page stays byte for byte)

SCRIPT = """
(function () {
  var form = document.getElementById('filters');
  var rows = Array.prototype.slice.call(document.querySelectorAll('#findings-table tbody tr.finding'));
  var shown = document.getElementById('shown');
  var names = %s;
  function state() { var s = {}; names.forEach(function (n) { s[n] = form.elements[n].value; }); return s; }
  function apply() {
    var s = state(), n = 0;
    rows.forEach(function (r) {
      var ok = names.every(function (k) { return !s[k] || r.getAttribute('data-' + k) === s[k]; });
      r.hidden = !ok;
      if (ok) { n += 1; }
    });
    shown.textContent = n + ' of ' + rows.length + ' findings shown';
    document.body.setAttribute('data-rendered', 'yes');
  }
  function fromHash() {
    var params = new URLSearchParams(location.hash.replace(/^#/, ''));
    names.forEach(function (k) {
      var v = params.get(k) || '', select = form.elements[k];
      var known = Array.prototype.some.call(select.options, function (o) { return o.value === v; });
      select.value = known ? v : '';
    });
    apply();
  }
  form.addEventListener('change', function () {
    var s = state(), params = new URLSearchParams();
    names.forEach(function (k) { if (s[k]) { params.set(k, s[k]); } });
    try { history.replaceState(null, '', '#' + params.toString()); } catch (e) { /* file: URLs in some browsers */ }
    apply();
  });
  form.addEventListener('reset', function () { setTimeout(function () { form.dispatchEvent(new Event('change')); }, 0); });
  window.addEventListener('hashchange', fromHash);
  fromHash();
})();
""" % ("[" + ", ".join(f"'{n}'" for n in FILTERS) + "]")  # noqa: E501


def _e(value) -> str:
    return "" if value is None else escape(str(value), quote=True)


def _where(f: Mapping) -> str:
    parts = []
    if f.get("page") is not None:
        parts.append(f"page {f['page']}")
    if f.get("bbox"):
        parts.append("bbox " + ", ".join(f"{float(v):.1f}" for v in f["bbox"]))
    if f.get("line") is not None:
        parts.append(f"line {f['line']}")
    return "; ".join(parts)


def _table(f: Mapping) -> str:
    return NO_TABLE if f.get("scope") == "document" else f.get("table") or ""


def _options(name: str, label: str, values: Iterable[str], names: Mapping[str, str] | None = None) -> str:
    opts = ['<option value="">all</option>'] + [
        f'<option value="{_e(v)}">{_e((names or {}).get(v, v))}</option>' for v in values]
    return f'<label>{label}<select name="{name}" id="filter-{name}">{"".join(opts)}</select></label>'


def _finding_row(f: Mapping) -> str:
    sev = f["severity"]
    table = _table(f)
    cells = [
        f'<td><span class="sev {_e(sev)}">{_e(sev)}</span></td>',
        f'<td class="code">{_e(f["code"])}</td>',
        f'<td>{_e(f.get("profile_id"))}</td>',
        f'<td>{_e(f.get("file"))}</td>',
        f'<td>{_e(table)}</td>',
        f'<td class="num">{_e(f.get("seq"))}</td>',
        f'<td class="code">{_e(f.get("column"))}</td>',
        f'<td class="value">{_e(f.get("value"))}</td>',
        f'<td class="where">{_e(_where(f))}</td>',
        f'<td class="message">{_e(f["message"])}'
        + (f'<div class="hint">{_e(f["hint"])}</div>' if f.get("hint") else "")
        + "</td>",
    ]
    data = (f'data-severity="{_e(sev)}" data-profile="{_e(f.get("profile_id") or "")}" '
            f'data-file="{_e(f.get("file") or "")}" data-table="{_e(table)}" data-code="{_e(f["code"])}"')
    return f'<tr class="finding" {data}>{"".join(cells)}</tr>'


def _documents(report: Mapping) -> str:
    rows = "".join(
        f'<tr><td>{_e(d["file"])}</td><td>{_e(d.get("profile_id") or "-")}</td>'
        f'<td class="status-{_e(d["status"])}">{_e(d["status"])}</td>'
        f'<td class="num">{d["errors"]}</td><td class="num">{d["warnings"]}</td></tr>'
        for d in report.get("documents", []))
    if not rows:
        rows = '<tr><td colspan="5">No documents.</td></tr>'
    return (
        '<table id="documents-table"><thead><tr><th>file</th><th>profile</th><th>status</th>'
        f'<th class="num">errors</th><th class="num">warnings</th></tr></thead><tbody>{rows}</tbody></table>'
    )


def _matrix(report: Mapping) -> str:
    cells = report.get("tables", [])
    if not cells:
        return "<p>No tables were read.</p>"
    tables = list(dict.fromkeys(c["table"] for c in cells))
    sources = list(dict.fromkeys((c["profile_id"], c["file"]) for c in cells))
    by = {(c["profile_id"], c["file"], c["table"]): c for c in cells}
    head = "".join(f"<th>{_e(t)}</th>" for t in tables)
    body = []
    for profile_id, file in sources:
        tds = []
        for t in tables:
            c = by.get((profile_id, file, t))
            if c is None:
                tds.append("<td></td>")
                continue
            marks = []
            if c["errors"]:
                marks.append(f'<span class="e">{c["errors"]} error{"s" if c["errors"] != 1 else ""}</span>')
            if c["warnings"]:
                marks.append(
                    f'<span class="w">{c["warnings"]} warning{"s" if c["warnings"] != 1 else ""}</span>'
                )
            rows = f'{c["rows"]} row{"s" if c["rows"] != 1 else ""}'
            text = rows + (" · " + " · ".join(marks) if marks else ' · <span class="clean">clean</span>')
            if marks:
                text = f'<a href="#profile={_e(profile_id)}&amp;file={_e(file)}&amp;table={_e(t)}">{text}</a>'
            tds.append(f'<td data-table="{_e(t)}">{text}</td>')
        body.append(f'<tr data-profile="{_e(profile_id)}" data-file="{_e(file)}"><th>{_e(profile_id)}<br>'
                    f'<span class="hint">{_e(file)}</span></th>{"".join(tds)}</tr>')
    return (
        '<div style="overflow-x:auto"><table class="matrix" id="tables-table">'
        f"<thead><tr><th>profile / file</th>{head}</tr></thead>"
        f'<tbody>{"".join(body)}</tbody></table></div>'
    )


def _codes(report: Mapping, hints: Mapping[str, str]) -> str:
    summary = report["summary"]
    severity = summary.get("severity_of_code", {})
    rows = "".join(
        f'<tr><td class="code">{_e(code)}</td>'
        f'<td><span class="sev {_e(severity.get(code))}">{_e(severity.get(code))}</span></td>'
        f'<td class="num">{n}</td><td class="hint">{_e(hints.get(code, ""))}</td></tr>'
        for code, n in summary.get("by_code", {}).items())
    if not rows:
        return "<p>No findings.</p>"
    return (
        '<table id="codes-table"><thead><tr><th>code</th><th>severity</th><th class="num">findings</th>'
        f"<th>what to do</th></tr></thead><tbody>{rows}</tbody></table>"
    )


def _origin(report: Mapping) -> str:
    if report.get("origin") == "validate":
        return (
            ", re-validated from the output folder's CSVs "
            "(findings from reading the documents are those of the run)"
        )
    return ""


def render_html(report: Mapping) -> str:
    """Pure: report (as in report.json) -> the HTML page."""
    findings = report.get("findings", [])
    summary = report["summary"]
    hints = {f["code"]: f.get("hint") or "" for f in findings}
    profiles = sorted({f.get("profile_id") or "" for f in findings})
    files = sorted({f.get("file") or "" for f in findings})
    tables = sorted({_table(f) for f in findings})
    filters = "".join((
        _options("severity", "severity", ["error", "warning"]),
        _options("profile", "profile", profiles, {"": "(none)"}),
        _options("file", "file", files, {"": "(none)"}),
        _options("table", "table", tables),
    ))
    rows = "".join(_finding_row(f) for f in findings) or '<tr><td colspan="10">No findings.</td></tr>'
    totals = "".join((
        f'<div class="total"><b>{summary["documents"]}</b>documents '
        f'({summary["documents_failed"]} failed)</div>',
        f'<div class="total error"><b>{summary["errors"]}</b>errors</div>',
        f'<div class="total warning"><b>{summary["warnings"]}</b>warnings</div>',
    ))
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Validation report · diaspora-profiles</title>
<style>{CSS}</style>
</head>
<body>
<header>
<h1>Validation report</h1>
<p class="legend">{_e(report.get("generated_by"))}{_origin(report)}. <span class="sev error">error</span>: do not use the affected value.
<span class="sev warning">warning</span>: the value is null or partial for the stated reason.</p>
<div class="totals" id="totals">{totals}</div>
</header>
<section><h2>Documents</h2>{_documents(report)}</section>
<section><h2>Per profile and table</h2>{_matrix(report)}</section>
<section><h2>Findings by code</h2>{_codes(report, hints)}</section>
<section>
<h2>Findings</h2>
<form id="filters" autocomplete="off">{filters}<button type="reset">show all</button></form>
<noscript><p>The filters need JavaScript; every finding is listed below.</p></noscript>
<p id="shown">{len(findings)} findings</p>
<table id="findings-table">
<thead><tr><th>severity</th><th>code</th><th>profile</th><th>file</th><th>table</th><th class="num">row</th><th>column</th><th>value</th><th>where</th><th>message</th></tr></thead>
<tbody>{rows}</tbody>
</table>
</section>
<script>{SCRIPT}</script>
</body>
</html>
"""  # noqa: E501
