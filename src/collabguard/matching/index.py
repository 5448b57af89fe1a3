"""Candidate index over every name form of every list entry.

The name forms of an entry are its name, aliases, listed acronyms and local-script names, plus
acronyms derived from its name (NUDT, NWPU, CQU). The matcher builds two indexes once, over all the
lists it uses: one for organisations, one for talent programmes (well under a second for the
shipped lists). Lookups are dictionary hits: exact normalised forms, order-free fingerprints,
space-free forms, acronyms; and, for fuzzy and translated names, postings by word, by the first
five letters of a word (typos, abbreviations) and by consonant skeleton (Persian); a pinyin word is
also looked up by its English meaning or usual spelling (dianzi → electronic, qinghua → tsinghua).
A query is scored only against the names that hold every one of its distinctive words (with the
exceptions in :meth:`NameIndex.candidates`), never against every name.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice, pairwise, product

from rapidfuzz import process
from rapidfuzz.distance import OSA

from collabguard.lists.model import Entity
from collabguard.matching.compare import (
    ACRONYM_WORDS,
    COMPANY_ADDED,
    COMPANY_TAIL,
    COUNTRY_WORDS,
    LEGAL_FORMS_OF,
    MIN_JOINED,
    MIN_TYPO_LENGTH,
    OPTIONAL_WORDS,
    PARENT_WORDS,
    PLACE_WORDS,
    PROGRAMME_WORDS,
    SUB_PROGRAMME_WORDS,
    SYNONYMS,
    TRANSLATION_WORDS,
    is_initials,
    misspelt_legal_form,
    pair_kind,
)
from collabguard.matching.eponyms import EPONYM_COUNTRIES, without_eponym
from collabguard.matching.han_reading import read_alike_key
from collabguard.matching.kana import keys_of, sound_key
from collabguard.matching.legal_form_reading import without_legal_form
from collabguard.matching.list_brackets import bracketed_acronyms, without_bracketed_acronyms, without_bracketed_place
from collabguard.matching.list_other_names import other_names
from collabguard.matching.listed_addresses import without_address
from collabguard.matching.listed_letters import letter_keys
from collabguard.matching.normalize import (
    ACRONYM_EDGES,
    GENERIC_WORDS,
    STOP_WORDS,
    acronym_key,
    compact,
    fingerprint,
    is_generic,
    looks_like_acronym,
    normalize,
    tokens,
)
from collabguard.matching.pinyin import syllable_initials
from collabguard.matching.query_words import (
    first_readings,
    has_readings,
    is_optional,
    is_plain,
    is_skeleton,
    is_sound,
    letters,
    readings,
    skeleton_letters,
    written,
)
from collabguard.matching.quoted_names import quoted_name
from collabguard.matching.russian_initials import RUSSIAN_ACRONYM_COUNTRIES, russian_acronyms
from collabguard.matching.status_titles import CENTRE_TITLE_COUNTRIES, names_a_body, without_centre_title
from collabguard.matching.translate import PINYIN, script_of, skeleton
from collabguard.models.report import MatcherConfig
from collabguard.reference.lexicons import name_words, pinyin

PREFIX = 5
ABBREVIATION_MIN = 3  # letters a word abbreviating a list word has at least (compare.pair_kind: "Ind" for industry)
# readings of a listed name matched whole only: no close spelling, part or optional word is read into them
# ("Rainbow Children's Hospital" is no unit of the quoted "Rainbow" of a Russian design bureau); a name
# without its country's legal form is compared with the legal form already (compare.LEGAL_FORMS_OF). A
# company's name without the place in brackets it is registered in ("Origin Quantum Computing Technology
# (Hefei) Co., Ltd.") is read as the company's other names are, its descriptive words left out ("Origin
# Quantum"), where it keeps a name of its own (own_name_kept); "Global Corporation (HK) Limited" without its
# place is no name, and whole only
EXACT_ONLY_READINGS = frozenset({"optional", "capitals", "quoted", "legal-form", "group", "place"})
# readings of a listed name that never confirm an identity, however they are found (a translation word for
# word included): those matched whole only, and a name without its eponym or its status ("Boreskov Institute of
# Catalysis" of the Federal Research Center, which may join several institutes)
CAPPED_READINGS = EXACT_ONLY_READINGS | {"eponym", "title"}
# the index's keys for a word's first letters and its consonant skeleton, apart from the words themselves
PREFIX_KEY, SKELETON_KEY = "^", "~"
TWIN_RATIO = MatcherConfig.model_fields["word_twin_ratio"].default / 100
MIN_SKELETON = 4
TWIN_MARGIN = 0.15  # how much less alike a word may be at the search's first cut than the gate asks
MAX_TWINS = 3  # list words a misspelt query word is searched as ("Intergal": integral, internal)
RARITY_KEPT = 65536  # words whose rarity is kept (NameIndex.rarity)
FEW_CANDIDATES = 40  # a query word that would leave none is skipped below this many
BEGINNING_WORDS = 2  # name beginnings kept for short names (NameIndex.beginning); longer ones are searched
# words that may stand on one side only (optional words, a country's own name, the legal forms of its
# companies, the acronyms its names carry, a programme's kind words and sub-programmes), so they cannot
# anchor the candidate search
UNANCHORED: frozenset[str] = OPTIONAL_WORDS.union(*COUNTRY_WORDS.values(), *LEGAL_FORMS_OF.values(),
                                                  *ACRONYM_WORDS.values(), *TRANSLATION_WORDS.values(), PROGRAMME_WORDS,
                                                  SUB_PROGRAMME_WORDS)


@dataclass(slots=True, frozen=True)
class NameForm:
    """One way a list entry is written: its name, an alias, an acronym or a local-script name."""

    entity: Entity
    text: str
    kind: str  # name | alias | acronym | derived acronym | local
    norm: str
    tokens: tuple[str, ...]
    fingerprint: str
    compact: str
    generic: bool
    via: str = ""
    word_set: frozenset[str] = frozenset()  # for the quick word-count check before pairing
    joins: frozenset[str] = frozenset()  # two or three neighbouring words written together ("jiaotong")
    # a listed name read another way: the name as the list writes it, what the reading left out, and
    # which reading: "acronym" or "repeat" (without the acronym it carries in brackets, or a bracket
    # repeating its words: list_brackets.py), "optional" (without a bracketed optional word: "(GROUP)"),
    # "capitals" (without a bracketed word in capitals that does not read as its acronym), "quoted" (its
    # own name in quotation marks alone: quoted_names.py), "eponym" (a Russian body's name without the
    # person it is named after: eponyms.py), "legal-form" (a company's name without the legal form of
    # its country: legal_form_reading.py), "place" (a company's name without the place it is registered in,
    # in brackets: list_brackets.py), "group" (without the name of its group in front: group_names.py), "title"
    # (a Russian research centre's name without its status: status_titles.py). All but "acronym", "repeat",
    # "eponym", "title" and a "place" reading that keeps a name of its own (own_name_kept) are matched whole
    # only (EXACT_ONLY_READINGS); none but "acronym", "repeat" and "legal-form" confirms an identity
    # (CAPPED_READINGS)
    written: str = ""
    dropped: str = ""
    reading: str = ""
    # a name another list gives the same institution (matching/other_lists.py; ``via`` names that list)
    other_list: bool = False

    def quoted(self) -> str:
        """The form as a reason quotes it: a name read another way says so."""
        if not self.written:
            return repr(self.text)
        if self.reading == "quoted":
            return f"{self.text!r} (the name in quotation marks of the listed {self.written!r})"
        if self.reading == "russian":
            return f"{self.text!r} (the initials of the Russian words of {self.written!r})"
        return f"{self.text!r} (the listed {self.written!r} without {self.dropped!r})"


@lru_cache(maxsize=4096)  # per name: a query's parts are kept by the matcher (Matcher._read); 65,536 held 35 MB
def word_joins(toks: tuple[str, ...]) -> frozenset[str]:
    """Neighbouring words written together, as a name may write them ("Jiao Tong" → jiaotong)."""
    return frozenset(j for span in (2, 3) for i in range(len(toks) - span + 1)
                     if len(j := "".join(toks[i:i + span])) >= MIN_JOINED)


COMPASS: dict[str, str] = name_words().compass_initials  # NWPU: reference/matching/name-words.yaml
MAX_ACRONYM_VARIANTS = 8


# Words an acronym keeps or drops at the end of a company's name: "Yangtze Memory Technologies
# Co., Ltd." is YMTC, "China Three Gorges Corporation" CTG.
_COMPANY_END = re.compile(r"\b(?:co|company)\b\W*(?:ltd|limited)?\W*$", re.IGNORECASE)
# "Myanmar Economic Holdings Limited" is MEHL, "Hindustan Aeronautics Limited" HAL: a final "Limited"
# written out (not after "Co.") gives an L or nothing, in a short name (a long one's acronym ends before it:
# "China Aerospace Science and Industry Corporation Limited" is CASIC)
MAX_WORDS_WITH_LIMITED = 4
_LIMITED_END = re.compile(r"(?<!\bco)(?<!\bcompany)\W+limited\W*$", re.IGNORECASE)
_CORPORATE_LAST: frozenset[str] = name_words().acronym_may_drop_last
_NOT_PINYIN: frozenset[str] = pinyin().english_words  # English words that split into pinyin syllables (chi-na)
_APOSTROPHE_WORD = re.compile(r"([a-z]+)['’‘ʼ]([a-z]+)")
# the parents an institute's name gives in front or after it, which its acronym leaves out ("Chinese Academy of
# Sciences, National Time Service Center" is NTSC, "Institute of Solid State Physics of the Russian Academy of
# Sciences" ISSP): name-words.yaml's parents of several words, by country (the academies, and the People's
# Armed Police and Ministry of Public Security that Chinese colleges name in front)
_PARENTS: dict[str, tuple[tuple[str, ...], ...]] = {
    country: tuple(tuple(p.split()) for p in phrases if " " in p) for country, phrases in name_words().parents.items()}
MIN_WORDS_WITHOUT_PARENT = 2
# every parent of several words, of any country (the search does not know the entry's country)
_ANY_PARENT: tuple[tuple[str, ...], ...] = tuple(dict.fromkeys(p for parents in _PARENTS.values() for p in parents))
_PARENT_FIRST: frozenset[str] = frozenset(p[0] for p in _ANY_PARENT)  # a name naming none is not looked at further


def _parent_named(query: tuple[str, ...]) -> frozenset[str]:
    """The words of a parent of several words the query names ("ministry public security", "chinese academy
    science"), where other words remain."""
    named: set[str] = set()
    # a translated word by its first reading ("siberian|sibirskogo branch|otdeleniya russian|rossiyskoy …")
    plain = first_readings(query) if any(has_readings(w) for w in query) else query
    if _PARENT_FIRST.isdisjoint(plain):
        return frozenset()
    for parent in _ANY_PARENT:
        n = len(parent)
        if len(plain) - n >= MIN_WORDS_WITHOUT_PARENT:
            for i in range(len(plain) - n + 1):
                if plain[i:i + n] == parent:
                    named.update(query[i:i + n])
    return frozenset(named)


def _word_lists(text: str, country: str = "") -> list[list[str]]:
    """The words an acronym may be made of: the name's words, with its company word ("Co.") or a final
    "Limited" as a letter, without a final "Corporation"/"Group", and without the parent academy it
    names first or last ("National Time Service Center"). A legal form of the entry's country at the end
    gives no letter ("European Technical Trading BV" is ETT)."""
    out: list[list[str]] = []
    own = LEGAL_FORMS_OF.get(country, frozenset())
    for variant in dict.fromkeys((text, re.sub(r"\([^)]*\)", " ", text))):
        words = [w for w in tokens(variant) if w not in STOP_WORDS and w.isascii() and w[:1].isalpha()]
        while words and words[-1] in own:
            words.pop()
        if not words:
            continue
        out.append(words)
        if _COMPANY_END.search(variant.strip()):
            out.append([*words, "company"])
        elif len(words) <= MAX_WORDS_WITH_LIMITED and _LIMITED_END.search(variant.strip()):
            out.append([*words, "limited"])
        if len(words) > 2 and words[-1] in _CORPORATE_LAST:
            out.append(words[:-1])
        for parent in _PARENTS.get(country, ()):
            n = len(parent)
            if len(words) - n >= MIN_WORDS_WITHOUT_PARENT and tuple(words[-n:]) == parent:
                out.append(words[:-n])
            elif len(words) - n >= MIN_WORDS_WITHOUT_PARENT and tuple(words[:n]) == parent:
                out.append(words[n:])
    return out


MAX_ACRONYM_SOURCE = 300  # characters of a name acronyms are derived from


def derived_acronyms(text: str, chinese: bool = False, country: str = "") -> list[str]:
    """Initials of the words of a name ("National University of Defense Technology" → NUDT), with
    the spellings acronyms commonly use: a compass word gives two letters ("Northwestern
    Polytechnical University" → NWPU), a campus in brackets may be left out ("China University of
    Geosciences (Wuhan)" → CUG), a company's "Co., Ltd." gives a C or nothing, a final "Limited" an L or
    nothing ("Myanmar Economic Holdings Limited" → MEHL), a legal form of the entry's ``country`` no
    letter ("Delta Engineering Concern FZE" → DEC), a final "Corporation" may be left out, and for a
    Chinese entry a place name may be read syllable by syllable ("Chongqing University" → CQU, "Xi'an
    Technological University" → XATU). Each is only ever a
    ``possible`` match; one that fits several entries of a list names them all."""
    out: list[str] = []
    if len(text) > MAX_ACRONYM_SOURCE:  # no acronym stands for a name this long (and pinyin reading of a huge word is slow)
        return out
    split_at_apostrophe = {a + b: a[0] + b[0] for a, b in _APOSTROPHE_WORD.findall(text.lower())}
    for words in _word_lists(text, country):
        if len(words) > 8:
            continue
        options = []
        for w in words:
            opts = [w[0]]
            if w in COMPASS:
                opts.append(COMPASS[w])
            if chinese and w not in GENERIC_WORDS and w not in _NOT_PINYIN:
                initials = split_at_apostrophe.get(w) or syllable_initials(w)
                if initials:
                    opts.append(initials)
            options.append(list(dict.fromkeys(opts)))
        for combo in islice(product(*options), MAX_ACRONYM_VARIANTS):
            acronym = "".join(combo).upper()
            if len(acronym) >= 3 and acronym not in out:
                out.append(acronym)
    return out


def entity_forms(entity: Entity, borrowed: Sequence[tuple[str, str] | tuple[str, str, str]] = (),
                 other_lists: Sequence[tuple[str, str, str]] = ()) -> list[NameForm]:
    """Every name form of an entry (list names are never split), plus borrowed names: (text, where
    from, kind) for a registry's names (:mod:`collabguard.matching.registry`; kind alias, acronym or
    part), (text, where from) for a local name; and ``other_lists``: (text, list id, kind) for the names
    the same institution has on other lists (:mod:`collabguard.matching.other_lists`)."""
    raw: list[tuple[str, str, str]] = [(entity.name, "name", "")]
    raw += [(alias, "alias", "") for alias in entity.aliases]
    # as the list gives them, without a bracket or a comma its text left beside one ("AOMZ)", "DTSSS,")
    raw += [(acr.strip().strip(ACRONYM_EDGES), "acronym", "") for acr in entity.acronyms]
    # "More Shipyard. 1 Desantnikov Street, Feodosia, …": the name before its address; "Zorsecurity Center (f.k.a.,
    # Esage Lab)": the name before the bracket, and the one in it, are the entry's names too
    for text, kind in ((entity.name, "name"), *((alias, "alias") for alias in entity.aliases)):
        if (named := without_address(text)) is not None:
            raw.append((named, kind, ""))
            text = named
        if (split := other_names(text)) is not None:
            raw += [(split.name, kind, ""), *((other, "alias", "") for other in split.others)]
    # the acronym a listed name gives in brackets ("MODERN INDUSTRIES TECHNIQUE COMPANY (MITEC)"): the list's too
    raw += [(acr, "acronym", "") for text in (entity.name, *entity.aliases) for acr in bracketed_acronyms(text)]
    if entity.name_local:
        raw.append((entity.name_local, "local", ""))
    raw += [(b[0], b[2] if len(b) > 2 else "local", b[1]) for b in borrowed]
    # another list's names come after the entry's own names and their readings: a name the entry has in any
    # form is read as its own, not as another list's (matching/other_lists.py)
    later = [(text, kind, where) for text, where, kind in other_lists]
    forms: list[NameForm] = []
    seen: set[tuple[str, str]] = set()
    norms: set[str] = set()
    latin_names = []

    def add(text: str, kind: str, via: str, other_list: bool = False) -> None:
        if kind == "alias" and looks_like_acronym(text):
            kind = "acronym"
        elif kind == "alias" and script_of(text) != "latin" and not via:
            kind = "local"  # the list's own name in another script (another list's alias stays one: other_lists.py)
        if kind in ("name", "alias") and not via:  # acronyms are derived from the list's own names only
            latin_names.append(text)
        norm = normalize(text)
        if not norm or (norm, kind) in seen or (via and norm in norms):
            return  # a borrowed name the entry already has in any form adds nothing
        seen.add((norm, kind))
        norms.add(norm)
        toks = tokens(text)
        forms.append(NameForm(entity, text, kind, norm, toks, fingerprint(text), compact(text), is_generic(text), via,
                              frozenset(toks), word_joins(toks), other_list=other_list))

    for text, kind, via in raw:
        add(text, kind, via)
    # "North China Industries Corp. (NORINCO)" read as "North China Industries Corp."; 'National Research
    # Centre “Kurchatov Institute”' as "Kurchatov Institute"
    for text, kind, via in raw:
        if kind not in ("name", "alias") or via:
            continue
        readings: list[tuple[str, str, str]] = []
        if (bare := without_bracketed_acronyms(text)) is not None:
            readings.append((bare.text, bare.dropped, bare.reading))
        if (own := quoted_name(text)) is not None:
            readings.append((own, "", "quoted"))
        if entity.country in EPONYM_COUNTRIES:  # "Institute for Information Transmission Problems"
            for name in (text, *(r[0] for r in readings if r[2] in ("acronym", "repeat"))):
                if (plain := without_eponym(name)) is not None:
                    readings.append((plain.text, plain.eponym, "eponym"))
        for name in (text, *(r[0] for r in readings if r[2] in ("acronym", "repeat"))):  # "AO Kaspersky Lab"
            if (company := without_legal_form(name, entity.country)) is not None:
                readings.append((company.text, company.dropped, "legal-form"))
        if entity.country in CENTRE_TITLE_COUNTRIES and (untitled := without_centre_title(text, entity.country)) is not None \
                and names_a_body(tokens(untitled.text)):
            readings.append((untitled.text, untitled.title, "title"))  # "Kurchatov Institute" (National Research Center …)
        if entity.kind == "company" and (placeless := without_bracketed_place(text)) is not None:
            readings.append((*placeless, "place"))  # "DGT Technology (HK) Co., Limited" without "(HK)"
        for other, dropped, reading in readings:
            norm = normalize(other)
            if norm and norm not in norms:
                norms.add(norm)
                toks = tokens(other)
                forms.append(NameForm(entity, other, kind, norm, toks, fingerprint(other), compact(other),
                                      is_generic(other), "", frozenset(toks), word_joins(toks), text, dropped, reading))
    for text, kind, via in later:
        add(text, kind, via, other_list=True)
    listed_acronyms = {acronym_key(f.text) for f in forms if f.kind == "acronym"}
    # no acronym is derived from an alias ROR registers as another organisation: its initials are that one's
    # ("XAUT", Xi'an University of Technology's, from the 1286 list's alias of Xi'an Technological University)
    elsewhere = {n.name for n in entity.names_elsewhere}
    latin_names = [text for text in latin_names if text not in elsewhere]
    for text in latin_names:
        for acr in derived_acronyms(text, chinese=entity.country in ("CN", "HK", "MO"), country=entity.country):
            if acr not in listed_acronyms:
                listed_acronyms.add(acr)
                forms.append(NameForm(entity, acr, "derived acronym", acr.lower(), (acr.lower(),), acr.lower(), acr.lower(), False))
    # a Russian body's acronym is made of its Russian words' initials: "Bryansk Automobile Plant" is BAZ
    for text in latin_names if entity.country in RUSSIAN_ACRONYM_COUNTRIES else ():
        for acr in russian_acronyms(text):
            if acr not in listed_acronyms:
                listed_acronyms.add(acr)
                forms.append(NameForm(entity, acr, "derived acronym", acr.lower(), (acr.lower(),), acr.lower(), acr.lower(),
                                      False, written=text, reading="russian"))
    return forms


@lru_cache(maxsize=65536)
def blocking_keys(token: str) -> tuple[str, ...]:
    """Index keys of a list word: itself, its first letters, its consonant skeleton."""
    keys = [token]
    if len(token) >= PREFIX + 1:
        keys.append(PREFIX_KEY + token[:PREFIX])
    if len(token) >= 3 and token.isascii():
        keys.append(SKELETON_KEY + skeleton(token))
    return tuple(keys)


@lru_cache(maxsize=65536)
def query_keys(token: str) -> tuple[str, ...]:
    """Index keys to look up for a query word (a translated word looks up each alternative)."""
    if is_skeleton(token):
        return (SKELETON_KEY + skeleton(skeleton_letters(token)),)
    keys: list[str] = []
    for alt in readings(token):
        keys.append(alt)
        keys.extend(PINYIN.get(alt, ()))  # qinghua → Tsinghua; dianzi → electronic
        if len(alt) >= PREFIX:
            keys.append(PREFIX_KEY + alt[:PREFIX])
        # pinyin and transliterations: haerbin ~ harbin; a skeleton of fewer than four letters
        # says too little ("social" and "school" are both s-c-l)
        if len(alt) >= 4 and alt.isascii() and len(sk := skeleton(alt)) >= MIN_SKELETON:
            keys.append(SKELETON_KEY + sk)
    return tuple(keys)


def _ending_forms(word: str) -> tuple[str, ...]:
    """The word, and the word with the ending the gate reads two ways made singular or "-ic"
    (compare._ending_twin): "indusrties" → indusrty, "sysetms" → sysetm, "polytchnical" → polytchnic."""
    forms = [word]
    if word.endswith("ies"):
        forms.append(word[:-3] + "y")
    elif word.endswith("s"):
        forms.append(word[:-1])
    elif word.endswith("cal"):
        forms.append(word[:-2])
    return tuple(forms)


# the words the gate pairs as synonyms (compare.pair_kind), which the search looks up by their keys
_SYNONYM_WORDS: frozenset[str] = frozenset(SYNONYMS) | frozenset(SYNONYMS.values()) | {"school", "academy"}
_NO_PLACES: frozenset[str] = frozenset()
_PLACES: frozenset[str] = _NO_PLACES.union(*PLACE_WORDS.values())
# the words a synonym pairs with (compare.pair_kind: a word and its synonym, two words of one synonym, school
# and academy)
_SYNONYMS_OF: dict[str, frozenset[str]] = {
    w: frozenset(v for v in _SYNONYM_WORDS if v != w and (SYNONYMS.get(w) == v or SYNONYMS.get(v) == w or (
        w in SYNONYMS and SYNONYMS[w] == SYNONYMS.get(v)) or {w, v} == {"school", "academy"}))
    for w in _SYNONYM_WORDS}
# generic words that say what kind of body a name is and must pair in the gate (compare: not optional, not a
# word a company may add, not a parent's or a place's word), of typo length (shorter ones pair one letter off)
_KIND_WORDS: frozenset[str] = frozenset(
    w for w in GENERIC_WORDS if len(w) >= MIN_TYPO_LENGTH and w.isalpha() and w not in UNANCHORED
    and w not in COMPANY_ADDED and w not in _PLACES and w not in OPTIONAL_WORDS
    and not any(w in words for words in PARENT_WORDS.values()))


MIN_OWN_NAME = 4  # letters of a word of a company's own name kept without its place ("ACE" says too little)


def own_name_kept(words: tuple[str, ...], country: str) -> bool:
    """Does a company's name hold a word of its own name: not descriptive, optional, generic, a place or
    its country ("Origin" of "Origin Quantum Computing Technology"; none in "Global Corporation")?"""
    return any(len(w) >= MIN_OWN_NAME and w not in COMPANY_TAIL and w not in OPTIONAL_WORDS and w not in _PLACES
               and w not in COUNTRY_WORDS.get(country, _NO_PLACES) and not is_optional(w) for w in words)


@lru_cache(maxsize=65536)
def _anchors(word: str) -> bool:
    """May the word anchor a candidate search: not optional, not a word that may stand on one side
    only, not generic (a translated word: not generic in every reading)?"""
    return (not is_optional(word) and word not in UNANCHORED and not all(a in GENERIC_WORDS for a in letters(word))
            and not misspelt_legal_form(word))  # "Limtied" names nothing


def skipped_acronyms(form: NameForm, key: str) -> list[str]:
    """A derived acronym of five letters or more with one inner letter left out (CETC for "China Electronics
    Technology Group Corporation", CETGC), as acronyms often skip a word; not a Russian one (its letters are not
    one per word: "NII" is three)."""
    if form.kind != "derived acronym" or len(key) < 5 or form.reading == "russian":
        return []
    return [key[:i] + key[i + 1:] for i in range(1, len(key) - 1)]


def _spells_out(initials: str, words: tuple[str, ...]) -> bool:
    """Do neighbouring ``words`` begin with the ``initials``, in order ("nrc": national research center)?"""
    n = len(initials)
    return any("".join(w[0] for w in words[i:i + n]) == initials for i in range(len(words) - n + 1))


class NameIndex:
    """Exact, fingerprint, compact, acronym and word lookups over the given name forms (those of
    every list the matcher uses, of one kind: organisations or programmes)."""

    def __init__(self, forms: list[NameForm], groups: dict[tuple[str, ...], list[NameForm]] | None = None) -> None:
        self.exact: dict[str, list[NameForm]] = defaultdict(list)
        # listed names and acronyms that may name a group, by their words (matching/group_names.py)
        self.groups: dict[tuple[str, ...], list[NameForm]] = groups or {}
        self.fingerprints: dict[str, list[NameForm]] = defaultdict(list)
        # a listed name without a bracket in capitals that is not its initials ("All-Russian Scientific Research
        # Institute of Technical Physics (VNIITF)": the Russian name's acronym), by its words: matched whole
        # only, so kept apart, for a translation's words (translated_exact), which then asks, never confirms
        self.capitals_fingerprints: dict[str, list[NameForm]] = defaultdict(list)
        self.compacts: dict[str, list[NameForm]] = defaultdict(list)
        self.acronyms: dict[str, list[NameForm]] = defaultdict(list)
        # derived acronyms with one inner letter left out: CETC for "China Electronics Technology
        # Group Corporation" (CETGC), as acronyms often skip a word
        self.acronym_skips: dict[str, list[NameForm]] = defaultdict(list)
        # names in Chinese characters by how they are read: the same name in traditional or simplified ones
        self.read_alike: dict[tuple[str, ...], list[NameForm]] = defaultdict(list)
        self.forms: list[NameForm] = []
        self.list_of: list[str] = []  # the list of each form in self.forms, by position (hot loops)
        self.parts: dict[str, list[NameForm]] = defaultdict(list)  # units' names from a registry (kind part)
        self.postings: dict[str, set[int]] = defaultdict(set)  # key → positions in self.forms
        self.frequency: dict[str, int] = defaultdict(int)
        self._rarity: dict[str, int] = {}
        # list words long enough to be misspelt, by (first or last letter, length): built on first need
        self._vocabulary: dict[tuple[str, int], list[str]] | None = None
        self._twins: dict[str, str | None] = {}
        self._pairing: dict[str, tuple[Collection[int], ...]] = {}
        self._near_words: dict[tuple[str, str, int], list[str]] = {}
        self._nearest: dict[str, list[str]] = {}
        self._prefixed: dict[str, frozenset[int]] = {}
        self._by_three: dict[str, list[str]] | None = None
        self._by_sound: dict[str, tuple[str, ...]] | None = None  # list words by their sound keys (kana.keys_of)
        self.size = len(forms)
        # where a listed name may begin inside a longer name, and how long one can be (see
        # :mod:`collabguard.matching.parts`)
        self.first_words: set[str] = set()
        self.first_pairs: set[tuple[str, ...]] = set()
        self.longest = 1
        # a name's first words (up to BEGINNING_WORDS, fewer than all of them) → its positions in self.forms
        self.beginnings: dict[tuple[str, ...], list[int]] = defaultdict(list)
        # companies whose names name no place: a name may add the place they are registered in ("Shenzhen
        # Huawei Technologies" for "Huawei Technologies Co., Ltd."; compare.PLACE_WORDS)
        self.placeless_companies: set[int] = set()
        for form in forms:
            if form.kind == "part":
                self.parts[form.norm].append(form)
                continue
            if form.kind in ("acronym", "derived acronym"):
                key = acronym_key(form.text)
                if key:
                    self.acronyms[key].append(form)
                    if form.kind == "acronym" and not form.via:
                        self.first_words.add(key.lower())
                    for skipped in skipped_acronyms(form, key):
                        self.acronym_skips[skipped].append(form)
                continue
            self.exact[form.norm].append(form)
            for key in letter_keys(form.text, form.norm) if form.kind in ("name", "alias") else ():
                self.exact[key].append(form)  # "AR Sales", "I-Jet Global" for "A R Sales", "I JET GLOBAL" (listed_letters)
            if (read := read_alike_key(form.norm)) is not None:
                self.read_alike[read].append(form)
            if form.reading == "capitals" and form.kind in ("name", "alias") and not form.via:
                self.capitals_fingerprints[form.fingerprint].append(form)
            if form.kind == "local" or form.via or (form.reading in EXACT_ONLY_READINGS and not (
                    form.reading == "place" and own_name_kept(form.tokens, form.entity.country))):
                # a local-script name, a name borrowed from a registry, a name read less surely (its quoted
                # part, without a bracketed word that is not its acronym; without its bracketed place where
                # nothing of its own name is left) is matched whole only
                continue
            if form.tokens:
                self.first_words.add(form.tokens[0])
                self.first_pairs.add(form.tokens[:2])
                self.longest = max(self.longest, len(form.tokens))
            self.fingerprints[form.fingerprint].append(form)
            self.compacts[form.compact].append(form)
            position = len(self.forms)
            for k in range(1, min(BEGINNING_WORDS, len(form.tokens) - 1) + 1):
                self.beginnings[form.tokens[:k]].append(position)
            self.forms.append(form)
            self.list_of.append(form.entity.list_id)
            if form.entity.kind == "company" and PLACE_WORDS.get(form.entity.country, _NO_PLACES).isdisjoint(form.tokens):
                self.placeless_companies.add(position)
            for tok in set(form.tokens):
                self.frequency[tok] += 1
                for key in blocking_keys(tok):
                    self.postings[key].add(position)

    def rarity(self, token: str) -> int:
        """How many names hold the word (a translated word: its most common alternative). Kept per
        word (the index does not change once built; the words of names recur), at most RARITY_KEPT."""
        found = self._rarity.get(token)
        if found is None:
            if len(self._rarity) >= RARITY_KEPT:
                self._rarity.clear()  # flat memory over a stream of millions of names
            found = self._rarity[token] = max(self.frequency.get(a, 0) for a in letters(token))
        return found

    def _distinctive(self, query: tuple[str, ...]) -> list[str]:
        words = [t for t in dict.fromkeys(query) if _anchors(t)]
        words.sort(key=lambda t: (self.rarity(t), t))
        return words

    def _keys(self, token: str) -> tuple[str, ...]:
        """The index keys to look a query word up by: :func:`query_keys`; for a katakana name, the list words it
        sounds like (kana.sounds_alike), found by their sound keys, built on the first such name."""
        if not is_sound(token):
            return query_keys(token)
        if self._by_sound is None:
            self._by_sound = self._sound_index()
        return self._by_sound.get(sound_key(skeleton_letters(token)), ())

    def _sound_index(self) -> dict[str, tuple[str, ...]]:
        """The list words a katakana name may be, by their sound keys: the words of names, not acronyms (CFTE, ICS,
        LTS: a katakana name is a word spoken, never letters spelt out), nor a word a name writes in capitals
        ("China CFTE") unless the whole name is so written (the UN list's "SABALAN COMPANY")."""
        words: set[str] = set()
        for form in self.forms:
            if form.kind in ("acronym", "derived acronym") or script_of(form.text) != "latin":
                continue
            capitals = set() if form.text.isupper() else {w.lower() for w in re.findall(r"[A-Za-z]+", form.text)
                                                          if w.isupper()}
            words.update(w for w in form.tokens if len(w) >= 3 and w.isascii() and w.isalpha() and w not in capitals)
        by_sound: dict[str, list[str]] = defaultdict(list)
        for word in sorted(words):
            for key in keys_of(word):
                by_sound[key].append(word)
        return {key: tuple(found) for key, found in by_sound.items()}

    def _holding(self, token: str) -> set[int]:
        found: set[int] = set()
        for key in self._keys(token):
            hits = self.postings.get(key)
            if hits:
                found |= hits
        return found

    def candidates(self, query: tuple[str, ...], generous: bool = False, abbreviated: bool = False) -> list[NameForm]:
        """Forms holding every distinctive word of the query (exactly, by prefix or skeleton), the
        rarest first.

        The gate in :mod:`collabguard.matching.compare` requires every distinctive word of the
        query to pair, so a name lacking one of them could never pass. Exceptions, so that the gate
        (not the search) decides: a word no list name holds in any form (two list words written
        together: "jiaotong" for "Jiao Tong") is not looked up, and a word that would leave no
        candidate is skipped once the candidates are few ("Sichuan Normal University": the
        Sichuan names are scored, and rejected with the reason, extra word 'normal'). ``abbreviated``: the name's short
        words may abbreviate longer list words ("Comp" for computing), as a body's name may, not a department's."""
        words = []
        skipped = False
        short: list[str] = []
        initials: list[str] = []  # short words without a vowel: initials, perhaps of words the list writes out
        generic_twins: list[str] = []
        # two short words that a list writes as one ("Xi An" for Xi'an) are searched as that word
        pairs = [(a, b) for a, b in pairwise(query)
                 if len(a) < PREFIX and len(b) < PREFIX and a + b in self.frequency and a + b not in GENERIC_WORDS]
        joined = [a + b for a, b in pairs]
        halves = {w for pair in pairs for w in pair}  # searched as the word they make ("xian"), never alone
        resolved: dict[str, tuple[Collection[int], ...]] = {}  # words searched by the list words they pair with
        distinctive = self._distinctive(query)
        if named := _parent_named(query):
            # "Ministry of Public Security China People's Police University": the parent a name gives in front or
            # after may be named on one side only (the gate's rule), so the name is searched by its other words
            distinctive = [w for w in distinctive if w not in named] or distinctive
        for w in [*distinctive, *joined]:
            if w in halves:
                skipped = True
            elif not generous and self._by_pairs(w) and not self._misspells_generic(w):
                # a plain word, which its first letters or consonants would search as every name of a common
                # word ("Technopole": every "technology" name): searched by the list words it can pair with
                # (itself, those it misspells or begins); none, and no name can pass the gate
                if not (found_by := self._paired_with(w)):
                    return []
                resolved[w] = found_by
                words.append(w)
            elif is_initials(w) and not all(is_initials(d) for d in distinctive):
                initials.append(w)  # "NRC Kurchatov Inst" for National Research Center …: searched last, loosely
            elif (abbreviated and ABBREVIATION_MIN <= len(w) < MIN_TYPO_LENGTH and is_plain(w) and w in self.frequency
                  and (begun := self._abbreviated_names(w))):
                # a short list word may abbreviate a longer one, as Web of Science writes addresses ("Ind" for
                # industry, "Comp" for computing): the names holding either (the gate pairs both)
                resolved[w] = (self.postings[w], begun)
                words.append(w)
            elif any(key in self.postings for key in self._keys(w)):
                if w not in self.frequency and len(w) >= MIN_TYPO_LENGTH and is_plain(w) and (twin := self._twin(w)):
                    # found by its first letters only, which begin other words ("Aviaetch": Aviaexport): the
                    # list words it misspells are searched too
                    w = written([w, *readings(twin)])
                words.append(w)
            elif generous or len(w) < PREFIX or (self._splits(w) and self._twin(w) is None):
                skipped = True  # a short word may abbreviate a list word ("Comm", "Mech"); the gate decides
                if len(w) < PREFIX and is_plain(w):
                    short.append(w)
            elif len(w) < MIN_TYPO_LENGTH and is_plain(w):
                skipped = True  # one letter off a short list word ("Qoods" for "Qods"): the gate pairs it only
                #                  when every other word agrees (compare.short_twin)
            elif (twin := self._twin(w)) is not None:
                if not all(t in GENERIC_WORDS for t in readings(twin)):  # "Insttiute": a misspelt generic word
                    words.append(twin)  # "Intergal": integral and internal, each looked up
                else:
                    generic_twins.append(readings(twin)[0])
            else:
                return []  # no list name holds this word in any spelling, so none can pass the gate
        if not words and generic_twins:
            # a name of generic words, one of them misspelt ("China Academy of Egineering Physics"):
            # the names holding its rarest words, if they are few
            return self._by_rarest([*generic_twins, *(t for t in query if t in self.frequency)])
        if not words and short:
            # only abbreviations to search by ("China Univ Min & Technol"): the list words they begin
            found = self._narrowed(self._abbreviated(short[0]), query)
            return [self.forms[i] for i in sorted(found)] if len(found) <= FEW_CANDIDATES else []
        if not words:
            return []
        # the place a company is registered in, added in front of its name ("Shenzhen Huawei Technologies"
        # for "Huawei Technologies Co., Ltd."): the companies that name no place, searched by the other words
        placeless = (self._placeless_holding([w for w in words if w != query[0]])
                     if len(words) > 1 and query[0] in words and query[0] in _PLACES else set())
        found = set().union(*resolved[words[0]]) if words[0] in resolved else self._holding(words[0])
        for word in words[1:]:
            # intersect with each of the word's postings instead of building their (much larger) union
            narrowed: set[int] = set()
            for hits in (resolved[word] if word in resolved else (self.postings.get(k) for k in self._keys(word))):
                if hits:
                    narrowed |= found.intersection(hits)  # C-level intersection, over the smaller set
            if narrowed:
                found = narrowed
            elif generous and len(either := found | self._holding(word)) <= FEW_CANDIDATES:
                # a translated word may name the entry in a way no list name writes (交通 →
                # "jiaotong" for "Jiao Tong"): the few names holding either word are scored
                found = either
            elif len(found) > FEW_CANDIDATES:
                return []
        for word in initials:
            # the names that hold them, or write out the words they stand for ("National Research Center Kurchatov
            # Institute"), which the gate pairs; none, and they are skipped as any word is among few candidates
            spelt = {i for i in found if _spells_out(word, self.forms[i].tokens)} if len(found) <= FEW_CANDIDATES else set()
            if narrowed := found.intersection(self._holding(word)) | spelt:
                found = narrowed
            elif len(found) > FEW_CANDIDATES:
                return []
        if skipped and len(found := self._narrowed(found, query)) > FEW_CANDIDATES:
            return []  # what is left to search by says too little (首都师范大学: every "Normal University")
        if len(found) > FEW_CANDIDATES and not generous:
            found = self._kind_narrowed(found, query)
        return [self.forms[i] for i in sorted(found | placeless)]

    def _kind_narrowed(self, found: set[int], query: tuple[str, ...]) -> set[int]:
        """Many names: those that also hold a word each of the query's kind words ("university", "school",
        "institute") pairs with, which the gate asks of every word that may not stand on one side only
        (not a place, a company's descriptive word, a parent's word or an optional one): "School of Medical
        Sciences" scores the names holding "school" or "academy" beside "medical", not every "medical" name."""
        for word in dict.fromkeys(query):
            if word not in _KIND_WORDS:
                continue
            narrowed: set[int] = set()
            synonyms = (self.postings[s] for s in _SYNONYMS_OF.get(word, ()) if s in self.postings)
            for hits in (*self._paired_with(word), *synonyms):
                narrowed |= found.intersection(hits)
            found = narrowed
            if len(found) <= FEW_CANDIDATES:
                break
        return found

    def _placeless_holding(self, words: list[str]) -> set[int]:
        """The companies naming no place that hold every one of these words (as far as any does): each word's
        postings intersected with the companies found so far, never their (much larger) union built."""
        if not words:
            return set()
        found = self.placeless_companies
        for word in words:
            narrowed: set[int] = set()
            for key in self._keys(word):
                if hits := self.postings.get(key):
                    narrowed |= found.intersection(hits)
            found = narrowed
            if not found:
                break
        return found  # (a set of its own: the words are never none)

    def _narrowed(self, found: set[int], query: tuple[str, ...]) -> set[int]:
        """Too many names to score (more than FEW_CANDIDATES): those that also hold the query's other
        words, as far as some name holds each. The gate needs every query word to pair, so this only
        spares the search a choice it would otherwise give up on; a larger list (the sanctions lists)
        no longer makes "Xi An Technol Univ" find nothing because 84 names hold "xian"."""
        if len(found) <= FEW_CANDIDATES:
            return found
        for word in query:
            if word in UNANCHORED or not is_plain(word):
                continue
            held: set[int] = set()
            for key in query_keys(word):
                held |= found & self.postings.get(key, set())
            if held:
                found = held
        return found

    def _by_rarest(self, words: list[str]) -> list[NameForm]:
        """The names holding each of the (up to three) rarest of these words, if at most FEW_CANDIDATES."""
        rarest = sorted(dict.fromkeys(words), key=lambda w: (self.frequency.get(w, 0), w))[:3]
        if not rarest:
            return []
        found = set(self.postings.get(rarest[0], ()))
        for word in rarest[1:]:
            found &= self.postings.get(word, set())
        return [self.forms[i] for i in sorted(found)] if len(found) <= FEW_CANDIDATES else []

    def unjoined(self, word: str) -> str:
        """A word run together with a stop word before it ("andastronautics", "oftianjin"), as the
        list word it holds; else the word itself."""
        if word not in self.frequency and len(word) > 5:
            for stop in ("and", "of", "the", "for"):
                if word.startswith(stop) and word[len(stop):] in self.frequency:
                    return word[len(stop):]
        return word

    def beginning(self, query: tuple[str, ...]) -> list[NameForm]:
        """Names and aliases that begin with the query's words and hold more ("Beihang" → Beihang University),
        in index order."""
        if not query:
            return []
        n = len(query)
        if n > BEGINNING_WORDS:
            return [f for i in sorted(self.postings.get(query[0], ())) if len((f := self.forms[i]).tokens) > n
                    and f.tokens[:n] == query]
        return [self.forms[i] for i in self.beginnings.get(query, ())]

    def _by_pairs(self, word: str) -> bool:
        """A plain word of typo length, not a synonym the gate pairs: it can pair only with itself, a list
        word it misspells or begins, and its meaning if it is pinyin (compare.pair_kind). Not a word two list
        words make ("jiaotong"), which the gate pairs with them apart."""
        if len(word) < MIN_TYPO_LENGTH or word in _SYNONYM_WORDS or not is_plain(word):
            return False
        return word in self.frequency or not self._splits(word)

    def _misspells_generic(self, word: str) -> bool:
        """"Egineering", "Insttiute": a misspelt generic word, which searches by the name's rarest words."""
        if word in self.frequency:
            return False  # a list word: itself is searched
        twin = self._twin(word)
        return twin is not None and all(t in GENERIC_WORDS for t in readings(twin))

    def _paired_with(self, word: str) -> tuple[Collection[int], ...]:
        """The names holding a list word the gate pairs ``word`` with (:func:`compare.pair_kind`): itself, one
        it misspells, one it begins ("Technol"), its meaning if it is pinyin; as the postings of each (their
        union is built only where the search starts)."""
        found = self._pairing.get(word)
        if found is None:
            sets: list[Collection[int]] = [self.postings[w] for w in dict.fromkeys(
                (word, *self._twins_of(word, limit=None), *PINYIN.get(word, ()))) if w in self.postings]
            if begun := self._abbreviated_names(word):
                sets.append(begun)
            found = tuple(sets)
            if len(self._pairing) < 65536:
                self._pairing[word] = found
        return found

    def _twin(self, word: str) -> str | None:
        """The list words this one misspells, by the gate's own test (:func:`compare.pair_kind`), as one
        word of several readings ("integral|internal" for "intergal"); None if none."""
        if word in self._twins:
            return self._twins[word]
        twins = self._twins_of(word, limit=MAX_TWINS * 3)
        twin = written(twins[:MAX_TWINS]) if twins else None  # the list words, as one word of several readings
        if len(self._twins) < 65536:
            self._twins[word] = twin
        return twin

    def _twins_of(self, word: str, limit: int | None) -> list[str]:
        """The list words ``word`` misspells (pair_kind "typo"), the nearest first, of the ``limit`` nearest."""
        nearest = self._nearest.get(word)
        if nearest is None:
            nearest = self._nearest_words(word)
            if len(self._nearest) < 65536:
                self._nearest[word] = nearest  # the search and the misspelt-generic test both ask (kept per word)
        return [w for w in nearest[:limit] if (kind := pair_kind(word, w, TWIN_RATIO)) is not None and kind[0] == "typo"]

    def _nearest_words(self, word: str) -> list[str]:
        """The list words a misspelling of ``word`` may be, the nearest first (the search's first cut)."""
        if len(word) >= MIN_TYPO_LENGTH and is_plain(word):
            if self._vocabulary is None:
                self._vocabulary = defaultdict(list)
                for w in self.frequency:
                    if len(w) >= MIN_TYPO_LENGTH:
                        self._vocabulary[(w[0], len(w))].append(w)
                        if w[-1] != w[0]:
                            self._vocabulary[(w[-1] + "$", len(w))].append(w)
            # a looser first cut than the gate's, of the word and of its ending read as the gate reads it (a
            # misspelt plural for the singular: "Indusrties" is "industry" misspelt, "Sysetms" "system"): only
            # the words the gate could pair, with the same first or last letter, at most two letters longer or
            # shorter (see compare.pair_kind); every list word it pairs is searched
            hits: dict[str, float] = {}
            for form in _ending_forms(word):
                for w, sim, _ in process.extract(form, self._near(form), scorer=OSA.normalized_similarity,
                                                 score_cutoff=TWIN_RATIO - TWIN_MARGIN, limit=None):
                    hits[w] = max(sim, hits.get(w, 0.0))
            return sorted(hits, key=lambda w: (-hits[w], w))
        return []

    def _near(self, word: str) -> list[str]:
        """The list words of typo length with the word's first or last letter, at most two letters longer or
        shorter (kept by those three; words recur)."""
        key = (word[0], word[-1], len(word))
        found = self._near_words.get(key)
        if found is None:
            assert self._vocabulary is not None
            found = list(dict.fromkeys(w for n in range(len(word) - 2, len(word) + 3)
                                       for k in ((word[0], n), (word[-1] + "$", n)) for w in self._vocabulary.get(k, ())))
            if len(self._near_words) < 65536:
                self._near_words[key] = found
        return found

    def _abbreviated(self, prefix: str) -> set[int]:
        """Names holding a list word that begins with ``prefix`` (three letters or more)."""
        return set(self._abbreviated_names(prefix))

    def _abbreviated_names(self, prefix: str) -> frozenset[int]:
        """The same, kept (not to be changed)."""
        if len(prefix) < ABBREVIATION_MIN:
            return frozenset()
        if prefix not in self._prefixed:
            if self._by_three is None:  # list words by their first three letters, built on first need
                self._by_three = defaultdict(list)
                for word in self.frequency:
                    self._by_three[word[:3]].append(word)
            found: set[int] = set()
            for word in self._by_three.get(prefix[:3], ()):
                if len(word) > len(prefix) and word.startswith(prefix):
                    found |= self.postings.get(word, set())
            kept = frozenset(found)
            if len(self._prefixed) < 65536:
                self._prefixed[prefix] = kept
            return kept
        return self._prefixed[prefix]

    def _splits(self, word: str) -> bool:
        """Could the word be two list words written together ("jiaotong": jiao + tong)?"""
        return any(word[:i] in self.frequency and word[i:] in self.frequency for i in range(2, len(word) - 1))

    def near(self, query: tuple[str, ...], lists: Collection[str]) -> dict[str, list[NameForm]]:
        """Per list of ``lists``: the forms holding one of the two rarest distinctive words, where a
        rejected near candidate is looked for (only when a result is explained)."""
        found: set[int] = set()
        for word in self._distinctive(query)[:2]:
            found |= self._holding(word)
        by_list: dict[str, list[NameForm]] = {}
        forms, list_of = self.forms, self.list_of
        for i in sorted(found):
            lid = list_of[i]
            if lid in lists:
                by_list.setdefault(lid, []).append(forms[i])
        return by_list
