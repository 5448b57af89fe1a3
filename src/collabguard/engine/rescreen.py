"""Monitoring: a stored report's names against today's lists. Which approved partnerships are newly listed?"""

from __future__ import annotations

from datetime import date

from collabguard.decisions import Decisions, status
from collabguard.errors import InputError
from collabguard.models.report import Report
from collabguard.models.usecases import NewMatch, RescreenResult
from collabguard.ruleset import RuleSet


def rescreen(old: Report, ruleset: RuleSet, decisions: Decisions | None, today: date) -> RescreenResult:
    """The matches of ``old``'s screened names on today's lists that the report did not have (as
    evidence or as a reviewed decision), leaving out matches a reviewed decision cleared."""
    if not old.screened_names:
        raise InputError(f"report {old.proposal_id!r} does not list the names it screened (made by an older "
                         "collabguard); screen the proposal again instead")
    before = {(m.partner, m.entity_id) for f in old.flags for m in f.evidence.matches}
    before |= {(r.partner, r.entity_id) for r in old.reviews}
    fresh = []
    for s in old.screened_names:
        kind = "programme" if s.subject == "programme" else "organisation"
        for c in ruleset.matcher.match(s.name, s.country, kind=kind):
            d = decisions.find(s.name, s.country, c.entity.list_id, c.entity.entity_id) if decisions else None
            if d is not None and d.decision == "cleared" and \
                    status(d, ruleset.lists.lists[c.entity.list_id].edition, today) == "applied":
                continue
            if (s.name, c.entity.entity_id) not in before:
                fresh.append(NewMatch(name=s.name, subject=s.subject, entity_id=c.entity.entity_id,
                                      entity_name=c.entity.name, list=c.entity.list_id, decision=c.decision))  # type: ignore[arg-type]
    return RescreenResult(proposal_id=old.proposal_id, screened_on=old.screened_on, new_matches=fresh)
