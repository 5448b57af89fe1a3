"""Evaluate a parsed condition tree over a screening context (three-valued logic)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from collabguard.models.common import decision_rank
from collabguard.reference.report_text import text
from collabguard.rules.conditions import (
    ActivityArgs,
    AreaArgs,
    CountryArgs,
    DeterminationArgs,
    FieldArgs,
    ListedArgs,
    NationalityArgs,
    Node,
    Outcome,
    PartnerTypeArgs,
    PersonnelArgs,
    Question,
    TalentArgs,
    field_question,
)
from collabguard.rules.context import Context
from collabguard.rules.fact_questions import area_questions, identity_questions

# what most conditions come to for most proposals: one shared outcome (outcomes are never changed)
_FALSE = Outcome(False)


def evaluate(node: Node, ctx: Context) -> Outcome:
    """The outcome of ``node`` for this screening. Rules share conditions (and parts of them): each
    distinct one (``Node.key``) is evaluated once per context, and its outcome is shared, so nothing
    may change an outcome it is given (composite nodes build their own)."""
    outcome = ctx.outcomes.get(node.key)
    if outcome is None:
        outcome = ctx.outcomes[node.key] = _evaluate(node, ctx)
    return outcome


def _evaluate(node: Node, ctx: Context) -> Outcome:
    if node.op == "all":
        kids = []
        decided = True
        for child in node.children:
            kid = evaluate(child, ctx)
            if kid.value is False:
                return _FALSE  # the other parts cannot change that, and evaluating has no side effects
            decided = decided and kid.value is True
            kids.append(kid)
        out = Outcome(True if decided else None)
        for k in kids:
            out.absorb(k)
            out.questions += k.questions
        return out
    if node.op == "any":
        kids = [evaluate(k, ctx) for k in node.children]
        held = [k for k in kids if k.value is True]
        if held:
            out = Outcome(True)
            for k in held:
                out.absorb(k)
                out.questions += k.questions  # what a held part still asks ("listed": the possible identities)
            return out
        undecided = [k for k in kids if k.value is None]
        if not undecided:
            return _FALSE
        out = Outcome(None)
        for k in undecided:
            out.absorb(k)
            out.questions += k.questions
        return out
    if node.op == "not":
        kid = evaluate(node.children[0], ctx)
        if kid.value is None:
            return kid
        return Outcome(not kid.value)
    if node.op == "area":
        return _area(node.args, node.areas, ctx)
    if node.op == "determination":
        return _determination(node.args, node.areas, ctx)
    return _PREDICATES[node.op](node.args, ctx)


def _rating(entity: Any) -> str:
    return entity.risk_level or "unrated"


def _person_label(ctx: Context, i: int) -> str:
    p = ctx.proposal.personnel[i]
    who = p.name or p.role or text("question.no_role", ctx.lang)
    return f"personnel[{i}] ({who})"


def _listed(args: ListedArgs, ctx: Context) -> Outcome:
    need = decision_rank(args.decision)
    hits, maybes = [], []
    unknown_people: list[int] = []
    for subject in ctx.subjects:
        if subject.kind not in args.subjects:
            continue
        if args.held_by == "person" and subject.person is None:
            continue
        if args.held_by == "funding" and not subject.where.startswith("funding"):
            continue
        if args.participation != "any" and subject.current is not None \
                and subject.current != (args.participation == "current"):
            continue
        if args.categories is not None:
            if subject.person is None:
                continue  # a partner or a funding row is nobody's role
            category = ctx.categories[subject.person]
            if category is None:
                listed_here = any(args.lists is None or c.entity.list_id in args.lists for c in subject.matches)
                if listed_here and subject.person not in unknown_people:
                    unknown_people.append(subject.person)
                continue
            if category not in args.categories:
                continue
        for cand in subject.matches:
            if args.lists is not None and cand.entity.list_id not in args.lists:
                continue
            if args.ratings is not None and _rating(cand.entity) not in args.ratings:
                continue
            rank = decision_rank(cand.decision)
            if rank >= need:
                hits.append((subject, cand))
            elif rank >= 1:
                maybes.append((subject, cand))
    role_questions = [
        Question("missing_data", text("question.role", ctx.lang, person=_person_label(ctx, i)), {"field": f"personnel[{i}].category"})
        for i in unknown_people]
    questions = role_questions + identity_questions(maybes, ctx.institutions, ctx.lang) if maybes or role_questions else []
    if hits:
        # one partner listed does not settle the others: each possible identity is still asked about
        # (a second partner possibly listed was lost from the report when the first was certain)
        return Outcome(True, matches=hits, questions=questions)
    if questions:
        return Outcome(None, matches=maybes, questions=questions)
    return _FALSE


def _activity(args: ActivityArgs, ctx: Context) -> Outcome:
    ok = ctx.activity in args.in_
    return Outcome(ok, fields={"activity": ctx.activity} if ok else {})


def _personnel(args: PersonnelArgs, ctx: Context) -> Outcome:
    found = [f"{_person_label(ctx, i)}: {c}" for i, c in enumerate(ctx.categories) if c in args.categories]
    return Outcome(bool(found), fields={"personnel": "; ".join(found)} if found else {})


def _determination(args: DeterminationArgs, wanted: frozenset[str], ctx: Context) -> Outcome:
    value = _value(ctx, args.field)
    touched = [h for h in ctx.areas if h.area_id in wanted]
    if value is True:
        return Outcome(True, areas=touched, fields={args.field: True})
    if value is False:
        return _FALSE
    if not touched and args.missing == "ask_if_touched":
        return _FALSE
    asked = field_question(args.field, ctx.lang)
    if touched:
        shown = "; ".join(f"{h.area_name} ({h.area_id}): " + ", ".join(sorted({repr(e.text) for e in h.evidence}))
                          for h in touched[:3])
        asked += (text("question.touches_more", ctx.lang, areas=shown, n=len(touched) - 3) if len(touched) > 3
                  else text("question.touches", ctx.lang, areas=shown))
    return Outcome(None, areas=touched, questions=[Question("missing_data", asked, {"field": args.field})])


def _countries_of(args: CountryArgs, ctx: Context) -> list[tuple[str, str | None]]:
    p = ctx.proposal
    out: list[tuple[str, str | None]] = []
    for kind in args.subjects:
        if kind == "travel":
            out += [(f"travel[{i}]", c) for i, c in enumerate(p.travel)]
        elif kind == "home":
            if p.home_institution is not None:
                out.append(("home_institution", p.home_institution.country))
        else:
            out += [(s.where, s.country) for s in ctx.subjects if s.kind == kind]
    return out


def _country(args: CountryArgs, ctx: Context, inside: bool) -> Outcome:
    members = ctx.groups[args.group] if args.group else frozenset(args.countries or ())
    found, unknown = [], []
    for where, code in _countries_of(args, ctx):
        if code is None:
            unknown.append(where)
        elif (code in members) == inside:
            if code not in found:
                found.append(code)
    if found:
        return Outcome(True, countries=found)
    if unknown:
        return Outcome(None, questions=[Question("missing_data", text("question.country", ctx.lang, where=w), {},
                                                 text("question.country", "en", where=w)) for w in unknown])
    return _FALSE


def _area(args: AreaArgs, wanted: frozenset[str], ctx: Context) -> Outcome:
    touched = [h for h in ctx.areas if h.area_id in wanted]
    if not touched:
        return _FALSE
    need = decision_rank(args.decision)
    hits = [h for h in touched if decision_rank(h.decision) >= need]
    if hits:
        return Outcome(True, areas=hits)
    maybes = [h for h in touched if h.decision == "possible"]
    if maybes:
        questions = area_questions(maybes, ctx.areas, ctx.lang)
        return Outcome(None, areas=maybes, questions=questions)
    return _FALSE


def _value(ctx: Context, path: str) -> Any:
    value: Any = ctx.proposal
    for part in path.split("."):
        value = getattr(value, part, None)
    return value


def _field(args: FieldArgs, ctx: Context) -> Outcome:
    value = _value(ctx, args.path)
    empty = value is None or (isinstance(value, list) and not value)
    # presence tests record no evidence value: a list of partners says nothing a message needs
    if args.present is not None:
        return Outcome((not empty) == args.present)
    if args.missing is not None:
        return Outcome(empty == args.missing)
    if empty:
        return Outcome(None, questions=[Question("missing_data", field_question(args.path, ctx.lang), {"field": args.path})])
    if args.equals is not None:
        ok = value == args.equals
    elif args.in_ is not None:
        ok = value in args.in_
    elif args.gte is not None:
        ok = value >= args.gte
    else:
        ok = value <= args.lte
    return Outcome(bool(ok), fields={args.path: value} if ok else {})


def _talent(args: TalentArgs, ctx: Context) -> Outcome:
    # no personnel named: nothing is declared (rules that need the team ask for it themselves)
    people = ctx.proposal.personnel
    declared = [f"personnel[{i}]" for i, p in enumerate(people) if p.talent_programmes]
    if args.declared:
        return Outcome(bool(declared), fields={"talent_programmes": declared} if declared else {})
    return Outcome(not declared)


def _partner_type(args: PartnerTypeArgs, ctx: Context) -> Outcome:
    wanted = [w.casefold() for w in args.in_]
    found, unknown = [], []
    for i, p in enumerate(ctx.proposal.partners):
        if not p.type:
            unknown.append(f"partners[{i}] ({p.name})")
        elif any(w in p.type.casefold() for w in wanted):
            found.append(f"{p.name}: {p.type}")
    if found:
        return Outcome(True, fields={"partner_types": found})
    if unknown:
        return Outcome(None, questions=[Question("missing_data", text("question.partner_type", ctx.lang, where=w),
                                                 {"field": "partners.type"}) for w in unknown])
    return _FALSE


def _nationality(args: NationalityArgs, ctx: Context, inside: bool) -> Outcome:
    members = ctx.groups[args.group] if args.group else frozenset(args.countries or ())
    found, unknown = [], []
    for i, p in enumerate(ctx.proposal.personnel):
        if p.nationality is None:
            unknown.append(f"personnel[{i}]")
        elif (p.nationality in members) == inside and p.nationality not in found:
            found.append(p.nationality)
    if found:
        return Outcome(True, countries=found)
    if unknown:
        return Outcome(None, questions=[Question("missing_data", text("question.nationality", ctx.lang, where=w),
                                                 {"field": "personnel.nationality"}) for w in unknown])
    return _FALSE


# the arguments are the predicate's own model (ListedArgs, FieldArgs …), as parsed into ``Node.args``
_PREDICATES: dict[str, Callable[[Any, Context], Outcome]] = {
    "listed": _listed,
    "country_in": lambda a, c: _country(a, c, inside=True),
    "country_outside": lambda a, c: _country(a, c, inside=False),
    "field": _field,
    "talent_programme": _talent,
    "partner_type": _partner_type,
    "activity": _activity,
    "personnel": _personnel,
    "nationality_in": lambda a, c: _nationality(a, c, inside=True),
    "nationality_outside": lambda a, c: _nationality(a, c, inside=False),
}
