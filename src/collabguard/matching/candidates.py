"""What the matcher says of one name and one list: typed results, the score apart from the explanation.

A decision stage (:mod:`collabguard.matching.stages`) returns :class:`Finding` objects: the listed
name form it found, the decision and score it gives, the feature that decided and one sentence for a
person, plus the typed facts later checks read (how the words paired, the unit a name names, whether
a translation contradicts the list's own Chinese name). The matcher turns each into a
:class:`Candidate`, which the checks (:mod:`collabguard.matching.checks`) may demote or annotate, and
whose ``features`` are what reports show of it. Nothing downstream reads meaning back out of a
feature's text.

These are light objects (slots, no validation): the matcher makes thousands per second. Reports
convert them to pydantic models at the edge (:mod:`collabguard.engine.evidence`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from collabguard.lists.model import Entity
from collabguard.matching.compare import Comparison, parent_named
from collabguard.matching.index import NameForm
from collabguard.matching.normalize import tokens
from collabguard.matching.registry import is_registry
from collabguard.models.common import Decision, decision_rank

# said of a name that is one word in capitals, found by any stage ("VNIIFTRI" for "FGUP VNIIFTRI"; "IPP" for the
# listed alias "IPP SB RAS"): the acronym stages say "an acronym alone never confirms an identity"
CAPITALS_ALONE = "a word in capitals alone, an acronym or a name, never confirms an identity"


@dataclass(frozen=True, slots=True)
class Finding:
    """One stage's result for one listed name form."""

    form: NameForm
    decision: Decision
    score: int  # 0–100
    feature: str  # what matched ("exact name", "close spelling", "part of listed organisation" …)
    explanation: str  # one sentence for a person
    words: Comparison | None = None  # how the words paired, where the stage compared them
    unit: str = ""  # the words that name a unit or subsidiary of the listed organisation
    abroad: bool = False  # a company named after a listed company in another country (its subsidiary abroad)
    # why a finding is set aside: the list gives the entry another Chinese name (a translation), ROR gives a
    # derived acronym to another organisation
    named_otherwise: str = ""
    weak: bool = False  # evidence that cannot tell two listed entries apart (a derived acronym, a translation)
    # evidence too thin without the country to back it (a company named by one word, a Russian body's quoted
    # name): with no country given it says nothing (matching/checks.py, apply_country)
    needs_country: bool = False

    @property
    def parent_left_out(self) -> bool:
        """The listed institute's parent ("… of the Russian Academy of Sciences") is not named in the name: the
        words compared say so, or the name found is an alias that is the listed name without its parent
        ("Institute of Solid State Physics", which DoD's list and ROR give the RAS institute)."""
        if self.words is not None:
            return self.words.parent_named is False
        return _without_parent(self.form)


def _without_parent(form: NameForm) -> bool:
    listed = tokens(form.entity.name)
    own = set(form.tokens)
    missing = [w for w in listed if w not in own]
    return bool(missing) and own <= set(listed) and bool(parent_named(missing, form.entity.country))


@dataclass(slots=True)
class Candidate:
    """A scored list entry for one query: a finding, and what the checks made of it (hot-path object)."""

    finding: Finding
    stage: str  # the id of the stage that found it
    decision: Decision
    segment: str
    reasons: list[str] = field(default_factory=list)
    features: dict[str, str] = field(default_factory=dict)  # what reports show of how it was decided
    query_normalized: str = ""
    also: list[Entity] = field(default_factory=list)  # other entries of the list it fits as well

    @property
    def form(self) -> NameForm:
        return self.finding.form

    @property
    def entity(self) -> Entity:
        return self.finding.form.entity

    @property
    def score(self) -> int:
        return self.finding.score

    def copy(self) -> Candidate:
        """A copy its holder may change (a reviewed decision makes it a ``match`` and adds a reason)."""
        return Candidate(self.finding, self.stage, self.decision, self.segment, list(self.reasons), dict(self.features),
                         self.query_normalized, list(self.also))

    def sort_key(self) -> tuple[int, int, int, int, int, int, str]:
        # ties: the longer matched part of the string (the whole sub-unit name beats its parent's),
        # then an entry's own name over another entry's alias (an institute listed on its own and
        # as an alias of its parent is reported as itself; an entry named as written over another read
        # without its bracketed acronym: the ISN table lists "Korea Mining Development Corp." and
        # "… (KOMID)" apart)
        own_name = 1 if self.form.kind in ("name", "local") and not self.form.via and not self.form.written else 0
        # then a name form written as the name is written: "Public Joint Stock Company United Aircraft Corporation"
        # and "United Aircraft Corporation" are two entries of the Entity List, one name once legal forms are dropped
        as_written = 1 if " ".join(self.form.text.casefold().split()) == " ".join(self.segment.casefold().split()) else 0
        # then a name all of whose words pair over one that leaves words out or adds them: "China Shipbuliding
        # Industry Company Limited" is the listed company of that name, not its group's Power company
        words = self.finding.words
        whole = 0 if words is not None and (words.company_left_out or words.company_added or words.left_out) else 1
        return (decision_rank(self.decision), self.score, len(self.segment), own_name, as_written, whole,
                self.entity.entity_id)


def candidate(finding: Finding, stage: str, segment: str, query_normalized: str) -> Candidate:
    """A finding as the candidate the checks work on, its features as reports show them."""
    form = finding.form
    features = {"matched": finding.feature, "name_kind": form.kind, "stage": stage}
    reasons = [finding.explanation]
    if form.via:
        features["borrowed_from"] = form.via
        if is_registry(form.via) and form.via not in finding.explanation:  # a close spelling of a name ROR gives
            reasons.append(f"{form.text!r} is a name of {form.entity.name!r} via {form.via}")
    if finding.words is not None:
        features["words"] = finding.words.why
    if finding.unit:
        features["unit"] = finding.unit
    if finding.abroad:
        features["abroad"] = "yes"
    if finding.named_otherwise:
        features["local_name"] = "differs"
        features["why_not"] = finding.named_otherwise
        reasons.append(f"but {finding.named_otherwise}")
    return Candidate(finding, stage, finding.decision, segment, reasons, features, query_normalized)


@dataclass(slots=True)
class Rejected:
    """The nearest candidate of a list that did not make it, and why."""

    form: NameForm
    score: int
    why: str
    segment: str

    @property
    def entity(self) -> Entity:
        return self.form.entity


@dataclass(slots=True)
class ListResult:
    list_id: str
    best: Candidate | None
    rejected: Rejected | None
