"""Matcher v1 (``collabguard-v1``): honest before it is excellent.

Decisions, per list, for one name (a partner, funder, affiliation or programme):
- ``match``: the normalised name equals a normalised name form of the entry (its name, an alias or
  its local-script name), the form is not generic, and the query's country agrees with the entry's.
- ``possible`` (a person must confirm): a generic form ("Naval Academy"), the same words in another
  order, an acronym, or a close spelling (rapidfuzz ``fuzz.ratio`` ≥ threshold on normalised forms,
  and every differing word has a near twin on the other side: "Jiatong"/"Jiaotong" passes,
  "Sichuan Normal University"/"Sichuan University" does not).
- A missing country caps the decision at ``possible``; a country different from the entry's
  demotes it one step (match → possible → none).
Sub-units are separate entries: "X Key Laboratory at Central South University" never lists the
university, and a listed academy institute never lists the academy, because only whole name forms
are compared. The query (never the list name) is also tried segment by segment
("School of Automation, Northwestern Polytechnical University").
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rapidfuzz import fuzz
from rapidfuzz.distance import Levenshtein

from collabguard.lists.model import Entity, ListSet
from collabguard.matching.index import NameForm, NameIndex
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
from collabguard.models.common import Decision, decision_rank
from collabguard.models.report import MatcherConfig

ALGORITHM = "collabguard-v1"


@dataclass(slots=True)
class Candidate:
    """A scored list entry for one query (hot-path object; converted to a model at the edge)."""

    form: NameForm
    decision: Decision
    score: int
    segment: str
    reasons: list[str] = field(default_factory=list)

    @property
    def entity(self) -> Entity:
        return self.form.entity

    def sort_key(self) -> tuple[int, int, int, str]:
        return (decision_rank(self.decision), self.score, -len(self.segment), self.entity.entity_id)


def _demote(decision: Decision) -> Decision:
    return "possible" if decision == "match" else "none"


def _token_gate(query: tuple[str, ...], listed: tuple[str, ...], min_ratio: int) -> str | None:
    """None when every differing word has a close twin; else the word that breaks the match."""
    q, l = set(query), set(listed)
    for word in sorted(q ^ l):
        others = l if word in q else q
        if not any(Levenshtein.normalized_similarity(word, o) * 100 >= min_ratio for o in others - (q & l)):
            side = "extra word" if word in q else "missing word"
            return f"{side} {word!r}"
    return None


class Matcher:
    """Matches names against every loaded list; one index per list."""

    def __init__(self, lists: ListSet, config: MatcherConfig | None = None) -> None:
        self.lists = lists
        self.config = config or MatcherConfig()
        orgs: dict[str, list[Entity]] = {lid: [] for lid in lists.lists}
        programmes: dict[str, list[Entity]] = {lid: [] for lid in lists.lists}
        for entity in lists.entities:
            (programmes if entity.kind == "programme" else orgs)[entity.list_id].append(entity)
        self._org_index = {lid: NameIndex(ents) for lid, ents in orgs.items() if ents}
        self._programme_index = {lid: NameIndex(ents) for lid, ents in programmes.items() if ents}

    def match(
        self, name: str, country: str | None, *, kind: str = "organisation", lists: list[str] | None = None
    ) -> list[Candidate]:
        """Best candidate per list with a decision above ``none``, best first."""
        found = [c for c in self.explain(name, country, kind=kind, lists=lists) if c.decision != "none"]
        return sorted(found, key=lambda c: c.sort_key(), reverse=True)

    def explain(
        self, name: str, country: str | None, *, kind: str = "organisation", lists: list[str] | None = None
    ) -> list[Candidate]:
        """Best candidate per list, rejected ones (decision ``none``) included, in list order."""
        indexes = self._programme_index if kind == "programme" else self._org_index
        found = [self._best(idx, name, country) for lid, idx in sorted(indexes.items()) if lists is None or lid in lists]
        return [c for c in found if c is not None]

    # -- internals -------------------------------------------------------------------------

    def _best(self, index: NameIndex, name: str, country: str | None) -> Candidate | None:
        candidates: list[Candidate] = []
        parts = segments(name)
        for seg in parts:
            for cand in self._score_segment(index, seg):
                if seg != parts[0]:
                    cand.reasons.append(f"matched on the part {seg!r} of the name")
                self._apply_country(cand, country)
                candidates.append(cand)
        if not candidates:
            return None
        return max(candidates, key=lambda c: c.sort_key())

    def _score_segment(self, index: NameIndex, seg: str) -> list[Candidate]:
        out: list[Candidate] = []
        norm = normalize(seg)
        if not norm:
            return out
        for form in index.exact.get(norm, ()):
            if form.generic:
                out.append(Candidate(form, "possible", 100, seg, [
                    f"generic name {form.text!r} fits many institutions: confirm which one is meant"]))
            else:
                out.append(Candidate(form, "match", 100, seg, [f"same name as the listed {form.kind} {form.text!r}"]))
        fp = fingerprint(seg)
        for form in index.fingerprints.get(fp, ()):
            if form.norm != norm:
                out.append(Candidate(form, "possible", 95, seg, [f"same words in a different order as {form.text!r}"]))
        squeezed = compact(seg)
        for form in index.compacts.get(squeezed, ()):
            if form.norm != norm and form.fingerprint != fp:
                out.append(Candidate(form, "possible", 95, seg, [f"same letters with different spacing as {form.text!r}"]))
        if looks_like_acronym(seg):
            for form in index.acronyms.get(acronym_key(seg) or "", ()):
                out.append(Candidate(form, "possible", 90, seg, [
                    f"acronym {form.text!r} only: an acronym alone never confirms an identity"]))
        if out:
            return out
        q_tokens = tokens(seg)
        if not any(t not in GENERIC_WORDS for t in q_tokens):
            return out
        threshold = self.config.possible_threshold
        for form in index.fuzzy_candidates(q_tokens):
            score = int(round(fuzz.ratio(norm, form.norm)))
            if score < threshold:
                continue
            broken = _token_gate(q_tokens, tokens(form.text), self.config.word_twin_ratio)
            if broken is not None:
                continue
            reason = f"close spelling of {form.text!r} (similarity {score})"
            if form.generic:
                reason += "; generic name"
            out.append(Candidate(form, "possible", score, seg, [reason]))
        return out

    def _apply_country(self, cand: Candidate, country: str | None) -> None:
        listed = cand.entity.country
        if not listed:
            return
        if cand.form.kind == "acronym":
            if country and country != listed:
                cand.decision = "none"
                cand.reasons.append(f"acronym, and country {country} differs from the listed {listed}")
            elif not country:
                cand.reasons.append("no country given to corroborate the acronym")
            return
        if not country:
            if cand.decision == "match":
                cand.decision = "possible"
            cand.reasons.append("no country given: identity cannot be confirmed")
        elif country != listed:
            cand.decision = _demote(cand.decision)
            cand.reasons.append(f"country {country} differs from the listed {listed}")
        else:
            cand.reasons.append(f"country {country} agrees")
