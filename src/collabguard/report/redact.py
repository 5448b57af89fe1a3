"""``--redact``: a report without the names of people.

collabguard's reports already leave out researchers' names (subjects are institutions, and people are
referred to by position, ``personnel[0]``); but a title, an abstract or an answer note can still name
someone, and answers and office decisions carry the reviewer's name. A redacted report replaces every
researcher's name given in the proposal with ``[person N]`` and every reviewer's name with
``[reviewer]``, wherever it occurs, and says so (``redacted: true``).
"""

from __future__ import annotations

from typing import Any

from collabguard.models.proposal import Proposal
from collabguard.models.report import Report


def _replace(value: Any, names: list[tuple[str, str]]) -> Any:
    if isinstance(value, str):
        for name, placeholder in names:
            value = value.replace(name, placeholder)
        return value
    if isinstance(value, list):
        return [_replace(v, names) for v in value]
    if isinstance(value, dict):
        return {k: _replace(v, names) for k, v in value.items()}
    return value


def redact(report: Report, proposal: Proposal) -> Report:
    people = [(p.name, f"[person {i + 1}]") for i, p in enumerate(proposal.personnel) if p.name and len(p.name.strip()) > 1]
    reviewers = {a.reviewer for a in report.answers if a.reviewer} | {r.reviewer for r in report.reviews if r.reviewer}
    names = sorted(people + [(r, "[reviewer]") for r in reviewers if len(r.strip()) > 1], key=lambda n: -len(n[0]))
    data = _replace(report.model_dump(mode="json"), names)
    data["redacted"] = True
    out = Report.model_validate(data)
    out._framework_questions = report._framework_questions
    return out
