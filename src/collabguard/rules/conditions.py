"""The condition language of ``when``: ``all`` / ``any`` / ``not`` over a small set of predicates.

Evaluation is three-valued: True, False, or None ("cannot decide": a 'possible' match a person must
confirm, an area only touched, or data missing from the proposal). Undecided rules become checklist
questions, never silent passes.

Predicates (documented for rule authors in README, "Writing rules"):
- ``listed``: a subject is on a list. ``lists`` (ids; default all), ``subjects`` (partner, funder,
  affiliation, appointment, programme), ``decision`` (minimum: match | possible), ``ratings``.
- ``country_in`` / ``country_outside``: a subject's country is in / outside a named ``group`` or
  ``countries``. Subjects add ``travel`` and ``home``.
- ``area``: the proposal text touches sensitive technology ``areas`` (ids, categories, ``prefix.*``)
  with at least ``decision``.
- ``field``: a proposal field (``path``) ``equals``, is ``in``, ``gte``, ``lte``, is ``present``
  or ``missing``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from collabguard.models.common import decision_rank
from collabguard.rules.context import SUBJECT_KINDS, Context

Path_ = tuple[str | int, ...]

# Proposal fields a rule may test, with the question asked when the proposal leaves them empty.
# Nationality is deliberately absent: risk rules use affiliations, funding and partners.
FIELD_QUESTIONS: dict[str, str] = {
    "data.personal_data": "Does the project collect or process personal data?",
    "data.data_management_plan": "Is there a data management plan?",
    "data.transfer_outside_eea": "Will personal data be transferred to or accessed from outside the EU/EEA?",
    "agreement.written": "Is there a written cooperation agreement at institutional level?",
    "agreement.ipr": "Does the agreement settle intellectual property rights?",
    "agreement.publication": "Does the agreement settle publication and authorship?",
    "agreement.termination": "Does the agreement say how the cooperation can be ended?",
    "export_control.codes": "Has the work been assessed against the export-control lists, and which entries apply?",
    "duration_months": "How long will the cooperation last (months)?",
    "start_date": "When does the cooperation start?",
    "partners": "Which partner institutions take part?",
    "personnel": "Which researchers take part, and with which affiliations?",
    "funding": "Who funds the project, and from which country?",
    "travel": "Which countries will project staff travel to?",
    "keywords": "Which keywords describe the research?",
}


class _P(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ListedArgs(_P):
    lists: list[str] | None = None
    subjects: list[Literal["partner", "funder", "affiliation", "appointment", "programme"]] = Field(
        default_factory=lambda: list(SUBJECT_KINDS)
    )
    decision: Literal["match", "possible"] = "match"
    ratings: list[str] | None = None


class CountryArgs(_P):
    subjects: list[Literal["partner", "funder", "affiliation", "appointment", "travel", "home"]] = Field(
        default_factory=lambda: ["partner"]
    )
    group: str | None = None
    countries: list[str] | None = None


class AreaArgs(_P):
    areas: list[str] = Field(min_length=1)
    decision: Literal["match", "possible"] = "match"


class FieldArgs(_P):
    path: str
    equals: Any = None
    in_: list[Any] | None = Field(default=None, alias="in")
    gte: float | None = None
    lte: float | None = None
    present: bool | None = None
    missing: bool | None = None


PREDICATES: dict[str, type[_P]] = {
    "listed": ListedArgs,
    "country_in": CountryArgs,
    "country_outside": CountryArgs,
    "area": AreaArgs,
    "field": FieldArgs,
}


@dataclass
class Question:
    reason: Literal["confirm_identity", "confirm_area", "missing_data"]
    text: str


@dataclass
class Outcome:
    """Three-valued result with the evidence that made it, and the questions that would settle it."""

    value: bool | None
    matches: list[Any] = field(default_factory=list)  # (Subject, Candidate)
    areas: list[Any] = field(default_factory=list)  # AreaHit
    countries: list[str] = field(default_factory=list)
    fields: dict[str, Any] = field(default_factory=dict)
    questions: list[Question] = field(default_factory=list)

    def absorb(self, other: Outcome) -> None:
        self.matches += [m for m in other.matches if m not in self.matches]
        self.areas += [a for a in other.areas if a not in self.areas]
        self.countries += [c for c in other.countries if c not in self.countries]
        self.fields.update(other.fields)


# --- parsing ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Node:
    op: str  # all | any | not | <predicate>
    children: tuple[Node, ...] = ()
    args: Any = None


def parse(raw: Any, path: Path_, problems: list[tuple[Path_, str]], known: dict[str, set[str]]) -> Node | None:
    """Validate a condition tree; problems are (path, message) pairs, all collected."""
    if not isinstance(raw, dict) or len(raw) != 1:
        problems.append((path, "a condition is a mapping with exactly one key: all, any, not or a predicate"))
        return None
    (op, value), = raw.items()
    if op in ("all", "any"):
        if not isinstance(value, list) or not value:
            problems.append((path + (op,), f"'{op}' takes a non-empty list of conditions"))
            return None
        kids = [parse(v, path + (op, i), problems, known) for i, v in enumerate(value)]
        return Node(op, tuple(k for k in kids if k is not None))
    if op == "not":
        kid = parse(value, path + (op,), problems, known)
        return Node(op, (kid,)) if kid else None
    model = PREDICATES.get(op)
    if model is None:
        problems.append((path + (op,), f"unknown predicate {op!r}; known: all, any, not, {', '.join(PREDICATES)}"))
        return None
    try:
        args = model.model_validate(value if isinstance(value, dict) else {})
    except ValidationError as exc:
        for err in exc.errors():
            problems.append((path + (op,) + tuple(err["loc"]), err["msg"]))
        return None
    _check_references(op, args, path + (op,), problems, known)
    return Node(op, (), args)


def _check_references(op: str, args: Any, path: Path_, problems: list[tuple[Path_, str]], known: dict[str, set[str]]) -> None:
    if isinstance(args, ListedArgs):
        for lid in args.lists or []:
            if lid not in known["lists"]:
                problems.append((path + ("lists",), f"unknown list {lid!r}; known: {', '.join(sorted(known['lists']))}"))
    elif isinstance(args, CountryArgs):
        if (args.group is None) == (args.countries is None):
            problems.append((path, "give exactly one of 'group' or 'countries'"))
        elif args.group is not None and args.group not in known["groups"]:
            problems.append((path + ("group",), f"unknown country group {args.group!r}; known: {', '.join(sorted(known['groups']))}"))
    elif isinstance(args, AreaArgs):
        for sel in args.areas:
            if sel not in known["areas"] and not any(a.startswith(sel.rstrip("*")) for a in known["areas"]):
                problems.append((path + ("areas",), f"unknown technology area {sel!r}"))
    elif isinstance(args, FieldArgs):
        if args.path not in FIELD_QUESTIONS:
            problems.append((path + ("path",), f"unknown field {args.path!r}; rules may test: {', '.join(FIELD_QUESTIONS)}"))
        tests = [args.equals is not None, args.in_ is not None, args.gte is not None, args.lte is not None,
                 args.present is not None, args.missing is not None]
        if sum(tests) != 1:
            problems.append((path, "give exactly one test: equals, in, gte, lte, present or missing"))
