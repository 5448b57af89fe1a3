"""Screen one proposal: match names, detect areas, run every pack, assemble the report."""

from __future__ import annotations

from datetime import date

from collabguard.areas.codes import find_areas
from collabguard.areas.language import not_english
from collabguard.engine.applicability import applies
from collabguard.engine.evidence import area_finding
from collabguard.engine.findings import Findings
from collabguard.engine.recommendation import framework_results, recommend
from collabguard.decisions import Decisions, unknown_entries
from collabguard.decisions import status as decision_status
from collabguard.errors import InputError
from collabguard.rules.schema import LANGUAGES
from collabguard.models.common import severity_rank
from collabguard.models.proposal import Proposal
from collabguard.reference.home_institutions import recognise
from collabguard.models.report import ChecklistItem, Coverage, Flag, FrameworkResult, ListCoverage, MatcherReport, NearMiss, Report, ReviewRecord, ScreenedName
from collabguard.rules.context import Context, Subject, collect_subjects
from collabguard.rules.loader import RuleSet

REASON_ORDER = {"confirm_identity": 0, "confirm_area": 1, "judgement": 2, "missing_data": 3}
COVERAGE_NOTE = (
    "A list match is a lead for a person to check, not a finding of wrongdoing. "
    "Lists not checked here are not evidence of clearance."
)


def verdict(flags: list[Flag], checklist: list[ChecklistItem], any_applies: bool) -> tuple[str, str, str]:
    """Sort flags and questions for reading, and derive the risk level and recommendation.

    The headline comes from the frameworks that apply; advisory findings stay visible. When no
    framework applies at all, the advisory findings are all there is, and they are used."""
    flags.sort(key=lambda f: (not f.blocking, f.advisory, -severity_rank(f.severity), not f.confirmed, f.rule_id))
    checklist.sort(key=lambda q: (q.advisory, REASON_ORDER[q.reason], -severity_rank(q.severity), q.rule_id, q.question))
    basis = headline_flags(flags, any_applies)
    questions = [q for q in checklist if not q.advisory] if any_applies else checklist
    risk = max((f.severity for f in basis), key=severity_rank, default="none")
    recommendation, reason = recommend(basis, questions)
    if not any_applies and (basis or questions):
        reason += " No framework applies to this proposal, so advisory findings were used."
    return risk, recommendation, reason


def headline_flags(flags: list[Flag], any_applies: bool) -> list[Flag]:
    """The flags the risk level, the recommendation and ``--fail-on`` are computed from."""
    return [f for f in flags if not f.advisory] if any_applies else list(flags)


def _apply_decisions(s: Subject, ruleset: RuleSet, decisions: Decisions, today: date,
                     reviews: list[ReviewRecord]) -> None:
    """Reviewed decisions on this subject's matches: a cleared match stops feeding the rules (it is
    shown under reviews); a confirmed one becomes a ``match``; expired or stale ones change nothing."""
    kept = []
    for cand in s.matches:
        d = decisions.find(s.name, s.country, cand.entity.list_id, cand.entity.entity_id)
        if d is None:
            kept.append(cand)
            continue
        state = decision_status(d, ruleset.lists.lists[cand.entity.list_id].edition, today)
        reviews.append(ReviewRecord(partner=s.name, country=s.country, list=cand.entity.list_id,
                                    entity_id=cand.entity.entity_id, entity_name=cand.entity.name, decision=d.decision,
                                    status=state, reviewer=d.reviewer, date=d.date.isoformat(),
                                    expires=d.expires.isoformat(), reason=d.reason))
        if state != "applied":
            kept.append(cand)
        elif d.decision == "confirmed":
            cand.decision = "match"
            cand.reasons.append(f"confirmed by {d.reviewer} on {d.date.isoformat()}: {d.reason}")
            kept.append(cand)
    s.matches = kept


def build_context(proposal: Proposal, ruleset: RuleSet, decisions: Decisions | None = None,
                  today: date | None = None, reviews: list[ReviewRecord] | None = None,
                  area_answers: dict[str, bool] | None = None) -> Context:
    subjects = collect_subjects(proposal, today)
    for s in subjects:
        kind = "programme" if s.kind == "programme" else "organisation"
        for result in ruleset.matcher.results(s.name, s.country, kind=kind):
            if result.best is not None and result.best.decision != "none":
                s.matches.append(result.best)
            elif result.rejected is not None:
                s.near_misses.append(result.rejected)
        s.matches.sort(key=lambda c: c.sort_key(), reverse=True)
        if decisions is not None:
            _apply_decisions(s, ruleset, decisions, today or date.today(), reviews if reviews is not None else [])
    texts = {"title": proposal.title, "keywords": "; ".join(proposal.keywords), "abstract": proposal.abstract}
    areas = find_areas(texts, proposal.export_control.codes, ruleset.catalog)
    if area_answers:
        # a person answered whether the research advances an area: yes makes it a match, no removes it
        areas = [h.model_copy(update={"decision": "match"}) if area_answers.get(h.area_id) else h
                 for h in areas if area_answers.get(h.area_id, True)]
    groups = {k: frozenset(g.countries) for k, g in ruleset.groups.items()}
    return Context(proposal, subjects, areas, groups)


def resolve_home_country(proposal: Proposal) -> tuple[Proposal, list[str]]:
    """A home institution given without a country: recognise the country from the name where it is
    unambiguous (frameworks such as Norway's apply by it), else say loudly how to fix it. Nothing is
    said when the proposal names its frameworks (the home country then decides nothing)."""
    home = proposal.home_institution
    if proposal.frameworks or (home is not None and home.country is not None):
        return proposal, []
    fix = "no framework that applies by the home institution's country (Norway, the Netherlands, the UK, Australia, the EU) was applied"
    if home is None:
        return proposal, [f"home_institution is not given: {fix}; add `home_institution: {{name: ..., country: ...}}`"]
    found, candidates = recognise(home.name)
    if found is None:
        why = (f"it names institutions in {', '.join(sorted({c.country for c in candidates}))}" if candidates
               else "collabguard does not know it")
        return proposal, [f"home_institution: {home.name!r} has no country and {why}: {fix}; add `country:` (e.g. NO)"]
    note = (f"home_institution: {home.name!r} has no country; recognised as {found.name} ({found.country}, ROR "
            f"{found.ror_id}); add `country: {found.country}` to the proposal to make this explicit")
    return proposal.model_copy(update={"home_institution": home.model_copy(update={"country": found.country})}), [note]


def _activity_warning(proposal: Proposal) -> list[str]:
    if proposal.activity is not None:
        return []
    return ["activity is not stated: screened as a research project; give `activity:` (education, recruitment, visit, "
            "industry_contract) if it is not one"]


def _coverage(ruleset: RuleSet, today: date) -> Coverage:
    checked = []
    for info in ruleset.lists.lists.values():
        as_of = info.age_date()
        checked.append(ListCoverage(id=info.id, title=info.title, edition=info.edition,
                                    age_days=(today - as_of).days if as_of else None,
                                    entries=ruleset.entry_counts.get(info.id, 0), complete=info.complete))
    return Coverage(lists_checked=checked, lists_not_checked=[n.title for n in ruleset.lists.not_covered],
                    taxonomies=ruleset.taxonomy_labels, note=COVERAGE_NOTE)


def screen(proposal: Proposal, ruleset: RuleSet, today: date | None = None, packs: list[str] | None = None,
           decisions: Decisions | None = None, area_answers: dict[str, bool] | None = None, lang: str = "en") -> Report:
    """Screen one proposal with every pack in ``ruleset`` (or only ``packs``), applying reviewed
    ``decisions`` when given; rule texts in ``lang`` ("en", or "nb" where a pack has Bokmål)."""
    if lang not in LANGUAGES:
        raise InputError(f"language {lang!r} is not available; choose one of: {', '.join(LANGUAGES)}")
    today = today or date.today()
    known = {p.info.id for p in ruleset.packs}
    unknown = [f for f in proposal.frameworks if f not in known]
    if unknown:
        raise InputError(f"frameworks: unknown framework {unknown[0]!r}; known: {', '.join(sorted(known))}")
    reviews: list[ReviewRecord] = []
    proposal, home_notes = resolve_home_country(proposal)
    ctx = build_context(proposal, ruleset, decisions, today, reviews, area_answers)
    chosen = [p for p in ruleset.packs if packs is None or p.info.id in packs]
    applicability = {p.info.id: applies(p.info, proposal) for p in chosen}
    any_applies = any(a.applies for a in applicability.values())
    found = Findings(ruleset, ctx, quiet_advisory=any_applies, lang=lang)
    frameworks: list[FrameworkResult] = []
    for pack in chosen:
        applicable, why = applicability[pack.info.id].applies, applicability[pack.info.id].reason
        before = len(found.flags)
        for lr in pack.rules:
            if lr.rule.status not in ("deprecated", "disabled"):
                found.run(lr, applicable)
        mine = found.flags[before:]
        frameworks.append(FrameworkResult(id=pack.info.id, title=pack.info.title, applies=applicable, reason=why,
                                          flags=len(mine), blocking=any(f.blocking for f in mine)))
    flags, checklist = found.flags, found.checklist
    frameworks = framework_results(frameworks, flags, found.asked)
    risk, recommendation, reason = verdict(flags, checklist, any_applies)
    mitigations = list(dict.fromkeys(m for f in flags for m in f.mitigations))
    report = Report(
        language=lang,
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
        areas=[area_finding(h) for h in ctx.areas],
        frameworks=frameworks,
        coverage=_coverage(ruleset, today),
        versions=ruleset.versions,
        warnings=home_notes + _activity_warning(proposal)
                 + list(dict.fromkeys(w for a in applicability.values() for w in a.warnings))
                 + [f"{field}: {note}" for field, text in (("title", proposal.title), ("abstract", proposal.abstract))
                  if (note := not_english(text))]
                 + [f"decision on {r.partner!r} / {r.entity_name} ({r.list}) by {r.reviewer} is {r.status}: it was not applied"
                    for r in reviews if r.status != "applied"]
                 + (unknown_entries(decisions, ruleset.entity_keys) if decisions is not None else []),
        reviews=reviews,
        screened_names=list({(s.name, s.kind, s.country): ScreenedName(name=s.name, subject=s.kind, country=s.country)
                             for s in ctx.subjects}.values()),
        matcher=MatcherReport(algorithm=ruleset.matcher.config.algorithm, near_misses=[
            NearMiss(partner=s.name, subject=s.kind, list=r.entity.list_id, entity_id=r.entity.entity_id,
                     entity_name=r.entity.name, score=r.score, why=r.why)
            for s in ctx.subjects for r in s.near_misses]),
    )
    report._framework_questions = found.asked  # for answers: each framework's questions, listed or not
    report._asked_by = found.asked_by
    return report

