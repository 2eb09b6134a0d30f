"""Parse stage: an Outline -> typed records for every table, plus findings."""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.model import countries
from pipeline.model.findings import Finding, ProfileError, finding
from pipeline.model.records import Citation, Profile, ProfileRecords, SectionText
from pipeline.parse.annex import parse_institutions, parse_organisations
from pipeline.parse.credits import parse_credits
from pipeline.parse.facts import facts_findings, parse_facts
from pipeline.parse.framework import parse_framework
from pipeline.parse.narrative import parse_obstacles, parse_paragraphs
from pipeline.parse.notes import parse_notes
from pipeline.parse.practices import parse_practices
from pipeline.structure.outline import TITLE_PHRASE, Outline, title_text
from pipeline.structure.vocabulary import REQUIRED_SECTIONS


@dataclass(frozen=True)
class ParseResult:
    records: ProfileRecords
    findings: tuple[Finding, ...]


def check_is_profile(outline: Outline) -> None:
    """A profile shows its genre: the 'Diaspora engagement mapping' title or at least two of its
    required sections. A document with neither is refused whole (a profile missing a part is
    parsed, and the part reported missing)."""
    titled = TITLE_PHRASE.search(title_text(outline.title)) is not None
    sections = sorted({s.key for s in outline.sections} & set(REQUIRED_SECTIONS))
    if not titled and len(sections) < 2:
        raise ProfileError(
            finding(
                "not-a-profile",
                file=outline.document.source.name,
                reason=(
                    "it has neither the 'Diaspora engagement mapping <COUNTRY>' title "
                    "nor two of the profile's sections (" + ", ".join(REQUIRED_SECTIONS) + ")"
                ),
            )
        )


def parse_profile(outline: Outline) -> ParseResult:
    """Pure: Outline -> records of every table; ProfileError for a document that is no profile."""
    source = outline.document.source
    file = source.name
    check_is_profile(outline)
    findings: list[Finding] = list(outline.findings)

    facts = parse_facts(outline.blocks("facts"), outline.blocks("framework"), file)
    consumed = facts.consumed
    framework = parse_framework(tuple(b for b in outline.blocks("framework") if id(b) not in consumed), file)
    obstacles = parse_obstacles(outline.blocks("obstacles"))
    practices = parse_practices(outline.blocks("practices"))
    institutions = parse_institutions(outline.blocks("institutions"), file)
    organisations = parse_organisations(outline.blocks("organisations"), file)
    credits = parse_credits(outline.blocks("credits"), file)
    footnotes, urls = parse_notes(outline.notes, file)

    sections: list[SectionText] = []
    free = [
        (s.title if s.key == "other" else s.key, s.blocks)
        for s in outline.sections
        if s.key in ("trends", "other")
    ]
    if framework.leftovers:
        free.append(("framework", framework.leftovers))
    paragraph_citations: list[Citation] = []
    for name, blocks in free:
        parsed = parse_paragraphs(name, blocks, first_seq=len(sections) + 1)
        sections.extend(parsed.records)
        paragraph_citations.extend(parsed.citations)

    country_printed = TITLE_PHRASE.sub("", title_text(outline.title)).strip() or None
    iso3 = countries.resolve(country_printed)
    if country_printed is None:
        findings.append(finding("title-missing", file=file))
    elif iso3 is None:
        findings.append(
            finding("country-unresolved", file=file, value=country_printed, table="profiles", column="iso3")
        )
    edition = f"{credits.edition:%Y-%m}" if credits.edition else "undated"
    profile_id = f"{iso3 or (country_printed or 'UNKNOWN').upper().replace(' ', '_')}-{edition}"
    profile = Profile(
        profile_id=profile_id,
        country=countries.display_name(country_printed) if country_printed else None,
        iso3=iso3,
        written_by=credits.written_by,
        edited_by=credits.edited_by,
        published=credits.published,
        updated=credits.updated,
        edition=credits.edition,
        has_diaspora_policy=facts.has_policy,
        diaspora_policy_text=facts.policy_text,
        terminology=facts.terminology,
        source_file=source.name,
        source_sha256=source.sha256,
        source_format=source.format,
        pages=source.pages,
    )
    citations = (
        facts.profile_citations
        + facts.indicators.citations
        + facts.destinations.citations
        + facts.rights.citations
        + framework.citations
        + tuple(paragraph_citations)
        + obstacles.citations
        + practices.citations
        + institutions.citations
        + organisations.citations
    )
    citations = tuple(sorted(citations, key=lambda c: c.number))
    findings += (
        facts_findings(facts)
        + framework.findings
        + institutions.findings
        + organisations.findings
        + credits.findings
    )
    if facts.has_policy is None:
        findings.append(
            finding(
                "block-unparsed",
                file=file,
                value="diaspora policy sentence",
                section="facts",
                table="profiles",
                column="has_diaspora_policy",
            )
        )
    records = ProfileRecords(
        profile=profile,
        indicators=facts.indicators.records,
        destinations=facts.destinations.records,
        political_rights=facts.rights.records,
        policy_framework=framework.records,
        sections=tuple(sections),
        obstacles=obstacles.records,
        practices=practices.records,
        institutions=institutions.records,
        organisations=organisations.records,
        footnotes=footnotes.records,
        footnote_urls=urls,
        citations=citations,
    )
    return ParseResult(records=records, findings=tuple(f.located(profile_id=profile_id) for f in findings))
