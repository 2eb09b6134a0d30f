"""The validation report: summary counts, then one entry per finding, as plain data."""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from pipeline import __version__
from pipeline.model.findings import RULES, Finding, Scope, Severity

if TYPE_CHECKING:  # pandas is imported by whoever builds the frames, not to report on them
    import pandas as pd


@dataclass(frozen=True)
class DocumentStatus:
    file: str
    profile_id: str | None
    status: str  # "ok" | "failed"


def finding_dict(f: Finding) -> dict:
    d = dataclasses.asdict(f)
    d["severity"] = f.severity.value
    d["scope"] = f.scope.value  # its rule's: document, table, row or cell
    d["bbox"] = list(f.bbox) if f.bbox else None
    return d


def finding_from_dict(d: Mapping) -> Finding:
    """A finding read back from report.json. Its scope is its rule's: a code this version does
    not know (a report written by another version) is a ValueError, as a malformed entry is."""
    if d.get("code") not in RULES:
        raise ValueError(f"report.json has a finding of unknown code {d.get('code')!r}")
    names = {f.name for f in dataclasses.fields(Finding)}
    values = {k: v for k, v in d.items() if k in names}
    values["severity"] = Severity(values["severity"])
    values["bbox"] = tuple(values["bbox"]) if values.get("bbox") else None
    values["hint"] = values.get("hint") or ""
    return Finding(**values)


def document_from_dict(d: Mapping) -> DocumentStatus:
    return DocumentStatus(file=d["file"], profile_id=d.get("profile_id"), status=d["status"])


def sort_key(f: Finding) -> tuple:
    return (
        f.file or "",
        f.profile_id or "",
        f.table or "",
        f.seq or 0,
        f.column or "",
        f.code,
        f.value or "",
    )


def unique_findings(findings: Iterable[Finding]) -> tuple[Finding, ...]:
    """Each finding once (the same problem found by two stages is one entry)."""
    return tuple(dict.fromkeys(findings))


def _counts(findings: Iterable[Finding]) -> dict[str, int]:
    found = list(findings)
    errors = sum(f.severity is Severity.ERROR for f in found)
    return {"errors": errors, "warnings": len(found) - errors}


def table_summary(frames: Mapping[str, pd.DataFrame], findings: Iterable[Finding]) -> list[dict]:
    """Rows, errors and warnings of every table of every source the profiles table lists (a
    finding of table scope, such as a missing CSV, counts for every source)."""
    profiles = frames.get("profiles")
    if profiles is None or profiles.empty:
        return []
    by_source: dict[tuple[str | None, str | None], list[Finding]] = {}
    whole_table: dict[str | None, list[Finding]] = {}
    for f in findings:
        if f.scope is Scope.TABLE:
            whole_table.setdefault(f.table, []).append(f)
        else:
            by_source.setdefault((f.table, f.file), []).append(f)
    rows = {
        table: df.groupby(["profile_id", "source_file"], dropna=False, observed=True).size().to_dict()
        if not df.empty
        else {}
        for table, df in frames.items()
    }
    out = []
    for profile_id, source_file in (
        profiles[["profile_id", "source_file"]].astype(object).itertuples(index=False, name=None)
    ):
        for table in frames:
            mine = by_source.get((table, source_file), []) + whole_table.get(table, [])
            out.append(
                {
                    "profile_id": profile_id,
                    "file": source_file,
                    "table": table,
                    "rows": int(rows[table].get((profile_id, source_file), 0)),
                    **_counts(mine),
                }
            )
    return out


def build_report(
    documents: list[DocumentStatus],
    findings: tuple[Finding, ...],
    frames: Mapping[str, pd.DataFrame] | None = None,
    origin: str = "run",
) -> dict:
    """``origin``: "run" (tables read from the documents) or "validate" (re-validated from the
    output folder's CSVs)."""
    ordered = sorted(unique_findings(findings), key=sort_key)
    by_code = Counter(f.code for f in ordered)
    severity_of = {f.code: f.severity.value for f in ordered}
    per_doc = [
        {**dataclasses.asdict(d), **_counts(f for f in ordered if f.file == d.file)} for d in documents
    ]
    counts = _counts(ordered)
    return {
        "generated_by": f"diaspora-profiles {__version__}",
        "origin": origin,
        "summary": {
            "documents": len(documents),
            "documents_failed": sum(d.status != "ok" for d in documents),
            "errors": counts["errors"],
            "warnings": counts["warnings"],
            "by_code": dict(sorted(by_code.items())),
            "severity_of_code": dict(sorted(severity_of.items())),
        },
        "documents": per_doc,
        "tables": table_summary(frames or {}, ordered),
        "findings": [finding_dict(f) for f in ordered],
    }
