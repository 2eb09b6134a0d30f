"""``python -m pipeline validate DIR [--rebuild]``: re-validate an output folder from its CSVs (an
analyst may have edited one) and rewrite its report; with ``--rebuild``, also rewrite the Parquet
files and datapackage.json from the CSVs (the whole folder swapped in at once). Without it, a
CSV changed since the run is reported (``parquet-stale``): its Parquet file holds the old values.

Only a folder written by ``run`` (it has the marker file) is read, and nothing is written
outside it: ``validate raw`` is refused.

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
from pipeline.output.write import (
    LIST_SEPARATOR,
    MARKER,
    csv_digests,
    csv_text,
    is_output_folder,
    output_lock,
    read_marker,
    replace_report,
    write_outputs,
)
from pipeline.tables.build import frame
from pipeline.tables.checks import CHECK_CODES, run_checks
from pipeline.tables.validate import SCHEMA_CODES, column_codes, validate_tables
from schemas import TABLES

READ_CODES = frozenset({"table-missing", "table-unreadable"})
OWN_CODES = frozenset({"parquet-stale"})  # about the folder itself: found anew by each validate


class NotAnOutputFolder(Exception):
    """``validate`` was given a folder that ``run`` did not write."""


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
        df = df.astype(object).where(df != "", None).map(lambda v: csv_text(v) if isinstance(v, str) else v)
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
        carried = tuple(finding_from_dict(f) for f in data["findings"] if f["code"] not in codes | OWN_CODES)
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


def stale_tables(folder: Path) -> tuple[Finding, ...]:
    """A finding per CSV whose bytes are not those the run (or the last rebuild) wrote: its
    Parquet file holds other values. None for a folder whose marker records no digests."""
    written = (read_marker(folder) or {}).get("csv_sha256") or {}
    now = csv_digests(folder)
    return tuple(
        finding("parquet-stale", table=name.removesuffix(".csv"))
        for name in sorted(written)
        if name in now and now[name] != written[name]
    )


def revalidate(folder: Path, rebuild: bool = False) -> Revalidation:
    """Read the CSVs, validate, check, and rewrite ``folder``/validation/; with ``rebuild``,
    rewrite the Parquet files, datapackage.json and the report from the CSVs, all at once.
    Raises NotAnOutputFolder for a folder ``run`` did not write."""
    from pipeline.output.evidence import kept_crops, with_evidence  # rows; crops drawn by the run

    folder = Path(folder)
    if not folder.is_dir() or not is_output_folder(folder):
        raise NotAnOutputFolder(
            f"{folder} is not an output folder of 'run' (it has no {MARKER} file); "
            "give the --out folder of a run"
        )
    with output_lock(folder):
        frames, read_findings = read_csv_tables(folder)
        documents, carried = previous_report(folder, frames["profiles"])
        tables, schema_findings = validate_tables(frames)
        stale = () if rebuild else stale_tables(folder)
        findings = carried + tuple(read_findings) + stale + schema_findings + run_checks(tables, carried)
        report = with_evidence(
            build_report(documents, findings, tables, origin="validate"), tables, {}, kept_crops(folder)
        )
        if rebuild:
            write_outputs(folder, tables, report, csv_from=folder)
        else:
            replace_report(folder, report)
    return Revalidation(out=folder, findings=findings, report=report)
