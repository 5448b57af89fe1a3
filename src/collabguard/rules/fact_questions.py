"""One question per fact: who a name is, and what the research advances.

A partner written "BUAA" possibly matches Beihang University on four lists; the fact to settle is
one (is "BUAA" that university?), so one question is asked, naming every list entry it settles, and
one answer applies to all of them (engine/answers.py). Likewise one area question per mention
("drones" in the title touches an area in three taxonomies). A question's text and id depend on the
fact alone, never on which rule asks it, so every rule that meets the fact asks the same question and
the checklist lists it once.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from collabguard.areas.detect import AreaHit
from collabguard.lists.institutions import EntryKey, Institution
from collabguard.reference.report_text import reason, text, text_or
from collabguard.rules.conditions import Question


def identity_target(name: str, country: str | None, list_id: str, entity_id: str,
                    institutions: Mapping[EntryKey, Institution]) -> dict[str, str]:
    """What an identity answer settles: the name as written and the institution, when the entry is
    linked to other lists' entries for the same body; else that one entry."""
    inst = institutions.get((list_id, entity_id))
    if inst is not None:
        return {"partner": name, "country": country or "", "institution": inst.key}
    return {"partner": name, "country": country or "", "list": list_id, "entity_id": entity_id}


def identity_questions(pairs: Iterable[tuple[Any, Any]], institutions: Mapping[EntryKey, Institution],
                       lang: str = "en") -> list[Question]:
    """One question per (name as written, institution) among ``pairs`` of (Subject, Candidate) the
    match of which is only possible. The question names every entry of that institution the subject
    possibly matches, whichever rule asks."""
    out: dict[tuple[str, ...], Question] = {}
    for s, c in pairs:
        target = identity_target(s.name, s.country, c.entity.list_id, c.entity.entity_id, institutions)
        key = tuple(target[k] for k in sorted(target))
        if key in out:
            continue
        inst = institutions.get((c.entity.list_id, c.entity.entity_id))
        same = [m for m in s.matches if m.decision == "possible"
                and (m is c or (inst is not None and institutions.get((m.entity.list_id, m.entity.entity_id)) is inst))]
        out[key] = Question("confirm_identity", _identity_text(s, same or [c], inst, lang), target)
    return list(out.values())


def _identity_text(s: Any, entries: Sequence[Any], inst: Institution | None, lang: str = "en") -> str:
    first = entries[0]
    why = "; ".join(reason(r, lang) for r in first.reasons)
    if inst is None or len(entries) == 1:
        e = first.entity
        return text("question.identity", lang, name=repr(s.name), where=s.where, entity=repr(e.name), list=e.list_id,
                    why=why)
    shown = inst.name
    other_names = list(dict.fromkeys(m.entity.name for m in entries if m.entity.name != shown))
    also = text("question.also_listed_as", lang, names=", ".join(repr(n) for n in other_names)) if other_names else ""
    where = ", ".join(dict.fromkeys(m.entity.list_id for m in entries))  # the entries' ids are in the question's target
    return text("question.identity_linked", lang, name=repr(s.name), where=s.where, entity=repr(shown), also=also,
                entries=where, why=why)


def area_groups(hits: Iterable[AreaHit]) -> list[list[AreaHit]]:
    """Possible areas grouped by the mention that touched them: one group per set of words, holding
    areas of different taxonomies. Two areas of one taxonomy touched by the same words are
    different questions (one may hold and the other not), so such a group is split up."""
    by_words: dict[frozenset[tuple[str, str]], list[AreaHit]] = {}
    for h in hits:
        if h.decision == "possible":
            by_words.setdefault(_words(h), []).append(h)
    out: list[list[AreaHit]] = []
    for group in by_words.values():
        taxonomies = [h.taxonomy for h in group]
        if len(set(taxonomies)) == len(taxonomies):
            out.append(group)
        else:
            out += [[h] for h in group]
    return out


def area_target(group: Sequence[AreaHit]) -> dict[str, str]:
    """What an area answer settles: the one area, or every area the same words touched."""
    if len(group) == 1:
        return {"area_id": group[0].area_id}
    return {"areas": ",".join(sorted(h.area_id for h in group))}


def area_questions(maybes: Iterable[AreaHit], every_hit: Sequence[AreaHit], lang: str = "en") -> list[Question]:
    """One question per mention among the possible areas ``maybes`` a rule looks at, naming every
    area (of any taxonomy) the same words touched."""
    groups = {h.area_id: g for g in area_groups(every_hit) for h in g}
    out: dict[str, Question] = {}
    for h in maybes:
        group = groups.get(h.area_id, [h])
        target = area_target(group)
        key = "|".join(f"{k}={v}" for k, v in sorted(target.items()))
        if key not in out:
            out[key] = Question("confirm_area", _area_text(group, lang), target)
    return list(out.values())


def _words(h: AreaHit) -> frozenset[tuple[str, str]]:
    return frozenset((e.text.lower(), e.field) for e in h.evidence)


def _area_text(group: Sequence[AreaHit], lang: str = "en") -> str:
    mentions = ", ".join(sorted({text("question.mention", lang, words=repr(e.text), field=_field(e.field, lang))
                                 for e in group[0].evidence}))
    if len(group) == 1:
        h = group[0]
        return text("question.area", lang, area=h.area_name, id=h.area_id, mentions=mentions)
    areas = "; ".join(f"{h.area_name} ({h.area_id})" for h in group)
    return text("question.area_group", lang, mentions=mentions, areas=areas)


def _field(field: str, lang: str) -> str:
    return text_or(f"text_field.{field}", field, lang)
