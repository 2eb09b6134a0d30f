"""``python -m pipeline validate DIR``: re-validate an output folder from its CSVs (an analyst may
have edited one) and rewrite its report.

Every table finding (schemas, checks) is computed again from the CSVs. Findings that came from
reading the documents (extraction, structure, parsing) cannot be, since the documents are not
read again: they are kept from the folder's previous report. So are the ``sources-disagree``
findings: they compare the sources of a profile before the run merged them into one record, and the
folder holds the merged tables only.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from pipeline.model.findings import Finding, Severity, finding
from pipeline.output.report import (
    DocumentStatus,
    build_report,
    document_from_dict,
    finding_from_dict,
)
from pipeline.output.write import LIST_SEPARATOR, replace_report
from pipeline.tables.build import frame
from pipeline.tables.checks import CHECK_CODES, run_checks
from pipeline.tables.validate import SCHEMA_CODES, column_codes, validate_tables
from schemas import TABLES

READ_CODES = frozenset({"table-missing", "table-unreadable"})


@dataclass(frozen=True)
class Revalidation:
    out: Path
    findings: tuple[Finding, ...]
    report: dict

    @property
    def exit_code(self) -> int:
        return 1 if any(f.severity is Severity.ERROR for f in self.findings) else 0


def table_codes() -> frozenset[str]:
    """Codes computed from the tables; every other code comes from reading a document."""
    return SCHEMA_CODES | column_codes() | CHECK_CODES | READ_CODES


def read_csv_tables(folder: Path) -> tuple[dict[str, pd.DataFrame], list[Finding]]:
    """The folder's CSVs as text frames (empty cell -> null, lists split); a table that is missing
    or unreadable is reported and read as empty."""
    frames: dict[str, pd.DataFrame] = {}
    findings: list[Finding] = []
    for table, spec in TABLES.items():
        path = folder / f"{table}.csv"
        if not path.is_file():
            findings.append(finding("table-missing", table=table))
            frames[table] = frame(table, {})
            continue
        try:
            df = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
        except (UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
            findings.append(finding("table-unreadable", table=table, reason=" ".join(str(exc).split())[:200]))
            frames[table] = frame(table, {})
            continue
        df = df.astype(object).where(df != "", None)
        for name, column in spec.schema.columns.items():
            if name in df.columns and str(column.dtype) == "object":  # lists, ';'-joined in CSV
                df[name] = df[name].map(lambda v: v.split(LIST_SEPARATOR) if isinstance(v, str) else v)
        frames[table] = df
    return frames, findings


def previous_report(folder: Path, profiles: pd.DataFrame) -> tuple[list[DocumentStatus], tuple[Finding, ...]]:
    """Documents and document findings of the folder's last report; without one, the documents
    the profiles table lists."""
    path = folder / "validation" / "report.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        documents = [document_from_dict(d) for d in data["documents"]]
        codes = table_codes()
        carried = tuple(finding_from_dict(f) for f in data["findings"] if f["code"] not in codes)
        return documents, carried
    except (OSError, ValueError, KeyError, TypeError):
        pass
    documents = [
        DocumentStatus(file=str(file), profile_id=r["profile_id"], status="ok")
        for _, r in profiles.iterrows()
        for file in _sources(r)
    ]
    return documents, ()


def _sources(profile: pd.Series) -> list[str]:
    """The profile's source files: every one it lists, else the one its values were read from."""
    listed = profile.get("source_files")
    if isinstance(listed, list) and all(isinstance(f, str) for f in listed) and listed:
        return listed
    file = profile.get("source_file")
    return [file] if isinstance(file, str) else []


def revalidate(folder: Path) -> Revalidation:
    """Read the CSVs, validate, check, and rewrite ``folder``/validation/."""
    folder = Path(folder)
    frames, read_findings = read_csv_tables(folder)
    documents, carried = previous_report(folder, frames["profiles"])
    tables, schema_findings = validate_tables(frames)
    findings = carried + tuple(read_findings) + schema_findings + run_checks(tables)
    report = build_report(documents, findings, tables, origin="validate")
    replace_report(folder, report)
    return Revalidation(out=folder, findings=findings, report=report)
