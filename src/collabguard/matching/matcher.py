"""Matcher ``collabguard-v3``: names in a proposal against every sensitivity list.

Per list, the best candidate gets a decision:

- ``match`` (a person may rely on it): the normalised name, or one part of an affiliation string,
  equals a name form of the entry (name, alias, or local-script name, also one borrowed from the same
  institution on another list), the form is not generic, and the country agrees (Hong Kong and Macau
  count as China). A name written with its acronym ("Beihang University (BUAA)") is a match on the
  name; the acronym itself stays possible.
- ``possible`` (a person must confirm; never blocking): a generic name ("Naval Academy"); the same
  words in another order or spacing, or but for optional words (the PLA prefix); an acronym, listed
  or derived from the name (one that fits several entries of a list names them all); a misspelling
  or abbreviation whose words all pair up (see :mod:`collabguard.matching.compare`); a name
  translated from Chinese, Russian or Persian, or written in pinyin; a unit or subsidiary named with
  a listed organisation's whole name ("The Ningbo Institute of Northwestern Polytechnical
  University", "Huawei Technologies Sweden AB"): "part of listed organisation …", never ``match`` on
  the parent (see :mod:`collabguard.matching.parts`); a short name that begins one listed name
  ("Beihang", see :mod:`collabguard.matching.short_names`).

v3 (2026-11-28) differs from v2 in what v2 missed or wrongly found: legal forms written out,
initials, Web of Science compass letters; words written together or apart; a company without its
place of registration; a research institute with or without its parent academy; acronyms of
companies and of places read as pinyin; ambiguous acronyms reported; a larger translation
dictionary with optional words; see the git history of this package. Since 2026-12 (issue #15):
units and subsidiaries; typos by the word's length (a four- or five-letter word when the rest of the
name agrees), "-ical"/"-ic", a misspelt generic word; joined words and l/I misreads normalised.
- A missing country caps the decision at ``possible``; a different country demotes it one step.
Sub-units are separate entries, so a laboratory *at* a university never lists the university.
Every result explains itself, and the best rejected candidate of each list is kept with the reason
("Sichuan University: extra word 'normal'").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from itertools import product
from math import prod

from rapidfuzz import fuzz, process

from collabguard.lists.model import Entity, ListSet
from collabguard.matching.affiliation import infer_country, is_department
from collabguard.matching.compare import OPTIONAL_WORDS, compare, quick_reject, quick_reject_translated
from collabguard.matching.cross_script import chinese_names, other_chinese_name, word_for_word
from collabguard.matching.index import NameForm, NameIndex, entity_forms, word_joins
from collabguard.matching.normalize import (
    GENERIC_WORDS,
    acronym_key,
    address_parts,
    compact,
    fingerprint,
    looks_like_acronym,
    normalize,
    segments,
    tokens,
)
from collabguard.matching.parts import PART_OF, PART_SCORE, Part, find_parts
from collabguard.matching.qualifiers import qualifier_clash
from collabguard.matching.registry import (
    borrowed_names,
    identified,
    is_registry,
    is_registry_alias,
    less_specific,
    linked_id,
    linked_on_other_name,
)
from collabguard.matching.short_names import ORGANISATION_WORDS, SHORT_NAME, nearest_beginning, short_name_of
from collabguard.matching.translate import script_of, translate, translate_pinyin
from collabguard.models.common import Decision, decision_rank
from collabguard.models.report import MatcherConfig

CHINA = frozenset({"CN", "HK", "MO"})
WEAK_FEATURES = frozenset({"derived acronym", "derived acronym, one word skipped", "translated from another script"})
AMBIGUITY_MARGIN = 5
MAX_READINGS = 256
MAX_NAMED_ALTERNATIVES = 3
TRANSLATED_TWIN_EXTRA = 5
RESULTS_KEPT = 4096  # queries whose results a matcher keeps (see Matcher.results)
_STOP_HEADS = ("and", "of", "the", "for")  # a stop word run into the next word: "andastronautics"


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
    also: list[Entity] = field(default_factory=list)  # other entries of the list it fits as well

    @property
    def entity(self) -> Entity:
        return self.form.entity

    def copy(self) -> Candidate:
        """A copy its holder may change (a reviewed decision makes it a ``match`` and adds a reason)."""
        return Candidate(self.form, self.decision, self.score, self.segment, list(self.reasons), dict(self.features),
                         self.query_normalized, list(self.also))

    def sort_key(self) -> tuple[int, int, int, int, str]:
        # ties: the longer matched part of the string (the whole sub-unit name beats its parent's),
        # then an entry's own name over another entry's alias (an institute listed on its own and
        # as an alias of its parent is reported as itself)
        own_name = 1 if self.form.kind in ("name", "local") and not self.form.via else 0
        return (decision_rank(self.decision), self.score, len(self.segment), own_name, self.entity.entity_id)


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
    """Matches names against every loaded list: one index over all lists (institutions and
    companies), one over talent programmes; results are grouped per list."""

    def __init__(self, lists: ListSet, config: MatcherConfig | None = None) -> None:
        self.lists = lists
        self.config = config or MatcherConfig()
        borrowed = self._borrowed_local_names(lists)
        orgs: list[NameForm] = []
        programmes: list[NameForm] = []
        self._by_ror: dict[str, list[NameForm]] = {}  # a partner given with a ROR id (see registry.identified)
        for entity in lists.entities:
            forms = entity_forms(entity, [*borrowed.get(entity.entity_id, []), *borrowed_names(entity)])
            (programmes if entity.kind == "programme" else orgs).extend(forms)
            if (ror := linked_id(entity)) and entity.kind != "programme":
                self._by_ror.setdefault(ror, []).append(forms[0])
        self._indexes = {"organisation": NameIndex(orgs), "programme": NameIndex(programmes)}
        self._list_ids = {kind: sorted({f.entity.list_id for f in forms})
                          for kind, forms in (("organisation", orgs), ("programme", programmes))}
        self._kept = lru_cache(maxsize=RESULTS_KEPT)(self._results)
        self._parts: dict[str, list[Part]] = {}
        self._chinese = chinese_names(orgs)  # each entry's own Chinese names: a translation they contradict is set aside

    @property
    def size(self) -> int:
        """Name forms indexed (all lists, institutions and programmes)."""
        return sum(i.size for i in self._indexes.values())

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
        self, name: str, country: str | None, *, kind: str = "organisation", lists: list[str] | None = None,
        ror: str | None = None,
    ) -> list[Candidate]:
        """Best candidate per list with a decision above ``none``, best first."""
        found = [r.best for r in self.results(name, country, kind=kind, lists=lists, explain=False, ror=ror)
                 if r.best is not None and r.best.decision != "none"]
        return sorted(found, key=lambda c: c.sort_key(), reverse=True)

    def results(
        self, name: str, country: str | None, *, kind: str = "organisation", lists: list[str] | None = None,
        explain: bool = True, ror: str | None = None,
    ) -> list[ListResult]:
        """Per list: the best candidate (rejected ones included) and, with ``explain``, the nearest
        rejected one and why. ``ror``: the organisation's ROR id, where given (full URL): an entry
        linked to it is a ``match`` whatever the name says.

        The same names come back again and again (a partner in proposal after proposal of a batch,
        or of a service's requests): the results of the last RESULTS_KEPT queries are kept, and each
        call gets its own copies of the candidates, which callers change."""
        kept = self._kept(name, country, "programme" if kind == "programme" else "organisation",
                          tuple(lists) if lists is not None else None, explain, ror if kind != "programme" else None)
        return [ListResult(r.list_id, r.best.copy() if r.best is not None else None, r.rejected) for r in kept]

    def _results(self, name: str, country: str | None, kind: str, lists: tuple[str, ...] | None,
                 explain: bool, ror: str | None = None) -> list[ListResult]:
        name = name[: self.config.max_name_length]
        index = self._indexes["programme" if kind == "programme" else "organisation"]
        wanted = [lid for lid in self._list_ids["programme" if kind == "programme" else "organisation"]
                  if lists is None or lid in lists]
        parts = segments(name) if name.strip() else []
        inferred = infer_country(parts) if country is None and len(parts) > 1 else None
        country = country or inferred
        per_list: dict[str, list[Candidate]] = {lid: [] for lid in wanted}
        near: dict[str, Rejected] = {}
        for i, seg in enumerate(parts):
            found, query = self._score_segment(index, seg)
            paired_parts = i > 0 and ", " in seg  # two neighbouring parts of an address, tried together
            for cand in found:
                if cand.entity.list_id not in per_list:
                    continue
                if paired_parts and "," not in cand.form.text:
                    continue  # only for list names with a comma: "Key Lab, Beijing, Inst Technol" names no BIT
                if i > 0 and "not named" in cand.features.get("words", "") and self._other_parent(parts, seg, cand):
                    continue  # a part of an address with another parent: "Institute of Microelectronics, Nankai University"
                if i > 0 and cand.features["matched"] == "short name":
                    continue  # only a whole name is a short name: "… Medical Department (Astrakhan)" is not

                if i > 0:
                    cand.reasons.append(f"matched on the part {seg!r} of the name")
                    clash = qualifier_clash(name, seg, cand.form)
                    if clash is not None and clash.other_place:
                        continue  # "China University of Geosciences (Beijing)" is not the listed "(Wuhan)"
                    if clash is not None:
                        cand.decision = "possible" if cand.decision == "match" else cand.decision
                        cand.reasons.append(clash.reason)
                self._apply_country(cand, country, inferred is not None)
                per_list[cand.entity.list_id].append(cand)
            if explain and query is not None:
                for lid, rej in self._near_misses(index, seg, query, per_list).items():
                    if lid not in near or rej.score > near[lid].score:
                        near[lid] = rej
        for form in self._by_ror.get(ror or "", ()):
            if form.entity.list_id in per_list:
                per_list[form.entity.list_id].append(self._identified(form, name, country))
        out: list[ListResult] = []
        for lid in wanted:
            best = self._decide(per_list[lid], parts)
            rejected = near.get(lid) if best is None or best.decision == "none" else None
            if best is not None and best.decision == "none" and best.features.get("local_name") == "differs":
                rejected = Rejected(best.form, best.score, best.features["why_not"], best.segment)
            out.append(ListResult(lid, best, rejected))
        return out

    # -- internals -------------------------------------------------------------------------

    def _identified(self, form: NameForm, name: str, country: str | None) -> Candidate:
        """The entry whose ROR id the partner was given with: ``match`` (a different country demotes it)."""
        cand = self._cand(form, "match", 100, name, normalize(name), "same identifier", identified(form.entity))
        cand.features["country"] = "agrees" if country else "missing"
        if country and cand.entity.country and not same_country(country, cand.entity.country):
            cand.decision = "possible"
            cand.features["country"] = "differs"
            cand.reasons.append(f"country {country} differs from the listed {cand.entity.country}")
        return cand

    @staticmethod
    def _other_parent(parts: list[str], seg: str, cand: Candidate) -> bool:
        """Does the address name another organisation than the listed institute's parent (left out
        of the part that matched)? "Institute of Microelectronics, Nankai University" is Nankai's,
        not the CAS institute; "Trapeznikov Institute of Control Sciences, Moscow" may be the RAS one."""
        listed = set(cand.form.tokens)
        for part in address_parts(parts[0]):
            words = set(tokens(part))
            if part == seg or not words & ORGANISATION_WORDS:
                continue
            if not words <= listed:  # a part naming something the list entry does not
                return True
        return False

    def _decide(self, candidates: list[Candidate], parts: list[str]) -> Candidate | None:
        if not candidates:
            return None
        candidates = self._disambiguate(candidates)
        self._corroborate(candidates, parts)
        return max(candidates, key=lambda c: c.sort_key())

    def _score_segment(self, index: NameIndex, seg: str) -> tuple[list[Candidate], tuple[tuple[str, ...], bool] | None]:
        """Candidates of every list for one part of the name; plus, when the fuzzy stage ran, the
        compared words (for near misses)."""
        out: list[Candidate] = []
        norm = normalize(seg)
        if not norm:
            return out, None
        for form in index.exact.get(norm, ()):
            via = f" (from {form.via})" if form.via else ""
            if form.generic:
                out.append(self._cand(form, "possible", 100, seg, norm, "exact generic name",
                                      f"generic name {form.text!r} fits many institutions: confirm which one is meant"))
            elif is_registry(form.via) and less_specific(form.text, form.entity):
                out.append(self._cand(form, "possible", 100, seg, norm, "exact registry name without the place",
                                      f"same name as {form.entity.name!r} without its place, via {form.via}; "
                                      "universities of that name in other cities are separate: confirm which is meant"))
            elif is_registry(form.via) and linked_on_other_name(form.entity):
                out.append(self._cand(form, "possible", 100, seg, norm, "exact name of a wider registry record",
                                      f"same name as {form.entity.name!r} via {form.via}; but ROR gives "
                                      f"{form.entity.name!r} only as one of that record's other names, so the record "
                                      "may be a larger body (a group, a parent): confirm"))
            elif is_registry_alias(form.via):  # ROR's other names hold former names, which another body may bear now
                out.append(self._cand(form, "possible", 100, seg, norm, "exact registry alias",
                                      f"same name as {form.entity.name!r} via {form.via}; ROR's aliases include "
                                      "former and informal names, which another body may use today: confirm"))
            elif is_registry(form.via):  # "via ROR label '北京航空航天大学' (https://ror.org/…, ROR release v2.7)"
                out.append(self._cand(form, "match", 100, seg, norm, f"exact {form.kind}",
                                      f"same name as {form.entity.name!r} via {form.via}"))
            else:
                out.append(self._cand(form, "match", 100, seg, norm, f"exact {form.kind}",
                                      f"same name as the listed {form.kind} {form.text!r}{via}"))
        if not out:
            # the same name but for words that may stand on one side only ("PLA National University
            # of Defense Technology", "China North Industries Group Corporation")
            toks = tokens(seg)
            bare = " ".join(t for t in toks if t not in OPTIONAL_WORDS)
            if bare and bare != norm:
                left_out = ", ".join(repr(t) for t in toks if t in OPTIONAL_WORDS)
                for form in index.exact.get(bare, ()):
                    generic = "; generic name" if form.generic else ""
                    out.append(self._cand(form, "possible", 95, seg, norm, "same name but for optional words",
                                          f"same name as the listed {form.kind} {form.text!r} but for {left_out}{generic}"))
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
        # an affiliation abbreviation the normaliser writes out (RAS: Russian Academy of Sciences) is
        # read as those words, never as another body's acronym (the UN list derives RAS from
        # "Riyadh-as-Saliheen")
        if looks_like_acronym(seg) and " " not in norm:
            key = acronym_key(seg) or ""
            for form in index.acronyms.get(key, ()):
                out.append(self._cand(form, "possible", 90, seg, norm, form.kind,
                                      f"{form.kind} {form.text!r} only: an acronym alone never confirms an identity"))
            if not out:
                for form in index.acronym_skips.get(key, ()):
                    out.append(self._cand(form, "possible", 85, seg, norm, "derived acronym, one word skipped",
                                          f"{key} reads as the initials of {form.entity.name!r} with one word skipped: "
                                          "an acronym alone never confirms an identity"))
        found_lists = {c.entity.list_id for c in out}
        fuzzy, query = self._fuzzy(index, seg, found_lists)
        for part in self._parts_of(index, seg):  # "Ningbo Institute of Northwestern Polytechnical University"
            if part.form.entity.list_id not in found_lists:
                cand = self._cand(part.form, "possible", PART_SCORE, seg, norm, PART_OF, part.reason())
                cand.features["unit"] = part.unit
                if part.abroad:
                    cand.features["abroad"] = "yes"
                fuzzy.append(cand)
        return out + fuzzy, query

    def _parts_of(self, index: NameIndex, seg: str) -> list[Part]:
        """The listed organisations a name names a unit of (kept per name: affiliations recur)."""
        if index is self._indexes["programme"]:
            return []
        found = self._parts.get(seg)
        if found is None:
            found = find_parts(index, seg)
            if len(self._parts) >= RESULTS_KEPT * 16:
                self._parts.clear()
            self._parts[seg] = found
        return found

    def _fuzzy(self, index: NameIndex, seg: str, done: set[str]) -> tuple[list[Candidate], tuple[tuple[str, ...], bool] | None]:
        """Close spellings and translations, for the lists that have no exact candidate yet."""
        foreign = script_of(seg) != "latin"
        q_tokens = translate(seg) if foreign else tokens(seg)
        if not foreign and (in_pinyin := translate_pinyin(q_tokens)):
            q_tokens, foreign = in_pinyin, True  # "Harbin Gongye Daxue": pinyin, read as a translation
        if not q_tokens:
            return [], None
        out: list[Candidate] = []
        if foreign:
            out = [c for c in self._translated_exact(index, seg, q_tokens) if c.entity.list_id not in done]
        elif any(t.startswith(_STOP_HEADS) for t in q_tokens):
            q_tokens = tuple(index.unjoined(t) for t in q_tokens)  # "andastronautics"
        if all(t in GENERIC_WORDS for t in q_tokens):
            return out, None
        if not foreign and len(q_tokens) <= SHORT_NAME:  # "Beihang": Beihang University
            forms, score = short_name_of(index, q_tokens)
            out += [self._cand(f, "possible", score, seg, " ".join(q_tokens), "short name",
                               f"short name: {seg!r} begins the listed name {f.text!r}, the rest of which says only "
                               "what kind of body it is") for f in forms if f.entity.list_id not in done]
        threshold = self.config.translated_threshold if foreign else self.config.possible_threshold
        # a translated or romanised word is held to a closer likeness: romanised acronyms differ by a
        # letter or two and name other bodies (ГосНИИАС is not GosNIIMash)
        twin = (self.config.word_twin_ratio + (TRANSLATED_TWIN_EXTRA if foreign else 0)) / 100
        exact_lists = done | {c.entity.list_id for c in out}
        q_set = frozenset(q_tokens)
        q_joins = word_joins(tuple(t.rstrip("?") for t in q_tokens if "|" not in t))
        q_words = frozenset(a for t in q_tokens for a in t.rstrip("?").split("|"))
        for form in index.candidates(q_tokens, generous=foreign)[: self.config.max_candidates]:
            if form.entity.list_id in exact_lists:
                continue
            if foreign:
                if quick_reject_translated(q_tokens, q_words, q_joins, form.word_set, form.joins, form.entity.country, twin):
                    continue
            elif quick_reject(q_set, q_joins, form.word_set, form.joins, form.entity.country,
                              form.entity.kind == "company", twin):
                continue
            result = compare(q_tokens, form.tokens, lenient=foreign, twin_ratio=twin,
                             country=form.entity.country, company=form.entity.kind == "company")
            if result.passed and result.score >= threshold:
                how = "translated from another script" if foreign else "close spelling"
                reason = f"{how}: {result.why}, similarity {result.score}, with {form.text!r}"
                if form.generic:
                    reason += "; generic name"
                cand = self._cand(form, "possible", result.score, seg, " ".join(q_tokens), how, reason)
                cand.features["words"] = result.why
                out.append(self._unless_named_otherwise(cand, seg) if foreign else cand)
        return out, (q_tokens, foreign)

    def _near_misses(self, index: NameIndex, seg: str, query: tuple[tuple[str, ...], bool],
                     per_list: dict[str, list[Candidate]]) -> dict[str, Rejected]:
        """For each list still without a candidate: the closest name sharing the query's rarest
        word, and why it was rejected ("Sichuan University: extra word 'normal'")."""
        q_tokens, foreign = query
        by_list: dict[str, list[NameForm]] = {}
        for form in index.near(q_tokens):
            if form.entity.list_id in per_list and not per_list[form.entity.list_id]:
                by_list.setdefault(form.entity.list_id, []).append(form)
        out: dict[str, Rejected] = {}
        if not foreign:  # a short name that begins listed names ("Harbin": Harbin Engineering University)
            for lid, form in nearest_beginning(index, q_tokens).items():
                if lid in per_list and not per_list[lid]:
                    out[lid] = Rejected(form, round(100 * len(q_tokens) / len(form.tokens)),
                                        f"short name: only the beginning of {form.text!r}", seg)
        threshold = self.config.translated_threshold if foreign else self.config.possible_threshold
        for lid, pool in by_list.items():
            if lid in out:
                continue
            choice = process.extractOne(" ".join(q_tokens), [f.norm for f in pool], scorer=fuzz.token_sort_ratio)
            form = pool[choice[2]]
            result = compare(q_tokens, form.tokens, lenient=foreign, twin_ratio=self.config.word_twin_ratio / 100,
                             country=form.entity.country, company=form.entity.kind == "company")
            if result.score >= self.config.near_miss_score or (not result.passed and choice[1] >= self.config.near_miss_score):
                why = result.why if not result.passed else f"similarity {result.score} below {threshold}"
                out[lid] = Rejected(form, max(result.score, int(choice[1])), why, seg)
        return out

    def _translated_exact(self, index: NameIndex, seg: str, q_tokens: tuple[str, ...]) -> list[Candidate]:
        """A translation whose words are exactly those of a list name, in any order (国防大学 →
        national defense university). Each reading of a word with several translations is tried."""
        options = [[a for a in t.rstrip("?").split("|")] + ([""] if t.endswith("?") or t in OPTIONAL_WORDS else [])
                   for t in q_tokens if not t.startswith("~")]
        if len(options) != len(q_tokens) or prod(len(o) for o in options) > MAX_READINGS:
            return []
        out: list[Candidate] = []
        seen: set[int] = set()
        script = script_of(seg)
        for reading in product(*options):
            key = " ".join(sorted({w for w in reading if w}))
            for form in index.fingerprints.get(key, ()):
                if id(form) not in seen:
                    seen.add(id(form))
                    if word_for_word(script, reading, form):
                        reason = f"translated word for word from another script: the same words as {form.text!r}"
                        decision: Decision = "match"
                    else:
                        reason = f"translated from another script: the same words as {form.text!r}"
                        decision = "possible"
                    if form.generic:
                        reason += "; generic name"
                    cand = self._cand(form, decision, 95, seg, " ".join(q_tokens), "translated from another script", reason)
                    out.append(self._unless_named_otherwise(cand, seg))
        return out

    def _unless_named_otherwise(self, cand: Candidate, seg: str) -> Candidate:
        """A translation of a Chinese name set aside where the list gives the entry's own Chinese name
        and it is another (上海科技大学 is not the listed 上海理工大学): see matching/cross_script.py."""
        own = other_chinese_name(seg, self._chinese.get(cand.entity.entity_id, ()))
        if own is not None:
            cand.decision = "none"
            cand.features["local_name"] = "differs"
            cand.features["why_not"] = (f"the list gives its own Chinese name {own!r}, and {seg!r} is not that name: "
                                        "another institution")
            cand.reasons.append(f"but {cand.features['why_not']}")
        return cand

    @staticmethod
    def _disambiguate(candidates: list[Candidate]) -> list[Candidate]:
        """Weak evidence (a derived acronym, a translated name) that fits several entries of the
        same list equally well cannot say which one is meant: HIT reads as Harbin and as
        Heilongjiang Institute of Technology; 北京理工大学 translates close to two Beijing
        universities. Every one of them is listed, so the name stays ``possible``, reported once,
        with the others it fits named: a person must say which (if any) is meant."""
        weak = [c for c in candidates if c.features.get("matched") in WEAK_FEATURES]
        # a strong candidate set aside (a listed acronym of another country) does not silence weak ones
        strong = [c for c in candidates if c.features.get("matched") not in WEAK_FEATURES and c.decision != "none"]
        if strong or not weak:
            return strong or candidates
        top = max(c.score for c in weak if c.decision != "none") if any(c.decision != "none" for c in weak) else None
        if top is None:
            return weak
        leaders: dict[str, Candidate] = {}
        for c in sorted(weak, key=lambda c: c.sort_key(), reverse=True):
            if c.decision != "none" and c.score >= top - AMBIGUITY_MARGIN:
                leaders.setdefault(c.entity.entity_id, c)
        if len(leaders) == 1:
            return weak
        first, *others = leaders.values()
        first.also = [c.entity for c in others]
        first.decision = "possible"  # a translation that fits several entries says none of them
        names = ", ".join(repr(c.entity.name) for c in others[:MAX_NAMED_ALTERNATIVES])
        if len(others) > MAX_NAMED_ALTERNATIVES:
            names += f" and {len(others) - MAX_NAMED_ALTERNATIVES} more"
        first.features["ambiguous"] = f"fits {len(leaders)} entries of this list"
        first.reasons.append(f"fits {names} as well (also listed): confirm which, if any, is meant")
        return [first]

    @staticmethod
    def _cand(form: NameForm, decision: Decision, score: int, seg: str, norm: str, feature: str, reason: str) -> Candidate:
        features = {"matched": feature, "name_kind": form.kind}
        reasons = [reason]
        if form.via:
            features["borrowed_from"] = form.via
            if is_registry(form.via) and form.via not in reason:  # a close spelling of a name ROR gives
                reasons.append(f"{form.text!r} is a name of {form.entity.name!r} via {form.via}")
        return Candidate(form, decision, score, seg, reasons, features, norm)

    def _corroborate(self, candidates: list[Candidate], parts: list[str]) -> None:
        """Notes on each acronym candidate left ``possible`` that another part of the same string
        (not a department) names the same entry as a ``match`` ("Beihang University (BUAA)"):
        "corroborated by the name in the same string". No decision changes: the acronym stays
        ``possible`` (an acronym never confirms an identity), and the entry's result is the name's
        ``match``, which outranks it in :meth:`_decide`. ``parts`` is not used."""
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
        elif not same_country(country, listed) and cand.features.get("abroad"):
            cand.features["country"] = "differs"  # "Huawei Technologies Sweden AB": possible, as its reason says
            cand.reasons.append(f"country {country}{source} differs from the listed {listed}, as a subsidiary's abroad does")
        elif not same_country(country, listed):
            cand.decision = _demote(cand.decision)
            cand.features["country"] = "differs"
            cand.reasons.append(f"country {country}{source} differs from the listed {listed}")
        else:
            cand.features["country"] = "agrees"
            cand.reasons.append(f"country {country}{source} agrees")
