"""Credits: author, editor, publication and update months.

The document gives a month and a year; a date here is the first day of that month."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from pipeline.model.document import Block
from pipeline.model.domain import CENTURY
from pipeline.model.findings import Finding, finding

MONTHS = {
    m: i
    for i, m in enumerate(
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ],
        start=1,
    )
}
MONTHS.update({k[:3]: v for k, v in list(MONTHS.items())})
PUBLISHED_YEAR = rf"(?!18){CENTURY}\d\d"  # a publication year: 1900..2099
MONTH = rf"(?P<month>[A-Za-z]{{3,9}})\.?\s+(?P<year>{PUBLISHED_YEAR})"
STOP = (
    r"(?=\s*(?:edited by|written by|updated|implemented by|funded by|published|"
    rf"(?:[A-Za-z]{{3,9}}\.?\s+{PUBLISHED_YEAR}))|$)"
)


@dataclass(frozen=True)
class Credits:
    written_by: str | None
    edited_by: str | None
    published: date | None  # first day of the month printed
    updated: date | None
    findings: tuple[Finding, ...]

    @property
    def edition(self) -> date | None:
        """The edition's date: its update, else its first publication."""
        return self.updated or self.published


def month_of(text: str) -> date | None:
    """'September 2022' -> 2022-09-01 (a month is dated by its first day); None if not a month."""
    m = re.fullmatch(MONTH, text.strip())
    if not m or m.group("month").lower() not in MONTHS:
        return None
    return date(int(m.group("year")), MONTHS[m.group("month").lower()], 1)


def parse_credits(blocks: tuple[Block, ...], file: str) -> Credits:
    text = " ".join(b.text for b in blocks)
    findings: list[Finding] = []
    written = re.search(rf"written by\s*:?\s*(?P<v>.+?){STOP}", text, re.I)
    edited = re.search(rf"edited by\s*:?\s*(?P<v>.+?){STOP}", text, re.I)
    updated = re.search(rf"updated\s*(?:in|:)?\s*{MONTH}", text, re.I)
    text_wo_updated = text[: updated.start()] + text[updated.end() :] if updated else text
    published = None
    for m in re.finditer(MONTH, text_wo_updated):
        if m.group("month").lower() in MONTHS:
            published = date(int(m.group("year")), MONTHS[m.group("month").lower()], 1)
            break
    upd = None
    if updated:
        upd = month_of(f"{updated.group('month')} {updated.group('year')}")
        if upd is None:
            findings.append(
                finding(
                    "date-unparsed",
                    file=file,
                    value=updated.group(0),
                    field="updated",
                    table="profiles",
                    column="updated",
                )
            )
    for label, credit in (("written_by", written), ("edited_by", edited)):
        if credit is None:
            findings.append(
                finding("credits-missing", file=file, field=label, table="profiles", column=label)
            )
    if published is None:
        findings.append(
            finding("credits-missing", file=file, field="published", table="profiles", column="published")
        )
    return Credits(
        written_by=written.group("v").strip() if written else None,
        edited_by=edited.group("v").strip() if edited else None,
        published=published,
        updated=upd,
        findings=tuple(findings),
    )
