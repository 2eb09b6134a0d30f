"""The validation report: summary counts, then one entry per finding, as plain data."""

from __future__ import annotations

import dataclasses
from collections import Counter
from dataclasses import dataclass

from pipeline import __version__
from pipeline.errors import Finding, Severity


@dataclass(frozen=True)
class DocumentStatus:
    file: str
    profile_id: str | None
    status: str  # "ok" | "failed"


def finding_dict(f: Finding) -> dict:
    d = dataclasses.asdict(f)
    d["severity"] = f.severity.value
    d["bbox"] = list(f.bbox) if f.bbox else None
    return d


def sort_key(f: Finding) -> tuple:
    return (f.file or "", f.profile_id or "", f.table or "", f.seq or 0, f.column or "", f.code, f.value or "")


def build_report(documents: list[DocumentStatus], findings: tuple[Finding, ...]) -> dict:
    ordered = sorted(findings, key=sort_key)
    by_code = Counter(f.code for f in ordered)
    errors = sum(f.severity is Severity.ERROR for f in ordered)
    per_doc = []
    for d in documents:
        mine = [f for f in ordered if f.file == d.file]
        per_doc.append({
            **dataclasses.asdict(d),
            "errors": sum(f.severity is Severity.ERROR for f in mine),
            "warnings": sum(f.severity is Severity.WARNING for f in mine),
        })
    return {
        "generated_by": f"diaspora-profiles {__version__}",
        "summary": {
            "documents": len(documents),
            "documents_failed": sum(d.status != "ok" for d in documents),
            "errors": errors,
            "warnings": len(ordered) - errors,
            "by_code": dict(sorted(by_code.items())),
        },
        "documents": per_doc,
        "findings": [finding_dict(f) for f in ordered],
    }
