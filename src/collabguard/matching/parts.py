"""Names of units and subsidiaries of listed organisations: "part of listed organisation …".

A unit of a listed body is named with the body's whole name and words that say which unit it is
(``reference/organisation-parts.yaml``):

- "<unit> of LISTED": "The Ningbo Institute of Northwestern Polytechnical University", "Qingdao
  Innovation and Development Center of Harbin Engineering University", "The 28th Research Institute
  of China Electronics Technology Group Corporation" (also "LISTED's 28th Research Institute");
- "LISTED <unit>": "Beihang University Hangzhou Innovation Institute", "CETC 28th Research Institute",
  "Harbin Institute of Technology Shenzhen" (a campus in a Chinese city);
- "<unit> LISTED" without a comma: "Key Laboratory of Photoelectronic Imaging Technology and System
  Beijing Institute of Technology";
- a company named by a listed company's name in another country or region: "Huawei Technologies
  Sweden AB", "Hikvision Europe";
- a unit the Research Organization Registry records as a child of a listed organisation's record,
  by any of its names ("Hangzhou Innovation Institute of Beihang University", "北航杭州创新研究院"):
  the names come with the list's ROR links (:mod:`collabguard.matching.registry`).

A numbered institute of a listed group that a list has as its own entry ("the 38th Institute of
CETC" for the Entity List's "China Electronics Technology Group Corporation 38th Research Institute")
is reported on that entry, ``possible``: the same number, "(research) institute" and the group's name;
or the group's listed acronym and the number alone ("CETC 54"), which also names a unit of the group.

Such a name is reported ``possible`` on the listed organisation, never ``match``: the unit is not on
the list; whether working with it is working with its parent is for a person to say. The listed name
must appear whole and in order (a name that merely shares a place or a generic word with a listed
one, or begins like one, is no unit of it: "Sichuan University of Science and Engineering" continues
with "of", and "Hong Kong University of Science and Technology" holds no listed name). A listed unit
("14th Research Institute of CETC") is still matched as itself, by the exact stages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from collabguard.countries import country_code
from collabguard.matching.compare import (
    COMPANY_TAIL,
    COUNTRY_WORDS,
    INSTITUTION_WORDS,
    OPTIONAL_WORDS,
    PLACE_WORDS,
    TOWNS,
    parents_in,
    parents_of_names,
)
from collabguard.matching.index import EXACT_ONLY_READINGS, NameForm, NameIndex
from collabguard.matching.normalize import linked_tokens, normalize, tokens

LEXICON_FILE = Path(__file__).resolve().parent.parent / "reference" / "organisation-parts.yaml"
PART_SCORE = 80  # the listed name pairs whole; the unit's own words are extra
PART_OF = "part of listed organisation"
NUMBERED = "numbered institute of the group named"  # the feature of a listed numbered institute found so
NAMED = "company named with a listed company's name"  # the feature of a company named with a listed one's name and more
_POSSESSIVE = re.compile(r"^(?P<owner>[^']+?)['’]s\s+(?P<unit>.+)$")
_ORDINAL = re.compile(r"^\d+(?:st|nd|rd|th)?$")
_PLURALS = {"university": "universities", "institute": "institutes", "academy": "academies", "college": "colleges"}
_CONTINUING = frozenset({"of", "for", "and", "in", "on", "at"})  # "Sichuan University of Science …" is another name


@dataclass(frozen=True, slots=True)
class Lexicon:
    version: str
    units: frozenset[str]
    leads: frozenset[str]
    ordinals: frozenset[str]
    regions: frozenset[str]
    legal_abroad: frozenset[str]
    signals: frozenset[str]  # any of these (or a number) in a name may make it a unit, campus or subsidiary
    groups: frozenset[str]  # words that make a listed body a group (matching/group_names.py)
    inner_units: frozenset[str]  # units inside an institute or a university, never a parent of one


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    data = yaml.load(LEXICON_FILE.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    units, regions, legal = frozenset(data["unit_words"]), frozenset(data["region_words"]), frozenset(data["legal_forms_abroad"])
    ordinals = frozenset(data["ordinal_words"])
    places = frozenset().union(*PLACE_WORDS.values())
    return Lexicon(str(data["version"]), units, frozenset(data["lead_words"]), ordinals, regions, legal,
                   units | ordinals | regions | legal | places, frozenset(data["group_words"]),
                   frozenset(data["inner_unit_words"]))


def names_an_inner_unit(words: tuple[str, ...], skip: frozenset[str] = frozenset()) -> bool:
    """Do the words begin as the name of a unit inside an institute or a university does, after any lead words and
    words of ``skip`` (places, a parent's acronym): "Key Laboratory of …", "CAS Key Laboratory …", "Dept Phys";
    not "National Academy of Sciences of Belarus" nor "National Center for Scientific Research Demokritos"?"""
    lex = lexicon()
    at = 0
    while at < len(words) and (words[at] in lex.leads or words[at] in skip):
        at += 1
    return at < len(words) and words[at] in lex.inner_units


@dataclass(frozen=True, slots=True)
class Part:
    """A name that names a unit (or a subsidiary abroad) of a listed organisation."""

    form: NameForm  # the listed name form found whole inside the name
    unit: str  # the words that name the unit, the city of a campus, or the country or region abroad
    kind: str  # unit | campus | abroad (a company named after a listed company in another country or region) | registry | numbered (a listed numbered institute of a listed group) | named (a company named with a listed company's whole name and words of its own)

    @property
    def abroad(self) -> bool:
        return self.kind == "abroad"

    @property
    def feature(self) -> str:
        return NUMBERED if self.kind == "numbered" else NAMED if self.kind == "named" else PART_OF

    def reason(self) -> str:
        name = self.form.entity.name
        if self.abroad:
            return (f"{PART_OF} {name!r}: a company named {self.form.quoted()} with {self.unit!r}, as a listed company's "
                    "subsidiaries abroad are named: confirm whether it belongs to the listed company")
        if self.kind == "named":  # "Dart Aviation Technics" for the listed Dart Aviation
            return (f"a company named with the listed company's whole name, {self.form.quoted()}, and {self.unit!r} "
                    "added: the listed company, one of its group or another company of a similar name: confirm which")
        if self.kind == "numbered":  # "the 38th Institute of CETC": the listed 38th Research Institute
            return (f"{self.unit!r} is numbered as the listed {self.form.quoted()}, an institute of the same group the "
                    "name names, but not written as the list writes it: confirm that it is this institute")
        if self.kind == "registry":  # a ROR child of the entry's record
            return (f"{PART_OF} {name!r}: {self.form.text!r} names a unit of it ({self.form.via}); the unit itself is "
                    "not listed: confirm whether working with it is working with the listed organisation")
        what = "a campus or branch of" if self.kind == "campus" else "a unit of"
        return (f"{PART_OF} {name!r}: {self.unit!r} names {what} {self.form.quoted()}; the unit itself is not "
                "listed: confirm whether working with it is working with the listed organisation")


def _is_ordinal(word: str, lex: Lexicon) -> bool:
    return word in lex.ordinals or bool(_ORDINAL.match(word))


def _is_place(word: str, country: str) -> bool:
    return word in PLACE_WORDS.get(country, ()) or word in COUNTRY_WORDS.get(country, ())


def _names_unit(words: tuple[str, ...], lex: Lexicon) -> bool:
    return any(w in lex.units for w in words)


def _abroad(words: tuple[str, ...], lex: Lexicon) -> bool:
    """A country or region, perhaps with descriptive and legal-form words ("Sweden AB", "Europe B.V.")."""
    places = [w for w in words if w in lex.regions or (len(w) >= 4 and country_code(w) is not None)]
    return bool(places) and all(w in lex.regions or w in lex.legal_abroad or w in COMPANY_TAIL or w in places
                                for w in words)


def _listed_forms(index: NameIndex, words: tuple[str, ...]) -> list[NameForm]:
    """Name forms of institutions and companies that are exactly these words: names and aliases not
    generic (a one-word form only when the list writes it as one word: "Huawei", "Skoltech"; not
    "JSC Plasma"), and listed acronyms ("CETC")."""
    out = [f for f in index.exact.get(" ".join(words), ()) if f.kind in ("name", "alias") and not f.generic and not f.via
           and f.reading not in EXACT_ONLY_READINGS and f.entity.kind in ("institution", "company")
           and (len(words) > 1 or len(f.text.split()) == 1)
           and " ".join(words) not in TOWNS.get(f.entity.country, ())]  # "Balashikha Branch": the town's
    if len(words) == 1:  # a normalised word is its acronym key in lower case
        acronyms = [f for f in index.acronyms.get(words[0].upper(), ())
                    if f.kind == "acronym" and f.entity.kind in ("institution", "company")]
        # an acronym a list gives several of its entries ("CETC" for many CETC institutes) names none of them
        owners: dict[str, set[str]] = {}
        for f in acronyms:
            owners.setdefault(f.entity.list_id, set()).add(f.entity.entity_id)
        out += [f for f in acronyms if len(owners[f.entity.list_id]) == 1]
    return out


def _names_another_parent(words: tuple[str, ...], form: NameForm) -> bool:
    """Do ``words`` name a parent (an academy, a branch of one) that the listed body's names do not?"""
    country = form.entity.country
    named = parents_in(words, country)
    return bool(named) and not named <= parents_of_names((form.entity.name, *form.entity.aliases), country)


def _unit_of(form: NameForm, toks: tuple[str, ...], links: tuple[str, ...], i: int, j: int, lex: Lexicon) -> Part | None:
    """Is ``toks[i:j]`` (the listed form) the parent that the rest of the name makes a unit of?"""
    prefix, suffix = toks[:i], toks[j:]
    before, after = set(links[i].split()), set(links[j].split())
    country = form.entity.country
    acronym = form.kind == "acronym"
    trailing_places = all(_is_place(w, country) for w in suffix)
    if prefix and before & {"of", "at"}:  # "<unit> of LISTED"
        if trailing_places and _names_unit(prefix, lex) and (not acronym or any(_is_ordinal(w, lex) for w in prefix)):
            return Part(form, " ".join(prefix), "unit")
        return None
    if not prefix:  # "LISTED <unit>", "LISTED Sweden AB"
        if not suffix or after & _CONTINUING:
            return None
        if form.entity.kind == "company" and not acronym and _abroad(suffix, lex):
            return Part(form, " ".join(suffix), "abroad")
        if _names_another_parent(suffix, form):
            return None  # "Baikal Institute of Nature Management SB RAS" is the academy's, not the company Baikal's
        if _names_unit(suffix, lex) and (not acronym or any(_is_ordinal(w, lex) for w in suffix)):
            return Part(form, " ".join(suffix), "unit")
        if not acronym and all(w in PLACE_WORDS.get(country, ()) for w in suffix):  # a campus: "… Shenzhen"
            return Part(form, " ".join(suffix), "campus")
        return None
    # "<unit> LISTED": the name begins or ends with a unit word ("Key Laboratory of … System BIT",
    # "Xiangya Hospital Central South University"), and the word before the listed name does not run on into it (a place or a compass word would name another body: "East China University …")
    lead = next((w for w in prefix if w not in lex.leads and not _is_ordinal(w, lex)), "")
    last = prefix[-1]
    if (before or acronym or (lead not in lex.units and last not in lex.units) or not trailing_places
            or _is_place(last, country) or country_code(last) is not None
            or any(c in last for c in ("north", "south", "east", "west"))):
        return None
    return Part(form, " ".join(prefix), "unit")


def find_parts(index: NameIndex, segment: str) -> list[Part]:
    """The listed organisations a name (one part of a query, without commas) names a unit of."""
    found: dict[str, Part] = {}
    for form in index.parts.get(normalize(segment), ()):  # a unit's own name, from a registry
        found.setdefault(form.entity.entity_id, Part(form, form.text, "registry"))
    if "," in segment:
        return list(found.values())  # an address: its parts are tried one by one ("Dept X, LISTED" names LISTED itself)
    _find(index, segment, found)
    _named_company(index, segment, found)
    if (possessive := _POSSESSIVE.match(segment)) is not None:  # "LISTED's 28th Research Institute"
        _find(index, f"{possessive['unit']} of {possessive['owner']}", found)
    _numbered(index, segment, found)
    return list(found.values())


_NUMBERED_UNIT = frozenset({"research", "institute"})
MAX_INSTITUTE_NUMBER = 3  # digits: a group's institutes are numbered up to 3 digits (CSSC 704); more is a postcode


def _numbered(index: NameIndex, segment: str, found: dict[str, Part]) -> None:
    """A numbered institute of a listed group that a list has as its own entry ("the 38th Institute of
    CETC" for the Entity List's "China Electronics Technology Group Corporation 38th Research Institute",
    which a list names with "research"): the name is only the number, "(research) institute" and the
    group's name or acronym, or the group's acronym and the number ("CETC 54"); the listed institute's
    name form is the same number, "(research) institute" and a name of the same group. Another group's
    38th institute names none of them."""
    toks = tokens(segment)
    numbers = [t for t in toks if t.isdigit()]
    if len(numbers) != 1:
        return
    number = numbers[0]
    if "institute" in toks:
        # other words than the number, the unit and the group name none
        groups = [p.form for p in found.values() if p.kind == "unit"
                  and set(toks) - _NUMBERED_UNIT - {number} == set(p.form.tokens)]
    elif len(toks) == 2 and toks[1] == number and len(number) <= MAX_INSTITUTE_NUMBER:
        # the group's acronym and the number alone, as its institutes are called ("CETC 54": 中国电科54所):
        # a unit of the group, and the listed institute of that number
        groups = [f for f in _listed_forms(index, toks[:1]) if f.kind == "acronym"]
        for f in groups:
            found.setdefault(f.entity.entity_id, Part(f, number, "unit"))
    else:
        return
    for group_form in groups:
        group = group_form.entity
        names = {tuple(t for t in tokens(n) if t not in OPTIONAL_WORDS) for n in (group.name, *group.aliases)}
        names |= {(a.lower(),) for a in group.acronyms}
        for pos in index.postings.get(number, set()) & index.postings.get("institute", set()):
            form = index.forms[pos]
            if form.entity.entity_id in found or form.kind not in ("name", "alias") or form.entity.kind == "programme":
                continue
            rest = tuple(t for t in form.tokens if t not in _NUMBERED_UNIT and t != number and t not in OPTIONAL_WORDS)
            if rest and rest in names and form.tokens.count(number) == 1:
                found[form.entity.entity_id] = Part(form, segment, "numbered")


MAX_ADDED = 2  # words a company's name may add to a listed company's whole name and still be asked about


def _named_company(index: NameIndex, text: str, found: dict[str, Part]) -> None:
    """A company named with a listed company's whole name and words of its own after it: "Dart
    Aviation Technics", "Volga Group Investments", "Sazgan Ertebat Poya Co. Ltd." (the Entity List's
    Dart Aviation, Volga Group, Sazgan Ertebat Co. Ltd.). The listed name must say which company it is
    (a word not descriptive, not a place: not "Hong Kong Electronics"), hold two words or more, and not
    run on ("… of", "… and"); at most two words of the name's own besides descriptive words and legal
    forms. A question, never a match: the listed company, one of its group, or another one."""
    toks, links = linked_tokens(text)
    n = len(toks)
    if n < 3 or toks[0] not in index.first_words:
        return
    lex = lexicon()
    for j in range(min(n - 1, index.longest), 1, -1):  # the longest listed name first
        words = toks[:j]
        if " ".join(words) not in index.exact:
            continue
        if set(links[j].split()) & _CONTINUING:
            return
        if INSTITUTION_WORDS.intersection(words):
            return  # an institute's name says which one it is: its units are read by _find
        # any body the lists name so, company or not ("Volga Group" is an institution by its words), as the
        # list writes it (not read without an eponym: "AO Nauchno-Proizvodstvennoe Obedinenie" is no company's name)
        forms = [f for f in _listed_forms(index, words) if f.kind != "acronym" and f.reading in ("", "acronym", "repeat")
                 and f.entity.entity_id not in found]
        for form in forms:
            country = form.entity.country
            own = [w for w in _without_countries(words) if w not in COMPANY_TAIL and not _is_place(w, country)
                   and w not in TOWNS.get(country, ()) and w not in OPTIONAL_WORDS]
            added = [w for w in toks[j:] if w not in COMPANY_TAIL and w not in lex.legal_abroad
                     and w not in OPTIONAL_WORDS]
            if own and 0 < len(added) <= MAX_ADDED:
                found[form.entity.entity_id] = Part(form, " ".join(toks[j:]), "named")
        return


def _without_countries(words: tuple[str, ...]) -> list[str]:
    """The words but those naming a country or region ("Hong Kong Electronics": electronics)."""
    out: list[str] = []
    i = 0
    while i < len(words):
        span = next((n for n in (3, 2, 1) if i + n <= len(words) and country_code(" ".join(words[i:i + n]))), 0)
        if span:
            i += span
        else:
            out.append(words[i])
            i += 1
    return out


def _find(index: NameIndex, text: str, found: dict[str, Part]) -> None:
    toks, links = linked_tokens(text)
    n = len(toks)
    lex = lexicon()
    # a unit says which unit it is, a campus its city, a subsidiary abroad its country or legal form
    if n < 2 or (not any(t in lex.signals or _ORDINAL.match(t) for t in toks) and country_code(toks[-1]) is None):
        return
    plural: set[str] | None = None
    for i in range(n):
        if toks[i] not in index.first_words:
            continue
        top = min(n, i + index.longest) if toks[i:i + 2] in index.first_pairs else i + 1
        for j in range(top, i, -1):  # the longest listed name first
            if j - i == n or (" ".join(toks[i:j]) not in index.exact and (j - i > 1 or toks[i].upper() not in index.acronyms)):
                continue  # the whole name is the exact stages' business; and no listed name is these words
            if plural is None:
                # a name in the singular is not the one written in the plural ("Shanghai Universities
                # E-Institute" is no institute of Shanghai University), which normalising made singular
                plural = {w for w, ws in _PLURALS.items() if ws in text.lower()}
            for form in _listed_forms(index, toks[i:j]):
                if (form.entity.entity_id not in found and form.tokens[-1] not in plural
                        and (part := _unit_of(form, toks, links, i, j, lex)) is not None):
                    found[form.entity.entity_id] = part
