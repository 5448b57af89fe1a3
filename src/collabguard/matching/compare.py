"""Word-by-word comparison of a query name with a list name form: the distinctive-word gate.

Every word of the query is paired with a word of the list name: the same word; one of a translated
word's alternatives (``college|institute``); the same consonant skeleton (``~shryf`` ↔ sharif); a
misspelling ("jiatong" ↔ "jiaotong", Levenshtein similarity ≥ ``twin_ratio``); or an abbreviation
that is a prefix ("technol" ↔ "technology"). What stays unpaired decides:

- strict (Latin-script queries): any unpaired word on either side rejects, except the optional
  "pla". "Sichuan Normal University" is not "Sichuan University" (extra word 'normal');
  "Northwestern University" is not "Northwestern Polytechnical University" (missing word
  'polytechnic'); "Royal Norwegian Naval Academy" is not "Naval Academy".
- lenient (translated from another script): translation is wordy (科技 is "science and
  technology", NUDT's English name says only "technology"), so the translation may carry up to two
  extra *generic* words; but every word of the list name must pair, no distinctive word may be left
  over, and at least one distinctive word must pair.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz.distance import OSA

from collabguard.countries import country_code
from collabguard.matching.kana import sounds_alike
from collabguard.matching.normalize import GENERIC_WORDS, tokens
from collabguard.matching.pinyin import syllables
from collabguard.matching.query_words import (
    first_readings,
    has_readings,
    is_optional,
    is_skeleton,
    is_sound,
    letters,
    readings,
    skeleton_letters,
)
from collabguard.matching.translate import PINYIN, skeleton
from collabguard.reference.lexicons import legal_forms, name_words, places, towns, translations

# The word lists are data (reference/matching/name-words.yaml and places.yaml, with their sources).
_WORDS, _PLACES = name_words(), places()
# Words that may be present on one side only: the PLA prefix of Chinese military names, and the
# corporate suffixes lists add or drop ("China South Industries Group (Corporation)").
OPTIONAL_WORDS: frozenset[str] = _WORDS.optional_words
# Org-type words that translate the same Chinese or Russian word (学院, училище) and are used
# interchangeably in English names of the same body. "University" and "institute" are not among
# them: Beijing Institute of Technology and Beijing University of Technology are different.
SYNONYMS: dict[str, str] = _WORDS.synonyms
_VOWELS = frozenset("aeiouy")
MAX_INITIALS = 4  # letters a word of initials has at most ("NRC"; five letters are a word's, or an acronym's)


def is_initials(word: str) -> bool:
    """A short word without a vowel ("nrc", "pn"): initials, not a word."""
    return len(word) <= MAX_INITIALS and word.isascii() and word.isalpha() and _VOWELS.isdisjoint(word)


MIN_INITIALS = 2  # list words an acronym of the name stands for at least ("NRC": National Research Center)
INITIALS_SCORE = 0.9  # how much each of them counts as paired
MIN_TYPO_LENGTH = 6  # shorter words differ by one letter too often (Henan/Hunan, Hebei/Hubei)
MIN_JOINED = 4  # words written together: "xian" is "Xi An" in Web of Science
MIN_SHORT_TYPO = 4  # a misspelt word of four or five letters pairs only when the rest of the name agrees
MAX_LENIENT_UNPAIRED = 0


@dataclass(slots=True)
class Comparison:
    score: int  # 0–100
    passed: bool
    why: str  # the deciding feature, or why it was rejected
    kinds: tuple[str, ...]  # how words were paired: exact, translated, skeleton, typo, abbreviation
    # a research institute's parent ("… of the Russian Academy of Sciences") on one side only: True
    # when the name names it and the list does not, False when the list names it and the name does not
    parent_named: bool | None = None
    # words on one side only that did not reject (a legal form of the entry's country, an acronym its
    # names carry, a programme's kind words, a sub-programme), the others paired: what the reason names
    left_out: tuple[str, ...] = ()
    # a company named by one word of its own, its descriptive words left out ("Dahua", "Roche"): too little
    # alone, so a finding on it needs the country to back it
    one_word_company: bool = False
    # a company's place or descriptive words of the list name the name leaves out ("Beijing Naura" for
    # "Beijing Naura Semiconductor Equipment Co., Ltd."): several listed companies may fit as well
    company_left_out: tuple[str, ...] = ()
    # a company's place or descriptive words the name adds to the list name ("Shenzhen Tenco Technology"
    # for "Tenco Technology Company Ltd.")
    company_added: tuple[str, ...] = ()


@lru_cache(maxsize=262144)
def pair_kind(q: str, word: str, twin_ratio: float, lenient: bool = False) -> tuple[str, float] | None:
    """How a query word pairs with a list word, if at all (pure: cached, since the words of list
    names and of the names people write recur)."""
    if is_skeleton(q):
        sk = skeleton_letters(q)
        if is_sound(q):  # a katakana name: by its sounds, as Japanese tells them apart
            return ("skeleton", 0.9) if sounds_alike(sk, word) else None
        return ("skeleton", 0.9) if len(sk) >= 2 and skeleton(word) == skeleton(sk) else None
    alts = readings(q)
    if word in alts:
        return ("translated" if len(alts) > 1 else "exact", 1.0)
    for a in alts:
        if word in PINYIN.get(a, ()) or a in PINYIN.get(word, ()):
            # a pinyin word kept in an English name ("Shenyang Ligong University") pairs with a
            # generic English word only in a translated name: "Shenyang University of Technology"
            # is another university
            # (工业 is "industry|…|technology": a word of several readings is too loose for that)
            if (lenient and len(alts) == 1) or (a not in GENERIC_WORDS and word not in GENERIC_WORDS):
                return "pinyin", 0.95
        if (SYNONYMS.get(a) == word or SYNONYMS.get(word) == a or (a in SYNONYMS and SYNONYMS[a] == SYNONYMS.get(word))
                or (a in ("school", "academy") and word in ("school", "academy"))):
            return "synonym", 0.85
        if (len(a) >= MIN_TYPO_LENGTH and len(word) >= MIN_TYPO_LENGTH and abs(len(a) - len(word)) <= 2
                and (a[0] == word[0] or a[-1] == word[-1]) and not _two_pinyin_names(a, word)
                and _compass(a) == _compass(word) and not _letter_in_front(a, word)):
            # a swap of two letters is one edit; a word's ending written two ways is none
            # ("Polytchnical" for "Polytechnic", which the list's "Polytechnical" is normalised to)
            sim = max(OSA.normalized_similarity(a, word), OSA.normalized_similarity(*_ending_twin(a, word)))
            if sim >= twin_ratio:
                return "typo", sim
        if len(alts) == 1 and (place_adjective(a, word) or place_adjective(word, a)):
            return "place adjective", 0.9  # "Kazanski" for "Kazan": the Russian adjective of the place
        if (len(a) >= 3 and len(word) >= 5 and len(alts) == 1 and word.startswith(a) and _compass(a) == _compass(word)
                and (a not in COMPANY_TAIL or word in COMPANY_TAIL or len(word) - len(a) <= 2)):
            # a descriptive word of its own abbreviates only another ("Micro" for "Microelectronics") or its
            # plural ("Motor" for "Motors"), never a company's own name ("Micro" is not "Microsun")
            return "abbreviation", 0.9
    return None


_COMPASS = ("north", "south", "east", "west")
# a Russian place written as its adjective (translations.yaml russian_adjective_suffixes, _inflections)
_ADJECTIVE_SUFFIXES: tuple[str, ...] = translations().russian_adjective_suffixes
_ADJECTIVE_INFLECTIONS: frozenset[str] = translations().russian_adjective_inflections
MIN_PLACE = 4  # a shorter word is no place an adjective is told from ("Oka", "Ob" are; "Ski" is no place)


def place_adjective(adjective: str, place: str) -> bool:
    """Is ``adjective`` the Russian adjective of ``place``, as transliterated: "kazanski" of "kazan",
    "mytishchinski" of "mytishchi", "balashikhinskiy" of "balashikha", "bryanski" of "bryansk"?"""
    if (len(place) < MIN_PLACE or len(adjective) < len(place) or not adjective.startswith(place[:MIN_PLACE - 1])
            or "sk" not in adjective or not adjective.isalpha()):
        return False  # (most pairs end here: pair_kind asks of every word pair the gate compares)
    for stem in (place, place[:-1]) if place[-1] in "aeiouy" else (place,):
        if not adjective.startswith(stem):
            continue
        rest = adjective[len(stem):]
        if stem == place and place.endswith("sk") and rest in _ADJECTIVE_INFLECTIONS:
            return True
        if any(rest.startswith(s) and rest[len(s):] in _ADJECTIVE_INFLECTIONS for s in _ADJECTIVE_SUFFIXES):
            return True
    return False


def _letter_in_front(a: str, b: str) -> bool:
    """One word is the other with a letter in front: a brand's letter ("T-Rubber" is no misspelt "Rubber", "X-Face"
    no "Face"), not a slip. But an initial R or L, which Korean names keep in the North's spelling and drop in the
    South's ("Ryonbong" and "Yonbong", of the same ㄹ), is a spelling of the same word."""
    longer, shorter = (a, b) if len(a) > len(b) else (b, a)
    return longer[1:] == shorter and longer[0] not in "rl"


def _ending_twin(a: str, b: str) -> tuple[str, str]:
    """The two words with the ending English writes two ways made the same: "-ical" for "-ic"
    ("Polytchnical" and the list's "Polytechnic", to which "Polytechnical" is normalised), and a misspelt
    plural for the singular the normaliser makes of a plural spelt right ("Technoolgies" for "technology",
    "Indusrties" for "industry")."""
    if a.endswith("cal") and b.endswith("ic"):  # "Polytechincal" too
        return a[:-2], b
    if b.endswith("cal") and a.endswith("ic"):
        return a, b[:-2]
    if a.endswith("ies") and b.endswith("y"):
        return a[:-3] + "y", b
    if a.endswith("s") and not b.endswith("s"):
        return a[:-1], b
    return a, b


@lru_cache(maxsize=65536)
def short_twin(a: str, b: str) -> bool:
    """Two short words (four or five letters) one edit apart with the same first letter, neither a
    pinyin name nor a compass word: "Poss" for "Posts". Pairs only when every other word of the name
    agrees (see :func:`compare`): alone, one letter makes another word too often (Omsk/Tomsk,
    Henan/Hunan)."""
    return (min(len(a), len(b)) >= MIN_SHORT_TYPO and max(len(a), len(b)) < MIN_TYPO_LENGTH and a[0] == b[0]
            and a.isascii() and a.isalpha() and b.isascii() and b.isalpha() and OSA.distance(a, b) == 1
            and syllables(a) is None and syllables(b) is None and not _compass(a) and not _compass(b))


def _compass(word: str) -> tuple[str, ...]:
    """The compass points in a word: Northwestern and Northeastern are two places, not one misspelt."""
    return tuple(c for c in _COMPASS if c in word)


def _two_pinyin_names(a: str, b: str) -> bool:
    """Two words that are both pinyin are two Chinese names, not one misspelt: Suzhou and Fuzhou,
    Nanhang and Nanchang are different places. A misspelling rarely stays pinyin ("Tsinghau")."""
    return syllables(a) is not None and syllables(b) is not None


# Parents that research institutes name after their own name ("... of the Russian Academy of
# Sciences", "Chinese Academy of Sciences Institute of ..."), or leave out, by country.
PARENT_PHRASES = {c: {tuple(sorted(p.split())): p for p in phrases} for c, phrases in _WORDS.parents.items()}
PARENT_WORDS = {c: frozenset(w for p in phrases for w in p.split()) for c, phrases in _WORDS.parents.items()}
PARENT_NAMES: dict[str, str] = _WORDS.parent_names  # "chinese academy science": "the Chinese Academy of Sciences"
MAX_PARENT_WORDS = max((len(p.split()) for phrases in _WORDS.parents.values() for p in phrases), default=1)


def parents_in(words: tuple[str, ...] | list[str], country: str) -> frozenset[str]:
    """The parents (as a reason names them: "the Chinese Academy of Sciences") that runs of ``words`` name, in any
    of their spellings ("China Academy of Science", "CAS", "Chinese Academy of Sciences")."""
    phrases = PARENT_PHRASES.get(country)
    if not phrases:
        return frozenset()
    return frozenset(PARENT_NAMES.get(found, found) for i in range(len(words)) for n in range(1, MAX_PARENT_WORDS + 1)
                     if i + n <= len(words) and (found := phrases.get(tuple(sorted(words[i:i + n])), "")))


@lru_cache(maxsize=16384)
def parents_of_names(names: tuple[str, ...], country: str) -> frozenset[str]:
    """The parents (as a reason names them) that any of a listed body's ``names`` names, each name read on its own."""
    return frozenset().union(*(parents_in(tokens(name), country) for name in names))


def parent_named(words: list[str], country: str) -> str:
    """The parent institution that ``words`` name, if they name exactly one (else ""); a translated word by its
    first reading ("siberian|sibirskogo branch|otdeleniya": the Siberian Branch of the Russian Academy of Sciences)."""
    phrases = PARENT_PHRASES.get(country)
    if not phrases:
        return ""
    return phrases.get(tuple(sorted(words)), "") or phrases.get(tuple(sorted(first_readings(words))), "")


@lru_cache(maxsize=65536)
def _is_country(word: str) -> bool:
    """A country's name or code ("USA" names no company: "China Communications Construction (USA)")."""
    # names, and the few codes written as words; not every three letters (DJI is a company, not Djibouti)
    return (len(word) >= 4 or word in _COUNTRY_ABBREVIATIONS) and country_code(word) is not None


_COUNTRY_ABBREVIATIONS: frozenset[str] = _PLACES.country_abbreviations


@lru_cache(maxsize=4096)  # the parts of addresses recur; a bounded few keep memory flat over millions of rows
def names_a_town(words: tuple[str, ...], country: str) -> bool:
    """The words name a town of ``country``, with a postcode or a country after it perhaps ("Tula 300012",
    "Penza, Russia", "Penza, Russian Federation")."""
    left = [w for w in words if not w.isdigit()]
    for k in range(1, len(left)):
        if country_code(" ".join(left[k:])) is not None:
            left = left[:k]
            break
    return bool(left) and " ".join(left) in TOWNS.get(country, ())


PARENT_SCORE = 90
GENERIC_WEIGHT = 0.3


@lru_cache(maxsize=65536)
def _weight(token: str) -> float:
    return GENERIC_WEIGHT if _is_generic(token) else 1.0


@lru_cache(maxsize=65536)
def _is_generic(token: str) -> bool:
    return all(a in GENERIC_WORDS or a in OPTIONAL_WORDS for a in letters(token))


# A country's own name and adjective ("China", "Iran"), which may stand on one side only.
COUNTRY_WORDS: dict[str, frozenset[str]] = _PLACES.country_words
# the towns the Research Organization Registry's records are in, by country (towns.yaml; Hong Kong and Macau with
# the mainland's): a town of the entry's country is no company's own name ("Tula" is Tula Arms Plant's alias, and
# the town), and alone in an address it is the place (matching/checks.py)
_CHINA_TOWNS = frozenset().union(*(towns().towns.get(c, frozenset()) for c in ("CN", "HK", "MO")))
TOWNS: dict[str, frozenset[str]] = {**towns().towns, "CN": _CHINA_TOWNS, "HK": _CHINA_TOWNS, "MO": _CHINA_TOWNS}
# The descriptive words of company names, none of which names a company alone.
COMPANY_TAIL: frozenset[str] = GENERIC_WORDS | _WORDS.company_descriptive_words
# Words that make a company's name an institute's ("university", "institute", "laboratory" …: the
# organisation words but for the optional "corporation" and "group").
INSTITUTION_WORDS: frozenset[str] = _WORDS.organisation_words - _WORDS.optional_words
# Descriptive words a name may add to a listed company's ("Goodview Global Industry Co." for the listed
# "Goodview Global"): the descriptive words but those that make a company's name an institute's.
COMPANY_ADDED: frozenset[str] = COMPANY_TAIL - INSTITUTION_WORDS
# What kind of enterprise a company of a country says it is ("Research and Production Enterprise", "NPP"
# for a Russian company: name-words.yaml), which its names carry or not, like its descriptive words.
# Their acronyms ("NPP") and Russian words ("Zavod"), each with the words it stands for, which it alone may
# take the place of.
COMPANY_KIND_READINGS: dict[str, dict[str, frozenset[str]]] = _WORDS.company_kind_readings
COMPANY_KINDS: dict[str, frozenset[str]] = {
    c: _WORDS.company_kind_words.get(c, frozenset()) | frozenset(COMPANY_KIND_READINGS.get(c, ()))
    for c in set(_WORDS.company_kind_words) | set(COMPANY_KIND_READINGS)}


@lru_cache(maxsize=1024)
def company_tail(country: str) -> frozenset[str]:
    """The words a company of ``country`` may leave out beside its own name: descriptive and kind words."""
    return COMPANY_TAIL | COMPANY_KINDS.get(country, frozenset())


@lru_cache(maxsize=1024)
def company_added(country: str) -> frozenset[str]:
    """The words a name may add to the name of a listed company of ``country``."""
    return COMPANY_ADDED | COMPANY_KINDS.get(country, frozenset())


def _one_kind_for_another(left_out: list[str], added: list[str], country: str) -> bool:
    """Do the words a name adds and those it leaves out of a company's name say, both, what kind of
    enterprise it is, an acronym or a Russian word for the very words it stands for ("NPP Radar MMS" for
    "Research and Production Enterprise Radar MMS", "Zavod Meteor" for "Meteor Plant"; not "NPP Volna" for
    "Scientific Production Association Volna Plant")?"""
    readings = COMPANY_KIND_READINGS.get(country, {})
    words = {w for w in (*left_out, *added) if w not in GENERIC_WORDS}
    named = [readings[w] for w in words if w in readings]
    return (bool(named) and words <= COMPANY_KINDS.get(country, frozenset())
            and {w for w in words if w not in readings} <= frozenset().union(*named))


# How a company's own name must pair to let its descriptive words be left out: as written, misspelt,
# or written together, not as a prefix ("CAS" of "Caspro") or a synonym.
_AS_WRITTEN = frozenset({"exact", "typo", "joined"})
_EXACTLY = frozenset({"exact", "joined"})
# Chinese companies are registered under their province or city ("Zhejiang Dahua Technology Co.,
# Ltd.", "Shenzhen DJI Technology") and named without it ("Dahua Technology", "DJI"): for a company
# of that country the place may be left out, or added in front of a listed name that names no place
# ("Shenzhen Tenco Technology" for the listed "Tenco Technology"), never replaced by another one.
PLACE_WORDS: dict[str, frozenset[str]] = _PLACES.places
# The legal forms of a country's companies ("AB" in Sweden: "Huawei Sweden AB" for the listed "Huawei
# Sweden"; reference/matching/legal-forms.yaml), which may stand on one side only of a name of that country.
LEGAL_FORMS_OF: dict[str, frozenset[str]] = legal_forms().by_country
# Words of an entry's names that may stand on one side only, by the entry's country: its own name and
# the legal forms of its companies.
OWN_WORDS: dict[str, frozenset[str]] = {c: COUNTRY_WORDS.get(c, frozenset()) | LEGAL_FORMS_OF.get(c, frozenset())
                                        for c in set(COUNTRY_WORDS) | set(LEGAL_FORMS_OF)}
# The legal forms long enough to be misspelt ("Limtied", "Comapny", "Liabliity"): the normaliser drops them
# spelt right, so a misspelt one would stay an extra word of the name.
# Not the words of the state forms' phrases ("Federal State Unitary Enterprise"): "enterprise", "institution" are
# words of many names besides.
_LONG_LEGAL_WORDS: frozenset[str] = frozenset(
    w for w in (*legal_forms().legal_forms, *(word for phrase in legal_forms().legal_phrases
                                              if "company" in phrase.split() for word in phrase.split()))
    if len(w) >= MIN_TYPO_LENGTH and w not in GENERIC_WORDS and w not in ("closed", "public"))


@lru_cache(maxsize=65536)
def misspelt_legal_form(word: str) -> bool:
    """A query word that is a legal form misspelt ("Limtied" for "Limited"): no word of the name."""
    return (len(word) >= MIN_TYPO_LENGTH and word not in _LONG_LEGAL_WORDS and word.isalpha() and not word.endswith("s")
            and any(abs(len(word) - len(f)) <= 1 and word[0] == f[0] and OSA.distance(word, f) <= 2
                    and OSA.normalized_similarity(word, f) >= 0.75 for f in _LONG_LEGAL_WORDS))


# Talent programmes (name-words.yaml): words that say what kind of programme a name is, on a name
# ending in "programme" or "professorship", may be left out or differ; a word naming a sub-programme
# ("Youth Thousand Talents") may stand in the query only. Acronyms a country's names carry beside the
# full name ("Tupolev-KAI", "Concern VKO Almaz-Antey") may stand on one side only.
PROGRAMME_WORDS: frozenset[str] = _WORDS.programme_words
SUB_PROGRAMME_WORDS: frozenset[str] = _WORDS.sub_programme_words
ACRONYM_WORDS: dict[str, frozenset[str]] = _WORDS.acronym_words
# Words a country's names are translated with or without ("scientific" in Russian institutes' names).
TRANSLATION_WORDS: dict[str, frozenset[str]] = _WORDS.translation_words
_PROGRAMME_ENDS = frozenset({"programme", "professorship"})


def _loose(country: str, programme: bool) -> frozenset[str]:
    """Words that may stand on either side only, for an entry of ``country`` (a programme's: ``programme``)."""
    words = ACRONYM_WORDS.get(country, frozenset()) | TRANSLATION_WORDS.get(country, frozenset())
    return words | PROGRAMME_WORDS if programme else words


MIN_NAME_WORD = 5  # a company named by one word, of at least this many letters, may carry a legal form on one side


def _one_name_word(paired_words: list[str], country: str) -> bool:
    """Is the one word that paired a company's own name: distinctive, not a place, long enough?"""
    return (len(paired_words) == 1 and len(w := paired_words[0]) >= MIN_NAME_WORD and not _is_generic(w)
            and w not in PLACE_WORDS.get(country, ()) and w not in COUNTRY_WORDS.get(country, ()) and not _is_country(w))


def _left_out_note(words: list[str], country: str) -> str:
    """Why each word left on one side only did not reject (for the reason a person reads)."""
    notes = []
    kind_words = []
    for w in dict.fromkeys(words):
        if w in LEGAL_FORMS_OF.get(country, ()):
            notes.append(f"{w!r} (a legal form of {country}) on one side only")
        elif w in ACRONYM_WORDS.get(country, ()):
            notes.append(f"the acronym {w!r} on one side only")
        elif w in TRANSLATION_WORDS.get(country, ()):
            notes.append(f"{w!r} on one side only (names of {country} are translated with or without it)")
        elif w in SUB_PROGRAMME_WORDS:
            notes.append(f"{w!r} names a sub-programme of the listed programme")
        else:
            kind_words.append(repr(w))
    if kind_words:
        notes.append(f"{', '.join(kind_words)} on one side only (saying what kind of programme or position it is)")
    return "; ".join(notes)


@lru_cache(maxsize=1024)
def _quick_sets(country: str, programme: bool) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """For :func:`quick_reject`, per entry country and programme or not: the words either side may
    leave out, the entry's own words (country, legal forms, loose words), and what the query may add."""
    # a translation word may stand on one side only, or pair with its synonym on the other ("scientific", "research")
    own = OWN_WORDS.get(country, frozenset()) | (_loose(country, programme) - TRANSLATION_WORDS.get(country, frozenset()))
    ignore = OPTIONAL_WORDS | own | TRANSLATION_WORDS.get(country, frozenset())
    return ignore, own, ignore | (SUB_PROGRAMME_WORDS if programme else frozenset())


def quick_reject(query_set: frozenset[str], query_joins: frozenset[str], listed_set: frozenset[str],
                 listed_joins: frozenset[str], country: str, company: bool, twin_ratio: float,
                 query_left_out: frozenset[str] = frozenset()) -> bool:
    """The gate of :func:`compare` on word sets, for screening many candidates fast (strict mode):
    as many words left over on each side, and each word left on the query side able to pair with
    one left on the list side. ``*_joins``: neighbouring words written together (see
    :func:`collabguard.matching.index.word_joins`); ``query_left_out``: the query's misspelt legal forms
    (:func:`misspelt_legal_form`, read once a query), which need no partner."""
    ignore, own, q_ignore = _quick_sets(country, not listed_set.isdisjoint(_PROGRAMME_ENDS))
    q_only = query_set - listed_set - q_ignore - query_left_out
    l_only = listed_set - query_set - ignore
    # a word may pair with an optional word of the other side ("Corpoartion" misspells "Corporation")
    l_any = listed_set - query_set - own
    if q_only & listed_joins or l_any & query_joins:
        return False
    if (len(q_only) == 1 and len(l_only) >= MIN_INITIALS and len(initials := next(iter(q_only))) == len(l_only)
            and sorted(initials) == sorted(w[0] for w in l_only)):
        return False  # perhaps the initials of the words left out ("NRC Kurchatov Inst"): compare reads their order
    # a company may leave out or add descriptive words and its place (compare): the other words must pair
    places = PLACE_WORDS.get(country, frozenset())
    hard = l_only if not company else l_only - company_tail(country) - places
    if company:
        q_only = q_only - company_added(country) - places
    if parents := PARENT_WORDS.get(country):
        # a parent named on one side only ("Inst Microelect" for "Chinese Academy of Sciences Institute of
        # Microelectronics"): compare reads its words as the parent, and the other words must pair
        q_only, hard = q_only - parents, hard - parents
    if len(q_only) > len(l_any) or len(hard) > len(query_set - listed_set - own):
        return True
    if len(q_only) == 1 and len(l_only) == 1 and short_twin(next(iter(q_only)), next(iter(l_only))):
        return False  # "Poss" for "Posts": the rest of the name is the same
    return any(all(pair_kind(q, w, twin_ratio) is None for w in l_any) for q in q_only)


@lru_cache(maxsize=1024)
def _translated_ignore(country: str) -> frozenset[str]:
    # every word compare() may leave unpaired on the list side of a translation: optional, the entry's own, its
    # parent's, and the loose words (the acronym beside the name: "Kazan National Research Technical University
    # named after A.N. Tupolev-KAI", which the screen rejected although the gate passes it)
    return (OPTIONAL_WORDS | OWN_WORDS.get(country, frozenset()) | PARENT_WORDS.get(country, frozenset())
            | _loose(country, True))


def quick_reject_translated(query: tuple[str, ...], query_words: frozenset[str], query_joins: frozenset[str],
                            listed_set: frozenset[str], listed_joins: frozenset[str], country: str, twin_ratio: float) -> bool:
    """The same for a translated name (lenient mode): every word of the list name must pair with a
    word of the translation. ``query_words``: every alternative of every translated word."""
    if query_words & listed_joins:
        return False
    for w in listed_set - query_words - _translated_ignore(country):
        if w not in query_joins and all(pair_kind(q, w, twin_ratio, True) is None for q in query):
            return True
    return False


def _may_join(single: frozenset[str] | set[str] | list[str], parts: frozenset[str] | set[str] | list[str]) -> bool:
    """Could a word of ``single`` be two words of ``parts`` written together (jiaotong / jiao tong)?"""
    return any(len(w) >= MIN_JOINED and w.startswith(p) and w[len(p):] in parts for w in single for p in parts)


def _count_check(query: tuple[str, ...], listed: tuple[str, ...], country: str, company: bool) -> Comparison | None:
    """A cheap rejection before pairing: words pair one to one, so when more words on one side
    lack an exact partner than on the other, one of them must stay unpaired (strict mode)."""
    programme = bool(listed) and listed[-1] in _PROGRAMME_ENDS
    translation = TRANSLATION_WORDS.get(country, frozenset())
    own = OWN_WORDS.get(country, frozenset()) | (_loose(country, programme) - translation)
    sub = SUB_PROGRAMME_WORDS if programme else frozenset()
    qset, lset = set(query), set(listed)
    q_only = [q for q in query if q not in lset and q not in OPTIONAL_WORDS and q not in own and q not in sub
              and q not in translation and not misspelt_legal_form(q)]
    l_only = [w for w in listed if w not in qset and w not in OPTIONAL_WORDS and w not in own and w not in translation]
    # a word may pair with an optional word of the other side ("Corpoartion" misspells "Corporation")
    q_any = [q for q in query if q not in lset and q not in own]
    l_any = [w for w in listed if w not in qset and w not in own]
    if len(q_only) != len(l_only) and (_may_join(q_only, l_only) or _may_join(l_only, q_only)):
        return None
    if len(q_only) == 1 and len(l_only) >= MIN_INITIALS and q_only[0] == "".join(w[0] for w in l_only):
        return None  # the initials of the words left out ("NRC Kurchatov Inst"): compare pairs them
    parents = PARENT_WORDS.get(country)
    if parents and ((not l_only and set(q_only) <= parents) or (not q_only and set(l_only) <= parents)):
        return None
    # a company may add or leave out descriptive words and its place (see compare)
    q_hard = q_only if not company else [q for q in q_only if q not in company_added(country)
                                         and q not in PLACE_WORDS.get(country, ())]
    # a parent named on one side only, beside a word written another way ("Inst Microelect" for "Chinese Academy of
    # Sciences Institute of Microelectronics"): its words are left to compare, which reads them as the parent
    l_hard = [w for w in l_only if w not in parents] if parents else l_only
    q_hard = [q for q in q_hard if q not in parents] if parents else q_hard
    if len(q_hard) > len(l_any):
        return Comparison(0, False, f"extra word {q_hard[0]!r}", ())
    if not company and len(l_hard) > len(q_any):
        return Comparison(0, False, f"missing word {l_hard[0]!r}", ())
    return None


def _own_word(paired_q: list[str], weights: list[float], country: str) -> bool:
    """Does a distinctive word that is not a place of ``country`` pair: the body's own name?"""
    towns = TOWNS.get(country, frozenset())
    places = PLACE_WORDS.get(country, frozenset())
    return any(w > GENERIC_WEIGHT and q not in towns and q not in places and not _is_country(q)
               for q, w in zip(paired_q, weights, strict=True))


def _join_pairs(query: list[str], listed: list[str]) -> tuple[list[str], list[str], list[str]]:
    """Pair a word of one side with two or three consecutive words of the other written together:
    "jiaotong" and "jiao tong", "shijiazhuangtiedao" (a run of characters read as one pinyin word)
    and "shijiazhuang tiedao". Returns the words left on each side and the words paired (list side)."""
    paired: list[str] = []
    for span in (3, 2):
        i = 0
        while i + span <= len(listed):
            joined = "".join(listed[i:i + span])
            q = next((q for q in query if joined in readings(q)), None)
            if q is not None and len(joined) >= MIN_JOINED:
                query.remove(q)
                paired.append(joined)
                del listed[i:i + span]
            else:
                i += 1
        i = 0
        while i + span <= len(query):
            joined = "".join(query[i:i + span])
            if not has_readings(joined) and len(joined) >= MIN_JOINED and joined in listed:
                listed.remove(joined)
                paired.append(joined)
                del query[i:i + span]
            else:
                i += 1
    return query, listed, paired


def compare(query: tuple[str, ...], listed: tuple[str, ...], *, lenient: bool, twin_ratio: float,
            country: str = "", company: bool = False) -> Comparison:
    """Pair the words of ``query`` with those of ``listed`` and apply the gate.

    ``country``: the entry's country; a word naming it ("China", "Iran") may stand on one side
    only. ``company``: a company is often named by its distinctive words alone ("CloudWalk" for
    "CloudWalk Technology Co., Ltd."), so descriptive words of the list name may be left out."""
    if not lenient:
        early = _count_check(query, listed, country, company)
        if early is not None:
            return early
    free = list(listed)
    paired: list[tuple[str, float]] = []
    paired_weights: list[float] = []
    paired_words: list[str] = []
    paired_q: list[str] = []  # the query's words paired (a joined pair as the list writes it)
    unpaired_q: list[str] = []
    # exact pairs first, so a typo twin never steals a word that has its exact partner
    pending: list[str] = []
    for q in query:
        hit = next((w for w in free if w in readings(q)), None)
        if hit is not None:
            free.remove(hit)
            paired.append(("translated" if has_readings(q) else "exact", 1.0))
            paired_weights.append(_weight(hit))
            paired_words.append(hit)
            paired_q.append(q)
        else:
            pending.append(q)
    if pending and len(free) != len(pending):
        pending, free, joined = _join_pairs(pending, free)
        for word in joined:
            paired.append(("joined", 1.0))
            paired_weights.append(_weight(word))
            paired_words.append(word)
            paired_q.append(word)
    descriptive: set[str] = set()  # list words paired with a descriptive word of the query
    for q in pending:
        best: tuple[str, str, float] | None = None
        for w in free:
            kind = pair_kind(q, w, twin_ratio, lenient)
            if kind is not None and (best is None or kind[1] > best[2]):
                best = (w, kind[0], kind[1])
        if best is None:
            unpaired_q.append(q)
        else:
            free.remove(best[0])
            paired.append((best[1], best[2]))
            paired_weights.append(_weight(best[0]))
            paired_words.append(best[0])
            paired_q.append(q)
            if q in COMPANY_TAIL:
                descriptive.add(best[0])  # the list's "Aircaft" is the descriptive "aircraft" misspelt
    unpaired_l = free
    if (not lenient and len(unpaired_q) == 1 and len(unpaired_l) == 1 and len(paired) >= 2
            and short_twin(unpaired_q[0], unpaired_l[0])):
        # one short word misspelt, every other word the same: "Beijing University of Poss and Telecommunications"
        paired.append(("typo", 1 - 1 / max(len(unpaired_q[0]), len(unpaired_l[0]))))
        paired_weights.append(_weight(unpaired_l[0]))
        paired_words.append(unpaired_l[0])
        paired_q.append(unpaired_q[0])
        unpaired_q, unpaired_l = [], []
    initials = ""
    if (not lenient and len(unpaired_q) == 1 and len(unpaired_l) >= MIN_INITIALS and unpaired_q[0].isalpha()
            and unpaired_q[0] == "".join(w[0] for w in unpaired_l) and _own_word(paired_q, paired_weights, country)):
        # the initials of the words the name leaves out, in their order, beside a word of the body's own name:
        # "NRC Kurchatov Inst" for "National Research Center Kurchatov Institute", "FRI Gromov"; not beside a place
        # alone ("IAE, Shenyang" is the CAS Institute of Applied Ecology, not the Institute of Aeronautical
        # Engineering that is now Shenyang Aerospace University)
        initials = f"{unpaired_q[0].upper()!r} read as {' '.join(unpaired_l)!r}"
        for word in unpaired_l:
            paired.append(("initials", INITIALS_SCORE))
            paired_weights.append(_weight(word))
            paired_words.append(word)
            paired_q.append(unpaired_q[0])
        unpaired_q, unpaired_l = [], []
    kinds = tuple(sorted({k for k, _ in paired}))
    own = OWN_WORDS.get(country, frozenset())
    own_country = COUNTRY_WORDS.get(country, frozenset())
    programme = bool(listed) and listed[-1] in _PROGRAMME_ENDS
    # a legal form of the entry's country, an acronym beside the full name, a programme's kind words,
    # a sub-programme: left out only when at least two words pair, and named in the reason; a legal form
    # also beside one distinctive word of five letters or more, which is the company's name ("Yamalgazinvest
    # ZAO"), never beside a short or a generic one
    loose = (_loose(country, programme) | LEGAL_FORMS_OF.get(country, frozenset())) if len(paired) >= 2 else (
        LEGAL_FORMS_OF.get(country, frozenset()) if _one_name_word(paired_words, country) else frozenset())
    sub = SUB_PROGRAMME_WORDS if programme and len(paired) >= 2 else frozenset()
    loose_q = [w for w in unpaired_q if w in loose or w in sub]
    loose_l = [w for w in unpaired_l if w in loose]
    left_loose = loose_q + loose_l
    extra = [q for q in unpaired_q if q not in OPTIONAL_WORDS and not is_optional(q) and q not in own
             and q not in loose and q not in sub and not (not lenient and misspelt_legal_form(q))]
    missing = [w for w in unpaired_l if w not in OPTIONAL_WORDS and w not in own and w not in loose]
    anchored = any(w > GENERIC_WEIGHT and word not in own for w, word in zip(paired_weights, paired_words, strict=True))
    places = PLACE_WORDS.get(country, frozenset())
    tail = company_tail(country) if company else COMPANY_TAIL
    company_left_out: list[str] = []
    added: list[str] = []
    one_word = False
    if company and not lenient and not INSTITUTION_WORDS.intersection(listed) and any(
            kind in _AS_WRITTEN and len(w) >= 3 and w not in tail and w not in own and w not in places and w not in OPTIONAL_WORDS
            and w not in TOWNS.get(country, ())
            and not _is_country(w) and w not in descriptive for (kind, _), w in zip(paired, paired_words, strict=True)):
        # a company named by its own name ("Dahua", "DJI"; not by descriptive words only: "Aircraft
        # Co., Ltd." is no company's name), written as the list writes it (not "CAS" for "Caspro", nor
        # "Guowei" for "Guoweichip"), may leave out its descriptive words and the place it is registered
        # in, which comes first (a place further on names a subsidiary: "AVIC Xi'an Aircraft Industry" is
        # not AVIC). Not a company that is an institute ("Scientific Research Institute of Precision
        # Mechanical Engineering" JSC): every word of an institute's name says which one it is
        place = listed[0] if listed and listed[0] in places else None
        if place is not None and any(q in places or q in COUNTRY_WORDS.get(country, ()) for q in query):
            place = None  # "China Unicom" is not the Shenzhen company "Shenzhen Unicom Electronic Technology"
        # the name's own place, in front of a listed name that names none ("Shenzhen Tenco Technology")
        q_place = query[0] if query and query[0] in places and places.isdisjoint(listed) else None
        company_left_out = [w for w in missing if w in tail or w == place]
        missing = [w for w in missing if w not in tail and w != place]
        # words added only where none is left out (a descriptive word replaced by another names another
        # company: "China State Shipbuilding" is not China Shipbuilding Trading), and only beside the
        # company's own name as the list writes it ("Suzhou Design Center" misspells no "Centec"); a kind
        # word also for another ("NPP Radar MMS" for "Research and Production Enterprise Radar MMS")
        if any(kind in _EXACTLY and w not in tail and w not in places
               for (kind, _), w in zip(paired, paired_words, strict=True)):
            if not company_left_out:
                added = [q for q in extra if q in company_added(country) or q == q_place]
            elif _one_kind_for_another(company_left_out, kinds_added := [q for q in extra if q in company_added(country)],
                                       country):
                added = kinds_added
            extra = [q for q in extra if q not in added]
        one_word = bool(company_left_out or added) and len(paired) == 1
    parent = ""
    named_here: bool | None = None
    left_q = [q for q in unpaired_q if q not in OPTIONAL_WORDS and not is_optional(q)]
    left_l = [w for w in unpaired_l if w not in OPTIONAL_WORDS]
    if (anchored and (extra or missing) and bool(left_q) != bool(left_l)
            and (found := parent_named(left_q or left_l, country))
            and (left_l or _own_word(paired_q, paired_weights, country))):
        # "Institute of Solid State Physics" and "... of the Russian Academy of Sciences": the same
        # institute, its parent named on one side only (never the parent for its institute: the
        # institute's own words must all pair; and a name that is only a kind of body and a place beside
        # its parent names the parent's own body: "University of Chinese Academy of Sciences, Beijing" is
        # no "Peking University")
        parent = PARENT_NAMES.get(found, found) + (", named in the name only" if left_q else ", not named")
        named_here = bool(left_q)
        extra, missing = [], []
    # Similarity: paired words over all words, generic words weighing less than distinctive ones;
    # words that may stand on one side only (optional, the entry's own country, a company's
    # descriptive tail) do not lower it.
    paired_weight = sum(s * w for (_, s), w in zip(paired, paired_weights, strict=True))
    # words left out by the rules above weigh as generic words, one for each word the longer side has
    # ("Program" for "Distinguished Professorship" differs by two): such a name is close, not the same
    loose_weight = GENERIC_WEIGHT * max(len(loose_q), len(loose_l))
    total = paired_weight * 2 + sum(_weight(q) for q in extra) + sum(_weight(w) for w in missing) + loose_weight
    score = round(100 * 2 * paired_weight / (2 * sum(paired_weights) + sum(_weight(q) for q in extra)
                                             + sum(_weight(w) for w in missing) + loose_weight)) if total else 0
    if not anchored and (extra or missing or len(paired) < len(listed)):
        return Comparison(score, False, "no distinctive word pairs", kinds)
    if not lenient and not parent and not extra and not missing and (left_country := [w for w in unpaired_l if w in own_country]) and all(
            w in tail or w in OPTIONAL_WORDS for w in paired_words):
        # "Electronic Technology Co., Ltd." for China Electronics Technology Group Corporation: with its
        # country word left out, a company's descriptive words are no company's name
        return Comparison(score, False, f"only descriptive words pair, {left_country[0]!r} left out", kinds)
    if not lenient:
        if extra:
            return Comparison(score, False, f"extra word {letters(extra[0])[0]!r}", kinds)
        if missing:
            return Comparison(score, False, f"missing word {missing[0]!r}", kinds)
        if parent:  # weaker than every word pairing: at most PARENT_SCORE
            return Comparison(min(score, PARENT_SCORE), True, f"words pair up ({', '.join(kinds)}); the parent, {parent}",
                              kinds, named_here)
        why = "same words" if kinds == ("exact",) else "words pair up (" + ", ".join(kinds) + ")"
        if initials:  # "'NRC' read as 'national research center'"
            why += "; " + initials
        if company_left_out and added:  # "NPP Radar MMS" for "Research and Production Enterprise Radar MMS"
            why += ("; " + ", ".join(repr(w) for w in added) + " for " + ", ".join(repr(w) for w in company_left_out)
                    + " (the kind of enterprise, written another way)")
        elif company_left_out:  # "Dahua Technology" for Zhejiang Dahua Technology Co., Ltd.
            why += "; " + ", ".join(repr(w) for w in company_left_out) + " left out (a company's place or descriptive words)"
        elif added:  # "Shenzhen Tenco Technology" for Tenco Technology Company Ltd.
            why += "; " + ", ".join(repr(w) for w in added) + " added (a company's place or descriptive words: the listed company, or one of its group)"
        if misspelt := [q for q in unpaired_q if misspelt_legal_form(q)]:  # "CNOOC Limtied"
            why += "; " + ", ".join(repr(w) for w in misspelt) + " read as a misspelt legal form"
        if left_loose:  # "Huawei Sweden AB", "Concern VKO Almaz-Antey", "Youth Thousand Talents"
            note = _left_out_note(left_loose, country)
            why = note if why == "same words" else why + "; " + note
            return Comparison(score, True, why, kinds, left_out=tuple(dict.fromkeys(left_loose)),
                              one_word_company=one_word, company_left_out=tuple(company_left_out),
                              company_added=tuple(added))
        return Comparison(score, True, why, kinds, one_word_company=one_word, company_left_out=tuple(company_left_out),
                          company_added=tuple(added))
    distinctive_extra = [q for q in extra if not _is_generic(q)]
    if distinctive_extra:
        return Comparison(score, False, f"extra word {letters(distinctive_extra[0])[0]!r}", kinds)
    if missing:  # every word of the list name must be accounted for, generic ones too
        return Comparison(score, False, f"missing word {missing[0]!r}", kinds)
    if len(extra) > MAX_LENIENT_UNPAIRED:
        return Comparison(score, False, f"{len(extra)} translated words do not pair", kinds)
    if not any(w not in GENERIC_WORDS for w in listed if w not in unpaired_l) and len(paired) < 3:
        return Comparison(score, False, "only generic words pair", kinds)
    if parent:
        return Comparison(min(score, PARENT_SCORE), True, f"translated words pair up ({', '.join(kinds)}); the parent, {parent}",
                          kinds, named_here)
    return Comparison(score, True, "translated words pair up (" + ", ".join(kinds) + ")", kinds)
