"""Matcher ``collabguard-v2``: names in a proposal against every sensitivity list.

Per list, the best candidate gets a decision:

- ``match`` (a person may rely on it): the normalised name, or one part of an affiliation string,
  equals a name form of the entry (name, alias, or local-script name, also one borrowed from the same
  institution on another list), the form is not generic, and the country agrees (Hong Kong and Macau
  count as China). An acronym corroborated by the name in the same string also counts.
- ``possible`` (a person must confirm; never blocking): a generic name ("Naval Academy"); the same
  words in another order or spacing; an acronym, listed or derived from the name; a misspelling or
  abbreviation whose words all pair up (see :mod:`collabguard.matching.compare`); a name translated
  from Chinese, Russian or Persian.
- A missing country caps the decision at ``possible``; a different country demotes it one step.
Sub-units are separate entries, so a laboratory *at* a university never lists the university.
Every result explains itself, and the best rejected candidate of each list is kept with the reason
("Sichuan University: extra word 'normal'").
"""

from __future__ import annotations

from dataclasses import dataclass, field

from collabguard.lists.model import Entity, ListSet
from collabguard.matching.affiliation import infer_country, is_department
from collabguard.matching.compare import compare
from collabguard.matching.index import NameForm, NameIndex, entity_forms
from collabguard.matching.normalize import (
    GENERIC_WORDS,
    acronym_key,
    compact,
    fingerprint,
    looks_like_acronym,
    normalize,
    segments,
    tokens,
)
from collabguard.matching.translate import script_of, translate
from collabguard.models.common import Decision, decision_rank
from collabguard.models.report import MatcherConfig

CHINA = frozenset({"CN", "HK", "MO"})


def same_country(a: str, b: str) -> bool:
    return a == b or (a in CHINA and b in CHINA)


@dataclass(slots=True)
class Candidate:
    """A scored list entry for one query (hot-path object; converted to a model at the edge)."""

    form: NameForm
    decision: Decision
    score: int
    segment: str
    reasons: list[str] = field(default_factory=list)
    features: dict[str, str] = field(default_factory=dict)
    query_normalized: str = ""

    @property
    def entity(self) -> Entity:
        return self.form.entity

    def sort_key(self) -> tuple[int, int, int, str]:
        return (decision_rank(self.decision), self.score, -len(self.segment), self.entity.entity_id)


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


def _demote(decision: Decision) -> Decision:
    return "possible" if decision == "match" else "none"


class Matcher:
    """Matches names against every loaded list; one index per list and kind of entry."""

    def __init__(self, lists: ListSet, config: MatcherConfig | None = None) -> None:
        self.lists = lists
        self.config = config or MatcherConfig()
        borrowed = self._borrowed_local_names(lists)
        orgs: dict[str, list[NameForm]] = {lid: [] for lid in lists.lists}
        programmes: dict[str, list[NameForm]] = {lid: [] for lid in lists.lists}
        for entity in lists.entities:
            forms = entity_forms(entity, borrowed.get(entity.entity_id, []))
            (programmes if entity.kind == "programme" else orgs)[entity.list_id].extend(forms)
        self._org_index = {lid: NameIndex(f) for lid, f in orgs.items() if f}
        self._programme_index = {lid: NameIndex(f) for lid, f in programmes.items() if f}

    @staticmethod
    def _borrowed_local_names(lists: ListSet) -> dict[str, list[tuple[str, str]]]:
        """Local-script names of the same institution on other lists: same normalised name, same
        country. ASPI gives 北京航空航天大学 for Beihang University; the NRO list gives no Chinese
        names, yet it lists the same university."""
        by_key: dict[tuple[str, str], list[Entity]] = {}
        for e in lists.entities:
            if e.kind != "programme":
                by_key.setdefault((normalize(e.name), e.country), []).append(e)
        out: dict[str, list[tuple[str, str]]] = {}
        for group in by_key.values():
            for e in group:
                for other in group:
                    if other.list_id == e.list_id:
                        continue
                    local = [other.name_local] if other.name_local else []
                    local += [a for a in other.aliases if script_of(a) != "latin"]
                    out.setdefault(e.entity_id, []).extend((text, other.list_id) for text in local)
        return out

    def match(
        self, name: str, country: str | None, *, kind: str = "organisation", lists: list[str] | None = None
    ) -> list[Candidate]:
        """Best candidate per list with a decision above ``none``, best first."""
        found = [r.best for r in self.results(name, country, kind=kind, lists=lists)
                 if r.best is not None and r.best.decision != "none"]
        return sorted(found, key=lambda c: c.sort_key(), reverse=True)

    def results(
        self, name: str, country: str | None, *, kind: str = "organisation", lists: list[str] | None = None
    ) -> list[ListResult]:
        """Per list: the best candidate (rejected ones included) and the nearest rejected one."""
        name = name[: self.config.max_name_length]
        indexes = self._programme_index if kind == "programme" else self._org_index
        parts = segments(name) if name.strip() else []
        inferred = None
        if country is None and len(parts) > 1:
            inferred = infer_country(parts)
        out: list[ListResult] = []
        for list_id, index in sorted(indexes.items()):
            if lists is not None and list_id not in lists:
                continue
            best, rejected = self._best(index, parts, country or inferred, inferred is not None)
            out.append(ListResult(list_id, best, rejected))
        return out

    # -- internals -------------------------------------------------------------------------

    def _best(self, index: NameIndex, parts: list[str], country: str | None,
              inferred: bool) -> tuple[Candidate | None, Rejected | None]:
        candidates: list[Candidate] = []
        rejected: Rejected | None = None
        for i, seg in enumerate(parts):
            found, near = self._score_segment(index, seg)
            for cand in found:
                if i > 0:
                    cand.reasons.append(f"matched on the part {seg!r} of the name")
                self._apply_country(cand, country, inferred)
                candidates.append(cand)
            if near is not None and (rejected is None or near.score > rejected.score):
                rejected = near
        if not candidates:
            return None, rejected
        self._corroborate(candidates, parts)
        best = max(candidates, key=lambda c: c.sort_key())
        if rejected is not None and rejected.entity.entity_id == best.entity.entity_id:
            rejected = None
        return best, rejected

    def _score_segment(self, index: NameIndex, seg: str) -> tuple[list[Candidate], Rejected | None]:
        out: list[Candidate] = []
        norm = normalize(seg)
        if not norm:
            return out, None
        for form in index.exact.get(norm, ()):
            via = f" (from {form.via})" if form.via else ""
            if form.generic:
                out.append(self._cand(form, "possible", 100, seg, norm, "exact generic name",
                                      f"generic name {form.text!r} fits many institutions: confirm which one is meant"))
            else:
                out.append(self._cand(form, "match", 100, seg, norm, f"exact {form.kind}",
                                      f"same name as the listed {form.kind} {form.text!r}{via}"))
        fp = fingerprint(seg)
        for form in index.fingerprints.get(fp, ()):
            if form.norm != norm:
                out.append(self._cand(form, "possible", 95, seg, norm, "same words, other order",
                                      f"same words in a different order as {form.text!r}"))
        squeezed = compact(seg)
        for form in index.compacts.get(squeezed, ()):
            if form.norm != norm and form.fingerprint != fp:
                out.append(self._cand(form, "possible", 95, seg, norm, "same letters, other spacing",
                                      f"same letters with different spacing as {form.text!r}"))
        if looks_like_acronym(seg):
            for form in index.acronyms.get(acronym_key(seg) or "", ()):
                out.append(self._cand(form, "possible", 90, seg, norm, form.kind,
                                      f"{form.kind} {form.text!r} only: an acronym alone never confirms an identity"))
        if out:
            return out, None
        return self._fuzzy(index, seg, norm)

    def _fuzzy(self, index: NameIndex, seg: str, norm: str) -> tuple[list[Candidate], Rejected | None]:
        foreign = script_of(seg) != "latin"
        q_tokens = translate(seg) if foreign else tokens(seg)
        if not q_tokens or all(t in GENERIC_WORDS for t in q_tokens):
            return [], None
        threshold = self.config.translated_threshold if foreign else self.config.possible_threshold
        out: list[Candidate] = []
        near: Rejected | None = None
        pool = index.candidates(q_tokens)[: self.config.max_candidates]
        for form in pool:
            result = compare(q_tokens, form.tokens, lenient=foreign, twin_ratio=self.config.word_twin_ratio / 100)
            if result.passed and result.score >= threshold:
                how = "translated from another script" if foreign else "close spelling"
                reason = f"{how}: {result.why}, similarity {result.score}, with {form.text!r}"
                if form.generic:
                    reason += "; generic name"
                cand = self._cand(form, "possible", result.score, seg, " ".join(q_tokens), how, reason)
                cand.features["words"] = result.why
                out.append(cand)
            else:
                why = result.why if not result.passed else f"similarity {result.score} below {threshold}"
                if near is None or result.score > near.score:
                    near = Rejected(form, result.score, why, seg)
        if out or near is None or near.score < self.config.near_miss_score:
            return out, None
        return out, near

    @staticmethod
    def _cand(form: NameForm, decision: Decision, score: int, seg: str, norm: str, feature: str, reason: str) -> Candidate:
        features = {"matched": feature, "name_kind": form.kind}
        if form.via:
            features["borrowed_from"] = form.via
        return Candidate(form, decision, score, seg, [reason], features, norm)

    def _corroborate(self, candidates: list[Candidate], parts: list[str]) -> None:
        """An acronym is promoted to ``match`` when another part of the same string names the same
        entry ("Beihang University (BUAA)"), never on its own."""
        by_entity: dict[str, list[Candidate]] = {}
        for c in candidates:
            by_entity.setdefault(c.entity.entity_id, []).append(c)
        for group in by_entity.values():
            acronyms = [c for c in group if "acronym" in c.form.kind and c.decision == "possible"]
            names = [c for c in group if "acronym" not in c.form.kind and c.decision != "none"
                     and not is_department(c.segment)]
            if acronyms and names and any(c.decision == "match" for c in names):
                for c in acronyms:
                    c.reasons.append("corroborated by the name in the same string")

    def _apply_country(self, cand: Candidate, country: str | None, inferred: bool) -> None:
        listed = cand.entity.country
        source = " (read from the address)" if inferred else ""
        if not listed:
            cand.features["country"] = "not on the list"
            return
        if cand.form.kind in ("acronym", "derived acronym"):
            if country and not same_country(country, listed):
                cand.decision = "none"
                cand.features["country"] = "differs"
                cand.reasons.append(f"acronym, and country {country}{source} differs from the listed {listed}")
            elif not country:
                cand.features["country"] = "missing"
                cand.reasons.append("no country given to corroborate the acronym")
            else:
                cand.features["country"] = "agrees"
                cand.reasons.append(f"country {country}{source} agrees")
            return
        if not country:
            if cand.decision == "match":
                cand.decision = "possible"
            cand.features["country"] = "missing"
            cand.reasons.append("no country given: identity cannot be confirmed")
        elif not same_country(country, listed):
            cand.decision = _demote(cand.decision)
            cand.features["country"] = "differs"
            cand.reasons.append(f"country {country}{source} differs from the listed {listed}")
        else:
            cand.features["country"] = "agrees"
            cand.reasons.append(f"country {country}{source} agrees")
