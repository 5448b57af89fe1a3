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
Answers are inputs of one screening (:func:`collabguard.engine.screen.screen` with ``answers=``):
an identity, area or yes/no field answer settles that fact before the rules run, a judgement answer
is taken when its rule asks. Answered questions leave the checklist, the answers are listed in the
report with who gave them, and the recommendation is computed from what remains. An answer to a
question the screening does not ask is a warning, never silently ignored; so is an answer dated
after the screening day, which is not taken (nobody can have given it yet).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr

from collabguard.engine.questions import question_id
from collabguard.errors import RuleFileError
from collabguard.io.pydantic_errors import validate_document
from collabguard.io.yaml_loader import load_yaml
from collabguard.models.report import AnsweredQuestion, QuestionReason
from collabguard.reference.report_text import text
from collabguard.rules.conditions import FIELDS, field_question


class Answer(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=r"^Q-[0-9a-f]{10}$", description="the question's id, as shown in the report")
    answer: Literal["yes", "no", "unsure"] = Field(description="'unsure' counts as 'yes', except for a missing fact")
    note: str = ""
    reviewer: str | None = Field(default=None, description="who answered, when not the file's reviewer")
    date: dt.date | None = None


class AnswerFile(BaseModel):
    """Answers to a report's checklist, and who gave them."""

    model_config = ConfigDict(extra="forbid")

    schema_version: Literal[1] = 1
    reviewer: str = Field(min_length=1)
    date: dt.date
    answers: list[Answer]
    _source: str = PrivateAttr(default="answers")  # how messages name it: the file, or the request's field


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
    parsed._source = str(path)
    return parsed


def _yes(answer: Answer) -> bool:
    return answer.answer in ("yes", "unsure")  # as in Canada's risk-assessment form: unsure counts as yes


# the yes/no fields a missing-data answer can fill, by question id
_BOOL_FIELDS = {question_id("missing_data", "", "", {"field": path}): path
                for path, (kind, _) in FIELDS.items() if kind == "bool"}


class CaseAnswers:
    """One case's answers, resolved against the facts of the screening that takes them. Each
    method settles one kind of fact and records the answer it used."""

    def __init__(self, answers: AnswerFile, today: dt.date | None = None, lang: str = "en") -> None:
        self.file = answers
        self.lang = lang  # the language of the report's words (reference/report-text.yaml)
        self.used: dict[str, AnsweredQuestion] = {}
        self.warnings: list[str] = []
        self.by_id: dict[str, Answer] = {}
        for i, a in enumerate(answers.answers):
            when = a.date or answers.date
            if today is not None and when > today:  # nobody can have given it yet: not taken, and said so
                self.warnings.append(text("warning.answer_future", lang, source=answers._source, i=i, id=a.id,
                                          date=when.isoformat(), today=today.isoformat()))
            else:
                self.by_id[a.id] = a

    def _record(self, answer: Answer, question: str, reason: QuestionReason, rule_id: str = "") -> None:
        self.used[answer.id] = AnsweredQuestion(
            id=answer.id, rule_id=rule_id, reason=reason, question=question, answer=answer.answer, note=answer.note,
            reviewer=self.reviewer(answer), date=(answer.date or self.file.date).isoformat())

    def reviewer(self, answer: Answer) -> str:
        return answer.reviewer or self.file.reviewer

    def fields(self) -> dict[str, bool]:
        """Yes/no fields of the proposal filled by answers ("unsure" settles no fact: the question stays)."""
        out = {}
        for qid, path in _BOOL_FIELDS.items():
            answer = self.by_id.get(qid)
            if answer is not None and answer.answer != "unsure":
                out[path] = answer.answer == "yes"
                self._record(answer, field_question(path, self.lang), "missing_data")
        return out

    def identity(self, target: dict[str, str], entry: tuple[str, str], question: str) -> Answer | None:
        """Is the name the listed entry? The answer (yes: a match; no: set aside for this case), if any.
        ``target``: what the question settles (rules/fact_questions.py: the name and the institution
        its entries on several lists name, or one entry); an answer given to the one entry's own
        question (a report from before entries were linked) still counts for that entry."""
        answer = self.by_id.get(question_id("confirm_identity", "", "", target))
        if answer is None and "institution" in target:
            list_id, entity_id = entry
            legacy = {"partner": target["partner"], "country": target["country"], "list": list_id, "entity_id": entity_id}
            answer = self.by_id.get(question_id("confirm_identity", "", "", legacy))
        if answer is not None:
            self._record(answer, question, "confirm_identity")
        return answer

    def area(self, target: dict[str, str], area_id: str, question: str) -> bool | None:
        """Does the research advance the area? None when not answered. ``target``: the one area, or
        every area the same words touched (one answer for them all); an answer to the one area's own
        question still counts for it."""
        answer = self.by_id.get(question_id("confirm_area", "", "", target))
        if answer is None and "areas" in target:
            answer = self.by_id.get(question_id("confirm_area", "", "", {"area_id": area_id}))
        if answer is None:
            return None
        self._record(answer, question, "confirm_area")
        return _yes(answer)

    def judgement(self, question: str, rule_id: str) -> bool | None:
        """A rule's own question: yes (the concern holds), no (closed), or None when not answered."""
        answer = self.by_id.get(question_id("judgement", question, rule_id, None))
        if answer is None:
            return None
        self._record(answer, question, "judgement", rule_id)
        return _yes(answer)

    def still_open(self, asked: list[tuple[str, QuestionReason, str, dict[str, str]]]) -> set[str]:
        """After the screening: answers to questions it asked but that settle nothing (a value to give in
        the proposal, "unsure" about a fact) are listed, and the question stays open; answers to
        questions it did not ask are warnings. ``asked``: (id, reason, question, target) of the checklist."""
        open_ids = set()
        for qid, reason, question, target in asked:
            answer = self.by_id.get(qid)
            if answer is None or qid in self.used:
                continue
            self._record(answer, question, reason)
            open_ids.add(qid)
            if reason == "missing_data" and FIELDS.get(target.get("field", ""), ("",))[0] != "bool":
                self.warnings.append(text("warning.answer_needs_value", self.lang, id=qid, question=question))
        self.warnings += [text("warning.answer_unknown", self.lang, id=a.id)
                          for a in self.file.answers if a.id not in self.used and self.by_id.get(a.id) is a]
        return open_ids

    def answered(self) -> list[AnsweredQuestion]:
        """The answers used, in the order of the answer file."""
        return [self.used[a.id] for a in self.file.answers if a.id in self.used]
