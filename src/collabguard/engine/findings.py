"""Turn one rule's three-valued outcome into flags and checklist questions."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from collabguard.engine.evidence import evidence_from, render
from collabguard.engine.questions import question_id
from collabguard.models.common import severity_rank
from collabguard.models.report import ChecklistItem, Evidence, Flag, Guideline
from collabguard.reference.report_text import guideline_page, text_or
from collabguard.reference.report_text import text as words
from collabguard.rules.conditions import Outcome
from collabguard.rules.context import Context
from collabguard.rules.evaluate import evaluate
from collabguard.rules.loader import LoadedRule
from collabguard.rules.schema import Rule
from collabguard.ruleset import RuleSet

if TYPE_CHECKING:
    from collabguard.engine.answers import CaseAnswers

__all__ = ["Findings"]


@dataclass(frozen=True, slots=True)
class RuleTexts:
    """A rule's words and cited guideline in one language, as a report shows them. They depend on
    the rule alone, so they are built once per rule and language (:func:`rule_texts`), not at every
    firing; the Guideline model is then shared by the reports, which never change it in place."""

    rule: Rule  # what they were built from (rule models are frozen)
    title: str
    message: str
    question: str
    mitigations: tuple[str, ...]
    guideline: Guideline


def rule_texts(lr: LoadedRule, lang: str) -> RuleTexts:
    texts: RuleTexts | None = lr.derived.get(lang)
    if texts is not None and texts.rule is lr.rule:
        return texts
    rule = lr.rule
    guideline = Guideline(**rule.guideline.model_dump())
    page = guideline_page(guideline.url, guideline.url_nb, lang)  # the Norwegian page of the section, where known
    if page is not None:
        url, title = page
        guideline = guideline.model_copy(update={"url": url, "section": title or guideline.section})
    own = rule.translations.get(lang) if lang != "en" else None  # type: ignore[call-overload]
    texts = RuleTexts(rule=rule, title=(own and own.title) or rule.title, message=(own and own.message) or rule.message or "",
                      question=(own and own.question) or rule.question or "",
                      mitigations=tuple((own and own.mitigations) or rule.mitigations), guideline=guideline)
    lr.derived[lang] = texts
    return texts


@dataclass
class Findings:
    """Flags and checklist of one screening, collected rule by rule.

    ``quiet_advisory``: when some framework applies, packs that do not apply show their flags but
    do not ask their own questions (only those that would confirm or clear one of their flags).
    When no framework applies, every pack's questions are asked.
    """

    ruleset: RuleSet
    ctx: Context
    quiet_advisory: bool
    flags: list[Flag] = field(default_factory=list)
    checklist: list[ChecklistItem] = field(default_factory=list)
    asked: dict[str, list[ChecklistItem]] = field(default_factory=dict)  # every framework's own questions
    lang: str = "en"  # the language of rule texts: a rule's translation when it has one, else English
    _memo: dict[int, Any] = field(default_factory=dict)  # report objects of matches and areas, built once
    asked_by: dict[str, set[str]] = field(default_factory=dict)  # rule id -> ids of every question it asked
    answers: CaseAnswers | None = None  # a case's answers: a judgement answered is not asked again
    # where each (framework, question key) stands in ``asked``, and each key in ``checklist``: a
    # question met again is found at once (a proposal with little data asks ~75)
    _asked_at: dict[tuple[str, str], int] = field(default_factory=dict)
    _listed_at: dict[str, int] = field(default_factory=dict)
    _evidence_of: dict[int, tuple[Outcome, Evidence]] = field(default_factory=dict)  # by outcome, see _evidence

    def run(self, lr: LoadedRule, applicable: bool) -> None:
        rule = lr.rule
        outcome = evaluate(lr.condition, self.ctx)
        if outcome.value is False:
            return
        severity = self._severity(lr, outcome)
        texts = rule_texts(lr, self.lang)
        guideline = texts.guideline
        advisory = not applicable

        def ask(reason: str, text: str, target: dict[str, str] | None = None, basis: str = "") -> None:
            qid = question_id(reason, basis or text, rule.id, target)  # the same id in every language
            self.asked_by.setdefault(rule.id, set()).add(qid)

            def item() -> ChecklistItem:
                return ChecklistItem(id=qid, rule_id=rule.id, framework=lr.pack.id, question=text,
                                     severity=severity, reason=reason, advisory=advisory,  # type: ignore[arg-type]
                                     guideline=guideline, target=target or {})

            # one question per fact: an identity, an area or a missing field is one question (its id,
            # built from what it settles), whatever the wording of the rule that asks; a rule's own
            # question is one per wording, as two rules may ask the same thing
            key = f"{reason}|{text}" if reason == "judgement" else qid
            self._ask(lr.pack.id, key, reason, severity, advisory, item)

        if rule.kind == "question":
            if outcome.value is True:
                evidence = self._evidence(outcome)  # built only where it is shown
                text = render(texts.question, evidence, self.ctx.proposal, self._title(lr), self.lang)
                said = self.answers.judgement(text, rule.id) if self.answers is not None else None
                if said is None:
                    ask("judgement", text)
                elif said:  # the concern holds: recorded as a confirmed flag of the rule's severity
                    answer = self.answers.by_id[question_id("judgement", text, rule.id, None)]  # type: ignore[union-attr]
                    who = self.answers.reviewer(answer)  # type: ignore[union-attr]
                    self.flags.append(Flag(
                        rule_id=rule.id, title=words("flag.answered_yes", self.lang, question=text), framework=lr.pack.id,
                        severity=severity, blocking=False, advisory=advisory, confirmed=True, gate=None,  # type: ignore[arg-type]
                        message=words("flag.answered", self.lang, who=who, answer=repr(words(f"answer.{answer.answer}", self.lang)),
                                      note=answer.note).rstrip(": "),
                        guideline=guideline, evidence=Evidence(), mitigations=[]))
            for q in outcome.questions:  # undecided: ask what would decide it
                ask(q.reason, q.text, q.target, q.basis)
            return
        # uncertain evidence asks, it does not flag: an area the text only touches, or a missing fact,
        # is a question; only a possible identity (a person confirms who the partner is) leaves a
        # flag, unconfirmed and never blocking
        confirm = [q for q in outcome.questions if q.reason == "confirm_identity"]
        if outcome.value is None and not confirm:
            for q in outcome.questions:
                ask(q.reason, q.text, q.target, q.basis)
            return
        evidence = self._evidence(outcome)
        confirmed = outcome.value is True and all(m.decision == "match" for m in evidence.matches)
        gate: Literal["law", "funding_condition"] | None = (
            "law" if rule.legal_gate else "funding_condition" if rule.funding_condition else None)
        self.flags.append(Flag(
            rule_id=rule.id, title=texts.title, framework=lr.pack.id, severity=severity,  # type: ignore[arg-type]
            blocking=bool(rule.blocking and applicable and confirmed), advisory=advisory, confirmed=confirmed, gate=gate,
            message=render(texts.message, evidence, self.ctx.proposal, self._title(lr), self.lang),
            guideline=guideline, evidence=evidence, mitigations=list(texts.mitigations),
        ))
        for q in outcome.questions:
            ask(q.reason, q.text, q.target, q.basis)

    def _title(self, lr: LoadedRule) -> str:
        """The framework's title for ``{framework}``: the pack's, or in the report's language where the
        report texts have it."""
        return lr.pack.title if self.lang == "en" else text_or(f"framework_title.{lr.pack.id}", lr.pack.title, self.lang)

    def _evidence(self, outcome: Outcome) -> Evidence:
        """The evidence of an outcome, built once: rules that share a condition share its outcome
        (rules/evaluate.py), and so its evidence."""
        known = self._evidence_of.get(id(outcome))
        if known is not None and known[0] is outcome:
            return known[1]
        evidence = evidence_from(self.ruleset, outcome, self._memo, self.lang)
        self._evidence_of[id(outcome)] = (outcome, evidence)  # the outcome is kept: its id stays its own
        return evidence

    def _severity(self, lr: LoadedRule, outcome: Outcome) -> str:
        if lr.rule.severity_from == "matches" and outcome.matches:
            return max((self.ruleset.lists.severity_of(c.entity) for _, c in outcome.matches), key=severity_rank)
        return lr.rule.severity

    def _ask(self, framework: str, key: str, reason: str, severity: str, advisory: bool,
             item: Callable[[], ChecklistItem]) -> None:
        """Record a question: once per framework and once in the checklist, each kept at its highest
        severity. Found by key in constant time and built only when kept, so the cost grows with the
        questions asked, not with questions times checklist (a 10,000-partner consortium asks ~600,000)."""
        rank = severity_rank(severity)
        own = self.asked.setdefault(framework, [])
        i = self._asked_at.get((framework, key))
        built: ChecklistItem | None = None
        if i is None:
            self._asked_at[(framework, key)] = len(own)
            own.append(built := item())
        elif rank > severity_rank(own[i].severity):
            own[i] = built = item()  # the same question from two rules of a framework: the higher severity
        if advisory and self.quiet_advisory and reason in ("judgement", "missing_data"):
            return
        i = self._listed_at.get(key)
        if i is None:
            self._listed_at[key] = len(self.checklist)
            self.checklist.append(built if built is not None else item())
            return
        other = self.checklist[i]
        # the same question from several rules is asked once: by an applicable pack
        # rather than an advisory one, then at the highest severity
        if (not advisory, rank) > (not other.advisory, severity_rank(other.severity)):
            self.checklist[i] = built if built is not None else item()
