"""`collabguard rules test`: run every rule's must-fire and must-not-fire examples.

Validation runs first (a pack that does not load is an error, never a skipped test). An example
proposal is the pack's ``example_base`` with the example's fields merged in; it is screened with
that pack only. A flag rule fires when it raises a flag (confirmed or not); a question rule fires
when its question is asked. Examples may also pin ``blocking`` and ``confirmed``, and ``asks: true``
says that a flag rule, on uncertain evidence (an area the text only touches, a missing fact), asks
a question instead of raising its flag.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from collabguard.engine.screen import screen
from collabguard.models.proposal import Proposal
from collabguard.models.report import Report
from collabguard.rules.loader import LoadedPack, LoadedRule, example_data
from collabguard.ruleset import RuleSet


@dataclass(frozen=True)
class CaseResult:
    pack: str
    rule_id: str
    expectation: str  # must_fire | must_not_fire
    case: str
    passed: bool
    detail: str


def _fired(report: Report, lr: LoadedRule, asks: bool = False) -> tuple[bool, Any]:
    if asks:
        flagged = any(f.rule_id == lr.rule.id for f in report.flags)
        return (not flagged and bool(report._asked_by.get(lr.rule.id))), None
    if lr.rule.kind == "question":
        asked = [q for q in report.checklist if q.rule_id == lr.rule.id and q.reason == "judgement"]
        return bool(asked), None
    flags = [f for f in report.flags if f.rule_id == lr.rule.id]
    return bool(flags), (flags[0] if flags else None)


def run_case(ruleset: RuleSet, pack: LoadedPack, lr: LoadedRule, kind: str, index: int, example: dict[str, Any],
             today: date, position: int | None = None) -> CaseResult:
    """Screen one example with its pack only; ``position`` is the rule's index in the pack file."""
    name = str(example.get("case") or f"{kind}[{index}]")
    proposal = Proposal.model_validate(example_data(pack.example_base, lr.rule.id, kind, index, example))
    report = screen(proposal, ruleset, today=today, packs=[pack.info.id])
    fired, flag = _fired(report, lr, asks=bool(example.get("asks")))
    if position is None:
        position = next(i for i, raw in enumerate(pack.doc.data["rules"]) if raw.get("id") == lr.rule.id)
    where = pack.doc.where(("rules", position, "examples", kind, index))
    if kind == "must_fire" and not fired:
        return CaseResult(pack.info.id, lr.rule.id, kind, name, False, f"{where}: expected {lr.rule.id} to fire; it did not")
    if kind == "must_not_fire" and fired:
        return CaseResult(pack.info.id, lr.rule.id, kind, name, False, f"{where}: expected {lr.rule.id} not to fire; it fired")
    for key in ("blocking", "confirmed"):
        if key in example and flag is not None and getattr(flag, key) != example[key]:
            return CaseResult(pack.info.id, lr.rule.id, kind, name, False,
                              f"{where}: expected {key}={example[key]} for {lr.rule.id}; got {getattr(flag, key)}")
    return CaseResult(pack.info.id, lr.rule.id, kind, name, True, "")


def run_rule_tests(ruleset: RuleSet, today: date | None = None) -> list[CaseResult]:
    """Every example of every rule in every pack, in file order."""
    today = today or date.today()
    results: list[CaseResult] = []
    for pack in ruleset.packs:
        for position, lr in enumerate(pack.rules):
            if lr.rule.status == "disabled":  # switched off by an institution's policy: it never fires
                continue
            for kind in ("must_fire", "must_not_fire"):
                for i, example in enumerate(getattr(lr.rule.examples, kind)):
                    results.append(run_case(ruleset, pack, lr, kind, i, example, today, position))
    return results
