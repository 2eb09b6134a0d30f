"""The validation report as one self-contained HTML page that leads with what to check.

Top down: the documents (those that need review first: a document with an error "needs
review"), the findings grouped by code with what to do about each, then every finding with its
affected row's values and, for a PDF, a crop of the page around its box (``evidence.py`` adds
both to the report). Warnings found in every document are one line until asked for.

Everything is rendered here, so the page reads without JavaScript; a small inline script filters
the findings by code, severity, document, profile and table, searches their text and sorts any
table by a click on its column heading (filter state in the URL fragment, e.g.
``report.html#severity=error&file=cambodia-2022.pdf&q=thailand``). Every value is escaped; the
only links are the page's own and http(s)/mailto addresses; a Content-Security-Policy forbids
every request the page could make (images are data URIs).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from html import escape

from pipeline.model.findings import what_to_do
from pipeline.output.evidence import everywhere_codes

FILTERS = ("severity", "code", "file", "profile", "table")
NO_TABLE = "(document)"


def _table(f: Mapping) -> str:
    """The table a finding is filed under: its rule's scope says whether it has one."""
    return NO_TABLE if f.get("scope") == "document" else f.get("table") or ""


NEEDS_REVIEW = "needs review"
CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:"
LINKABLE = re.compile(r"^(https?://|mailto:)[^\s<>\"']+$", re.I)

CSS = """
:root { --err: #b3261e; --err-bg: #fce8e6; --warn: #8a5a00; --warn-bg: #fff4d6; --ok: #1e6b34;
  --line: #d0d4da; --muted: #5b616b; }
* { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 0 auto;
  max-width: 1600px; padding: 1rem 1.5rem 3rem; color: #1d2025; }
h1 { font-size: 1.5rem; margin: .2rem 0; }
h2 { font-size: 1.15rem; margin: 1.6rem 0 .5rem; border-bottom: 1px solid var(--line);
  padding-bottom: .2rem; }
.totals { display: flex; gap: 1rem; flex-wrap: wrap; margin: .8rem 0; }
.total { border: 1px solid var(--line); border-radius: 6px; padding: .4rem .9rem; }
.total b { font-size: 1.3rem; display: block; }
.total.error b, .review { color: var(--err); } .total.warning b { color: var(--warn); }
table { border-collapse: collapse; width: 100%; }
th, td { border-bottom: 1px solid var(--line); padding: .3rem .5rem; text-align: left; vertical-align: top; }
th { background: #f3f5f7; position: sticky; top: 0; z-index: 1; }
th[data-sort] { cursor: pointer; user-select: none; }
th[aria-sort=ascending]::after { content: " \\25B2"; }
th[aria-sort=descending]::after { content: " \\25BC"; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
code, .code { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: .92em; }
.sev { display: inline-block; border-radius: 4px; padding: 0 .4rem; font-weight: 600; font-size: .85em; }
.sev.error { color: var(--err); background: var(--err-bg); }
.sev.warning { color: var(--warn); background: var(--warn-bg); }
.status-ok { color: var(--ok); font-weight: 600; }
.status-failed, .status-needs-review {
  color: var(--err); font-weight: 600; }
.muted, .hint { color: var(--muted); }
.hint { font-size: .9em; margin-top: .2rem; }
.hint b { color: #1d2025; }
#documents-wrap { max-height: 24rem; overflow-y: auto; }
.matrix td { white-space: nowrap; } .matrix a { color: inherit; text-decoration: none; }
.matrix .e { color: var(--err); font-weight: 600; }
.matrix .w { color: var(--warn); }
.matrix .clean { color: #8a9099; }
#filters { display: flex; gap: .8rem; flex-wrap: wrap; align-items: end; margin: .5rem 0; }
#filters label { display: flex; flex-direction: column; font-size: .85em; color: var(--muted); }
#filters select, #filters input[type=search] {
  font: inherit; padding: .2rem; min-width: 9rem; max-width: 16rem; }
#filters label.check { flex-direction: row; gap: .3rem; align-items: center; }
#findings-table { table-layout: fixed; }
#findings-table td { overflow-wrap: anywhere; }
col.c-sev { width: 5.5rem; }
col.c-code { width: 10rem; }
col.c-where { width: 13rem; }
col.c-value { width: 10rem; }
col.c-evidence { width: 17rem; }
tr.collapsed td { background: #f7f7f9; font-style: italic; }
img.crop { display: block; max-width: 100%; height: auto; border: 1px solid var(--line); margin-top: .3rem;
  cursor: zoom-in; }
img.crop.big { max-width: none; position: relative; margin-left: -16rem; z-index: 2; cursor: zoom-out;
  box-shadow: 0 2px 12px rgba(0, 0, 0, .3); background: #fff; }
table.kv { font-size: .85em; }
table.kv th { position: static; background: none; font-weight: 500; color: var(--muted);
  width: 40%; }
table.kv td, table.kv th { padding: .05rem .3rem; border: 0; }
tr[hidden] { display: none; }
.legend { color: var(--muted); }
"""

SCRIPT = """
(function () {
  var form = document.getElementById('filters');
  var rows = Array.prototype.slice.call(document.querySelectorAll('#findings-table tbody tr.finding'));
  var texts = rows.map(function (r) { return r.textContent.toLowerCase(); });
  var collapsed = document.getElementById('collapsed-line');
  var shown = document.getElementById('shown');
  var names = %s;
  function state() {
    var s = {}; names.forEach(function (n) { s[n] = form.elements[n].value; });
    s.q = form.elements.q.value.trim().toLowerCase(); s.all = form.elements.all.checked; return s;
  }
  function apply() {
    var s = state(), n = 0, folded = 0;
    rows.forEach(function (r, i) {
      var ok = names.every(function (k) { return !s[k] || r.getAttribute('data-' + k) === s[k]; });
      ok = ok && (!s.q || texts[i].indexOf(s.q) !== -1);
      if (ok && r.hasAttribute('data-everywhere') && !s.all && s.code !== r.getAttribute('data-code')) {
        ok = false; folded += 1;
      }
      r.hidden = !ok;
      if (ok) { n += 1; }
    });
    if (collapsed) {
      collapsed.hidden = folded === 0;
      collapsed.querySelector('.folded').textContent = String(folded);
    }
    shown.textContent = n + ' of ' + rows.length + ' findings shown';
    document.body.setAttribute('data-rendered', 'yes');
  }
  function save() {
    var s = state(), params = new URLSearchParams();
    names.forEach(function (k) { if (s[k]) { params.set(k, s[k]); } });
    if (form.elements.q.value.trim()) { params.set('q', form.elements.q.value.trim()); }
    if (s.all) { params.set('all', '1'); }
    try { history.replaceState(null, '', '#' + params.toString()); } catch (e) { /* some file: URLs */ }
    apply();
  }
  function fromHash() {
    var params = new URLSearchParams(location.hash.replace(/^#/, ''));
    names.forEach(function (k) {
      var v = params.get(k) || '', select = form.elements[k];
      var known = Array.prototype.some.call(select.options, function (o) { return o.value === v; });
      select.value = known ? v : '';
    });
    form.elements.q.value = params.get('q') || '';
    form.elements.all.checked = params.get('all') === '1';
    apply();
  }
  form.addEventListener('change', save);
  form.addEventListener('input', save);
  form.addEventListener('submit', function (e) { e.preventDefault(); });
  form.addEventListener('reset', function () { setTimeout(save, 0); });
  var showAll = document.getElementById('show-everywhere');
  if (showAll) {
    showAll.addEventListener('click', function () { form.elements.all.checked = true; save(); });
  }
  window.addEventListener('hashchange', fromHash);
  document.getElementById('findings-table').addEventListener('click', function (e) {
    if (e.target.classList && e.target.classList.contains('crop')) { e.target.classList.toggle('big'); }
  });
  function key(cell) {
    var t = (cell.getAttribute('data-key') || cell.textContent).trim(), x = Number(t);
    return t !== '' && !isNaN(x) ? [0, x, ''] : [1, 0, t.toLowerCase()];
  }
  Array.prototype.forEach.call(document.querySelectorAll('th[data-sort]'), function (th) {
    th.addEventListener('click', function () {
      var table = th.closest('table'), body = table.tBodies[0];
      var index = Array.prototype.indexOf.call(th.parentNode.children, th);
      var down = th.getAttribute('aria-sort') === 'ascending';
      Array.prototype.forEach.call(th.parentNode.children, function (h) { h.removeAttribute('aria-sort'); });
      th.setAttribute('aria-sort', down ? 'descending' : 'ascending');
      var sorted = Array.prototype.filter.call(body.rows, function (r) {
        return r.cells.length > index && !r.classList.contains('collapsed');
      });
      sorted.sort(function (a, b) {
        var x = key(a.cells[index]), y = key(b.cells[index]);
        var c = x[0] - y[0] || x[1] - y[1] || (x[2] < y[2] ? -1 : x[2] > y[2] ? 1 : 0);
        return down ? -c : c;
      });
      sorted.forEach(function (r) { body.appendChild(r); });
    });
  });
  fromHash();
})();
""" % ("[" + ", ".join(f"'{n}'" for n in FILTERS) + "]")


def _e(value) -> str:
    return "" if value is None else escape(str(value), quote=True)


def _linked(value) -> str:
    """A value, escaped; an http(s) or mailto address as a link (no other scheme is ever linked)."""
    text = "" if value is None else str(value)
    if LINKABLE.match(text):
        return f'<a href="{_e(text)}" rel="noopener noreferrer">{_e(text)}</a>'
    return _e(text)


def _where(f: Mapping) -> str:
    """Where to look, as a reader says it: page or line (the box is drawn on the crop)."""
    parts = []
    if f.get("page") is not None:
        parts.append(f"page {f['page']}")
    if f.get("line") is not None:
        parts.append(f"line {f['line']}")
    return ", ".join(parts)


def _bbox(f: Mapping) -> str:
    return ("box " + ", ".join(f"{float(v):.1f}" for v in f["bbox"])) if f.get("bbox") else ""


def document_status(d: Mapping) -> str:
    """failed (not read), needs review (read, with errors) or ok."""
    if d["status"] != "ok":
        return d["status"]
    return NEEDS_REVIEW if d.get("errors") else "ok"


def _options(name: str, label: str, values: Iterable[str], names: Mapping[str, str] | None = None) -> str:
    opts = ['<option value="">all</option>'] + [
        f'<option value="{_e(v)}">{_e((names or {}).get(v, v))}</option>' for v in values
    ]
    return f'<label>{label}<select name="{name}" id="filter-{name}">{"".join(opts)}</select></label>'


def _evidence(f: Mapping) -> str:
    parts = []
    row = f.get("row")
    if row:
        cells = "".join(
            f"<tr><th>{_e(k)}</th><td>{_linked(v)}</td></tr>" for k, v in row.items() if v is not None
        )
        is_open = " open" if f["severity"] == "error" else ""
        parts.append(
            f'<details class="row"{is_open}><summary>row values</summary>'
            f'<table class="kv">{cells}</table></details>'
        )
    if f.get("crop"):
        alt = f"page {f.get('page')} of {f.get('file')} around the finding's box"
        parts.append(f'<img class="crop" src="{_e(f["crop"])}" alt="{_e(alt)}" title="{_e(_bbox(f))}">')
    return "".join(parts)


def _finding_row(f: Mapping, everywhere: frozenset[str]) -> str:
    sev = f["severity"]
    table = _table(f)
    row_number = "" if f.get("seq") is None else f"row {f['seq']}"
    place = " · ".join(p for p in (table, row_number, f.get("column") or "") if p)
    where = _where(f)
    hint = what_to_do(f["code"]) or f.get("hint") or ""
    cells = [
        f'<td data-key="{0 if sev == "error" else 1}"><span class="sev {_e(sev)}">{_e(sev)}</span></td>',
        f'<td class="code">{_e(f["code"])}</td>',
        f'<td class="where" title="{_e(_bbox(f))}"><div>{_e(f.get("file"))}</div>'
        f'<div class="muted">{_e(f.get("profile_id"))}{" · " + _e(where) if where else ""}</div>'
        f"<div>{_e(place)}</div></td>",
        f'<td class="value">{_linked(f.get("value"))}</td>',
        f'<td class="message">{_e(f["message"])}'
        + (f' <div class="hint"><b>What to do:</b> {_e(hint)}</div>' if hint else "")
        + "</td>",
        f'<td class="evidence">{_evidence(f)}</td>',
    ]
    data = (
        f'data-severity="{_e(sev)}" data-code="{_e(f["code"])}" data-file="{_e(f.get("file") or "")}" '
        f'data-profile="{_e(f.get("profile_id") or "")}" data-table="{_e(table)}"'
    )
    if f["code"] in everywhere and sev == "warning":
        data += " data-everywhere"
    return f'<tr class="finding" {data}>{"".join(cells)}</tr>'


def _documents(report: Mapping) -> str:
    order = {"failed": 0, NEEDS_REVIEW: 1, "ok": 2}
    documents = sorted(
        report.get("documents", []), key=lambda d: (order.get(document_status(d), 0), -d["errors"], d["file"])
    )
    rows = "".join(
        f'<tr data-status="{_e(document_status(d))}">'
        f'<td><a href="#file={_e(d["file"])}">{_e(d["file"])}</a></td>'
        f"<td>{_e(d.get('profile_id') or '-')}</td>"
        f'<td class="status-{_e(document_status(d).replace(" ", "-"))}">{_e(document_status(d))}</td>'
        f'<td class="num">{d["errors"]}</td><td class="num">{d["warnings"]}</td></tr>'
        for d in documents
    )
    if not rows:
        rows = '<tr><td colspan="5">No documents.</td></tr>'
    return (
        '<div id="documents-wrap"><table id="documents-table"><thead><tr><th data-sort>document</th>'
        "<th data-sort>profile</th><th data-sort>status</th>"
        '<th class="num" data-sort>errors</th><th class="num" data-sort>warnings</th></tr></thead>'
        f"<tbody>{rows}</tbody></table></div>"
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
            text = f"{c['rows']}" + (" · " + " · ".join(marks) if marks else "")
            if marks:
                text = f'<a href="#profile={_e(profile_id)}&amp;file={_e(file)}&amp;table={_e(t)}">{text}</a>'
            tds.append(f"<td>{text}</td>")
        body.append(f"<tr><th>{_e(file)}</th>{''.join(tds)}</tr>")
    return (
        '<details><summary>rows, errors and warnings of every table of every document</summary>'
        '<div style="overflow-x:auto"><table class="matrix" id="tables-table">'
        f"<thead><tr><th>document</th>{head}"
        f"</tr></thead><tbody>{''.join(body)}</tbody></table></div></details>"
    )


def _codes(report: Mapping, everywhere: Iterable[str]) -> str:
    findings = report.get("findings", [])
    counts = Counter(f["code"] for f in findings)
    files: dict[str, set] = defaultdict(set)
    severity: dict[str, str] = {}
    for f in findings:
        files[f["code"]].add(f.get("file"))
        severity.setdefault(f["code"], f["severity"])
    every = set(everywhere)
    ordered = sorted(counts, key=lambda c: (severity[c] != "error", c in every, c))
    rows = "".join(
        f'<tr data-code="{_e(code)}"><td class="code"><a href="#code={_e(code)}">{_e(code)}</a></td>'
        f'<td data-key="{0 if severity[code] == "error" else 1}"><span class="sev {_e(severity[code])}">'
        f"{_e(severity[code])}</span></td>"
        f'<td class="num">{counts[code]}</td>'
        f'<td class="num">{len(files[code])}{" (every document)" if code in every else ""}</td>'
        f'<td class="hint">{_e(what_to_do(code))}</td></tr>'
        for code in ordered
    )
    if not rows:
        return "<p>No findings.</p>"
    return (
        '<table id="codes-table"><thead><tr><th data-sort>code</th><th data-sort>severity</th>'
        '<th class="num" data-sort>findings</th><th class="num" data-sort>documents</th>'
        f"<th>what to do</th></tr></thead><tbody>{rows}</tbody></table>"
    )


def _origin(report: Mapping) -> str:
    if report.get("origin") == "validate":
        return (
            ", re-validated from the output folder's CSVs "
            "(findings from reading the documents are those of the run)"
        )
    return ""


def _collapsed_line(findings: list[Mapping], everywhere: list[str]) -> str:
    if not everywhere:
        return ""
    counts = Counter(f["code"] for f in findings if f["code"] in everywhere and f["severity"] == "warning")
    codes = ", ".join(f"{_e(c)} ({counts[c]})" for c in everywhere)
    return (
        '<tr class="collapsed" id="collapsed-line"><td colspan="6">'
        f'<span class="folded">{sum(counts.values())}</span> '
        f"warnings found in every document are folded into this line (of {sum(counts.values())}: {codes}). "
        '<button type="button" id="show-everywhere">show them</button></td></tr>'
    )


def render_html(report: Mapping) -> str:
    """Pure: report (as in report.json, with ``evidence.with_evidence``'s rows and crops) -> the page."""
    findings = report.get("findings", [])
    summary = report["summary"]
    everywhere = everywhere_codes(report)
    documents = report.get("documents", [])
    review = sum(document_status(d) == NEEDS_REVIEW for d in documents)
    codes = sorted({f["code"] for f in findings})
    profiles = sorted({f.get("profile_id") or "" for f in findings})
    files = sorted({f.get("file") or "" for f in findings})
    tables = sorted({_table(f) for f in findings})
    filters = "".join(
        (
            '<label>search<input type="search" name="q" id="filter-q" '
            'placeholder="any text, e.g. Thailand"></label>',
            _options("code", "code", codes),
            _options("severity", "severity", ["error", "warning"]),
            _options("file", "document", files, {"": "(none)"}),
            _options("profile", "profile", profiles, {"": "(none)"}),
            _options("table", "table", tables),
            '<label class="check"><input type="checkbox" name="all" id="filter-all">'
            "show warnings found in every document</label>",
        )
    )
    frozen = frozenset(everywhere)
    rows = _collapsed_line(findings, everywhere) + "".join(_finding_row(f, frozen) for f in findings)
    if not findings:
        rows = '<tr><td colspan="6">No findings.</td></tr>'
    totals = "".join(
        (
            f'<div class="total"><b>{summary["documents"]}</b> documents</div>',
            f'<div class="total error"><b>{review}</b> need review</div>',
            f'<div class="total error"><b>{summary["documents_failed"]}</b> failed</div>',
            f'<div class="total error"><b>{summary["errors"]}</b> errors</div>',
            f'<div class="total warning"><b>{summary["warnings"]}</b> warnings</div>',
        )
    )
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Validation report · diaspora-profiles</title>
<style>{CSS}</style>
</head>
<body>
<header>
<h1>Validation report</h1>
<p class="legend">{_e(report.get("generated_by"))}{_origin(report)}.
<span class="sev error">error</span>: do not use the affected value until checked.
<span class="sev warning">warning</span>: the value is null or partial for the stated reason.</p>
<div class="totals" id="totals">{totals}</div>
</header>
<section><h2>Documents to check</h2>{_documents(report)}</section>
<section><h2>Findings by code</h2>{_codes(report, everywhere)}</section>
<section>
<h2>Findings</h2>
<form id="filters" autocomplete="off">{filters}<button type="reset">show all</button></form>
<noscript><p>The filters need JavaScript; every finding is listed below.</p></noscript>
<p id="shown">{len(findings)} findings</p>
<table id="findings-table">
<colgroup><col class="c-sev"><col class="c-code"><col class="c-where"><col class="c-value">
<col class="c-message"><col class="c-evidence"></colgroup>
<thead><tr><th data-sort>severity</th><th data-sort>code</th><th data-sort>document · table · row</th>
<th data-sort>value</th><th data-sort>message</th><th>row and page</th></tr></thead>
<tbody>{rows}</tbody>
</table>
</section>
<section><h2>Per document and table</h2>{_matrix(report)}</section>
<script>{SCRIPT}</script>
</body>
</html>
"""
