"""What happens to a stage's finding next: the checks, declared, each with its own tests.

Per candidate, in the order of :data:`PART_CHECKS` then the country: a candidate found on a later
part of an address ("Dept X, Harbin Engineering University") must be a name of its own there, may be
set aside or demoted by a place in brackets, and then the country decides how far it may be trusted.
Per list (:func:`settle`): weak evidence that fits several entries says none of them; an acronym
next to the name it stands for is noted as corroborated; the strongest candidate is the list's result.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from collabguard.matching.address_elsewhere import namesake_elsewhere, namesakes_of
from collabguard.matching.affiliation import is_department, own_address
from collabguard.matching.candidates import Candidate, Finding, candidate
from collabguard.matching.compare import (
    COUNTRY_WORDS,
    PARENT_NAMES,
    PARENT_WORDS,
    PLACE_WORDS,
    names_a_town,
    parent_named,
    parents_in,
    parents_of_names,
)
from collabguard.matching.index import NameForm
from collabguard.matching.listed_letters import names_letters, own_letters
from collabguard.matching.normalize import address_parts, normalize, says_little, tokens
from collabguard.matching.parts import names_an_inner_unit
from collabguard.matching.qualifiers import qualifier_clash
from collabguard.matching.registry import identified
from collabguard.matching.short_names import ORGANISATION_WORDS
from collabguard.matching.stages.exact import ACRONYM_ALONE
from collabguard.matching.unit_hosts import other_host
from collabguard.models.common import Decision

CHINA = frozenset({"CN", "HK", "MO"})  # Hong Kong and Macau count as China
AMBIGUITY_MARGIN = 5
MAX_NAMED_ALTERNATIVES = 3


def same_country(a: str, b: str) -> bool:
    return a == b or (a in CHINA and b in CHINA)


def demoted(decision: Decision) -> Decision:
    return "possible" if decision == "match" else "none"


def at_most_possible(decision: Decision) -> Decision:
    return "possible" if decision == "match" else decision


@dataclass(frozen=True, slots=True)
class Place:
    """Where in the name a candidate was found: the whole name, its parts, which part."""

    name: str
    parts: list[str]
    index: int

    @property
    def segment(self) -> str:
        return self.parts[self.index]


@dataclass(frozen=True, slots=True)
class Check:
    id: str
    doc: str
    keep: Callable[[Candidate, Place], bool]  # False: the candidate is set aside; it may also demote or note


def _address_pair(cand: Candidate, place: Place) -> bool:
    """Two neighbouring parts of an address are tried together only for list names with a comma ("Key Lab,
    Beijing, Inst Technol" names no BIT), or for an institute and its parent, either first, that the list names
    together ("Institute of Microelectronics, Chinese Academy of Sciences, Beijing" for the listed "… of the
    Chinese Academy of Sciences"; "Chinese Acad Sci, Inst Microelect, Beijing")."""
    if not (place.index > 0 and ", " in place.segment and "," not in cand.form.text):
        return True
    country = cand.entity.country
    listed_parents = parents_in(cand.form.tokens, country)
    return bool(listed_parents) and any(
        PARENT_NAMES.get(found, found) in listed_parents
        for half in place.segment.split(", ", 1) if (found := parent_named(list(tokens(half)), country)))


def _other_parent(cand: Candidate, place: Place) -> bool:
    """Does the address name another organisation than the listed institute's parent (left out
    of the part that matched)? "Institute of Microelectronics, Nankai University" is Nankai's,
    not the CAS institute; "Trapeznikov Institute of Control Sciences, Moscow" may be the RAS one. Only the
    institute's own address is read (not another after a semicolon: "…; University of Chinese Academy of
    Sciences, Beijing"); the listed parent named there in any spelling keeps it ("Shenyang Institute of
    Automation, Chinese Academy of Sciences" for the listed "China Academy of Science – …"), and a part that
    names a unit of it is no other parent ("CAS Key Laboratory of …", "Dept Phys"). A unit of a listed
    organisation likewise is another parent's where a part of its address is that parent, and the listed names
    name no such parent ("Baikal Institute of Nature Management, Siberian Branch of the Russian Academy of
    Sciences" is no unit of the company Baikal)."""
    if place.index == 0:
        return True
    if cand.stage == "part-of":
        return not _parent_part(cand, place)
    if not cand.finding.parent_left_out:
        return True
    country = cand.entity.country
    listed = set(cand.form.tokens).union(tokens(cand.entity.name))  # an alias without the parent: the name has it
    own_parents = parents_in(tokens(cand.entity.name), country)
    skip = frozenset(PARENT_WORDS.get(country, ())) | PLACE_WORDS.get(country, frozenset())
    for part in address_parts(own_address(place.parts[0], place.segment)):
        words = tokens(part)
        if part == place.segment:
            continue
        if own_parents and parents_in(words, country) & own_parents:
            return True  # the listed parent, however spelt
        if not set(words) & ORGANISATION_WORDS or names_an_inner_unit(words, skip):
            continue
        if not set(words) <= listed:  # a part naming something the list entry does not
            return False
    return True


def _parent_part(cand: Candidate, place: Place) -> bool:
    """Is a part of the unit's own address a parent (an academy, its branch) the listed names do not name?"""
    country = cand.entity.country
    listed = parents_of_names((cand.entity.name, *cand.entity.aliases), country)
    for part in address_parts(own_address(place.parts[0], place.segment)):
        if part != place.segment and (found := parent_named(list(tokens(part)), country)):
            if PARENT_NAMES.get(found, found) not in listed:
                return True
    return False


def _short_name_whole(cand: Candidate, place: Place) -> bool:
    # only a whole name is a short name: "… Medical Department (Astrakhan)" is not
    return place.index == 0 or cand.stage != "short-name"


def _bracketed_place(cand: Candidate, place: Place) -> bool:
    if place.index == 0:
        return True
    cand.reasons.append(f"matched on the part {place.segment!r} of the name")
    clash = qualifier_clash(place.name, place.segment, cand.form)
    if clash is not None and clash.other_place:
        return False  # "China University of Geosciences (Beijing)" is not the listed "(Wuhan)"
    if clash is not None:
        cand.decision = at_most_possible(cand.decision)
        cand.reasons.append(clash.reason)
    return True


def _town_part(cand: Candidate, place: Place) -> bool:
    """A part of an address that is only a town's name is the place ("Department of Physics, Tula State University,
    Tula, Russian Federation"): not a listed body a list also calls by that name (Tula Arms Plant, alias "Tula";
    "JSC Penza"), nor one whose name begins with it ("Volgograd" is not LLC Volgogradpromproyekt). Beside another
    organisation's name it is that one's town, and the candidate is set aside; alone, it is asked about."""
    if place.index == 0 or cand.decision == "none":
        return True
    # "Tula", "Tula 300012", a town of the listed body's country; "Volgograd" for "Volgogradpromproyekt" too
    if not names_a_town(tokens(place.segment), cand.entity.country):
        return True
    named = [part for part in address_parts(place.parts[0])
             if part != place.segment and set(tokens(part)) & ORGANISATION_WORDS]
    if named:
        return False
    cand.decision = demoted(cand.decision)
    cand.reasons.append(f"{place.segment!r} in an address is also the name of a town: confirm it names "
                        f"{cand.entity.name!r}, not the place")
    return True


def _unit_elsewhere(cand: Candidate, place: Place) -> bool:
    """A unit's name the list gives one body, found in an address that names another host, is asked about
    (matching/unit_hosts.py): "Institute of Radiation Medicine, Fudan University"."""
    if place.index == 0 or cand.decision == "none":
        return True
    if host := other_host(cand.form, place.parts, place.segment):
        cand.decision = at_most_possible(cand.decision)
        cand.reasons.append(f"the address names another body, {host!r}, which the listed names do not: the name may "
                            "be that body's own unit; confirm it is the listed one")
    return True


def _listed_letters(cand: Candidate, place: Place) -> bool:
    """A listed name that begins or ends with letters of its own ("K Logistics (China) Limited", "A R Sales Private
    Ltd", "Shetab G"), which the normaliser leaves out as initials, is not found by its other words alone: a name
    without the letters is at most possible, and set aside where the words left say little ("Shetab")."""
    if (cand.decision == "none" or not (letters := own_letters(cand.form.text))
            or names_letters(place.segment, letters, cand.form.text)):
        return True
    if says_little(tokens(cand.form.text)):
        return False
    cand.decision = at_most_possible(cand.decision)
    # not the same name: the same words, without the letters
    cand.reasons[:] = ["the same words as " + r.removeprefix("same name as ") if r.startswith("same name as the listed ")
                       else r for r in cand.reasons]
    cand.reasons.append(f"the listed name {cand.form.text!r} is written with the letters "
                        f"{letters.upper()!r}, which the name lacks: confirm it is the body meant")
    return True


PART_CHECKS: tuple[Check, ...] = (
    Check("address-pair", "two parts of an address read together count only for a list name with a comma",
          _address_pair),
    Check("other-parent", "a listed institute found in an address that names another parent is that parent's "
          "unit, not the listed one", _other_parent),
    Check("short-name-whole", "only a whole name is read as a short name, never a part of an address",
          _short_name_whole),
    Check("bracketed-place", "a place in brackets the list's name does not have sets the candidate aside (another "
          "campus) or demotes a national name to possible", _bracketed_place),
    Check("town-part", "a part of an address that is only a town's name is the place: set aside beside another "
          "organisation's name, else demoted to possible", _town_part),
    Check("unit-elsewhere", "a unit's name (an institute, a centre …) that the list gives one body, in an address "
          "naming another university, academy, group or company and not the listed parent, is possible",
          _unit_elsewhere),
    Check("listed-letters", "a listed name written with letters of its own at its start or end ('K Logistics') is "
          "at most possible for a name without them, and set aside where its other words say little", _listed_letters),
)


NO_COUNTRY_TO_CORROBORATE = ("an acronym collabguard derives from the listed names, of an entry the list gives no country: "
                             "nothing corroborates it")


def apply_country(cand: Candidate, country: str | None, inferred: bool, parts: list[str] | None = None) -> str:
    """An acronym whose country differs is set aside, and so is a name that leaves out the country the
    listed name is called by ("Institut Pasteur", FR, for the Canadian list's Pasteur Institute of Iran,
    whose aliases say "Pasteur Institute": said so in Iran), and an institution's namesake whose address
    (``parts``: the name's parts) names another country and a town of it, and no place of the listed one
    (matching/address_elsewhere.py); a name without a country is at most possible, and nothing when it says
    too little alone (a company named by one word, a quoted name); a name whose country differs is demoted
    one step (a subsidiary abroad excepted, as its reason says). Returns why a name that left out its listed
    country, or whose address places it elsewhere, was set aside (the near miss to show), else ""."""
    listed = cand.entity.country
    source = " (read from the address)" if inferred else ""
    if not listed:
        cand.features["country"] = "not on the list"
        if cand.form.kind == "derived acronym":
            # "HSH" (a Norwegian college's) for the initials of a UN-listed group's alias: an acronym the list does not
            # give, of an entry it gives no country, has nothing that could ever corroborate it
            cand.decision = "none"
            cand.reasons.append(NO_COUNTRY_TO_CORROBORATE)
            return NO_COUNTRY_TO_CORROBORATE
        return ""
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
        return ""
    if not country and cand.finding.needs_country:  # "Roche" alone for "Roche Consulting Limited" (AE)
        cand.decision = "none"
        cand.features["country"] = "missing"
        cand.reasons.append("no country given, and the name alone says too little")
    elif not country:
        if cand.decision == "match":
            cand.decision = "possible"
        cand.features["country"] = "missing"
        cand.reasons.append("no country given: identity cannot be confirmed")
    elif not same_country(country, listed) and cand.finding.abroad:
        cand.features["country"] = "differs"  # "Huawei Technologies Sweden AB": possible, as its reason says
        cand.reasons.append(f"country {country}{source} differs from the listed {listed}, as a subsidiary's abroad does")
    elif not same_country(country, listed) and (left_out := country_left_out(cand)):
        cand.decision = "none"
        cand.features["country"] = "differs"
        cand.reasons.append(f"the listed name names its country, {left_out!r}, and the name does not; country "
                            f"{country}{source} differs from the listed {listed}")
        return cand.reasons[-1]
    elif not same_country(country, listed) and parts and (
            there := namesake_elsewhere(cand.entity, _written(cand.form), parts, cand.segment, country)):
        # "Northeastern University, Boston, MA 02115, USA": not the listed one of Shenyang
        cand.decision = "none"
        cand.features["country"] = "differs"
        other = there.namesake
        cand.reasons.append(f"the address places it in {there.town}, {country}, and names no place in the listed {listed}; "
                            f"ROR registers another {other.record_name!r} there ({other.town or other.country}, "
                            f"{other.record_id}): that institution, not the listed one")
        return cand.reasons[-1]
    elif not same_country(country, listed):
        cand.decision = demoted(cand.decision)
        cand.features["country"] = "differs"
        cand.reasons.append(f"country {country}{source} differs from the listed {listed}")
        there_too = (n for n in namesakes_of(cand.entity, _written(cand.form)) if same_country(n.country, country))
        if namesake := next(there_too, None):
            # "Northeastern University" (US): a question still (the country may be wrong), with what would answer it
            cand.reasons.append(f"ROR registers another {namesake.record_name!r} in {namesake.country} "
                                f"({namesake.town or namesake.country}, {namesake.record_id}): confirm which is meant")
    else:
        cand.features["country"] = "agrees"
        cand.reasons.append(f"country {country}{source} agrees")
    return ""


def _written(form: NameForm) -> str:
    """The listed name a form was read from (a form read without its bracket, its eponym …: the name as listed)."""
    return form.written or form.text


def country_left_out(cand: Candidate) -> str:
    """The word for its country the listed name is called by ("iran" in "Pasteur Institute of Iran") when the
    name compared says none; "" otherwise. Left out, it is the body's name only where that country is meant:
    another country's "Institut Pasteur" is another institute."""
    own = COUNTRY_WORDS.get(cand.entity.country)
    if not own:
        return ""
    named = [w for w in tokens(cand.entity.name) if w in own]
    if not named or own.intersection(cand.query_normalized.split()):
        return ""
    return named[0]


def by_identifier(form: NameForm, name: str, country: str | None) -> Candidate:
    """The entry whose ROR id the partner was given with: ``match`` (a different country demotes it)."""
    finding = Finding(form, "match", 100, "same identifier", identified(form.entity))
    cand = candidate(finding, "identifier", name, normalize(name))
    cand.features["country"] = "agrees" if country else "missing"
    if country and cand.entity.country and not same_country(country, cand.entity.country):
        cand.decision = "possible"
        cand.features["country"] = "differs"
        cand.reasons.append(f"country {country} differs from the listed {cand.entity.country}")
    return cand


def settle(candidates: list[Candidate]) -> Candidate | None:
    """One list's result: the strongest candidate, once ambiguity and corroboration are read."""
    if not candidates:
        return None
    candidates = disambiguate(candidates)
    corroborate(candidates)
    best = max(candidates, key=lambda c: c.sort_key())
    if not best.also and (evidence := _evidence(best)):
        # the same name: of the same part of the name (a unit named after its listed parent in an address
        # is that unit, not also the parent)
        fitting = [c for c in candidates if _evidence(c) == evidence
                   and (evidence != "same name" or c.segment == best.segment)]
        acronyms: list[Candidate] = []
        if evidence == "same name" and best.form.norm.isalnum():
            # "TSKBA": a listed company's one-word name (the alias "JSC “TsKBA”") and another entry's listed acronym
            acronyms = [c for c in candidates if _evidence(c) == "listed acronym" and c.segment == best.segment]
        _name_the_others(best, fitting, acronyms)
    return best


def _evidence(cand: Candidate) -> str:
    """Evidence that may fit several entries of a list as well as one, which a person must tell
    apart: a company named by its own words, its place or descriptive words left out or added ("Beijing
    Naura": the list holds its semiconductor and its microelectronics equipment companies); an
    acronym the list gives two entries ("SBIG": the ISN table's Shahid Bakeri Industrial Group and
    Industries Group); a name two entries have ("Druzhba": two companies of the Entity List, one by its
    name, one by its alias). Else ""."""
    if cand.finding.words is not None and (cand.finding.words.company_left_out or cand.finding.words.company_added):
        return "company named by its own words"
    if cand.features.get("stage") == "acronym" and cand.finding.feature == "acronym":
        return "listed acronym"
    if cand.features.get("stage") == "exact" and (cand.decision == "match" or cand.finding.feature == ACRONYM_ALONE):
        return "same name"  # "Druzhba": the Entity List's "OOO Druzhba", and the alias of its "Druzhba, AO"
    return ""


def _name_the_others(best: Candidate, fitting: list[Candidate], acronyms: Sequence[Candidate] = ()) -> None:
    """Each other entry the same evidence fits as well is named beside the best, for a person to
    say which (if any) is meant; and each entry listed with the one word of the best's name as its
    acronym (``acronyms``), however its decision."""
    others: dict[str, Candidate] = {}
    for c in sorted(fitting, key=lambda c: c.sort_key(), reverse=True):
        if (c.entity.entity_id != best.entity.entity_id and c.decision == best.decision
                and c.score >= best.score - AMBIGUITY_MARGIN):
            others.setdefault(c.entity.entity_id, c)
    for c in acronyms:
        if c.entity.entity_id != best.entity.entity_id and c.decision != "none":
            others.setdefault(c.entity.entity_id, c)
    if others:
        _fits_as_well(best, list(others.values()))


def disambiguate(candidates: list[Candidate]) -> list[Candidate]:
    """Weak evidence (a derived acronym, a translated name) that fits several entries of the
    same list equally well cannot say which one is meant: HIT reads as Harbin and as
    Heilongjiang Institute of Technology; 北京理工大学 translates close to two Beijing
    universities. Every one of them is listed, so the name stays ``possible``, reported once,
    with the others it fits named: a person must say which (if any) is meant."""
    weak = [c for c in candidates if c.finding.weak]
    # a strong candidate set aside (a listed acronym of another country) does not silence weak ones
    strong = [c for c in candidates if not c.finding.weak and c.decision != "none"]
    if strong:
        # nor does one silence a translation read word for word that confirms the name ("МИРЭА — Российский
        # технологический университет" is the listed university's name, not only its acronym МИРЭА, possible), once
        # the weak evidence is read alone: one that fits several entries confirms none of them
        return strong + [c for c in _weak_read(weak) if c.decision == "match"] if any(
            c.decision == "match" for c in weak) else strong
    return _weak_read(weak) if weak else candidates


def _weak_read(weak: list[Candidate]) -> list[Candidate]:
    """The weak candidates of a list, read alone (see :func:`disambiguate`)."""
    live = [c for c in weak if c.decision != "none"]
    if not live:
        return weak
    top = max(c.score for c in live)
    leaders: dict[str, Candidate] = {}
    for c in sorted(weak, key=lambda c: c.sort_key(), reverse=True):
        if c.decision != "none" and c.score >= top - AMBIGUITY_MARGIN:
            leaders.setdefault(c.entity.entity_id, c)
    if len(leaders) == 1:
        return weak
    first, *others = leaders.values()
    first.decision = "possible"  # a translation that fits several entries says none of them
    _fits_as_well(first, others)
    return [first]


def _fits_as_well(first: Candidate, others: list[Candidate]) -> None:
    first.also = [c.entity for c in others]
    names = ", ".join(repr(c.entity.name) for c in others[:MAX_NAMED_ALTERNATIVES])
    if len(others) > MAX_NAMED_ALTERNATIVES:
        names += f" and {len(others) - MAX_NAMED_ALTERNATIVES} more"
    first.features["ambiguous"] = f"fits {len(others) + 1} entries of this list"
    first.reasons.append(f"fits {names} as well (also listed): confirm which, if any, is meant")


def corroborate(candidates: list[Candidate]) -> None:
    """Notes on each acronym candidate left ``possible`` that another part of the same string
    (not a department) names the same entry as a ``match`` ("Beihang University (BUAA)"):
    "corroborated by the name in the same string". No decision changes: the acronym stays
    ``possible`` (an acronym never confirms an identity), and the entry's result is the name's
    ``match``, which outranks it in :func:`settle`."""
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
