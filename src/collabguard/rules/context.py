"""Everything rules look at for one proposal, computed once: subjects with their list matches,
detected areas, country groups. Light objects; converted to report models at the edge."""

from __future__ import annotations

from dataclasses import dataclass, field

from collabguard.areas.detect import AreaHit
from collabguard.matching.matcher import Candidate, Rejected
from collabguard.models.proposal import Proposal

SUBJECT_KINDS = ("partner", "funder", "affiliation", "appointment", "programme")


@dataclass(slots=True)
class Subject:
    """A name in the proposal that can be on a list: a partner, a funder, a researcher's affiliation …"""

    kind: str
    name: str
    country: str | None
    where: str  # e.g. partners[0]
    matches: list[Candidate] = field(default_factory=list)
    near_misses: list[Rejected] = field(default_factory=list)


@dataclass(slots=True)
class Context:
    proposal: Proposal
    subjects: list[Subject]
    areas: list[AreaHit]
    groups: dict[str, frozenset[str]]


def collect_subjects(proposal: Proposal) -> list[Subject]:
    """Every name a list predicate can look at, with where it came from."""
    out: list[Subject] = []
    for i, p in enumerate(proposal.partners):
        out.append(Subject("partner", p.name, p.country, f"partners[{i}]"))
    for i, f in enumerate(proposal.funding):
        out.append(Subject("funder", f.funder, f.country, f"funding[{i}]"))
        # a funder can itself be a talent programme ("Thousand Talents Plan")
        out.append(Subject("programme", f.funder, f.country, f"funding[{i}]"))
        if f.programme:
            out.append(Subject("programme", f.programme, f.country, f"funding[{i}].programme"))
    for i, person in enumerate(proposal.personnel):
        for j, a in enumerate(person.affiliations):
            out.append(Subject("affiliation", a.name, a.country, f"personnel[{i}].affiliations[{j}]"))
        for j, a in enumerate(person.appointments):
            out.append(Subject("appointment", a.name, a.country, f"personnel[{i}].appointments[{j}]"))
        for j, prog in enumerate(person.talent_programmes):
            out.append(Subject("programme", prog, None, f"personnel[{i}].talent_programmes[{j}]"))
    return out
