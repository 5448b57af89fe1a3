"""Everything rules look at for one proposal, computed once: subjects with their list matches,
detected areas, country groups. Light objects; converted to report models at the edge."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from collabguard.areas.detect import AreaHit
from collabguard.lists.institutions import EntryKey, Institution
from collabguard.matching.candidates import Candidate, Rejected
from collabguard.models.proposal import Category, Proposal
from collabguard.models.report import Subject as SubjectKind
from collabguard.reference.roles import category_of

SUBJECT_KINDS: tuple[SubjectKind, ...] = ("partner", "funder", "affiliation", "appointment", "programme")


@dataclass(slots=True)
class Subject:
    """A name in the proposal that can be on a list: a partner, a funder, a researcher's affiliation …"""

    kind: str
    name: str
    country: str | None
    where: str  # e.g. partners[0]
    matches: list[Candidate] = field(default_factory=list)
    near_misses: list[Rejected] = field(default_factory=list)
    person: int | None = None  # personnel index, for a person's affiliation, appointment or programme
    current: bool | None = None  # a person's talent programme: whether the participation continues
    ror: str | None = None  # a partner's ROR id, where given (matched by identifier)


@dataclass(slots=True)
class Context:
    proposal: Proposal
    subjects: list[Subject]
    areas: list[AreaHit]
    groups: dict[str, frozenset[str]]
    categories: list[Category | None] = field(default_factory=list)  # per person: given, or read from the role
    # entries of different lists that name one body: an identity question is asked once for them all
    institutions: Mapping[EntryKey, Institution] = field(default_factory=dict)
    lang: str = "en"  # the language of the questions the conditions ask (reference/report-text.yaml)
    # outcomes by condition key (Node.key), filled as rules are evaluated: a condition several rules
    # share is evaluated once per screening; the outcomes are read, never changed, by their users
    outcomes: dict[int, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.categories:
            self.categories = [category_of(p) for p in self.proposal.personnel]

    @property
    def activity(self) -> str:
        """The proposal's activity; research when it does not say (the report warns)."""
        return self.proposal.activity or "research"


def collect_subjects(proposal: Proposal, today: date | None = None) -> list[Subject]:
    """Every name a list predicate can look at, with where it came from."""
    today = today or date.today()
    out: list[Subject] = []
    for i, p in enumerate(proposal.partners):
        out.append(Subject("partner", p.name, p.country, f"partners[{i}]", ror=p.ror))
    for i, f in enumerate(proposal.funding):
        out.append(Subject("funder", f.funder, f.country, f"funding[{i}]"))
        # a funder can itself be a talent programme ("Thousand Talents Plan")
        out.append(Subject("programme", f.funder, f.country, f"funding[{i}]"))
        if f.programme:
            out.append(Subject("programme", f.programme, f.country, f"funding[{i}].programme"))
    for i, person in enumerate(proposal.personnel):
        for j, a in enumerate(person.affiliations):
            out.append(Subject("affiliation", a.name, a.country, f"personnel[{i}].affiliations[{j}]", person=i))
        for j, a in enumerate(person.appointments):
            out.append(Subject("appointment", a.name, a.country, f"personnel[{i}].appointments[{j}]", person=i))
        for j, prog in enumerate(person.talent_programmes):
            out.append(Subject("programme", prog.name, None, f"personnel[{i}].talent_programmes[{j}]", person=i,
                               current=prog.current_on(today)))
    return out
