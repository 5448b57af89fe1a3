"""Evidence for a flag, as report models, and the rendering of message templates from it."""

from __future__ import annotations

import string
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from collabguard.countries import country_name
from collabguard.lists.model import Entity
from collabguard.matching.candidates import Candidate
from collabguard.models.proposal import Proposal
from collabguard.models.report import AreaFinding, Evidence, ListMatch
from collabguard.reference.report_text import text, text_or
from collabguard.report.wording import fields_in_words
from collabguard.rules.conditions import Outcome
from collabguard.rules.context import Subject
from collabguard.ruleset import RuleSet


def entity_rating(ruleset: RuleSet, entity: Entity) -> str | None:
    """The list's own rating of an entry ('unrated' if the list rates and this entry has none)."""
    field = ruleset.lists.lists[entity.list_id].severity.rating_field
    if not field:
        return None
    return getattr(entity, field, "") or "unrated"


def list_match(ruleset: RuleSet, subject: Subject, cand: Candidate, lang: str = "en") -> ListMatch:
    entity = cand.entity
    rating = entity_rating(ruleset, entity)
    inst = ruleset.institutions.get((entity.list_id, entity.entity_id))
    return ListMatch(
        partner=subject.name, subject=subject.kind, country=subject.country,  # type: ignore[arg-type]
        entity_id=entity.entity_id, entity_name=entity.name, list=entity.list_id,
        list_title=ruleset.lists.lists[entity.list_id].title, score=cand.score, decision=cand.decision,
        list_cite=ruleset.lists.lists[entity.list_id].cite_for(rating, entity, lang),
        matched_name=cand.form.text, matched_name_kind=cand.form.kind, entity_country=entity.country,
        rating=rating, source_url=entity.source_url, source_date=entity.source_date,
        reasons=list(cand.reasons), query_normalized=cand.query_normalized, features=dict(cand.features),
        also_fits=[e.entity_id for e in cand.also],
        institution=inst.key if inst is not None else "", institution_name=inst.name if inst is not None else "",
    )


def area_finding(hit: Any) -> AreaFinding:
    return AreaFinding.model_validate(hit.model_dump(include=set(AreaFinding.model_fields)))


def _plain(value: Any) -> Any:
    return value if isinstance(value, bool | int | float | str) or value is None else str(value)


def evidence_from(ruleset: RuleSet, outcome: Outcome, memo: dict[int, Any] | None = None, lang: str = "en") -> Evidence:
    """The evidence of one rule; ``memo`` (one per screening) keeps the report objects of matches and
    areas that several rules cite, so each is built once."""
    memo = {} if memo is None else memo

    def once(key: int, make: Any) -> Any:
        if key not in memo:
            memo[key] = make()
        return memo[key]

    return Evidence(
        matches=[once(id(c), lambda s=s, c=c: list_match(ruleset, s, c, lang)) for s, c in outcome.matches],
        areas=[once(id(a), lambda a=a: area_finding(a)) for a in outcome.areas],
        countries=list(outcome.countries),
        fields={k: _plain(v) for k, v in outcome.fields.items()},
    )


@lru_cache(maxsize=4096)
def _placeholders(template: str) -> frozenset[str]:
    return frozenset(f for _, f, _, _ in string.Formatter().parse(template) if f)


def _join(items: list[str], sep: str = ", ") -> str:
    seen = list(dict.fromkeys(items))
    return sep.join(seen) if seen else "—"


def _entities(matches: list[ListMatch], lang: str) -> str:
    """Each body once, with every list that names it: "Harbin Engineering University (name match), on
    the Entity List …; on the Section 1286 list …", not the name again before each list. Entries of
    several lists that name one body (their institution) are one body; a list that spells it otherwise
    says so ("as 'Korea Mining Development Trading Corp.'")."""
    bodies: dict[tuple[str, str, str], list[ListMatch]] = {}
    for m in matches:
        bodies.setdefault((m.partner, m.institution or m.entity_id, m.decision), []).append(m)
    out = []
    for group in bodies.values():
        first = group[0]
        how = text("evidence.name_match" if first.decision == "match" else "evidence.possible_name_match", lang)
        cites = list(dict.fromkeys(
            m.list_cite if m.entity_name == first.entity_name else text("evidence.listed_as", lang, name=m.entity_name, cite=m.list_cite)
            for m in group))
        out.append(f"{first.entity_name} ({how}), {'; '.join(cites)}")
    return _join(out, "; ")


# what each placeholder stands for, from (evidence, proposal, framework title, language); module-level,
# so a message (~40 per screening) does not build them anew
_MAKERS: dict[str, Callable[[Evidence, Proposal, str, str], str]] = {
    "subjects": lambda ev, p, fw, lang: _join([f"{m.partner!r} ({text_or(f'subject.{m.subject}', m.subject, lang)})"
                                               for m in ev.matches]),
    "entities": lambda ev, p, fw, lang: _entities(list(ev.matches), lang),
    "lists": lambda ev, p, fw, lang: _join([m.list_title for m in ev.matches]),
    # the id and decision are for in_words (report/wording.py), which leaves the name and "possibly"
    "areas": lambda ev, p, fw, lang: _join([f"{a.area_name} ({a.area_id}, {a.decision})" for a in ev.areas]),
    "countries": lambda ev, p, fw, lang: _join([f"{country_name(c, lang)} ({c})" for c in ev.countries]),
    "codes": lambda ev, p, fw, lang: _join(p.export_control.codes),
    "fields": lambda ev, p, fw, lang: fields_in_words(ev.fields, lang),  # in words, never "agreement.ipr = False"
    "framework": lambda ev, p, fw, lang: fw,
}


def render(template: str, ev: Evidence, proposal: Proposal, framework: str, lang: str = "en") -> str:
    """Fill a rule's message or question template from its evidence ("—" where there is none), in ``lang``."""
    return template.format_map({name: _MAKERS[name](ev, proposal, framework, lang)
                                for name in _placeholders(template) if name in _MAKERS})
