"""``--redact``: a report without the names of people.

collabguard's reports already leave out researchers' names (subjects are institutions, and people are
referred to by position, ``personnel[0]``); but a title, an abstract or an answer note can still name
someone, and answers and office decisions carry the reviewer's name. A redacted report replaces, in
its free text (title, messages, questions, reasons, notes, warnings), every researcher's name given
in the proposal with ``[person N]`` (also written in another case, with other spacing, as "Surname,
Given" or by the surname alone) and sets every reviewer field to ``[reviewer]``. Identifiers, codes,
countries, URLs and list entries are never touched. The report says so (``redacted: true``).
"""

from __future__ import annotations

import re
from typing import Any

from collabguard.models.proposal import Proposal
from collabguard.models.report import Report

TEXT_KEYS = frozenset({"message", "question", "note", "recommendation_reason", "reason", "why"})
MIN_LETTERS = 3  # shorter names ("Li") are not searched for in running text: they are parts of too many words


def _letters(text: str) -> int:
    return sum(c.isalpha() for c in text)


def _patterns(name: str) -> list[re.Pattern[str]]:
    """The ways a person's name is written in running text, longest first."""
    words = [w for w in re.split(r"[\s,]+", name.strip()) if w]
    if not words or _letters(name) < MIN_LETTERS:
        return []
    forms = [words]
    if len(words) >= 2:
        forms.append([words[-1] + ",", *words[:-1]])  # Surname, Given
        if _letters(words[-1]) >= 4:
            forms.append([words[-1]])  # the surname alone
    return [re.compile(r"(?<!\w)" + r"\s+".join(re.escape(w) for w in form) + r"(?!\w)", re.IGNORECASE)
            for form in sorted(forms, key=len, reverse=True)]


def _walk(value: Any, names: list[tuple[re.Pattern[str], str]], key: str = "", top: bool = False) -> Any:
    if isinstance(value, dict):
        out: dict[Any, Any] = {}
        for k, v in value.items():
            if k == "reviewer" and isinstance(v, str) and v:
                out[k] = "[reviewer]"
            elif isinstance(v, str) and (k in TEXT_KEYS or (top and k == "title")):
                out[k] = _scrub(v, names)
            elif top and k == "warnings" and isinstance(v, list):
                out[k] = [_scrub(w, names) if isinstance(w, str) else w for w in v]
            else:
                out[k] = _walk(v, names, k)
        return out
    if isinstance(value, list):
        return [_walk(v, names, key) for v in value]
    return value


def _scrub(text: str, names: list[tuple[re.Pattern[str], str]]) -> str:
    for pattern, placeholder in names:
        text = pattern.sub(placeholder, text)
    return text


def redact(report: Report, proposal: Proposal) -> Report:
    names: list[tuple[re.Pattern[str], str]] = []
    for i, person in enumerate(proposal.personnel):
        if person.name:
            names += [(p, f"[person {i + 1}]") for p in _patterns(person.name)]
    reviewers = {a.reviewer for a in report.answers if a.reviewer} | {r.reviewer for r in report.reviews if r.reviewer}
    for reviewer in sorted(reviewers):
        names += [(p, "[reviewer]") for p in _patterns(reviewer)]
    names.sort(key=lambda n: -len(n[0].pattern))  # the longest form first: "Kari Nordmann" before "Nordmann"
    data = _walk(report.model_dump(mode="json"), names, top=True)
    data["redacted"] = True
    return Report.model_validate(data)
