"""Findings: every problem the pipeline reports, with a stable code, a severity and a location.

Modelled on frictionless-py errors: a code names the rule, a message template names the value
and the rule it broke, and the location says where (file, page, bbox, text line, table row).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any

from pipeline.model.geometry import BBox


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


class Scope(StrEnum):
    """What a rule's findings are about, from the widest to the narrowest."""

    DOCUMENT = "document"  # an input file or the document as a whole (no table)
    TABLE = "table"  # a whole table of every source: a missing CSV, a missing or unknown column
    ROW = "row"  # a row of a table (or rows: numbering, keys, references between tables)
    CELL = "cell"  # one value: a column of a row


@dataclass(frozen=True)
class Rule:
    code: str
    severity: Severity
    template: str
    hint: str = ""
    scope: Scope = field(kw_only=True)  # every rule states it


RULES: dict[str, Rule] = {
    r.code: r
    for r in (
        # documents
        Rule(
            "file-unreadable",
            Severity.ERROR,
            "cannot read {file}: {reason}",
            "check the file is a complete, unencrypted PDF or a UTF-8 text file",
            scope=Scope.DOCUMENT,
        ),
        Rule(
            "unsupported-format",
            Severity.ERROR,
            "{file} has extension '{ext}', which is not a profile format",
            "give .pdf or .txt files",
            scope=Scope.DOCUMENT,
        ),
        Rule(
            "no-profiles",
            Severity.ERROR,
            "no .pdf or .txt profiles found in {path}",
            "point the command at a profile file or a folder that holds some",
            scope=Scope.DOCUMENT,
        ),
        Rule(
            "duplicate-file",
            Severity.WARNING,
            "{file} has the same content as {value}; it was processed once",
            "remove one of the copies",
            scope=Scope.DOCUMENT,
        ),
        Rule(
            "not-a-profile",
            Severity.ERROR,
            "{file} is not a diaspora engagement profile: {reason}",
            "remove it from the input folder",
            scope=Scope.DOCUMENT,
        ),
        Rule(
            "file-empty",
            Severity.ERROR,
            "{file} is empty (0 bytes)",
            "download or export the profile again; an empty file holds nothing to extract",
            scope=Scope.DOCUMENT,
        ),
        Rule(
            "file-skipped",
            Severity.WARNING,
            "{file} in {path} was skipped: extension '{ext}' is not a profile format",
            "convert it to .pdf or .txt if it is a profile",
            scope=Scope.DOCUMENT,
        ),
        Rule(
            "not-a-pdf",
            Severity.ERROR,
            "{file} is named .pdf but is not a PDF: {reason}",
            "download the profile again, or give the file the extension of what it really is",
            scope=Scope.DOCUMENT,
        ),
        Rule(
            "pdf-damaged",
            Severity.ERROR,
            "{file} is a damaged or incomplete PDF: {reason}",
            "download or export the PDF again (a cut-short download is the usual cause)",
            scope=Scope.DOCUMENT,
        ),
        Rule(
            "pdf-encrypted",
            Severity.ERROR,
            "{file} is protected by a password",
            "save a copy without the password (e.g. qpdf --decrypt --password=PASSWORD in.pdf out.pdf)"
            " and run on that",
            scope=Scope.DOCUMENT,
        ),
        Rule(
            "no-text-layer",
            Severity.ERROR,
            "{file} has no text layer: its {value} page(s) hold only images or drawings (a scan?)",
            "run OCR on it (e.g. ocrmypdf in.pdf out.pdf) and run on the OCR'd copy",
            scope=Scope.DOCUMENT,
        ),
        Rule(
            "too-large",
            Severity.ERROR,
            "{file} is far larger than a profile: {reason}",
            "check it is the right file; a profile is a few pages "
            "(the limits are in pipeline/extract/limits.py)",
            scope=Scope.DOCUMENT,
        ),
        Rule(
            "timed-out",
            Severity.ERROR,
            "{file} took longer than {value} s to process, the time limit for a document",
            "check it is the right file; a profile takes seconds "
            "(the limits are in pipeline/extract/limits.py)",
            scope=Scope.DOCUMENT,
        ),
        Rule(
            "file-not-regular",
            Severity.WARNING,
            "{file} in {path} was skipped: it is not a regular file (a FIFO, device or socket)",
            "copy the profile into the folder as an ordinary file",
            scope=Scope.DOCUMENT,
        ),
        Rule(
            "link-outside",
            Severity.WARNING,
            "{file} in {path} was skipped: it is a link to something outside the input folder",
            "copy the profile into the input folder, or give its real path",
            scope=Scope.DOCUMENT,
        ),
        Rule(
            "parquet-stale",
            Severity.WARNING,
            "{table}.parquet no longer holds what {table}.csv holds: the CSV was changed after the run",
            "run 'validate --rebuild' on the folder to rewrite the Parquet files, datapackage.json, "
            "the database and the report from the CSVs",
            scope=Scope.TABLE,
        ),
        Rule(
            "title-missing",
            Severity.ERROR,
            "no 'Diaspora engagement mapping <COUNTRY>' title was found; country and iso3 are null",
            "check the first page of the profile is present",
            scope=Scope.DOCUMENT,
        ),
        Rule(
            "internal-error",
            Severity.ERROR,
            "{file} could not be processed because of a bug: {reason}",
            "please report it with the file; the other documents were processed",
            scope=Scope.DOCUMENT,
        ),
        Rule(
            "hyphen-uncertain",
            Severity.WARNING,
            "the hyphen at a line end in '{value}' may be the word's own or a break, {reason}",
            "check the word in the PDF: the records carry it as the finding says, which may be wrong",
            scope=Scope.DOCUMENT,
        ),
        Rule(
            "hyphen-unproven",
            Severity.ERROR,
            "the hyphen at a line end in '{value}' may be the word's own or a break, {reason}",
            "check the word in the PDF: the records carry the hyphen as printed, which may be wrong",
            scope=Scope.DOCUMENT,
        ),
        # structure
        Rule(
            "section-missing",
            Severity.ERROR,
            "section '{section}' was not found in the document",
            "check the profile is complete; its records for that section are absent",
            scope=Scope.DOCUMENT,
        ),
        Rule(
            "section-missing-optional",
            Severity.WARNING,
            "section '{section}' was not found in the document",
            "",
            scope=Scope.DOCUMENT,
        ),
        Rule(
            "heading-unknown",
            Severity.WARNING,
            "heading '{value}' matches no known section; its text is kept in the sections table",
            "",
            scope=Scope.DOCUMENT,
        ),
        Rule(
            "block-unparsed",
            Severity.WARNING,
            "text '{value}' in section '{section}' was not turned into a record",
            "",
            scope=Scope.ROW,
        ),
        # values
        Rule(
            "indicator-not-shown",
            Severity.WARNING,
            "indicator '{indicator}' is not in the text layer (drawn, not typed); its value is null",
            "",
            scope=Scope.CELL,
        ),
        Rule(
            "value-unparsed",
            Severity.ERROR,
            "value '{value}' of {field} is not a number",
            "",
            scope=Scope.CELL,
        ),
        Rule(
            "value-unpaired",
            Severity.ERROR,
            "{field}: '{value}' cannot be paired with its label by position: {reason}",
            "each value must sit in a box of its own under its label, or beside it on its baseline",
            scope=Scope.CELL,
        ),
        Rule(
            "value-out-of-range",
            Severity.ERROR,
            "value '{value}' of {field} is out of range: {reason}",
            "",
            scope=Scope.CELL,
        ),
        Rule(
            "country-unresolved",
            Severity.ERROR,
            "country name '{value}' does not resolve to an ISO 3166 code",
            "add an alias in pipeline/model/countries.py if the name is a real variant",
            scope=Scope.CELL,
        ),
        Rule(
            "status-not-shown",
            Severity.WARNING,
            "political right '{value}' shows its status only as an icon; status is null",
            "",
            scope=Scope.CELL,
        ),
        Rule(
            "date-unparsed",
            Severity.ERROR,
            "date '{value}' of {field} is not a month and year",
            "",
            scope=Scope.CELL,
        ),
        Rule("credits-missing", Severity.ERROR, "credits line '{field}' was not found", "", scope=Scope.CELL),
        # notes
        Rule(
            "marker-without-note",
            Severity.ERROR,
            "marker {value} points to no footnote{cited_in}",
            "",
            scope=Scope.ROW,
        ),
        Rule(
            "note-not-cited",
            Severity.WARNING,
            "footnote {value} is never cited in the text",
            "",
            scope=Scope.ROW,
        ),
        Rule(
            "note-out-of-sequence",
            Severity.ERROR,
            "footnote numbers are not consecutive from 1: {value}",
            "",
            scope=Scope.ROW,
        ),
        # schema
        Rule(
            "schema-check-failed",
            Severity.ERROR,
            "{table}.{column} value {value!r} fails check '{check}'",
            "",
            scope=Scope.CELL,
        ),
        # enrichment (pipeline/enrich)
        Rule(
            "mention-ambiguous",
            Severity.WARNING,
            "'{value}' in {table}.{column} names several rows ({rows}); the mention links to none of them",
            "give the rows distinct names or acronyms",
            scope=Scope.CELL,
        ),
        Rule(
            "instrument-ambiguous",
            Severity.WARNING,
            "'{value}' gives no year, and instruments of its kind and number are dated {years};"
            " it is kept as an instrument of its own",
            "",
            scope=Scope.ROW,
        ),
        Rule(
            "ner-model-unavailable",
            Severity.ERROR,
            "statistical model '{value}' cannot be loaded ({reason}); entities come from the rules only",
            "install the model package, or run without --ner-model",
            scope=Scope.DOCUMENT,
        ),
        # tables (schemas/ column checks and pipeline/checks/ on the validated frames)
        Rule(
            "table-missing",
            Severity.ERROR,
            "the output folder has no {table}.csv",
            "restore the file from the run that wrote the folder",
            scope=Scope.TABLE,
        ),
        Rule(
            "table-unreadable",
            Severity.ERROR,
            "{table}.csv cannot be read as a UTF-8 CSV: {reason}",
            "restore the file, or save it again as UTF-8 CSV",
            scope=Scope.TABLE,
        ),
        Rule(
            "column-missing",
            Severity.ERROR,
            "{table}.csv has no column '{column}'",
            "restore the column; every table keeps the columns of its schema",
            scope=Scope.TABLE,
        ),
        Rule(
            "column-unknown",
            Severity.ERROR,
            "{table}.csv has a column '{column}' that its schema does not define",
            "remove the column or rename it to a schema column",
            scope=Scope.TABLE,
        ),
        Rule(
            "type-error",
            Severity.ERROR,
            "{table}.{column} value {value!r} is not {type}",
            "",
            scope=Scope.CELL,
        ),
        Rule(
            "value-missing",
            Severity.ERROR,
            "{table}.{column} is empty, but every row needs a value",
            "",
            scope=Scope.CELL,
        ),
        Rule(
            "duplicate-key",
            Severity.ERROR,
            "{table} key ({column}) = ({value}) occurs more than once",
            "each row needs its own key",
            scope=Scope.ROW,
        ),
        Rule(
            "profile-missing",
            Severity.ERROR,
            "{rows} {table} row(s) belong to profile {value}, which the profiles table does not list",
            "fix profile_id and source_file, or restore the profile row",
            scope=Scope.ROW,
        ),
        Rule(
            "url-without-note",
            Severity.ERROR,
            "URL {value} belongs to footnote {number}, which the footnotes table does not list",
            "",
            scope=Scope.ROW,
        ),
        Rule(
            "shares-not-100",
            Severity.ERROR,
            "male and female shares of {group} sum to {value}, not 100 (tolerance {tolerance})",
            "compare both values with the document",
            scope=Scope.ROW,
        ),
        Rule(
            "rank-out-of-sequence",
            Severity.ERROR,
            "destination ranks are {value}, not 1..{n}",
            "",
            scope=Scope.ROW,
        ),
        Rule(
            "counts-not-descending",
            Severity.ERROR,
            "destination rank {seq} has {value} emigrants, more than rank {previous_rank} ({previous})",
            "ranks order destinations by emigrants, largest first",
            scope=Scope.ROW,
        ),
        Rule(
            "year-out-of-range",
            Severity.ERROR,
            "{table}.{column} year {value} is outside {min}..{max}",
            "",
            scope=Scope.CELL,
        ),
        Rule(
            "start-after-end",
            Severity.ERROR,
            "{table} row {seq} starts in {value}, after it ends ({end})",
            "",
            scope=Scope.ROW,
        ),
        Rule(
            "iso3-unknown",
            Severity.ERROR,
            "{table}.{column} value {value!r} is not an ISO 3166-1 alpha-3 code",
            "",
            scope=Scope.CELL,
        ),
        Rule(
            "url-malformed",
            Severity.ERROR,
            "{table}.{column} value {value!r} is not a well-formed web address",
            "",
            scope=Scope.CELL,
        ),
        Rule(
            "value-negative",
            Severity.ERROR,
            "{table}.{column} value {value} is negative",
            "",
            scope=Scope.CELL,
        ),
        Rule(
            "value-impossible",
            Severity.ERROR,
            "{table}.{column} value {value} is impossible: {reason}",
            "",
            scope=Scope.CELL,
        ),
        # sources of one profile (pipeline/tables/checks/sources.py)
        Rule(
            "sources-disagree",
            Severity.ERROR,
            "{table} {key}: {reason}",
            "open both sources at the row: the one that differs from the printed page is misread",
            scope=Scope.ROW,
        ),
        # plausibility of extracted text (pipeline/tables/checks/plausibility.py)
        Rule(
            "heading-in-value",
            Severity.ERROR,
            "{table}.{column} value {value!r} is not plausible: {reason}",
            "a heading was read into the value: compare the row with the page",
            scope=Scope.CELL,
        ),
        Rule(
            "words-glued",
            Severity.ERROR,
            "{table}.{column} has the glued word {value!r}: {reason}",
            "spaces between words were lost in extraction: compare the row with the page",
            scope=Scope.CELL,
        ),
        Rule(
            "year-range-cut",
            Severity.ERROR,
            "{table}.{column} has the cut year range {value!r}: {reason}",
            "the rest of the year was lost at a line end: compare the row with the page",
            scope=Scope.CELL,
        ),
        Rule(
            "hyphen-space",
            Severity.ERROR,
            "{table}.{column} has {value!r}: {reason}",
            "a line-end hyphen was kept: compare the row with the page",
            scope=Scope.CELL,
        ),
        Rule(
            "bullet-in-text",
            Severity.ERROR,
            "{table}.{column} has {value!r}: {reason}",
            "another row was read into this one (reading order): compare the row with the page",
            scope=Scope.CELL,
        ),
        Rule(
            "range-mark-in-text",
            Severity.ERROR,
            "{table}.{column} has {value!r}: {reason}",
            "a timeline's year column was read into this text (its end year may be lost): compare the row "
            "with the page",
            scope=Scope.CELL,
        ),
        Rule(
            "status-in-label",
            Severity.ERROR,
            "{table}.{column} has {value!r}: {reason}",
            "the status printed beside the right was read into its label: compare the row with the page",
            scope=Scope.CELL,
        ),
        Rule(
            "note-number-glued",
            Severity.ERROR,
            "{table}.{column} starts {value!r}: {reason}",
            "the note's number and text were read as one word: compare the note with the page",
            scope=Scope.CELL,
        ),
        Rule(
            "url-glued",
            Severity.ERROR,
            "{table}.{column} address {value!r} is not plausible: {reason}",
            "the word after the address was read into it: compare the row with the page",
            scope=Scope.CELL,
        ),
        Rule(
            "profile-id-malformed",
            Severity.ERROR,
            "profile id {value!r} is not ISO3-YYYY-MM of its profile: {reason}",
            "the id is built from the country and edition date: check both against the title page",
            scope=Scope.CELL,
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

    @property
    def scope(self) -> Scope:
        """What the finding is about: its rule's scope."""
        return RULES[self.code].scope

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


# What to do about a finding, for the codes whose rule gives no hint (the report shows one for
# every code: ``what_to_do``).
WHAT_TO_DO: dict[str, str] = {
    "section-missing-optional": "nothing if the edition lacks it; else check the heading in the document",
    "heading-unknown": "if it names a known section in other words, add the wording to the vocabulary",
    "block-unparsed": "read the text at the crop or line shown; enter the value by hand if you need it",
    "indicator-not-shown": "the figure is drawn as an image: read it from the document if you need it",
    "value-unparsed": "read the value in the document; correct the CSV cell or report the layout",
    "value-out-of-range": "compare the value with the document; a misread digit or decimal point is likely",
    "status-not-shown": "the status is shown only as an icon: read it from the document if you need it",
    "date-unparsed": "read the date in the credits; the edition is dated by the publication month meanwhile",
    "credits-missing": "check the credits at the end of the document; the column stays empty",
    "marker-without-note": "check the footnote numbering in the document; the citation points nowhere",
    "note-not-cited": "nothing if an image or table cites it; else look for its marker in the text",
    "note-out-of-sequence": "compare the notes with the document: a note was missed or split",
    "schema-check-failed": "compare the cell with the document and correct it in the CSV, then run validate",
    "instrument-ambiguous": "check which instrument the text means; join on name rather than year for it",
    "type-error": "correct the cell in the CSV to the column's type, then run validate",
    "value-missing": "fill the cell from the document, then run validate",
    "url-without-note": "restore the footnote row or remove the URL row, then run validate",
    "rank-out-of-sequence": "renumber the destinations 1..n in the document's order, then run validate",
    "year-out-of-range": "compare the year with the document; a misread digit is likely",
    "start-after-end": "compare both years with the document; they may be swapped",
    "iso3-unknown": "correct the code (ISO 3166-1 alpha-3) or empty the cell, then run validate",
    "url-malformed": "compare the address with the document's note; a line break may have split it",
    "value-negative": "compare the value with the document; a dash may have been read as a minus sign",
    "value-impossible": "compare the value with the document and correct the CSV cell",
}


def what_to_do(code: str) -> str:
    """The hint of a code: its rule's, else ``WHAT_TO_DO``'s (empty for an unknown code)."""
    rule = RULES.get(code)
    return (rule.hint if rule is not None else "") or WHAT_TO_DO.get(code, "")
