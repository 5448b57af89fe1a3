"""Screen one proposal: match names, detect areas, run every pack, assemble the report."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from collabguard.areas.codes import find_areas
from collabguard.areas.language import not_english
from collabguard.decisions import Decisions, future_dated, unknown_entries
from collabguard.decisions import status as decision_status
from collabguard.engine.answers import AnswerFile, CaseAnswers
from collabguard.engine.applicability import applies
from collabguard.engine.evidence import area_finding
from collabguard.engine.findings import Findings
from collabguard.engine.recommendation import framework_results, recommend
from collabguard.errors import InputError
from collabguard.lists.institutions import EntryKey, Institution
from collabguard.models.common import RiskLevel, severity_rank
from collabguard.models.proposal import Proposal
from collabguard.models.report import (
    ChecklistItem,
    Coverage,
    Flag,
    FrameworkResult,
    ListCoverage,
    MatcherReport,
    NearMiss,
    Recommendation,
    Report,
    ReviewRecord,
    ScreenedName,
)
from collabguard.reference.area_names import area_name
from collabguard.reference.home_institutions import recognise
from collabguard.reference.report_text import text
from collabguard.rules.context import Context, Subject, collect_subjects
from collabguard.rules.fact_questions import area_groups, area_questions, area_target, identity_questions, identity_target
from collabguard.rules.loader import LoadedPack
from collabguard.rules.schema import LANGUAGES
from collabguard.ruleset import RuleSet

REASON_ORDER = {"confirm_identity": 0, "confirm_area": 1, "judgement": 2, "missing_data": 3}
COVERAGE_NOTE = text("coverage.note")  # in English; a report's own note is in its language


def verdict(flags: list[Flag], checklist: list[ChecklistItem], any_applies: bool,
            lang: str = "en") -> tuple[RiskLevel, Recommendation, str]:
    """Sort flags and questions for reading, and derive the risk level and recommendation.

    The headline comes from the frameworks that apply; advisory findings stay visible. When no
    framework applies at all, the advisory findings are all there is, and they are used."""
    flags.sort(key=lambda f: (not f.blocking, f.advisory, -severity_rank(f.severity), not f.confirmed, f.rule_id))
    checklist.sort(key=lambda q: (q.advisory, REASON_ORDER[q.reason], -severity_rank(q.severity), q.rule_id, q.question))
    basis = [f for f in flags if not f.advisory] if any_applies else flags  # as Report.counted_flags
    questions = [q for q in checklist if not q.advisory] if any_applies else checklist
    risk: RiskLevel = max((f.severity for f in basis), key=severity_rank, default="none")
    recommendation, reason = recommend(basis, questions, lang)
    if not any_applies and (basis or questions):
        reason += text("why.advisory_used", lang)
    return risk, recommendation, reason


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


def _apply_identity_answers(s: Subject, case: CaseAnswers, institutions: Mapping[EntryKey, Institution],
                            lang: str = "en") -> None:
    """A case's answers on who this subject is: yes makes the entry a ``match``, no sets it aside for
    this case (an answer is part of the case, not an office-wide decision). One answer settles every
    list's entry for the same institution, as the question said."""
    kept = []
    for cand in s.matches:
        entry = (cand.entity.list_id, cand.entity.entity_id)
        target = identity_target(s.name, s.country, *entry, institutions)
        asked = next((q for q in identity_questions([(s, cand)], institutions, lang)), None)
        answer = case.identity(target, entry, asked.text if asked is not None else "")
        if answer is None:
            kept.append(cand)
        elif answer.answer != "no":  # "unsure" counts as yes
            cand.decision = "match"
            when = (answer.date or case.file.date).isoformat()
            cand.reasons.append(f"confirmed by {case.reviewer(answer)} on {when} (answer {answer.id}): "
                                f"{answer.note or answer.answer}")
            kept.append(cand)
    s.matches = kept


def build_context(proposal: Proposal, ruleset: RuleSet, decisions: Decisions | None = None,
                  today: date | None = None, reviews: list[ReviewRecord] | None = None,
                  case: CaseAnswers | None = None, lang: str = "en") -> Context:
    """The facts the rules read: every name matched (with reviewed decisions and a case's answers
    applied), the technology areas the text touches (with answers applied), the country groups."""
    subjects = collect_subjects(proposal, today)
    for s in subjects:
        kind = "programme" if s.kind == "programme" else "organisation"
        for result in ruleset.matcher.results(s.name, s.country, kind=kind, ror=s.ror):
            if result.best is not None and result.best.decision != "none":
                s.matches.append(result.best)
            elif result.rejected is not None:
                s.near_misses.append(result.rejected)
        s.matches.sort(key=lambda c: c.sort_key(), reverse=True)
        if decisions is not None:
            _apply_decisions(s, ruleset, decisions, today or date.today(), reviews if reviews is not None else [])
        if case is not None:
            _apply_identity_answers(s, case, ruleset.institutions, lang)
    texts = {"title": proposal.title, "keywords": "; ".join(proposal.keywords), "abstract": proposal.abstract}
    areas = find_areas(texts, proposal.export_control.codes, ruleset.catalog)
    if lang != "en":  # an area's name in the report's language where an official source gives one
        areas = [h.model_copy(update={"area_name": area_name(h.area_id, h.area_name, lang)}) for h in areas]
    if case is not None:
        # a person answered whether the research advances an area: yes makes it a match, no removes it
        said = {}
        for group in area_groups(areas):
            target = area_target(group)
            for h, q in ((h, area_questions([h], group, lang)[0]) for h in group):
                said[h.area_id] = case.area(target, h.area_id, q.text)
        areas = [h.model_copy(update={"decision": "match"}) if said.get(h.area_id) else h
                 for h in areas if said.get(h.area_id) is not False]
    groups = {k: frozenset(g.countries) for k, g in ruleset.groups.items()}
    return Context(proposal, subjects, areas, groups, institutions=ruleset.institutions, lang=lang)


def _fill_fields(proposal: Proposal, values: dict[str, bool]) -> Proposal:
    """Yes/no facts answered in a case, written into the proposal the rules read."""
    for path, value in values.items():
        section, _, name = path.partition(".")
        if not name:
            proposal = proposal.model_copy(update={section: value})
        else:
            block = getattr(proposal, section)
            proposal = proposal.model_copy(update={section: block.model_copy(update={name: value})})
    return proposal


def resolve_home_country(proposal: Proposal, lang: str = "en") -> tuple[Proposal, list[str]]:
    """A home institution given without a country: recognise the country from the name where it is
    unambiguous (frameworks such as Norway's apply by it), else say loudly how to fix it. Nothing is
    said when the proposal names its frameworks (the home country then decides nothing)."""
    home = proposal.home_institution
    if proposal.frameworks or (home is not None and home.country is not None):
        return proposal, []
    fix = text("warning.home_fix", lang)
    if home is None:
        return proposal, [text("warning.home_missing", lang, fix=fix)]
    found, candidates = recognise(home.name)
    if found is None:
        why = (text("warning.home_names_countries", lang, countries=", ".join(sorted({c.country for c in candidates})))
               if candidates else text("warning.home_unknown", lang))
        return proposal, [text("warning.home_no_country", lang, name=repr(home.name), why=why, fix=fix)]
    note = text("warning.home_recognised", lang, name=repr(home.name), found=found.name, country=found.country, ror=found.ror_id)
    return proposal.model_copy(update={"home_institution": home.model_copy(update={"country": found.country})}), [note]


def _activity_warning(proposal: Proposal, lang: str = "en") -> list[str]:
    if proposal.activity is not None:
        return []
    return [text("warning.activity", lang)]


def _untranslated(packs: list[LoadedPack], flags: list[Flag], checklist: list[ChecklistItem], lang: str) -> list[str]:
    """A report in another language says which frameworks' rule texts it shows in English: those
    whose findings count (the advice of frameworks that do not apply is folded away)."""
    if lang == "en":
        return []
    english = {lr.rule.id for p in packs for lr in p.rules if lr.rule.translations.get(lang) is None}  # type: ignore[call-overload]
    found = [(x.framework, x.rule_id, x.advisory) for x in flags] + [(q.framework, q.rule_id, q.advisory) for q in checklist]
    counted = [x for x in found if not x[2]] or found
    shown = {framework: None for framework, rule, _ in counted if rule in english}
    return [text("warning.untranslated", lang, frameworks=", ".join(shown))] if shown else []


def _coverage(ruleset: RuleSet, today: date, lang: str = "en") -> Coverage:
    checked = []
    for info in ruleset.lists.lists.values():
        as_of = info.age_date()
        checked.append(ListCoverage(id=info.id, title=info.title, edition=info.edition,
                                    age_days=(today - as_of).days if as_of else None,
                                    entries=ruleset.entry_counts.get(info.id, 0), complete=info.complete))
    return Coverage(lists_checked=checked, lists_not_checked=[n.title_in(lang) for n in ruleset.lists.not_covered],
                    taxonomies=ruleset.taxonomy_labels, note=text("coverage.note", lang))


def screen(proposal: Proposal, ruleset: RuleSet, today: date | None = None, packs: list[str] | None = None,
           decisions: Decisions | None = None, answers: AnswerFile | None = None, lang: str = "en") -> Report:
    """Screen one proposal with every pack in ``ruleset`` (or only ``packs``), in one pass: reviewed
    ``decisions`` and a case's ``answers`` to an earlier report's checklist are inputs; rule texts
    in ``lang`` ("en", or "nb" where a pack has Bokmål)."""
    if lang not in LANGUAGES:
        raise InputError(f"language {lang!r} is not available; choose one of: {', '.join(LANGUAGES)}")
    today = today or date.today()
    known = {p.info.id for p in ruleset.packs}
    unknown = [f for f in proposal.frameworks if f not in known]
    if unknown:
        raise InputError(f"frameworks: unknown framework {unknown[0]!r}; known: {', '.join(sorted(known))}")
    reviews: list[ReviewRecord] = []
    proposal, home_notes = resolve_home_country(proposal, lang)
    case = CaseAnswers(answers, today, lang) if answers is not None else None
    if case is not None:
        proposal = _fill_fields(proposal, case.fields())
    ctx = build_context(proposal, ruleset, decisions, today, reviews, case, lang)
    chosen = [p for p in ruleset.packs if packs is None or p.info.id in packs]
    applicability = {p.info.id: applies(p.info, proposal, lang) for p in chosen}
    any_applies = any(a.applies for a in applicability.values())
    found = Findings(ruleset, ctx, quiet_advisory=any_applies, lang=lang, answers=case)
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
    asked = found.asked
    if case is not None:
        # answered questions leave the checklist unless the answer settles nothing (a value to give,
        # "unsure" about a missing fact)
        open_ids = case.still_open([(q.id, q.reason, q.question, q.target) for q in checklist])
        checklist = [q for q in checklist if q.id not in case.used or q.id in open_ids]
        asked = {fw: [q for q in items if q.id not in case.used or q.id in open_ids] for fw, items in asked.items()}
    frameworks = framework_results(frameworks, flags, asked, lang)
    risk, recommendation, reason = verdict(flags, checklist, any_applies, lang)
    answered = case.answered() if case is not None else []
    if answered:
        reason += text("why.answered", lang, n=len(answered))
    mitigations = list(dict.fromkeys(m for f in flags for m in f.mitigations))
    report = Report(
        language=lang,
        proposal_id=proposal.id,
        title=proposal.title,
        screened_on=today.isoformat(),
        risk_level=risk,
        blocking=any(f.blocking for f in flags),
        recommendation=recommendation,
        recommendation_reason=reason,
        flags=flags,
        checklist=checklist,
        mitigations=mitigations,
        areas=[area_finding(h) for h in ctx.areas],
        frameworks=frameworks,
        coverage=_coverage(ruleset, today, lang),
        versions=ruleset.versions,
        warnings=home_notes + _activity_warning(proposal, lang)
                 + list(dict.fromkeys(w for a in applicability.values() for w in a.warnings))
                 + [text("warning.text_field", lang, field=text(f"text_field.{field}", lang), note=note)
                    for field, words in (("title", proposal.title), ("abstract", proposal.abstract))
                    if (note := not_english(words, lang))]
                 + [text("warning.decision_not_applied", lang, partner=repr(r.partner), entity=r.entity_name, list=r.list,
                         reviewer=r.reviewer, status=text(f"review_status.{r.status}", lang).lower())
                    for r in reviews if r.status != "applied"]
                 + (unknown_entries(decisions, ruleset.entity_keys, lang) if decisions is not None else [])
                 + (future_dated(decisions, today, lang) if decisions is not None else [])
                 + (case.warnings if case is not None else [])
                 + _untranslated(chosen, flags, checklist, lang),
        reviews=reviews,
        answers=answered,
        screened_names=list({(s.name, s.kind, s.country): ScreenedName(name=s.name, subject=s.kind, country=s.country)
                             for s in ctx.subjects}.values()),
        matcher=MatcherReport(algorithm=ruleset.matcher.config.algorithm, near_misses=[
            NearMiss(partner=s.name, subject=s.kind, list=r.entity.list_id, entity_id=r.entity.entity_id,
                     entity_name=r.entity.name, score=r.score, why=r.why)
            for s in ctx.subjects for r in s.near_misses]),
    )
    report._asked_by = found.asked_by  # for `rules test`: every question a rule asked, listed or not
    return report

