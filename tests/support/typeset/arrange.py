"""Re-arrangements of a profile's content that some layouts call for."""

from __future__ import annotations

from dataclasses import replace

from .layout import Layout
from .model import (
    Block,
    Heading,
    KeyValue,
    Paragraph,
    PolicyStatement,
    Profile,
    RightRow,
    Section,
)

FRAMEWORK_HEADING = "Overview of the policy and legislative framework"


STATUS_ICONS: dict[str, bool | None] = {"yes": True, "no": False}  # other wordings: a grey icon


def arrange(profile: Profile, layout: Layout) -> Profile:
    if layout.rights_statuses:
        profile = print_statuses(profile, layout.rights_statuses)
    if layout.section_order == "2024":
        return order_2024(profile)
    return profile


def print_statuses(profile: Profile, wordings: tuple[str, ...]) -> Profile:
    """The i-th political right gets the wording ``wordings[i % len]`` printed beside its icon
    (which shows the same: a tick for "Yes", a cross for "No", grey otherwise)."""
    sections = []
    for section in profile.sections:
        blocks: list[Block] = []
        for block in section.blocks:
            if isinstance(block, RightRow):
                wording = wordings[sum(isinstance(b, RightRow) for b in blocks) % len(wordings)]
                block = replace(block, status=wording, value=STATUS_ICONS.get(wording.lower()))
            blocks.append(block)
        sections.append(replace(section, blocks=tuple(blocks)))
    return replace(profile, sections=tuple(sections))


def _is_terminology(block: Block) -> bool:
    return (
        isinstance(block, Paragraph)
        and bool(block.runs)
        and block.runs[0].text.lower().startswith("terminology")
    )


def _is_rights_heading(block: Block) -> bool:
    return isinstance(block, Heading) and "rights" in block.text.lower()


def order_2024(profile: Profile) -> Profile:
    """The 2024 factsheet order: terminology, political rights and remittances
    first, emigration figures after; the policy sentence opens the policy
    framework section instead of sitting on the facts page."""
    facts = profile.section("facts")
    if facts is None:
        return profile
    terminology = [b for b in facts.blocks if _is_terminology(b)]
    rights = [b for b in facts.blocks if _is_rights_heading(b) or isinstance(b, RightRow)]
    remittances = [b for b in facts.blocks if isinstance(b, KeyValue)]
    policy = [b for b in facts.blocks if isinstance(b, PolicyStatement)]
    taken = {id(b) for b in terminology + rights + remittances + policy}
    emigration = [b for b in facts.blocks if id(b) not in taken]
    new_facts = replace(facts, blocks=tuple(terminology + rights + remittances + emigration))

    sections: list[Section] = []
    placed = not policy
    for section in profile.sections:
        if section is facts:
            sections.append(new_facts)
        elif section.kind == "framework" and not placed:
            sections.append(replace(section, blocks=tuple(policy) + section.blocks))
            placed = True
        else:
            sections.append(section)
    if not placed:  # no framework section: make one right after the facts
        at = sections.index(new_facts) + 1
        sections.insert(at, Section("framework", Heading(1, FRAMEWORK_HEADING), tuple(policy)))
    return replace(profile, sections=tuple(sections))
