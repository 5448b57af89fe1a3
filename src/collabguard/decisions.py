"""Reviewed decisions a research office keeps (``decisions.yaml``): false positives cleared and
matches confirmed by a named reviewer, with a reason, a date and an expiry.

```yaml
schema_version: 1
decisions:
  - decision: cleared            # this partner is NOT the listed entry
    partner: Northeastern University
    country: US
    list: aspi-cdut
    entity_id: aspi-northeastern-university
    list_edition: "2020-08-21"   # the edition reviewed; a newer edition asks for a new review
    reviewer: Kari Nordmann
    date: 2026-11-20
    reason: Northeastern University in Boston; not the Shenyang university on ASPI's tracker.
    expires: 2027-11-20
  - decision: confirmed          # this partner IS the listed entry (a 'possible' becomes a 'match')
    partner: NEU
    country: CN
    list: aspi-cdut
    entity_id: aspi-northeastern-university
    reviewer: …, date: …, reason: …, expires: …
```

A decision is keyed on the partner as written (normalised name and country), the entry and the
list, so clearing "Northeastern University, Boston" never hides Northeastern University, Shenyang.
A cleared match is still shown, marked as reviewed, and no longer feeds any rule. A decision that
has expired, whose list edition has changed, or that is dated after the screening day (a decision
cannot be made in the future), is not applied and is reported loudly. A malformed
file is an error (file:line:col), never ignored. "Today" is passed in, so expiry is testable.
"""

from __future__ import annotations

import datetime
from datetime import date
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from collabguard.countries import country_code
from collabguard.errors import RuleFileError
from collabguard.io.pydantic_errors import validate_document
from collabguard.io.yaml_loader import load_yaml
from collabguard.matching.normalize import normalize


class Decision(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    decision: Literal["cleared", "confirmed"]
    partner: str = Field(min_length=1)
    country: str = Field(min_length=2)
    list: str = Field(min_length=1)
    entity_id: str = Field(min_length=1)
    list_edition: str | None = None
    reviewer: str = Field(min_length=1)
    date: datetime.date  # qualified: the field's name shadows the type in the class body
    reason: str = Field(min_length=3)
    expires: datetime.date
    ticket: str | None = None

    def key(self) -> tuple[str, str, str, str]:
        return (normalize(self.partner), country_code(self.country) or self.country.upper(), self.list, self.entity_id)


class DecisionFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    schema_version: Literal[1]
    decisions: list[Decision] = Field(default_factory=list)


class Decisions:
    """Loaded decisions, looked up by (partner as written, country, list, entry)."""

    def __init__(self, items: list[Decision], source: str = "") -> None:
        self.items = items
        self.source = source
        self._by_key = {d.key(): d for d in items}

    def find(self, partner: str, country: str | None, list_id: str, entity_id: str) -> Decision | None:
        return self._by_key.get((normalize(partner), country or "", list_id, entity_id))


def load_decisions(path: Path) -> Decisions:
    doc = load_yaml(path, "decisions file")
    parsed = validate_document(doc, DecisionFile)
    problems = []
    seen: dict[tuple[str, str, str, str], int] = {}
    for i, d in enumerate(parsed.decisions):
        if d.key() in seen:
            problems.append(f"{doc.where(('decisions', i))}: decisions[{i}]: another decision for the same partner and "
                            f"entry is at decisions[{seen[d.key()]}]; keep one")
        seen.setdefault(d.key(), i)
        if d.decision == "cleared" and not d.list_edition:
            problems.append(f"{doc.where(('decisions', i))}: decisions[{i}].list_edition: required for a cleared match "
                            "(a newer edition of the list must be reviewed again)")
        if country_code(d.country) is None:
            problems.append(f"{doc.where(('decisions', i, 'country'))}: decisions[{i}].country: unknown country {d.country!r}")
        if d.expires < d.date:
            problems.append(f"{doc.where(('decisions', i, 'expires'))}: decisions[{i}].expires: before the decision's date")
    if problems:
        raise RuleFileError(problems)
    return Decisions(list(parsed.decisions), str(path))


def status(decision: Decision, list_edition: str, today: date) -> Literal["applied", "expired", "needs re-review"]:
    """Whether a decision still holds: not past its expiry day (the day itself still counts) and,
    for a cleared match, made on the list edition in use. A decision dated after ``today`` holds
    nothing yet (nobody can have made it: a wrong date, or a file edited ahead) and needs re-review;
    :func:`future_dated` says so in the report."""
    if decision.date > today:
        return "needs re-review"
    if today > decision.expires:
        return "expired"
    if decision.decision == "cleared" and decision.list_edition and decision.list_edition != list_edition:
        return "needs re-review"
    return "applied"


def unknown_entries(decisions: Decisions, known: set[tuple[str, str]], lang: str = "en") -> list[str]:
    """Decisions naming a list entry that is not in the lists in use (a typo, or a removed entry)."""
    from collabguard.reference.report_text import text

    return [text("warning.decision_unknown_entry", lang, partner=repr(d.partner), entry=repr(d.entity_id), list=repr(d.list))
            for d in decisions.items if (d.list, d.entity_id) not in known]


def future_dated(decisions: Decisions, today: date, lang: str = "en") -> list[str]:
    """Decisions dated after ``today``, named by file and entry: none of them is applied."""
    from collabguard.reference.report_text import text

    return [text("warning.decision_future", lang, source=decisions.source or "decisions", i=i, partner=repr(d.partner),
                 list=d.list, entry=d.entity_id, date=d.date.isoformat(), today=today.isoformat())
            for i, d in enumerate(decisions.items) if d.date > today]
