"""Evidence for a flag, as report models, and the rendering of message templates from it."""

from __future__ import annotations

from typing import Any

from collabguard.countries import country_name
from collabguard.lists.model import Entity
from collabguard.matching.matcher import Candidate
from collabguard.models.proposal import Proposal
from collabguard.models.report import AreaFinding, Evidence, ListMatch
from collabguard.rules.conditions import Outcome
from collabguard.rules.context import Subject
from collabguard.rules.loader import RuleSet


def entity_rating(ruleset: RuleSet, entity: Entity) -> str | None:
    """The list's own rating of an entry ('unrated' if the list rates and this entry has none)."""
    field = ruleset.lists.lists[entity.list_id].severity.rating_field
    if not field:
        return None
    return getattr(entity, field, "") or "unrated"


def list_match(ruleset: RuleSet, subject: Subject, cand: Candidate) -> ListMatch:
    entity = cand.entity
    return ListMatch(
        partner=subject.name, subject=subject.kind, country=subject.country,  # type: ignore[arg-type]
        entity_id=entity.entity_id, entity_name=entity.name, list=entity.list_id,
        list_title=ruleset.lists.lists[entity.list_id].title, score=cand.score, decision=cand.decision,
        matched_name=cand.form.text, matched_name_kind=cand.form.kind, entity_country=entity.country,
        rating=entity_rating(ruleset, entity), source_url=entity.source_url, source_date=entity.source_date,
        reasons=list(cand.reasons), query_normalized=cand.query_normalized, features=dict(cand.features),
    )


def area_finding(hit: Any) -> AreaFinding:
    return AreaFinding.model_validate(hit.model_dump(include=set(AreaFinding.model_fields)))


def _plain(value: Any) -> Any:
    return value if isinstance(value, bool | int | float | str) or value is None else str(value)


def evidence_from(ruleset: RuleSet, outcome: Outcome) -> Evidence:
    return Evidence(
        matches=[list_match(ruleset, s, c) for s, c in outcome.matches],
        areas=[area_finding(a) for a in outcome.areas],
        countries=list(outcome.countries),
        fields={k: _plain(v) for k, v in outcome.fields.items()},
    )


def render(template: str, ev: Evidence, proposal: Proposal, framework: str) -> str:
    """Fill a rule's message or question template from its evidence ("—" where there is none)."""

    def join(items: list[str]) -> str:
        seen = list(dict.fromkeys(items))
        return ", ".join(seen) if seen else "—"

    values = {
        "subjects": join([f"{m.partner!r} ({m.subject})" for m in ev.matches]),
        "entities": join([f"{m.entity_name} [{m.list}, {m.decision}]" for m in ev.matches]),
        "lists": join([m.list_title for m in ev.matches]),
        "areas": join([f"{a.area_name} ({a.area_id}, {a.decision})" for a in ev.areas]),
        "countries": join([f"{country_name(c)} ({c})" for c in ev.countries]),
        "codes": join(proposal.export_control.codes),
        "fields": join([f"{k} = {v}" for k, v in ev.fields.items()]),
        "framework": framework,
    }
    return template.format_map(values)
