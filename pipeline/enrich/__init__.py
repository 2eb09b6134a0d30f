"""Enrichment stage: a profile's records -> the mentions its prose makes (countries, actors,
instruments, dates, amounts, percentages) and the instruments it names, linked to its tables.

Pure and deterministic. Each prose cell is a doc of the rules pipeline (``nlp.py``), whose
EntityRuler finds what the rules every profile shares find (patterns built from data,
``patterns.py``); the profile's own actors and framework titles are found by a matcher built for
the profile (``names.py``). Overlaps keep the longest span, the profile's names winning ties
(``spacy.util.filter_spans``). A statistical model, when asked for, only adds entities where the
rules found none, marked by its name.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from pipeline.enrich import normalise
from pipeline.enrich.instruments import LawMention, merge
from pipeline.enrich.patterns import (
    ProfilePatterns,
    Target,
    fold_name,
    profile_patterns,
)
from pipeline.enrich.texts import Cell, cells
from pipeline.model.findings import Finding, finding
from pipeline.model.records import Mention, ProfileRecords

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

    from pipeline.enrich.names import ProfileNames

LABELS = ("GPE", "ORG", "LAW", "DATE", "MONEY", "PERCENT")
RULES_SOURCE = "rules"


@dataclass(frozen=True)
class Enriched:
    records: ProfileRecords
    findings: tuple[Finding, ...]


@dataclass(frozen=True)
class _Entity:
    start: int  # characters into the cell
    end: int
    label: str
    tokens: tuple[str, ...]
    sentence: int
    source: str
    pattern_id: str | None  # ISO3 of a country pattern; key of a profile name


def enrich(records: ProfileRecords, model: str | None = None) -> Enriched:
    """Pure: records -> the same records with ``mentions`` and ``instruments`` filled."""
    from pipeline.enrich.names import ProfileNames
    from pipeline.enrich.nlp import ModelUnavailable, model_nlp, rules_nlp, tokenize

    file = records.profile.source_file
    findings: list[Finding] = []
    nlp = rules_nlp()
    names = profile_patterns(records, tokenize)
    own_names = ProfileNames(nlp.vocab, names)
    texts = list(cells(records))
    annotated = [_rule_entities(doc, own_names, model) for doc in nlp.pipe(c.text for c in texts)]
    entities = [found for found, _ in annotated]
    if model:
        try:
            model_pipeline, tag = model_nlp(model)
        except ModelUnavailable as exc:
            findings.append(finding("ner-model-unavailable", file=file, value=model, reason=str(exc)))
        else:
            docs = model_pipeline.pipe(c.text for c in texts)
            entities = [
                _with_model_entities(found, doc, starts, tag)
                for (found, starts), doc in zip(annotated, docs, strict=True)
            ]

    mentions: list[Mention] = []
    laws: list[LawMention] = []
    for cell, found in zip(texts, entities, strict=True):
        for entity in found:
            text = cell.text[entity.start : entity.end]
            target = _target(entity, text, names)
            mention = _mention(len(mentions) + 1, cell, entity, text, target)
            if target is not None and target.table is None:
                findings.append(
                    finding(
                        "mention-ambiguous",
                        file=file,
                        table=cell.table,
                        column=cell.column,
                        seq=cell.seq,
                        value=text,
                        rows=", ".join(target.candidates),
                        page=cell.prov.page,
                        line=cell.prov.line,
                    )
                )
            if mention.label == "LAW":
                framework_seq = (
                    target.seq if target is not None and target.table == "policy_framework" else None
                )
                laws.append(
                    LawMention(
                        mention=mention.mention,
                        text=text,
                        after=cell.text[entity.end : entity.end + 40],
                        framework_seq=framework_seq,
                        table=cell.table,
                        seq=cell.seq,
                        prov=cell.prov,
                    )
                )
            mentions.append(mention)
    merged = merge(laws, records.policy_framework, file)
    mentions = [
        replace(m, instrument=merged.of_mention.get(m.mention)) if m.label == "LAW" else m for m in mentions
    ]
    findings += merged.findings
    enriched = replace(records, mentions=tuple(mentions), instruments=merged.instruments)
    return Enriched(
        records=enriched, findings=tuple(f.located(profile_id=records.profile.profile_id) for f in findings)
    )


def _rule_entities(doc: Doc, own_names: ProfileNames, model: str | None) -> tuple[list[_Entity], list[int]]:
    """The doc's entities (the profile's names and the shared rules' entities, the longest
    first, the profile's names winning ties) and the character offsets where its sentences start
    (needed only to place entities: not listed for a doc without any, unless a ``model`` adds
    some)."""
    from spacy.util import filter_spans

    spans = sorted(filter_spans(own_names(doc) + list(doc.ents)), key=lambda s: s.start)
    if not spans and model is None:
        return [], []
    starts = [sentence.start_char for sentence in doc.sents]
    return [
        _Entity(
            start=s.start_char,
            end=s.end_char,
            label=s.label_,
            tokens=tuple(t.text for t in s),
            sentence=bisect.bisect_right(starts, s.start_char),
            source=RULES_SOURCE,
            pattern_id=s.id_ or None,
        )
        for s in spans
    ], starts


def _with_model_entities(found: list[_Entity], doc, starts: list[int], tag: str) -> list[_Entity]:
    """Add a model's entities of our labels where no rule entity overlaps them."""
    taken = [(e.start, e.end) for e in found]
    added = []
    for ent in doc.ents:
        if ent.label_ not in LABELS or any(
            ent.start_char < end and ent.end_char > start for start, end in taken
        ):
            continue
        added.append(
            _Entity(
                start=ent.start_char,
                end=ent.end_char,
                label=ent.label_,
                tokens=tuple(t.text for t in ent),
                sentence=max(bisect.bisect_right(starts, ent.start_char), 1),
                source=tag,
                pattern_id=None,
            )
        )
        taken.append((ent.start_char, ent.end_char))
    return sorted(found + added, key=lambda e: e.start)


def _target(entity: _Entity, text: str, names: ProfilePatterns) -> Target | None:
    """The profile row a name refers to: by the pattern that matched it, or (for a model's
    entity) by its folded text."""
    if entity.source == RULES_SOURCE:
        return names.targets.get(entity.pattern_id or "")
    return names.targets.get(f"{entity.label}:{fold_name(text)}")


def _mention(number: int, cell: Cell, entity: _Entity, text: str, target: Target | None) -> Mention:
    values: dict = {}
    tokens = list(entity.tokens)
    if entity.label == "GPE":
        values["iso3"] = normalise.country(text, entity.pattern_id)
    elif entity.label == "ORG" and target is not None and target.table is not None:
        values.update(org_table=target.table, org_seq=target.seq)
    elif entity.label == "DATE":
        years = normalise.date(tokens)
        values.update(year=years.year, end_year=years.end_year)
    elif entity.label == "MONEY":
        amount = normalise.money(tokens)
        values.update(amount=amount.amount, currency=amount.currency)
    elif entity.label == "PERCENT":
        values["amount"] = normalise.percent(tokens)
    return Mention(
        mention=number,
        table=cell.table,
        seq=cell.seq,
        column=cell.column,
        sentence=entity.sentence,
        start=entity.start,
        end=entity.end,
        text=text,
        label=entity.label,
        source=entity.source,
        prov=cell.prov,
        **values,
    )
