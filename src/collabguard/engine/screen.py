"""Screen one proposal: match names, detect areas, run every pack, assemble the report."""

from __future__ import annotations

import hashlib
from datetime import date
from typing import Any

from collabguard.areas.detect import detect_areas
from collabguard.countries import country_name
from collabguard.engine.applicability import applies
from collabguard.engine.recommendation import recommend
from collabguard.errors import InputError
from collabguard.matching.matcher import Candidate
from collabguard.models.common import SEVERITIES, severity_rank
from collabguard.models.proposal import Proposal
from collabguard.models.report import (
    AreaFinding,
    ChecklistItem,
    Coverage,
    Evidence,
    Flag,
    FrameworkResult,
    Guideline,
    ListCoverage,
    ListMatch,
    ListVersion,
    PackVersion,
    Report,
    Versions,
)
from collabguard.rules.conditions import Outcome
from collabguard.rules.context import Context, Subject, collect_subjects
from collabguard.rules.evaluate import evaluate
from collabguard.rules.loader import LoadedRule, RuleSet
from collabguard.version import __version__

UNCONFIRMED_PREFIX = "Unconfirmed: this rests on a possible match or area that a person must confirm first (see the checklist). "
REASON_ORDER = {"confirm_identity": 0, "confirm_area": 1, "judgement": 2, "missing_data": 3}
COVERAGE_NOTE = (
    "A list match is a lead for a person to check, not a finding of wrongdoing. "
    "Lists not checked here are not evidence of clearance."
)


def build_context(proposal: Proposal, ruleset: RuleSet) -> Context:
    subjects = collect_subjects(proposal)
    for s in subjects:
        kind = "programme" if s.kind == "programme" else "organisation"
        s.matches = ruleset.matcher.match(s.name, s.country, kind=kind)
    texts = {"title": proposal.title, "keywords": "; ".join(proposal.keywords), "abstract": proposal.abstract}
    areas = detect_areas(texts, ruleset.catalog)
    groups = {k: frozenset(g.countries) for k, g in ruleset.groups.items()}
    return Context(proposal, subjects, areas, groups, ruleset.catalog)


def _list_match(ruleset: RuleSet, subject: Subject, cand: Candidate) -> ListMatch:
    entity = cand.entity
    info = ruleset.lists.lists[entity.list_id]
    rating = (entity.risk_level or "unrated") if info.severity.rating_field else None
    return ListMatch(
        partner=subject.name,
        subject=subject.kind,  # type: ignore[arg-type]
        country=subject.country,
        entity_id=entity.entity_id,
        entity_name=entity.name,
        list=entity.list_id,
        list_title=info.title,
        score=cand.score,
        decision=cand.decision,
        matched_name=cand.form.text,
        matched_name_kind=cand.form.kind,
        entity_country=entity.country,
        rating=rating,
        source_url=entity.source_url,
        source_date=entity.source_date,
        reasons=list(cand.reasons),
    )


def _area_finding(hit: Any) -> AreaFinding:
    return AreaFinding.model_validate(hit.model_dump(include=set(AreaFinding.model_fields)))


def _render(template: str, ev: Evidence, proposal: Proposal, framework: str) -> str:
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


def _evidence(ruleset: RuleSet, outcome: Outcome) -> Evidence:
    return Evidence(
        matches=[_list_match(ruleset, s, c) for s, c in outcome.matches],
        areas=[_area_finding(a) for a in outcome.areas],
        countries=list(outcome.countries),
        fields={k: (v if isinstance(v, bool | int | float | str) or v is None else str(v)) for k, v in outcome.fields.items()},
    )


def _severity(ruleset: RuleSet, lr: LoadedRule, outcome: Outcome) -> str:
    if lr.rule.severity_from == "matches" and outcome.matches:
        return max((ruleset.lists.severity_of(c.entity) for _, c in outcome.matches), key=severity_rank)
    return lr.rule.severity


def _run_rule(lr: LoadedRule, ctx: Context, ruleset: RuleSet, applicable: bool, flags: list[Flag], checklist: list[ChecklistItem]) -> None:
    rule = lr.rule
    outcome = evaluate(lr.condition, ctx)
    if outcome.value is False:
        return
    severity = _severity(ruleset, lr, outcome)
    guideline = Guideline(**rule.guideline.model_dump())
    advisory = not applicable

    def ask(reason: str, text: str) -> None:
        # A pack that does not apply shows its findings, but does not ask its own questions:
        # only those that would confirm or clear one of its flags.
        if advisory and reason in ("judgement", "missing_data"):
            return
        item = ChecklistItem(rule_id=rule.id, framework=lr.pack.id, question=text, severity=severity,  # type: ignore[arg-type]
                             reason=reason, advisory=advisory, guideline=guideline)  # type: ignore[arg-type]
        for i, other in enumerate(checklist):
            if (other.reason, other.question) == (item.reason, item.question):
                # the same missing field asked by several rules: ask once, at the highest severity
                if severity_rank(item.severity) > severity_rank(other.severity):
                    checklist[i] = item
                return
        checklist.append(item)

    evidence = _evidence(ruleset, outcome)
    if rule.kind == "question":
        ask("judgement", _render(rule.question or "", evidence, ctx.proposal, lr.pack.title))
        for q in outcome.questions:
            ask(q.reason, q.text)
        return
    confirm = [q for q in outcome.questions if q.reason != "missing_data"]
    if outcome.value is None and not confirm:
        for q in outcome.questions:
            ask(q.reason, q.text)
        return
    confirmed = outcome.value is True and all(m.decision == "match" for m in evidence.matches)
    flags.append(
        Flag(
            rule_id=rule.id,
            title=rule.title,
            framework=lr.pack.id,
            severity=severity,  # type: ignore[arg-type]
            blocking=bool(rule.blocking and applicable and confirmed),
            advisory=advisory,
            confirmed=confirmed,
            message=(UNCONFIRMED_PREFIX if not confirmed else "") + _render(rule.message or "", evidence, ctx.proposal, lr.pack.title),
            guideline=guideline,
            evidence=evidence,
            mitigations=list(rule.mitigations),
        )
    )
    for q in outcome.questions:
        ask(q.reason, q.text)


def _coverage(ruleset: RuleSet, today: date) -> Coverage:
    checked = []
    counts: dict[str, int] = {}
    for e in ruleset.lists.entities:
        counts[e.list_id] = counts.get(e.list_id, 0) + 1
    for info in ruleset.lists.lists.values():
        edition = info.edition_date()
        checked.append(ListCoverage(id=info.id, title=info.title, edition=info.edition,
                                    age_days=(today - edition).days if edition else None,
                                    entries=counts.get(info.id, 0), complete=info.complete))
    taxonomies = [f"{t.id} ({t.title}, {t.version})" for t in ruleset.catalog.taxonomies.values()]
    return Coverage(lists_checked=checked, lists_not_checked=[n.title for n in ruleset.lists.not_covered],
                    taxonomies=taxonomies, note=COVERAGE_NOTE)


def _versions(ruleset: RuleSet) -> Versions:
    taxonomies = []
    for path in sorted((ruleset.root / "areas").glob("*.yaml")):
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        version = next((t.version for t in ruleset.catalog.taxonomies.values() if t.id == path.stem), "")
        taxonomies.append(PackVersion(id=path.stem, version=version, sha256=digest))
    return Versions(
        tool=__version__,
        packs=[PackVersion(id=p.info.id, version=p.info.version, sha256=p.sha256) for p in ruleset.packs],
        lists=[ListVersion(id=i.id, edition=i.edition, sha256=i.sha256) for i in ruleset.lists.lists.values()],
        taxonomies=taxonomies,
        matcher=ruleset.matcher.config,
    )


def screen(proposal: Proposal, ruleset: RuleSet, today: date | None = None, packs: list[str] | None = None) -> Report:
    """Screen one proposal with every pack in ``ruleset`` (or only ``packs``)."""
    today = today or date.today()
    known = {p.info.id for p in ruleset.packs}
    unknown = [f for f in proposal.frameworks if f not in known]
    if unknown:
        raise InputError(f"frameworks: unknown framework {unknown[0]!r}; known: {', '.join(sorted(known))}")
    ctx = build_context(proposal, ruleset)
    flags: list[Flag] = []
    checklist: list[ChecklistItem] = []
    frameworks: list[FrameworkResult] = []
    for pack in ruleset.packs:
        if packs is not None and pack.info.id not in packs:
            continue
        applicable, why = applies(pack.info, proposal)
        before = len(flags)
        for lr in pack.rules:
            if lr.rule.status != "deprecated":
                _run_rule(lr, ctx, ruleset, applicable, flags, checklist)
        mine = flags[before:]
        frameworks.append(FrameworkResult(id=pack.info.id, title=pack.info.title, applies=applicable, reason=why,
                                          flags=len(mine), blocking=any(f.blocking for f in mine)))
    flags.sort(key=lambda f: (not f.blocking, f.advisory, -severity_rank(f.severity), not f.confirmed, f.rule_id))
    checklist.sort(key=lambda q: (q.advisory, REASON_ORDER[q.reason], -severity_rank(q.severity), q.rule_id, q.question))
    # The headline comes from the frameworks that apply; advisory findings stay visible. When no
    # framework applies at all, the advisory findings are all there is, and they are used.
    any_applies = any(fw.applies for fw in frameworks)
    basis = [f for f in flags if not f.advisory] if any_applies else flags
    questions = [q for q in checklist if not q.advisory] if any_applies else checklist
    risk = max((f.severity for f in basis), key=severity_rank, default="none")
    recommendation, reason = recommend(basis, questions)
    if not any_applies and (basis or questions):
        reason += " No framework applies to this proposal, so advisory findings were used."
    mitigations = list(dict.fromkeys(m for f in flags for m in f.mitigations))
    return Report(
        proposal_id=proposal.id,
        title=proposal.title,
        screened_on=today.isoformat(),
        risk_level=risk,  # type: ignore[arg-type]
        blocking=any(f.blocking for f in flags),
        recommendation=recommendation,
        recommendation_reason=reason,
        flags=flags,
        checklist=checklist,
        mitigations=mitigations,
        areas=[_area_finding(h) for h in ctx.areas],
        frameworks=frameworks,
        coverage=_coverage(ruleset, today),
        versions=_versions(ruleset),
    )


__all__ = ["screen", "build_context", "SEVERITIES"]
