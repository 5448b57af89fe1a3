"""The condition language of ``when``: ``all`` / ``any`` / ``not`` over a small set of predicates.

Evaluation is three-valued: True, False, or None ("cannot decide": a 'possible' match a person must
confirm, an area only touched, or data missing from the proposal). Undecided rules become checklist
questions, never silent passes.

Predicates (documented for rule authors in README, "Writing rules"):
- ``listed``: a subject is on a list. ``lists`` (ids; default all), ``subjects`` (partner, funder,
  affiliation, appointment, programme), ``decision`` (minimum: match | possible), ``ratings``;
  ``categories``: only a person's affiliation, appointment or programme, and only of a person in
  these categories (undecided, with a question, when the person's category is unknown);
  ``participation``: for a person's talent programme, ``current`` or ``ended`` (default any);
  ``held_by``: ``person`` (a person's affiliation, appointment or programme) or ``funding`` (a
  funding row), default any.
- ``country_in`` / ``country_outside``: a subject's country is in / outside a named ``group`` or
  ``countries``. Subjects add ``travel`` and ``home``.
- ``area``: the proposal text touches sensitive technology ``areas`` (ids, categories, ``prefix.*``)
  with at least ``decision``.
- ``field``: a proposal field (``path``) ``equals``, is ``in``, ``gte``, ``lte``, is ``present``
  or ``missing``.
- ``talent_programme``: a researcher declares a talent or recruitment programme (``declared: true``)
  or declares none (``declared: false``).
- ``partner_type``: a partner's ``type`` holds one of the words ``in`` (company, government,
  state-owned, military …); undecided when a partner's type is not given.
- ``activity``: the proposal's activity is ``in`` the given ones (research, education, recruitment,
  visit, industry_contract); a proposal that does not say is screened as research.
- ``personnel``: someone on the project is in one of the ``categories`` (key_personnel, researcher,
  postdoc, student, intern, recruit, guest; given, or read from the role). A person whose category
  is unknown does not count.
- ``determination``: an applicant's own determination, a yes/no ``field`` (``strac.advances_stra``):
  yes is True, no is False; when it is not given, the rule asks for it (``missing: ask``), or asks
  only when the text touches one of ``areas`` (``missing: ask_if_touched``, the default) and is
  otherwise False. A keyword in the text is shown as evidence, never taken as the determination.
- ``nationality_in`` / ``nationality_outside``: a researcher's nationality is in / outside a
  ``group`` or ``countries``. Allowed only in rules marked ``legal_gate: true`` (a legal
  requirement defined by nationality, such as the UK's ATAS): nationality never feeds a risk rule.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import Any, Literal, TypedDict

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from collabguard.areas.taxonomy import AreaCatalog
from collabguard.countries import country_code
from collabguard.models.proposal import Activity, Category
from collabguard.reference.report_text import text
from collabguard.rules.context import SUBJECT_KINDS

Path_ = tuple[str | int, ...]


class Known(TypedDict):
    """What a rule may refer to, checked at load time: list ids, country groups, technology areas."""

    lists: set[str]
    groups: set[str]
    catalog: AreaCatalog

# Proposal fields a rule may test: their type, and the question asked when the proposal leaves
# them empty. Nationality is deliberately absent: risk rules use affiliations, funding and partners.
FIELD_TYPES: dict[str, str] = {
    "data.personal_data": "bool", "data.data_management_plan": "bool", "data.transfer_outside_eea": "bool",
    "agreement.written": "bool", "agreement.ipr": "bool", "agreement.publication": "bool", "agreement.termination": "bool",
    "export_control.codes": "list", "duration_months": "number", "start_date": "date", "partners": "list",
    "personnel": "list", "funding": "list", "travel": "list", "keywords": "list", "strac.advances_stra": "bool",
}
# the question in English (reference/report-text.yaml, ``field_question.<path>``, holds every language)
FIELDS: dict[str, tuple[str, str]] = {path: (kind, text(f"field_question.{path}")) for path, kind in FIELD_TYPES.items()}
FIELD_QUESTIONS = {path: question for path, (_, question) in FIELDS.items()}


def field_question(path: str, lang: str = "en") -> str:
    """The question asked when the proposal leaves ``path`` empty, in ``lang`` (English is ``FIELDS``'s)."""
    return FIELD_QUESTIONS[path] if lang == "en" else text(f"field_question.{path}", lang)


class _P(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ListedArgs(_P):
    lists: list[str] | None = None
    subjects: list[Literal["partner", "funder", "affiliation", "appointment", "programme"]] = Field(
        default_factory=lambda: list(SUBJECT_KINDS)
    )
    decision: Literal["match", "possible"] = "match"
    ratings: list[str] | None = None
    categories: list[Category] | None = None
    participation: Literal["current", "ended", "any"] = "any"
    held_by: Literal["person", "funding", "any"] = "any"


class ActivityArgs(_P):
    in_: list[Activity] = Field(alias="in", min_length=1)


class PersonnelArgs(_P):
    categories: list[Category] = Field(min_length=1)


class DeterminationArgs(_P):
    field: Literal["strac.advances_stra"]
    areas: list[str] = Field(min_length=1)
    missing: Literal["ask", "ask_if_touched"] = "ask_if_touched"


CountrySubject = Literal["partner", "funder", "affiliation", "appointment", "travel", "home"]


def _partner_only() -> list[CountrySubject]:
    return ["partner"]


class CountryArgs(_P):
    subjects: list[CountrySubject] = Field(default_factory=_partner_only)
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


class TalentArgs(_P):
    declared: bool = True


class PartnerTypeArgs(_P):
    in_: list[str] = Field(alias="in", min_length=1)


class NationalityArgs(_P):
    group: str | None = None
    countries: list[str] | None = None


NATIONALITY_PREDICATES = frozenset({"nationality_in", "nationality_outside"})

PREDICATES: dict[str, type[_P]] = {
    "listed": ListedArgs,
    "country_in": CountryArgs,
    "country_outside": CountryArgs,
    "area": AreaArgs,
    "field": FieldArgs,
    "talent_programme": TalentArgs,
    "partner_type": PartnerTypeArgs,
    "activity": ActivityArgs,
    "personnel": PersonnelArgs,
    "determination": DeterminationArgs,
    "nationality_in": NationalityArgs,
    "nationality_outside": NationalityArgs,
}


@dataclass
class Question:
    reason: Literal["confirm_identity", "confirm_area", "missing_data"]
    text: str
    target: dict[str, str] = field(default_factory=dict)  # what an answer settles: a match, an area, a field
    # the English wording, where the text is in another language and there is no target: a question's
    # id is computed from the target, else from this, so it is the same in every language
    basis: str = ""


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
        # (most outcomes carry one kind of evidence or none: the empty ones are skipped)
        if other.matches:
            self.matches += [m for m in other.matches if m not in self.matches]
        if other.areas:
            self.areas += [a for a in other.areas if a not in self.areas]
        if other.countries:
            self.countries += [c for c in other.countries if c not in self.countries]
        if other.fields:
            self.fields.update(other.fields)


# --- parsing ---------------------------------------------------------------------------------


# one small number per distinct condition, shared by the nodes that spell it the same way
_KEYS: dict[tuple[Any, ...], int] = {}
_NEXT_KEY = itertools.count()  # next() is atomic: two threads loading rules never share a number


@dataclass(frozen=True)
class Node:
    op: str  # all | any | not | <predicate>
    children: tuple[Node, ...] = ()
    args: Any = None
    areas: frozenset[str] = frozenset()  # for `area`: selectors resolved once, at load time
    # equal for nodes that test the same thing (op, arguments, resolved areas, children): many rules
    # share a condition (``country_outside: {group: eu-eea}``, a whole ``when``), and a screening
    # evaluates each key once (rules/evaluate.py)
    key: int = field(default=-1, init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        what = (self.op, tuple(k.key for k in self.children), repr(self.args), self.areas)
        object.__setattr__(self, "key", _KEYS.setdefault(what, next(_NEXT_KEY)))


def parse(raw: Any, path: Path_, problems: list[tuple[Path_, str]], known: Known) -> Node | None:
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
    if not isinstance(value, dict):
        problems.append((path + (op,), f"the arguments of '{op}' must be a mapping (e.g. {op}: {{...}}), not {type(value).__name__}"))
        return None
    try:
        args = model.model_validate(value)
    except ValidationError as exc:
        for err in exc.errors():
            problems.append((path + (op,) + tuple(err["loc"]), err["msg"]))
        return None
    areas = _check_references(op, args, path + (op,), problems, known)
    return Node(op, (), args, areas)


def _check_references(op: str, args: Any, path: Path_, problems: list[tuple[Path_, str]], known: Known) -> frozenset[str]:
    """Check ids and types against the loaded data, exactly as evaluation will use them."""
    if isinstance(args, ListedArgs):
        for lid in args.lists or []:
            if lid not in known["lists"]:
                problems.append((path + ("lists",), f"unknown list {lid!r}; known: {', '.join(sorted(known['lists']))}"))
    elif isinstance(args, CountryArgs | NationalityArgs):
        if (args.group is None) == (args.countries is None):
            problems.append((path, "give exactly one of 'group' or 'countries'"))
        elif args.group is not None and args.group not in known["groups"]:
            problems.append((path + ("group",), f"unknown country group {args.group!r}; known: {', '.join(sorted(known['groups']))}"))
        for code in args.countries or []:
            if country_code(code) != code:
                problems.append((path + ("countries",), f"{code!r} is not an ISO 3166 alpha-2 code"))
    elif isinstance(args, AreaArgs | DeterminationArgs):
        resolved: set[str] = set()
        for sel in args.areas:
            try:
                resolved.update(known["catalog"].resolve(sel))
            except KeyError:
                problems.append((path + ("areas",), f"unknown technology area {sel!r}"))
        return frozenset(resolved)
    elif isinstance(args, FieldArgs):
        _check_field(args, path, problems)
    return frozenset()


def _check_field(args: FieldArgs, path: Path_, problems: list[tuple[Path_, str]]) -> None:
    if args.path not in FIELDS:
        problems.append((path + ("path",), f"unknown field {args.path!r}; rules may test: {', '.join(FIELDS)}"))
        return
    tests = {"equals": args.equals, "in": args.in_, "gte": args.gte, "lte": args.lte,
             "present": args.present, "missing": args.missing}
    given = [k for k, v in tests.items() if v is not None]
    if len(given) != 1:
        problems.append((path, "give exactly one test: equals, in, gte, lte, present or missing"))
        return
    kind, test = FIELDS[args.path][0], given[0]
    allowed = {"bool": {"equals", "present", "missing"}, "number": {"equals", "in", "gte", "lte", "present", "missing"},
               "date": {"present", "missing"}, "list": {"present", "missing"}}[kind]
    if test not in allowed:
        problems.append((path + (test,), f"'{test}' cannot test {args.path} (a {kind}); use one of: {', '.join(sorted(allowed))}"))
    elif kind == "bool" and test == "equals" and not isinstance(args.equals, bool):
        problems.append((path + ("equals",), f"{args.path} is true or false; got {args.equals!r}"))
    elif kind == "number" and test == "equals" and (isinstance(args.equals, bool) or not isinstance(args.equals, int | float)):
        problems.append((path + ("equals",), f"{args.path} is a number; got {args.equals!r}"))


def uses(node: Node, ops: frozenset[str]) -> bool:
    """Whether a condition tree uses any of the predicates ``ops``."""
    return node.op in ops or any(uses(k, ops) for k in node.children)
