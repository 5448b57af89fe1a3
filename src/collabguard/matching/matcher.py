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
name agrees), "-ical"/"-ic", a misspelt generic word; joined words and l/I misreads normalised; a part that
finds nothing as written read again (:meth:`Matcher._read_segment`): without an eponym or a status title,
with an abbreviation as another word it stands for (at most ``possible``), with a place's other spelling.
- A missing country caps the decision at ``possible``; a different country demotes it one step.

How: each part of the name (:class:`~collabguard.matching.stages.query.Query`) goes through the
declared decision stages (:data:`collabguard.matching.stages.STAGES`), each returning typed findings;
the checks (:mod:`collabguard.matching.checks`) then read each finding's place in the name and its
country, and settle each list's result; :mod:`collabguard.matching.near_misses` says what came
nearest where nothing was found. :meth:`Matcher.results` is the one entry point.
Sub-units are separate entries, so a laboratory *at* a university never lists the university.
Every result explains itself, and the best rejected candidate of each list is kept with the reason
("Sichuan University: extra word 'normal'").
"""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

from collabguard.lists.model import ListSet
from collabguard.matching.abbreviation_readings import abbreviation_readings
from collabguard.matching.affiliation import infer_country, own_address_country
from collabguard.matching.candidates import Candidate, Finding, ListResult, Rejected, candidate
from collabguard.matching.checks import PART_CHECKS, Place, apply_country, at_most_possible, by_identifier, settle
from collabguard.matching.cross_script import chinese_names
from collabguard.matching.eponyms import EPONYM_COUNTRIES, without_eponym
from collabguard.matching.group_names import group_names, group_readings
from collabguard.matching.index import NameForm, NameIndex, entity_forms
from collabguard.matching.key_laboratories import LaboratoryIndex
from collabguard.matching.list_brackets import explained_acronyms, stands_for
from collabguard.matching.listed_letters import letters_joined
from collabguard.matching.near_misses import near_misses
from collabguard.matching.normalize import segments
from collabguard.matching.other_lists import borrowed_from_other_lists
from collabguard.matching.parts import Part, find_parts
from collabguard.matching.place_spellings import place_spellings
from collabguard.matching.registry import borrowed_names, linked_id
from collabguard.matching.stages import Context, Query, Stage, run_stages
from collabguard.matching.stages.query import read_in_russian, read_query
from collabguard.matching.status_titles import TITLE_READINGS
from collabguard.models.report import MatcherConfig

__all__ = ["Candidate", "ListResult", "Matcher", "MatcherConfig", "Rejected"]

_ACRONYM_STAGES = frozenset({"acronym", "acronym-skip"})
_NO_PARTS: list[Part] = []  # never changed
RESULTS_KEPT = 4096  # queries whose results a matcher keeps (see Matcher.results)
SEGMENTS_KEPT = RESULTS_KEPT * 4  # parts of names whose stage findings a matcher keeps (Matcher._read_segment)


class Reread(NamedTuple):
    """How a part of a name that found nothing as written was read otherwise."""

    reason: str  # for the reasons: "read without the person it is named after, 'P. I. Baranov'"
    capped: bool = True  # what it finds is at most possible (False: the same name written another way)


# a part of a name read (None: nothing to read), the stages' findings for it, and how it was read otherwise
# (None: as written)
Reading = tuple[Query | None, tuple[tuple[Stage, Finding], ...], Reread | None]


class Matcher:
    """Matches names against every loaded list: one index over all lists (institutions and
    companies), one over talent programmes; results are grouped per list."""

    def __init__(self, lists: ListSet, config: MatcherConfig | None = None) -> None:
        self.lists = lists
        self.config = config or MatcherConfig()
        borrowed = borrowed_from_other_lists(lists)  # the same institution's names on other lists
        orgs: list[NameForm] = []
        programmes: list[NameForm] = []
        self._by_ror: dict[str, list[NameForm]] = {}  # a partner given with a ROR id (see registry.identified)
        for entity in lists.entities:
            forms = entity_forms(entity, borrowed_names(entity), other_lists=borrowed.get(entity.entity_id, []))
            (programmes if entity.kind == "programme" else orgs).extend(forms)
            if (ror := linked_id(entity)) and entity.kind != "programme":
                self._by_ror.setdefault(ror, []).append(forms[0])
        groups = group_names(orgs)  # a listed body named with or without its group's name in front
        orgs += group_readings(orgs, groups)
        self._indexes = {"organisation": NameIndex(orgs, groups), "programme": NameIndex(programmes)}
        self._list_ids = {kind: sorted({f.entity.list_id for f in forms})
                          for kind, forms in (("organisation", orgs), ("programme", programmes))}
        # a list's result of nothing, one for all queries: the results kept are mostly these, and a new one per list
        # and query (11 lists) made the garbage collector walk the whole index far more often
        self._nothing = {lid: ListResult(lid, None, None) for lids in self._list_ids.values() for lid in lids}
        self._kept = lru_cache(maxsize=RESULTS_KEPT)(self._results)
        self._read = lru_cache(maxsize=SEGMENTS_KEPT)(self._read_segment)
        self._parts: dict[str, list[Part]] = {}
        chinese = chinese_names(orgs)  # each entry's own Chinese names: a translation they contradict is set aside
        self._contexts = {"organisation": Context(self._indexes["organisation"], self.config, chinese, self._parts_of,
                                                  LaboratoryIndex(orgs)),
                          "programme": Context(self._indexes["programme"], self.config, chinese, lambda _: [])}

    def context(self, kind: str = "organisation") -> Context:
        """What the decision stages share for one kind of name (organisation or programme): to run a
        stage on its own, as its tests do."""
        return self._contexts["programme" if kind == "programme" else "organisation"]

    @property
    def size(self) -> int:
        """Name forms indexed (all lists, institutions and programmes)."""
        return sum(i.size for i in self._indexes.values())

    def match(
        self, name: str, country: str | None, *, kind: str = "organisation", lists: list[str] | None = None,
        ror: str | None = None,
    ) -> list[Candidate]:
        """Best candidate per list with a decision above ``none``, best first."""
        kept = self._kept_results(name, country, kind, lists, False, ror)
        found = [r.best.copy() for r in kept if r.best is not None and r.best.decision != "none"]
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
        kept = self._kept_results(name, country, kind, lists, explain, ror)
        return [ListResult(r.list_id, r.best.copy() if r.best is not None else None, r.rejected) for r in kept]

    def _kept_results(self, name: str, country: str | None, kind: str, lists: list[str] | None, explain: bool,
                      ror: str | None) -> list[ListResult]:
        """The kept results (shared: copy a candidate before changing it)."""
        return self._kept(name, country, "programme" if kind == "programme" else "organisation",
                          tuple(lists) if lists is not None else None, explain, ror if kind != "programme" else None)

    def _results(self, name: str, country: str | None, kind: str, lists: tuple[str, ...] | None,
                 explain: bool, ror: str | None = None) -> list[ListResult]:
        name = name[: self.config.max_name_length]
        context = self._contexts[kind]
        wanted = [lid for lid in self._list_ids[kind] if lists is None or lid in lists]
        parts = segments(name) if name.strip() else []
        inferred = infer_country(parts) if country is None and len(parts) > 1 else None
        country = country or inferred
        per_list: dict[str, list[Candidate]] = {lid: [] for lid in wanted}
        near: dict[str, Rejected] = {}
        explained = explained_acronyms(name)  # "Pentane Chemistry Industries (PCI)": what PCI stands for
        for i, seg in enumerate(parts):
            # several addresses in one string: a part's country is its own address's ("NUDT, Changsha, China; MIT, …, USA")
            seg_country = (own_address_country(name, seg) or country) if inferred is not None and i else country
            query, found, reread = self._read(seg, kind, seg_country)
            if query is None:
                continue
            if found:
                place = Place(name, parts, i)
                compared = " ".join(query.words)
            for stage, finding in found:
                if finding.form.entity.list_id not in per_list:
                    continue
                if i and seg in explained and stage.id in _ACRONYM_STAGES and not stands_for(
                        explained[seg], (finding.form.entity.name, *finding.form.entity.aliases)):
                    continue  # the name says what its acronym stands for, and it is not this body's name
                cand = candidate(finding, stage.id, seg, compared if stage.compares_words else query.norm)
                if reread is not None and reread.capped:
                    cand.decision = at_most_possible(cand.decision)
                    cand.reasons.append(f"{reread.reason}: confirm it is the body meant")
                elif reread is not None:
                    cand.reasons.append(reread.reason)
                if all(check.keep(cand, place) for check in PART_CHECKS):
                    if why := apply_country(cand, seg_country, inferred is not None, parts):
                        # "Institut Pasteur" (FR) for the Pasteur Institute of Iran: shown as the near miss it is
                        lid = cand.entity.list_id
                        if lid not in near or cand.score > near[lid].score:
                            near[lid] = Rejected(cand.form, cand.score, why, seg)
                    per_list[cand.entity.list_id].append(cand)
            if explain:
                for lid, rej in near_misses(context.index, query, per_list, self.config).items():
                    if lid not in near or rej.score > near[lid].score:
                        near[lid] = rej
        for form in self._by_ror.get(ror or "", ()):
            if form.entity.list_id in per_list:
                per_list[form.entity.list_id].append(by_identifier(form, name, country))
        out: list[ListResult] = []
        for lid in wanted:
            best = settle(per_list[lid])
            rejected = near.get(lid) if best is None or best.decision == "none" else None
            if best is not None and best.decision == "none" and best.finding.named_otherwise:
                rejected = Rejected(best.form, best.score, best.finding.named_otherwise, best.segment)
            out.append(ListResult(lid, best, rejected) if best is not None or rejected is not None else self._nothing[lid])
        return out

    def _read_segment(self, seg: str, kind: str, country: str | None) -> Reading:
        """One part of a name, read and run through the stages (kept per part: the parts of
        addresses recur, "Department of Chemistry", "Beijing 100081"). A part that finds nothing is read
        also without what its country's names carry or leave out: the person it is named after, a
        university's status title; and with an abbreviation as another word it stands for ("Chem": chemical)
        (each at most possible); with a place's other spelling the lists give ("Hotan": Hetian), or with the
        letters it begins with joined ("D B C Makina": DBC), keeping the decision (the third item says how it
        was read); a name in Russian written in Latin letters is read through the Russian table, as a
        translation."""
        context = self._contexts[kind]
        query = read_query(seg, context.index)
        if query is None:
            return None, (), None
        found = tuple(run_stages(query, context))
        if not found and (russian := read_in_russian(query)) is not None and (found := tuple(run_stages(russian, context))):
            return russian, found, None  # "AO Nauchno-Proizvodstvennoe Predpriyatie Topaz": Russian in Latin letters
        if not found and (country is None or country in EPONYM_COUNTRIES) and (plain := without_eponym(seg)) is not None:
            # "M.V. Lomonosov Moscow State University": read without its eponym as well, at most possible
            if (bare := read_query(plain.text, context.index)) is not None and (found := tuple(run_stages(bare, context))):
                return bare, found, Reread(f"read without the person it is named after, {plain.eponym!r}")
        for without, names_one, what in TITLE_READINGS:
            # "National Research Tomsk Polytechnic University", "Federal Research and Production Center Research
            # Institute of Applied Chemistry": read without the status, where what is left names such a body, at
            # most possible
            if not found and (untitled := without(seg, country)) is not None:
                bare = read_query(untitled.text, context.index)
                if bare is not None and names_one(bare.words) and (found := tuple(run_stages(bare, context))):
                    return bare, found, Reread(f"read without {untitled.title!r}, {what}")
        if not found and not query.generic_only:
            # "Beijing Univ Chem Technol": "Chem" written out as chemistry finds nothing; read as chemical, at most
            # possible. Not a name of generic words: "Inst Phys" (an institute of physics) is no "Physical Institute"
            for other in abbreviation_readings(seg):
                if (read := read_query(other.text, context.index)) is not None and (found := tuple(run_stages(read, context))):
                    return read, found, Reread(other.reason)
        if not found:
            # "Hotan Taida Apparel" for the listed "Hetian Taida Apparel Co., Ltd.": the same place, spelt as the lists
            # spell it too; what it finds keeps its decision
            for spelt in place_spellings(seg, country):
                if (read := read_query(spelt.text, context.index)) is not None and (found := tuple(run_stages(read, context))):
                    return read, found, Reread(spelt.reason, capped=False)
        if not found and (joined := letters_joined(seg)) is not None:
            # "D B C Makina Sanayi …" for the listed "DBC Makina Sanayi ve Ticaret A.S.": the same letters, joined
            if (read := read_query(joined.text, context.index)) is not None and (found := tuple(run_stages(read, context))):
                return read, found, Reread(joined.reason, capped=False)
        return query, found, None

    def _parts_of(self, seg: str) -> list[Part]:
        """The listed organisations a name names a unit of (kept per name: affiliations recur)."""
        found = self._parts.get(seg)
        if found is None:
            found = find_parts(self._indexes["organisation"], seg) or _NO_PARTS  # (one empty list kept for all)
            if len(self._parts) >= RESULTS_KEPT * 16:
                self._parts.clear()
            self._parts[seg] = found
        return found

