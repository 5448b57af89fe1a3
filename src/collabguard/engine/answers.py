"""Closing a case: answers to the checklist (``--answers answers.yaml``), and the final verdict.

```yaml
schema_version: 1
reviewer: Kari Nordmann          # who answered (each answer may name its own)
date: 2026-11-28
answers:
  - id: Q-3f2a9c1d07             # the question's id, as shown in the report
    answer: yes                  # yes | no | unsure ("unsure" counts as "yes")
    note: Checked the partner's website and the ASPI page.
```

What an answer does, by the kind of question:
- confirm identity: yes → the partner is the listed entry (a ``match``); no → it is not (the match is
  set aside for this case);
- confirm area: yes → the research advances the area (a ``match``); no → the area does not count;
- missing data on a yes/no field (personal data, agreement …): the answer fills the field;
- a judgement question: yes → the concern holds, recorded as a confirmed flag of the rule's
  severity; no → closed.
The proposal is then screened again, answered questions leave the checklist, the answers are listed
in the report with who gave them, and the recommendation is recomputed. An answer to a question
that is not in the report is a warning, never silently ignored.
"""

from __future__ import annotations

import datetime as dt
from datetime import date
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from collabguard.decisions import Decision, Decisions
from collabguard.engine.screen import screen, verdict
from collabguard.engine.recommendation import framework_results
from collabguard.errors import RuleFileError
from collabguard.io.pydantic_errors import validate_document
from collabguard.io.yaml_loader import load_yaml
from collabguard.models.proposal import Proposal
from collabguard.models.report import AnsweredQuestion, Evidence, Flag, Guideline, Report
from collabguard.rules.conditions import FIELDS
from collabguard.rules.loader import RuleSet


ANSWER_TICKET = "checklist answer"


class Answer(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=r"^Q-[0-9a-f]{10}$")
    answer: Literal["yes", "no", "unsure"]
    note: str = ""
    reviewer: str | None = None
    date: dt.date | None = None


class AnswerFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    schema_version: Literal[1]
    reviewer: str = Field(min_length=1)
    date: dt.date
    answers: list[Answer]


def load_answers(path: Path) -> AnswerFile:
    doc = load_yaml(path, "answers file")
    parsed = validate_document(doc, AnswerFile)
    first: dict[str, int] = {}
    problems = []
    for i, a in enumerate(parsed.answers):
        if a.id in first:
            problems.append(f"{doc.where(('answers', i, 'id'))}: answers[{i}].id: {a.id} is answered twice "
                            f"(also answers[{first[a.id]}]); keep one")
        first.setdefault(a.id, i)
    if problems:
        raise RuleFileError(problems)
    return parsed


def _yes(answer: Answer) -> bool:
    return answer.answer in ("yes", "unsure")  # as in Canada's risk-assessment form: unsure counts as yes


def _set_field(proposal: Proposal, path: str, value: bool) -> Proposal:
    section, _, name = path.partition(".")
    if not name:
        return proposal
    block = getattr(proposal, section)
    return proposal.model_copy(update={section: block.model_copy(update={name: value})})


def close_case(proposal: Proposal, ruleset: RuleSet, answers: AnswerFile, today: date | None = None,
               decisions: Decisions | None = None, lang: str = "en") -> Report:
    """Screen, apply the answers, screen again; the final report of the case."""
    today = today or date.today()
    first = screen(proposal, ruleset, today=today, decisions=decisions, lang=lang)
    asked = {q.id: q for q in first.checklist}
    by_id = {a.id: a for a in answers.answers}
    warnings = [f"answer {a.id}: no such question in this report (was the proposal changed?)"
                for a in answers.answers if a.id not in asked]
    extra: list[Decision] = []
    area_answers: dict[str, bool] = {}
    unanswered: set[str] = set()
    for qid, answer in by_id.items():
        q = asked.get(qid)
        if q is None:
            continue
        who, when = answer.reviewer or answers.reviewer, answer.date or answers.date
        if q.reason == "confirm_identity" and q.target:
            # holds for this screening only: the answer is part of this case, not an office-wide decision
            extra.append(Decision.model_construct(
                decision="confirmed" if _yes(answer) else "cleared", partner=q.target["partner"],
                country=q.target.get("country", ""), list=q.target["list"], entity_id=q.target["entity_id"],
                list_edition=None, reviewer=who, date=when, reason=f"answer to {qid}: {answer.note or answer.answer}",
                expires=max(when, today), ticket=ANSWER_TICKET))
        elif q.reason == "confirm_area" and q.target:
            area_answers[q.target["area_id"]] = _yes(answer)
        elif q.reason == "missing_data":
            if FIELDS.get(q.target.get("field", ""), ("",))[0] != "bool":
                warnings.append(f"answer {qid}: the question asks for a value ({q.question}); give it in the proposal")
                unanswered.add(qid)
            elif answer.answer == "unsure":
                # for a missing fact, "unsure" settles nothing: the question stays open
                unanswered.add(qid)
            else:
                proposal = _set_field(proposal, q.target["field"], answer.answer == "yes")
    merged = Decisions([*(decisions.items if decisions else []), *extra])
    answered_keys = {(d.partner, d.list, d.entity_id) for d in extra}
    final = screen(proposal, ruleset, today=today, decisions=merged, area_answers=area_answers, lang=lang)
    flags = list(final.flags)
    for q in final.checklist:
        answer = by_id.get(q.id)
        if answer is not None and q.reason == "judgement" and _yes(answer):
            flags.append(Flag(rule_id=q.rule_id, title=f"Answered yes: {q.question}", framework=q.framework,
                              severity=q.severity, blocking=False, advisory=q.advisory, confirmed=True,
                              message=f"{answer.reviewer or answers.reviewer} answered {answer.answer!r}: {answer.note}".rstrip(": "),
                              guideline=Guideline(**q.guideline.model_dump()), evidence=Evidence(), mitigations=[]))
    answered = [AnsweredQuestion(id=q.id, rule_id=q.rule_id, question=q.question, answer=by_id[q.id].answer,
                                 note=by_id[q.id].note, reviewer=by_id[q.id].reviewer or answers.reviewer,
                                 date=(by_id[q.id].date or answers.date).isoformat())
                for q in first.checklist if q.id in by_id]
    open_questions = [q for q in final.checklist if q.id not in by_id or q.id in unanswered]
    risk, recommendation, reason = verdict(flags, open_questions, any(fw.applies for fw in final.frameworks))
    still_open = {q.id for q in open_questions}
    per_framework = {fw: [q for q in items if q.id not in by_id or q.id in still_open]
                     for fw, items in final._framework_questions.items()}
    return final.model_copy(update={
        "frameworks": framework_results(final.frameworks, flags, per_framework),
        "flags": flags, "checklist": open_questions, "answers": answered, "risk_level": risk,
        "blocking": any(f.blocking for f in flags), "recommendation": recommendation,
        "recommendation_reason": reason + (f" ({len(answered)} question(s) answered.)" if answered else ""),
        "warnings": [*final.warnings, *warnings],
        # answers are listed under `answers`; the decisions made from them are not office decisions
        "reviews": [r for r in final.reviews if (r.partner, r.list, r.entity_id) not in answered_keys],
    })
