"""Profile records made in a test: a profile whose prose is given."""

from __future__ import annotations

from pipeline.model.records import (
    Institution,
    Organisation,
    PolicyEntry,
    Profile,
    ProfileRecords,
    Provenance,
    SectionText,
)

PROV = Provenance(line=1)


def records(*texts: str, framework=(), institutions=(), organisations=()) -> ProfileRecords:
    """A profile whose trends section holds ``texts`` (one paragraph each)."""
    profile = Profile(
        profile_id="XXX-2024-01",
        country="Nowhere",
        iso3=None,
        written_by=None,
        edited_by=None,
        published=None,
        updated=None,
        edition=None,
        has_diaspora_policy=None,
        diaspora_policy_text=None,
        terminology=None,
        source_file="test.txt",
        source_sha256="0" * 64,
        source_format="text",
        pages=None,
    )
    return ProfileRecords(
        profile=profile,
        sections=tuple(
            SectionText(section="trends", seq=i, heading=None, text=t, prov=PROV)
            for i, t in enumerate(texts, 1)
        ),
        policy_framework=tuple(
            PolicyEntry(seq=i, start_year=None, end_year=None, title=t, description=d, prov=PROV)
            for i, (t, d) in enumerate(framework, 1)
        ),
        institutions=tuple(
            Institution(seq=i, level=None, name=n, acronym=a, founded=None, description="", prov=PROV)
            for i, (n, a) in enumerate(institutions, 1)
        ),
        organisations=tuple(
            Organisation(
                seq=i,
                name=n,
                acronym=a,
                country=None,
                country_iso3=None,
                founded=None,
                development_activities=None,
                integration_activities=None,
                description="",
                prov=PROV,
            )
            for i, (n, a) in enumerate(organisations, 1)
        ),
    )
