"""Findings: every problem the pipeline reports, with a stable code, a severity and a location.

Modelled on frictionless-py errors: a code names the rule, a message template names the value
and the rule it broke, and the location says where (file, page, bbox, text line, table row).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Any

from pipeline.model.geometry import BBox


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Rule:
    code: str
    severity: Severity
    template: str
    hint: str = ""


RULES: dict[str, Rule] = {
    r.code: r
    for r in (
        # documents
        Rule(
            "file-unreadable",
            Severity.ERROR,
            "cannot read {file}: {reason}",
            "check the file is a complete, unencrypted PDF or a UTF-8 text file",
        ),
        Rule(
            "unsupported-format",
            Severity.ERROR,
            "{file} has extension '{ext}', which is not a profile format",
            "give .pdf or .txt files",
        ),
        Rule(
            "no-profiles",
            Severity.ERROR,
            "no .pdf or .txt profiles found in {path}",
            "point the command at a profile file or a folder that holds some",
        ),
        Rule(
            "duplicate-file",
            Severity.WARNING,
            "{file} has the same content as {value}; it was processed once",
            "remove one of the copies",
        ),
        Rule(
            "not-a-profile",
            Severity.ERROR,
            "{file} is not a diaspora engagement profile: {reason}",
            "remove it from the input folder",
        ),
        Rule(
            "file-empty",
            Severity.ERROR,
            "{file} is empty (0 bytes)",
            "download or export the profile again; an empty file holds nothing to extract",
        ),
        Rule(
            "file-skipped",
            Severity.WARNING,
            "{file} in {path} was skipped: extension '{ext}' is not a profile format",
            "convert it to .pdf or .txt if it is a profile",
        ),
        Rule(
            "not-a-pdf",
            Severity.ERROR,
            "{file} is named .pdf but is not a PDF: {reason}",
            "download the profile again, or give the file the extension of what it really is",
        ),
        Rule(
            "pdf-damaged",
            Severity.ERROR,
            "{file} is a damaged or incomplete PDF: {reason}",
            "download or export the PDF again (a cut-short download is the usual cause)",
        ),
        Rule(
            "pdf-encrypted",
            Severity.ERROR,
            "{file} is protected by a password",
            "save a copy without the password (e.g. qpdf --decrypt --password=PASSWORD in.pdf out.pdf) and run on that",
        ),
        Rule(
            "no-text-layer",
            Severity.ERROR,
            "{file} has no text layer: its {value} page(s) hold only images or drawings (a scan?)",
            "run OCR on it (e.g. ocrmypdf in.pdf out.pdf) and run on the OCR'd copy",
        ),
        Rule(
            "too-large",
            Severity.ERROR,
            "{file} is far larger than a profile: {reason}",
            "check it is the right file; a profile is a few pages (the limits are in pipeline/limits.py)",
        ),
        Rule(
            "timed-out",
            Severity.ERROR,
            "{file} took longer than {value} s to process, the time limit for a document",
            "check it is the right file; a profile takes seconds (the limits are in pipeline/extract/limits.py)",
        ),
        Rule(
            "file-not-regular",
            Severity.WARNING,
            "{file} in {path} was skipped: it is not a regular file (a FIFO, device or socket)",
            "copy the profile into the folder as an ordinary file",
        ),
        Rule(
            "link-outside",
            Severity.WARNING,
            "{file} in {path} was skipped: it is a link to something outside the input folder",
            "copy the profile into the input folder, or give its real path",
        ),
        Rule(
            "parquet-stale",
            Severity.WARNING,
            "{table}.parquet no longer holds what {table}.csv holds: the CSV was changed after the run",
            "run 'validate --rebuild' on the folder to rewrite the Parquet files and datapackage.json from the CSVs",
        ),
        Rule(
            "title-missing",
            Severity.ERROR,
            "no 'Diaspora engagement mapping <COUNTRY>' title was found; country and iso3 are null",
            "check the first page of the profile is present",
        ),
        Rule(
            "internal-error",
            Severity.ERROR,
            "{file} could not be processed because of a bug: {reason}",
            "please report it with the file; the other documents were processed",
        ),
        # structure
        Rule(
            "section-missing",
            Severity.ERROR,
            "section '{section}' was not found in the document",
            "check the profile is complete; its records for that section are absent",
        ),
        Rule(
            "section-missing-optional",
            Severity.WARNING,
            "section '{section}' was not found in the document",
            "",
        ),
        Rule(
            "heading-unknown",
            Severity.WARNING,
            "heading '{value}' matches no known section; its text is kept in the sections table",
            "",
        ),
        Rule(
            "block-unparsed",
            Severity.WARNING,
            "text '{value}' in section '{section}' was not turned into a record",
            "",
        ),
        # values
        Rule(
            "indicator-not-shown",
            Severity.WARNING,
            "indicator '{indicator}' is not in the text layer (drawn, not typed); its value is null",
            "",
        ),
        Rule("value-unparsed", Severity.ERROR, "value '{value}' of {field} is not a number", ""),
        Rule(
            "value-out-of-range", Severity.ERROR, "value '{value}' of {field} is out of range: {reason}", ""
        ),
        Rule(
            "country-unresolved",
            Severity.ERROR,
            "country name '{value}' does not resolve to an ISO 3166 code",
            "add an alias in pipeline/parse/countries.py if the name is a real variant",
        ),
        Rule(
            "status-not-shown",
            Severity.WARNING,
            "political right '{value}' shows its status only as an icon; status is null",
            "",
        ),
        Rule("date-unparsed", Severity.ERROR, "date '{value}' of {field} is not a month and year", ""),
        Rule("credits-missing", Severity.ERROR, "credits line '{field}' was not found", ""),
        # notes
        Rule("marker-without-note", Severity.ERROR, "marker {value} points to no footnote{cited_in}", ""),
        Rule("note-not-cited", Severity.WARNING, "footnote {value} is never cited in the text", ""),
        Rule(
            "note-out-of-sequence", Severity.ERROR, "footnote numbers are not consecutive from 1: {value}", ""
        ),
        # schema
        Rule(
            "schema-check-failed",
            Severity.ERROR,
            "{table}.{column} value {value!r} fails check '{check}'",
            "",
        ),
        # enrichment (pipeline/enrich)
        Rule(
            "mention-ambiguous",
            Severity.WARNING,
            "'{value}' in {table}.{column} names several rows ({rows}); the mention links to none of them",
            "give the rows distinct names or acronyms",
        ),
        Rule(
            "instrument-ambiguous",
            Severity.WARNING,
            "'{value}' gives no year, and instruments of its kind and number are dated {years}; it is kept as an instrument of its own",
            "",
        ),
        Rule(
            "ner-model-unavailable",
            Severity.ERROR,
            "statistical model '{value}' cannot be loaded ({reason}); entities come from the rules only",
            "install the model package, or run without --ner-model",
        ),
        # tables (schemas/ column checks and pipeline/checks/ on the validated frames)
        Rule(
            "table-missing",
            Severity.ERROR,
            "the output folder has no {table}.csv",
            "restore the file from the run that wrote the folder",
        ),
        Rule(
            "table-unreadable",
            Severity.ERROR,
            "{table}.csv cannot be read as a UTF-8 CSV: {reason}",
            "restore the file, or save it again as UTF-8 CSV",
        ),
        Rule(
            "column-missing",
            Severity.ERROR,
            "{table}.csv has no column '{column}'",
            "restore the column; every table keeps the columns of its schema",
        ),
        Rule(
            "column-unknown",
            Severity.ERROR,
            "{table}.csv has a column '{column}' that its schema does not define",
            "remove the column or rename it to a schema column",
        ),
        Rule("type-error", Severity.ERROR, "{table}.{column} value {value!r} is not {type}", ""),
        Rule("value-missing", Severity.ERROR, "{table}.{column} is empty, but every row needs a value", ""),
        Rule(
            "duplicate-key",
            Severity.ERROR,
            "{table} key ({column}) = ({value}) occurs more than once",
            "each row needs its own key",
        ),
        Rule(
            "profile-missing",
            Severity.ERROR,
            "{rows} {table} row(s) belong to profile {value}, which the profiles table does not list",
            "fix profile_id and source_file, or restore the profile row",
        ),
        Rule(
            "url-without-note",
            Severity.ERROR,
            "URL {value} belongs to footnote {number}, which the footnotes table does not list",
            "",
        ),
        Rule(
            "shares-not-100",
            Severity.ERROR,
            "male and female shares of {group} sum to {value}, not 100 (tolerance {tolerance})",
            "compare both values with the document",
        ),
        Rule("rank-out-of-sequence", Severity.ERROR, "destination ranks are {value}, not 1..{n}", ""),
        Rule(
            "counts-not-descending",
            Severity.ERROR,
            "destination rank {seq} has {value} emigrants, more than rank {previous_rank} ({previous})",
            "ranks order destinations by emigrants, largest first",
        ),
        Rule(
            "year-out-of-range", Severity.ERROR, "{table}.{column} year {value} is outside {min}..{max}", ""
        ),
        Rule(
            "start-after-end",
            Severity.ERROR,
            "{table} row {seq} starts in {value}, after it ends ({end})",
            "",
        ),
        Rule(
            "iso3-unknown",
            Severity.ERROR,
            "{table}.{column} value {value!r} is not an ISO 3166-1 alpha-3 code",
            "",
        ),
        Rule(
            "url-malformed",
            Severity.ERROR,
            "{table}.{column} value {value!r} is not a well-formed web address",
            "",
        ),
        Rule("value-negative", Severity.ERROR, "{table}.{column} value {value} is negative", ""),
        Rule(
            "value-impossible", Severity.ERROR, "{table}.{column} value {value} is impossible: {reason}", ""
        ),
    )
}


@dataclass(frozen=True)
class Finding:
    code: str
    severity: Severity
    message: str
    file: str | None = None
    profile_id: str | None = None
    table: str | None = None
    column: str | None = None
    seq: int | None = None
    check: str | None = None
    value: str | None = None
    page: int | None = None
    bbox: BBox | None = None
    line: int | None = None
    hint: str = ""

    def located(self, **where: Any) -> Finding:
        return replace(self, **where)


def finding(code: str, *, severity: Severity | None = None, **params: Any) -> Finding:
    """Build the finding of rule ``code``; ``params`` fill the message template and the location."""
    rule = RULES[code]
    location_keys = {"file", "profile_id", "table", "column", "seq", "check", "value", "page", "bbox", "line"}
    message = rule.template.format_map(_Defaulting(params))
    location = {k: v for k, v in params.items() if k in location_keys}
    if "value" in location and location["value"] is not None:
        location["value"] = str(location["value"])
    return Finding(code=code, severity=severity or rule.severity, message=message, hint=rule.hint, **location)


class _Defaulting(dict):
    def __missing__(self, key: str) -> str:
        return "?"


class ProfileError(Exception):
    """A document that cannot be processed at all; carries its finding."""

    def __init__(self, finding_: Finding):
        super().__init__(finding_.message)
        self.finding = finding_
