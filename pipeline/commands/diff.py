"""What changed between two editions: per country and table, records added, removed and changed.

Each side is a profile file (read now) or an output folder (its Parquet tables). On each side a
country's latest edition is compared (its first source file when the edition was read from a
PDF and a text). Records are matched on natural keys, never on their position: an indicator by
its code, a destination by its ISO3 (or name), an institution or organisation by its name, then
by its acronym, a policy or practice by its title, a note by its number... Within one key,
identical records pair first, the others in order. Sequence numbers and provenance (page,
bbox, line) are not compared: they move whenever something is inserted above.

A long text that changed is shown as its changed words with a few words of context either side
(``word_changes``); a number's delta is rounded to the decimals its values are printed with.
The result warns when the two sides share no country, or when a country's NEW edition is dated
before its OLD one (the two given in reverse order). ``changes.md`` and ``changes.html`` escape
every value taken from a profile.
"""

from __future__ import annotations

import difflib
import html
import json
import math
import re
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd

Row = Mapping[str, Any]

IGNORED = {
    "profile_id",
    "source_file",
    "source_files",
    "page",
    "x0",
    "top",
    "x1",
    "bottom",
    "line",
    "seq",
    "source_sha256",
    "source_format",
    "pages",
    "mentions",
    "rows",
    "framework_seq",
    "edition",
}  # instruments: ids of mentions and rows, renumbered by any edit; edition: the heading's
# profile_ids name it (and `updated`, the date it follows, is compared)

# Natural keys (each table's ``TableSpec.natural_keys`` in schemas/) are tried in turn: rows left
# unmatched by one key are matched by the next. A table without any (mentions) is not compared.

LABELS: dict[str, Callable[[Row], str]] = {
    "profiles": lambda r: r.get("country") or r.get("iso3") or "?",
    "indicators": lambda r: r["indicator"],
    "destinations": lambda r: r["country"],
    "political_rights": lambda r: r["right"],
    "policy_framework": lambda r: r["title"],
    "sections": lambda r: f"{r['section']} / {r['heading'] or _short(r['text'], 40)}",
    "obstacles": lambda r: r.get("title") or _short(r["text"]),
    "practices": lambda r: r["title"],
    "institutions": lambda r: r["name"] + (f" ({r['acronym']})" if r.get("acronym") else ""),
    "organisations": lambda r: r["name"] + (f" ({r['acronym']})" if r.get("acronym") else ""),
    "footnotes": lambda r: f"note {r['number']}",
    "footnote_urls": lambda r: f"note {r['number']}: {r['url']}",
    "citations": lambda r: f"note {r['number']} in {r['table']}",
    "instruments": lambda r: r["name"],
}

LONG_TEXT = 80  # characters: a longer text that changed is shown as its changed words
CONTEXT_WORDS = 6  # words of context either side of a change

CHANGE_COLUMNS = [
    "country",
    "iso3",
    "table",
    "record",
    "change",
    "column",
    "old_value",
    "new_value",
    "delta",
    "old_profile_id",
    "new_profile_id",
]


class DiffInputError(Exception):
    """A side of the diff that is neither a readable profile nor an output folder."""


@dataclass(frozen=True)
class Edition:
    """One country's edition on one side: its rows, table by table (profiles: one row)."""

    key: str  # ISO3, else the profile_id's prefix
    country: str | None
    iso3: str | None
    profile_id: str
    source_file: str
    tables: Mapping[str, tuple[Row, ...]]
    edition: date | None = None  # the profiles row's edition date


@dataclass(frozen=True)
class Change:
    country: str | None
    iso3: str | None
    table: str
    record: str  # the record's natural key, readable
    change: str  # added | removed | changed
    column: str | None  # the changed column; None for a record added or removed
    old_value: str | None  # a changed column's old value; a removed record's fields (JSON)
    new_value: str | None  # a changed column's new value; an added record's fields (JSON)
    delta: float | None  # new - old, for numbers
    old_profile_id: str | None
    new_profile_id: str | None


@dataclass(frozen=True)
class CountryDiff:
    """A country's editions on both sides (either may be missing) and what changed."""

    key: str
    country: str | None
    old: Edition | None
    new: Edition | None
    changes: tuple[Change, ...]


@dataclass(frozen=True)
class DiffResult:
    old: str
    new: str
    countries: tuple[CountryDiff, ...]
    warnings: tuple[str, ...] = ()

    @property
    def changes(self) -> tuple[Change, ...]:
        return tuple(c for country in self.countries for c in country.changes)


# --------------------------------------------------------------------------- reading (I/O edge)


def diff_paths(old: Path, new: Path) -> DiffResult:
    old_editions, new_editions = editions(load_rows(old)), editions(load_rows(new))
    return diff_editions(old_editions, new_editions, str(old), str(new))


def load_rows(path: Path) -> dict[str, list[dict[str, Any]]]:
    """Rows of every table: from an output folder's Parquet files, or from a profile read now."""
    from schemas import TABLES

    if path.is_dir():
        if not (path / "profiles.parquet").is_file():
            raise DiffInputError(
                f"{path} is not an output folder (it has no profiles.parquet); "
                "give a profile file or the --out folder of a run"
            )
        frames = {
            t: pd.read_parquet(path / f"{t}.parquet") for t in TABLES if (path / f"{t}.parquet").is_file()
        }
    elif path.is_file():
        frames = _read_profile(path)
    else:
        raise DiffInputError(f"{path}: no such file or folder")
    return {t: rows_of_frame(frames[t]) if t in frames else [] for t in TABLES}


def _read_profile(path: Path):
    from pipeline.runner.process import FORMATS, process
    from pipeline.tables.build import frames

    if path.suffix.lower() not in FORMATS:
        raise DiffInputError(f"{path} is neither a profile (.pdf, .txt) nor an output folder")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DiffInputError(f"cannot read {path}: {exc.strerror or exc}") from exc
    result = process(path, data)
    if result.records is None:
        raise DiffInputError(
            f"{path} could not be processed: " + "; ".join(f.message for f in result.findings)
        )
    return frames([result.records])


def rows_of_frame(df) -> list[dict[str, Any]]:
    """Plain Python values: None for nulls, tuples for lists."""
    rows = []
    for record in df.astype(object).to_dict("records"):
        rows.append({k: _plain(v) for k, v in record.items()})
    return rows


def _plain(value: Any) -> Any:
    if hasattr(value, "tolist") and not isinstance(value, str):
        value = value.tolist()  # numpy arrays and scalars
    if isinstance(value, (list, tuple)):
        return tuple(_plain(v) for v in value)
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    return value


# --------------------------------------------------------------------------- pure comparison


def editions(rows: Mapping[str, Sequence[Row]]) -> dict[str, Edition]:
    """Each country's latest edition (by profile_id; an undated one counts as oldest)."""
    chosen: dict[str, Row] = {}
    for profile in rows.get("profiles", ()):
        key = profile.get("iso3") or str(profile["profile_id"]).split("-", 1)[0]
        if key not in chosen or _rank(profile) > _rank(chosen[key]):
            chosen[key] = profile
    out: dict[str, Edition] = {}
    by_source: dict[tuple[str, str], dict[str, list[Row]]] = defaultdict(lambda: defaultdict(list))
    wanted = {(p["profile_id"], p["source_file"]) for p in chosen.values()}
    for table, table_rows in rows.items():
        if table == "profiles":
            continue
        for r in table_rows:
            ident = (r["profile_id"], r["source_file"])
            if ident in wanted:
                by_source[ident][table].append(r)
    for key, profile in chosen.items():
        ident = (profile["profile_id"], profile["source_file"])
        tables = {t: tuple(by_source[ident].get(t, ())) for t in rows if t != "profiles"}
        tables["profiles"] = (profile,)
        out[key] = Edition(
            key=key,
            country=profile.get("country"),
            iso3=profile.get("iso3"),
            profile_id=profile["profile_id"],
            source_file=profile["source_file"],
            tables=tables,
            edition=_date(profile.get("edition")),
        )
    return out


def _date(value: Any) -> date | None:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def _rank(profile: Row) -> tuple:
    return (
        not str(profile["profile_id"]).endswith("undated"),
        profile["profile_id"],
        _neg(profile["source_file"]),
    )


def _neg(text: str) -> tuple[int, ...]:
    """Names in reverse order, so that the latest edition's first source file ranks highest."""
    return tuple(-ord(c) for c in text)


def diff_editions(
    old: Mapping[str, Edition], new: Mapping[str, Edition], old_label: str = "old", new_label: str = "new"
) -> DiffResult:
    from schemas import TABLES

    countries = []
    for key in sorted(set(old) | set(new)):
        a, b = old.get(key), new.get(key)
        changes = tuple(c for table in TABLES if TABLES[table].natural_keys for c in diff_table(table, a, b))
        countries.append(CountryDiff(key=key, country=(b or a).country, old=a, new=b, changes=changes))  # type: ignore[union-attr]
    return DiffResult(
        old=old_label, new=new_label, countries=tuple(countries), warnings=diff_warnings(old, new)
    )


def diff_warnings(old: Mapping[str, Edition], new: Mapping[str, Edition]) -> tuple[str, ...]:
    """What suggests the wrong two sides: no country in common, a NEW edition older than OLD."""
    out = []
    if old and new and not set(old) & set(new):
        out.append(
            f"OLD and NEW share no country (OLD: {', '.join(sorted(old))}; NEW: {', '.join(sorted(new))}): "
            "every record is listed as removed and added"
        )
    for key in sorted(set(old) & set(new)):
        a, b = old[key], new[key]
        if a.edition and b.edition and b.edition < a.edition:
            out.append(
                f"{b.country or key} ({key}): the NEW edition ({b.edition:%Y-%m}, {b.source_file}) is "
                f"older than the OLD one ({a.edition:%Y-%m}, {a.source_file}); "
                "were OLD and NEW given in reverse order?"
            )
    return tuple(out)


def diff_table(table: str, old: Edition | None, new: Edition | None) -> list[Change]:
    """One table of one country's editions (either may be None: a country added or removed)."""
    either = new or old
    assert either is not None
    old_rows = list(old.tables.get(table, ())) if old else []
    new_rows = list(new.tables.get(table, ())) if new else []
    pairs, removed, added = match(table, old_rows, new_rows)

    def change(kind: str, row: Row, **values: Any) -> Change:
        return Change(
            country=either.country,
            iso3=either.iso3,
            table=table,
            record=LABELS[table](row),
            change=kind,
            old_profile_id=old.profile_id if old else None,
            new_profile_id=new.profile_id if new else None,
            **values,
        )

    out: list[Change] = []
    paired_new = {j: i for i, j in pairs}
    for j, row in enumerate(new_rows):
        if j not in paired_new:
            out.append(
                change(
                    "added", row, column=None, old_value=None, new_value=_record_text(table, row), delta=None
                )
            )
            continue
        before = old_rows[paired_new[j]]
        for column in compared_columns(table, row):
            a, b = before.get(column), row.get(column)
            if not _same(a, b):
                out.append(
                    change(
                        "changed",
                        row,
                        column=column,
                        old_value=_text(a),
                        new_value=_text(b),
                        delta=_delta(a, b),
                    )
                )
    for i in removed:
        out.append(
            change(
                "removed",
                old_rows[i],
                column=None,
                old_value=_record_text(table, old_rows[i]),
                new_value=None,
                delta=None,
            )
        )
    return out


def match(
    table: str, old_rows: list[Row], new_rows: list[Row]
) -> tuple[list[tuple[int, int]], list[int], list[int]]:
    """(old index, new index) pairs, old rows left over (removed), new rows left over (added)."""
    from schemas import TABLES

    left_old, left_new = list(range(len(old_rows))), list(range(len(new_rows)))
    pairs: list[tuple[int, int]] = []
    for key_columns in TABLES[table].natural_keys:
        groups_old: dict[tuple, list[int]] = defaultdict(list)
        groups_new: dict[tuple, list[int]] = defaultdict(list)
        for i in left_old:
            if (k := natural_key(old_rows[i], key_columns)) is not None:
                groups_old[k].append(i)
        for j in left_new:
            if (k := natural_key(new_rows[j], key_columns)) is not None:
                groups_new[k].append(j)
        for k, olds in groups_old.items():
            news = groups_new.get(k, [])
            # identical records pair first, the rest in order
            for i in list(olds):
                same = next(
                    (j for j in news if _content(table, old_rows[i]) == _content(table, new_rows[j])), None
                )
                if same is not None:
                    pairs.append((i, same))
                    olds.remove(i)
                    news.remove(same)
            for i, j in zip(list(olds), list(news), strict=False):  # the shorter list pairs up
                pairs.append((i, j))
                olds.remove(i)
                news.remove(j)
        matched_old = {i for i, _ in pairs}
        matched_new = {j for _, j in pairs}
        left_old = [i for i in left_old if i not in matched_old]
        left_new = [j for j in left_new if j not in matched_new]
    return sorted(pairs, key=lambda p: p[1]), left_old, left_new


def natural_key(row: Row, columns: tuple[str, ...]) -> tuple | None:
    values = tuple(_normal(row.get(c)) for c in columns)
    return None if all(v is None for v in values) else values


def compared_columns(table: str, row: Row) -> list[str]:
    return [c for c in row if c not in IGNORED or (table == "destinations" and c == "rank")]


def _content(table: str, row: Row) -> tuple:
    return tuple(_normal(row.get(c)) for c in compared_columns(table, row))


def _normal(value: Any) -> Any:
    if isinstance(value, str):
        return " ".join(value.split()).casefold()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, float) or isinstance(b, float):
        if a is None or b is None:
            return a is b
        return math.isclose(float(a), float(b), rel_tol=0, abs_tol=1e-9)
    return a == b


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _delta(a: Any, b: Any) -> float | None:
    """new - old, rounded to the decimals the two values are printed with (5.2 - 4.9 = 0.3)."""
    if not (_is_number(a) and _is_number(b)):
        return None
    return round(float(b) - float(a), max(_decimals(a), _decimals(b)))


def _decimals(value: float | int) -> int:
    """Decimals of a number as printed (its shortest repr): 4.9 -> 1, 1272 -> 0."""
    text = repr(float(value)) if isinstance(value, float) else str(value)
    if "e" in text or "E" in text:
        mantissa, exponent = re.split("[eE]", text)
        return max(0, len(mantissa.partition(".")[2]) - int(exponent))
    return len(text.partition(".")[2].rstrip("0"))


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, tuple):
        return ";".join(_text(v) or "" for v in value)
    return str(value)


def _record_text(table: str, row: Row) -> str:
    fields = {
        c: (list(row[c]) if isinstance(row[c], tuple) else row[c])
        for c in compared_columns(table, row)
        if row.get(c) is not None
    }
    return json.dumps(fields, ensure_ascii=False, sort_keys=False, default=str)  # dates: ISO


Segment = tuple[str, str]  # ("same" | "old" | "new", words)


def word_changes(old: str, new: str, context: int = CONTEXT_WORDS) -> list[list[Segment]]:
    """The words that differ between two texts, each run of changes with ``context`` words
    either side (close runs share one excerpt); "…" marks text left out."""
    a, b = old.split(), new.split()
    excerpts: list[list[Segment]] = []
    for group in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_grouped_opcodes(context):
        segments: list[Segment] = []
        if group[0][1] > 0:
            segments.append(("gap", "…"))
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                segments.append(("same", " ".join(a[i1:i2])))
                continue
            if i2 > i1:
                segments.append(("old", " ".join(a[i1:i2])))
            if j2 > j1:
                segments.append(("new", " ".join(b[j1:j2])))
        if group[-1][2] < len(a):
            segments.append(("gap", "…"))
        excerpts.append(segments)
    return excerpts


def is_long(c: Change) -> bool:
    """A changed text shown as its changed words rather than whole."""
    return (
        c.change == "changed"
        and c.delta is None
        and max(len(c.old_value or ""), len(c.new_value or "")) > LONG_TEXT
    )


def excerpts(c: Change) -> tuple[str, str]:
    """A changed value's old and new text for a narrow column: a long text as the excerpts
    around its changed words, each side with its own words."""
    if not is_long(c):
        return c.old_value or "", c.new_value or ""
    found = word_changes(c.old_value or "", c.new_value or "")
    return tuple(  # type: ignore[return-value]
        " · ".join(" ".join(t for k, t in e if k != drop) for e in found) for drop in ("new", "old")
    )


def delta_text(delta: float) -> str:
    return ("+" if delta >= 0 else "-") + (_text(abs(delta)) or "")


def _short(text: str, width: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


# --------------------------------------------------------------------------- writing


def changes_frame(changes: Sequence[Change]):
    import dataclasses

    import pandas as pd

    df = pd.DataFrame([dataclasses.asdict(c) for c in changes], columns=CHANGE_COLUMNS)
    for column in CHANGE_COLUMNS:
        df[column] = df[column].astype("Float64" if column == "delta" else "string")
    return df


_MD_SPECIAL = re.compile(r"([\\`*_\[\]|~<>&])")  # inline syntax; a value never starts a line


def md(text: str | None) -> str:
    """Text from a profile as Markdown that shows it as it is: one line, every character that
    Markdown or HTML would read as syntax backslash-escaped (no link, tag or emphasis is made)."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(str(text or "").split()))


def summary_markdown(result: DiffResult) -> str:
    lines = [f"# Changes from {md(result.old)} to {md(result.new)}", ""]
    lines += [f"> **Warning:** {md(w)}" for w in result.warnings] + ([""] if result.warnings else [])
    lines += [
        "| country | old edition | new edition | records added | removed | changed |",
        "|---|---|---|---:|---:|---:|",
    ]
    for cd in result.countries:
        totals = {"added": 0, "removed": 0, "changed": 0}
        for per in counts_by_table(cd.changes).values():
            for kind in totals:
                totals[kind] += per[kind]
        lines.append(
            f"| {md(cd.country or cd.key)} ({md(cd.key)}) | {md(_edition(cd.old))} | "
            f"{md(_edition(cd.new))} | "
            f"{totals['added']} | {totals['removed']} | {totals['changed']} |"
        )
    for cd in result.countries:
        lines += [
            "",
            f"## {md(cd.country or cd.key)} ({md(cd.key)}): {md(_edition(cd.old))} → {md(_edition(cd.new))}",
            "",
        ]
        if not cd.changes:
            lines.append("No changes.")
            continue
        lines += ["| table | records added | removed | changed |", "|---|---:|---:|---:|"]
        for table, per in counts_by_table(cd.changes).items():
            lines.append(f"| {table} | {per['added']} | {per['removed']} | {per['changed']} |")
        lines.append("")
        lines += ["- " + describe(c) for c in cd.changes]
    return "\n".join(lines) + "\n"


def counts_by_table(changes: Sequence[Change]) -> dict[str, dict[str, int]]:
    """Records added, removed and changed per table (a changed record counts once)."""
    seen: dict[str, dict[str, set[str]]] = {}
    for i, c in enumerate(changes):
        per = seen.setdefault(c.table, {"added": set(), "removed": set(), "changed": set()})
        per[c.change].add(c.record if c.change == "changed" else f"{i}")
    return {t: {k: len(v) for k, v in per.items()} for t, per in seen.items()}


def describe(c: Change) -> str:
    """One change as a Markdown list item: a long text as its changed words (~~old~~ **new**)."""
    if c.change in ("added", "removed"):
        return f"**{c.table}** {c.change}: {md(c.record)}"
    head = f"**{c.table}** {md(c.record)}: `{c.column}`"
    if is_long(c):
        excerpts = word_changes(c.old_value or "", c.new_value or "")
        if not excerpts:
            return f"{head}: spacing only"
        return f"{head}: " + " · ".join(" ".join(_md_segment(s) for s in e) for e in excerpts)
    delta = f" ({md(delta_text(c.delta))})" if c.delta is not None else ""
    return f"{head} {md(c.old_value or '∅')} → {md(c.new_value or '∅')}{delta}"


def _md_segment(segment: Segment) -> str:
    kind, text = segment
    return {"old": f"~~{md(text)}~~", "new": f"**{md(text)}**"}.get(kind, md(text))


def _edition(e: Edition | None) -> str:
    return f"{e.profile_id} ({e.source_file})" if e else "—"


HTML_STYLE = """
body { font: 15px/1.5 system-ui, sans-serif; max-width: 72rem; margin: 0 auto; padding: 1rem 1.5rem; }
table { border-collapse: collapse; }
th, td { border-bottom: 1px solid #d0d4da; padding: .25rem .6rem; text-align: left; }
td.num { text-align: right; } del { background: #fce8e6; color: #8c1d18; }
ins { background: #e6f4ea; color: #1e6b34; text-decoration: none; }
.warning { border-left: 4px solid #b3261e; background: #fce8e6; padding: .4rem .8rem; }
.gap { color: #8a9099; } li { margin: .3rem 0; } code { font-size: .92em; }
"""


def _h(text: object) -> str:
    return html.escape("" if text is None else str(text), quote=True)


def _html_change(c: Change) -> str:
    head = f"<b>{_h(c.table)}</b> {_h(c.record)}"
    if c.change in ("added", "removed"):
        return f'<li class="{_h(c.change)}">{head}: {_h(c.change)}</li>'
    head += f": <code>{_h(c.column)}</code> "
    if is_long(c):
        excerpts = word_changes(c.old_value or "", c.new_value or "")
        parts = [
            " ".join(
                f"<{'del' if k == 'old' else 'ins'}>{_h(t)}</{'del' if k == 'old' else 'ins'}>"
                if k in ("old", "new")
                else f'<span class="{"gap" if k == "gap" else "same"}">{_h(t)}</span>'
                for k, t in e
            )
            for e in excerpts
        ]
        body = " · ".join(parts) or "spacing only"
    else:
        body = f"<del>{_h(c.old_value or '∅')}</del> → <ins>{_h(c.new_value or '∅')}</ins>"
        if c.delta is not None:
            body += f" ({_h(delta_text(c.delta))})"
    return f'<li class="changed">{head}{body}</li>'


def changes_html(result: DiffResult) -> str:
    """Pure: the diff as one self-contained page, one section per country, every value escaped."""
    sections = []
    for cd in result.countries:
        title = f"{_h(cd.country or cd.key)} ({_h(cd.key)}): {_h(_edition(cd.old))} → {_h(_edition(cd.new))}"
        counts = counts_by_table(cd.changes)
        if cd.changes:
            rows = "".join(
                f'<tr><td>{_h(t)}</td><td class="num">{n["added"]}</td><td class="num">{n["removed"]}</td>'
                f'<td class="num">{n["changed"]}</td></tr>'
                for t, n in counts.items()
            )
            body = (
                "<table><thead><tr><th>table</th><th>added</th><th>removed</th><th>changed</th></tr></thead>"
                f"<tbody>{rows}</tbody></table><ul>{''.join(_html_change(c) for c in cd.changes)}</ul>"
            )
        else:
            body = "<p>No changes.</p>"
        sections.append(f'<section id="country-{_h(cd.key)}"><h2>{title}</h2>{body}</section>')
    warnings = "".join(f'<p class="warning">Warning: {_h(w)}</p>' for w in result.warnings)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>Changes · diaspora-profiles</title>
<style>{HTML_STYLE}</style>
</head>
<body>
<h1>Changes from {_h(result.old)} to {_h(result.new)}</h1>
{warnings}
{"".join(sections) or "<p>No countries on either side.</p>"}
</body>
</html>
"""


def write_changes(out: Path, result: DiffResult) -> None:
    from pipeline.output.parquet import write_parquet
    from pipeline.output.write import write_csv

    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    df = changes_frame(result.changes)
    write_csv(out / "changes.csv", df)
    write_parquet(out / "changes.parquet", df)
    (out / "changes.md").write_text(summary_markdown(result), encoding="utf-8")
    (out / "changes.html").write_text(changes_html(result), encoding="utf-8")
