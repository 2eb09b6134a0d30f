"""The run: find profiles, process each (extract -> structure -> parse), build tables,
validate, write. I/O happens here and in the writers; the stages in between are pure."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from pipeline.enrich import enrich
from pipeline.errors import Finding, ProfileError, Severity, finding
from pipeline.extract_text import extract_text
from pipeline.layout import Document, SourceInfo
from pipeline.limits import max_bytes
from pipeline.parse import parse_profile
from pipeline.parse.records import ProfileRecords
from pipeline.report import DocumentStatus, build_report
from pipeline.structure import outline

FORMATS = {".pdf": "pdf", ".txt": "text"}


@dataclass(frozen=True)
class DocumentResult:
    file: str
    records: ProfileRecords | None
    findings: tuple[Finding, ...]


@dataclass(frozen=True)
class RunResult:
    documents: tuple[DocumentResult, ...]
    findings: tuple[Finding, ...]
    report: dict
    out: Path

    @property
    def exit_code(self) -> int:
        return 1 if any(f.severity is Severity.ERROR for f in self.findings) else 0


def discover(paths: list[Path]) -> tuple[list[Path], list[Finding]]:
    """Profile files under the given files and folders, sorted; problems as findings. In a
    folder, hidden files and earlier outputs are not inputs and other files are reported skipped;
    a file larger than its format's limit is refused here, before it is read."""
    files: list[Path] = []
    problems: list[Finding] = []
    for path in paths:
        if path.is_dir():
            found, skipped = [], []
            outputs = {r.parent.parent for r in path.rglob("validation/report.json")}  # earlier runs' outputs
            for p in sorted(path.rglob("*")):
                hidden = any(part.startswith(".") for part in p.relative_to(path).parts)
                if p.is_file() and not hidden and not outputs.intersection(p.parents):
                    (found if p.suffix.lower() in FORMATS else skipped).append(p)
            if not found:
                problems.append(finding("no-profiles", path=str(path), file=str(path)))
            problems.extend(finding("file-skipped", file=p.name, path=str(path), ext=p.suffix or "(none)") for p in skipped)
        elif path.is_file():
            if path.suffix.lower() in FORMATS:
                found = [path]
            else:
                found = []
                problems.append(finding("unsupported-format", file=path.name, ext=path.suffix or "(none)"))
        else:
            found = []
            problems.append(finding("file-unreadable", file=str(path), reason="no such file or folder"))
        for p in found:
            if (too_large := _too_large(p)) is not None:
                problems.append(too_large)
            else:
                files.append(p)
    return files, problems


def _too_large(path: Path) -> Finding | None:
    size = path.stat().st_size
    limit = max_bytes(FORMATS[path.suffix.lower()])
    if size <= limit:
        return None
    return finding("too-large", file=path.name, value=size, reason=f"it has {size:,} bytes, more than the limit of {limit:,}")


def process(path: Path, data: bytes, ner_model: str | None = None) -> DocumentResult:
    """One document, start to finish; a ProfileError becomes its finding, and so does any other
    exception (a bug), so that one document can never cost the others."""
    fmt = FORMATS[path.suffix.lower()]
    source = SourceInfo(path=str(path), name=path.name, sha256=hashlib.sha256(data).hexdigest(), format=fmt, pages=None)
    try:
        if not data:
            raise ProfileError(finding("file-empty", file=path.name))
        document = read_document(path, data, source)
        parsed = parse_profile(outline(document))
        enriched = enrich(parsed.records, model=ner_model)
        return DocumentResult(file=path.name, records=enriched.records,
                              findings=document.findings + parsed.findings + enriched.findings)
    except ProfileError as exc:
        return DocumentResult(file=path.name, records=None, findings=(exc.finding,))
    except Exception as exc:  # noqa: BLE001 - the safety net: reported, never silent
        reason = f"{type(exc).__name__}: {exc}"[:300]
        return DocumentResult(file=path.name, records=None, findings=(finding("internal-error", file=path.name, reason=reason),))


def read_document(path: Path, data: bytes, source: SourceInfo) -> Document:
    if source.format == "pdf":
        from pipeline.extract_pdf import check_pdf_bytes, read_pdf  # pdfplumber is heavy: import it only for PDFs

        check_pdf_bytes(data, source.name)
        return read_pdf(str(path), source)
    return extract_text(data, source)


def run(paths: list[Path], out: Path, ner_model: str | None = None) -> RunResult:
    from pipeline.checks import run_checks
    from pipeline.tables import frames
    from pipeline.validate import validate_tables
    from pipeline.write import write_outputs

    files, problems = discover(paths)
    results: list[DocumentResult] = []
    seen: dict[str, str] = {}
    for path in files:
        data = path.read_bytes()
        digest = hashlib.sha256(data).hexdigest()
        if digest in seen:
            problems.append(finding("duplicate-file", file=path.name, value=seen[digest]))
            continue
        seen[digest] = path.name
        results.append(process(path, data, ner_model))
    good = [r.records for r in results if r.records is not None]
    tables, schema_findings = validate_tables(frames(good))
    findings = tuple(problems) + tuple(f for r in results for f in r.findings) + schema_findings + run_checks(tables)
    statuses = [
        DocumentStatus(file=r.file, profile_id=r.records.profile.profile_id if r.records else None,
                       status="ok" if r.records is not None and not any(f.severity is Severity.ERROR for f in r.findings) else "failed")
        for r in results
    ]
    report = build_report(statuses, findings, tables)
    write_outputs(out, tables, report)
    return RunResult(documents=tuple(results), findings=findings, report=report, out=out)
