"""The matcher's word lists: data files in ``reference/matching/``, each with its version and sources.

- ``name-words.yaml``: abbreviations, stop, generic and optional words, synonyms, the words that make
  a name an organisation's, company descriptive words, compass initials, parents of institutes;
- ``legal-forms.yaml``: legal forms as words and as phrases;
- ``places.yaml``: country words and abbreviations, the places Chinese companies are registered in;
- ``towns.yaml``: the towns and cities the Research Organization Registry's records are in, by country
  (written by ``scripts/build_towns.py``);
- ``pinyin.yaml``: the pinyin syllables, older romanisations, English words that look like pinyin;
- ``han-readings.yaml``: the pinyin readings of Chinese characters (written by
  ``scripts/build_han_readings.py`` from the dictionary of pypinyin);
- ``translations.yaml``: Chinese, Russian and Persian institution words, traditional characters.

Each file is read once per process (cached), with collabguard's own YAML loader (libyaml where
installed; no aliases, no key given twice), and checked: a broken file raises :class:`LexiconError`,
one line naming the file, the line and the key. The checks are plain ones and the tables named
tuples, not pydantic models: the files are read when the matcher is imported, and building the
models took longer than reading the files. The matching modules turn the tables into the frozensets
and dicts their loops use, once, at import. :func:`lexicon_versions` gives the version and sha256 of
every file the matcher reads (these and ``organisation-parts.yaml``), which every report records in
``versions.lexicons``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, NoReturn, TypeVar

from collabguard.errors import CollabguardError, InputError
from collabguard.io.yaml_events import Path_
from collabguard.io.yaml_loader import load_yaml

if TYPE_CHECKING:
    from collabguard.models.report import PackVersion

LEXICON_DIR = Path(__file__).resolve().parent / "matching"
PARTS_FILE = Path(__file__).resolve().parent / "organisation-parts.yaml"  # read by collabguard.matching.parts
SCHEMA_VERSION = 1

# What a table's entries look like (words as the matcher normalises them), as plain checks: compiling
# regular expressions for them cost more than reading the files.
_HAN = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF))


def _word(text: str) -> bool:
    return text.isascii() and text.isalnum() and text == text.lower()


def _phrase(text: str) -> bool:
    return all(_word(w) for w in text.split(" "))


def _translation(text: str) -> bool:
    return text == "" or all(all(a.isascii() and a.isalpha() and a.islower() for a in w.removesuffix("?").split("|"))
                             for w in text.split(" "))


def _han(text: str) -> bool:
    return bool(text) and all(any(lo <= ord(ch) <= hi for lo, hi in _HAN) for ch in text)


def _russian(text: str) -> bool:
    return all(p.isascii() and p.isalpha() and p.islower() for p in text.split("-"))


_KANA = (0x3041, 0x30FF)  # hiragana and katakana, the long-vowel mark and the middle dot (・) among them


def _japanese(text: str) -> bool:
    return bool(text) and all(_han(ch) or _KANA[0] <= ord(ch) <= _KANA[1] for ch in text)


def _katakana(text: str) -> bool:
    return bool(text) and all(0x30A1 <= ord(ch) <= 0x30FC for ch in text)


def _persian(text: str) -> bool:
    return bool(text) and all("\u0600" <= ch <= "\u06ff" or ch == "\u200c" for ch in text)  # U+200C joins a suffix


WORD = (_word, "a word (lower-case letters and digits)")
PHRASE = (_phrase, "words separated by single spaces")
COUNTRY = (lambda t: len(t) == 2 and t.isascii() and t.isalpha() and t.isupper(), "a country code (two capital letters)")
TRANSLATION = (_translation, "a translation (words; alternatives joined by '|', '?' when optional, '' to drop)")
WRITTEN_PHRASE = (lambda t: bool(t) and all(w.isalpha() and w == w.lower() for w in t.split(" ")),
                  "words in lower case, of letters of any script, separated by single spaces")
NAME_AS_WRITTEN = (lambda t: bool(t) and t == " ".join(t.split()), "a name as written (no leading, trailing or double spaces)")
HAN = (_han, "Chinese characters")
HAN_CHARACTER = (lambda t: len(t) == 1 and _han(t), "one Chinese character")
RUSSIAN_STEM = (_russian, "a Russian word as anyascii romanises it")
PERSIAN_WORD = (_persian, "a word in Persian script")
JAPANESE_WORD = (_japanese, "a word in Japanese script (kanji and kana)")
KATAKANA = (_katakana, "katakana")
ROMAJI = (lambda t: t == "" or (t.isascii() and t.isalpha() and t.islower()), "lower-case Latin letters, or ''")
INITIALS = (lambda t: all(p.isascii() and p.isalpha() and p.islower() for p in t.split("|")),
            "initials in lower-case Latin letters (spellings joined by '|')")
Shape = tuple[Callable[[str], bool], str]
_V = TypeVar("_V")
_KINDS: dict[type, str] = {list: "list", dict: "mapping", str: "text"}


class LexiconError(CollabguardError):
    """A word-list file of the matcher cannot be read or is invalid (one line: file, key, problem)."""

    code = "lexicon"


class NameWords(NamedTuple):
    version: str
    sources: tuple[str, ...]
    abbreviations: dict[str, str]
    abbreviation_readings: dict[str, tuple[str, ...]]  # the other words an abbreviation stands for
    stop_words: frozenset[str]
    generic_words: frozenset[str]
    optional_words: frozenset[str]
    synonyms: dict[str, str]
    organisation_words: frozenset[str]
    company_descriptive_words: frozenset[str]
    body_kind_words: frozenset[str]
    acronym_may_drop_last: frozenset[str]
    compass_initials: dict[str, str]
    parents: dict[str, tuple[str, ...]]
    parent_names: dict[str, str]  # how a reason names each parent phrase ("the Chinese Academy of Sciences")
    programme_words: frozenset[str]
    sub_programme_words: frozenset[str]
    acronym_words: dict[str, frozenset[str]]
    translation_words: dict[str, frozenset[str]]
    status_titles: dict[str, tuple[str, ...]]  # by country, as names write them
    centre_titles: dict[str, tuple[str, ...]]  # the statuses of research centres, by country, as written
    laboratory_frame_words: frozenset[str]  # the rank and sponsor words around a key laboratory's subject
    laboratory_rank_words: frozenset[str]  # a key laboratory's rank ("state", "national")
    laboratory_rank_phrases: tuple[str, ...]  # as written: "science and technology on"
    laboratory_hosts: frozenset[str]  # the kinds of body that host a key laboratory
    company_kind_words: dict[str, frozenset[str]]  # by country
    company_kind_readings: dict[str, dict[str, frozenset[str]]]  # by country: an acronym or Russian word → the kind words it stands for


class LegalForms(NamedTuple):
    version: str
    sources: tuple[str, ...]
    legal_forms: frozenset[str]
    legal_phrases: tuple[str, ...]
    by_country: dict[str, frozenset[str]]  # legal forms of one country's companies, optional on its entries' names


class Places(NamedTuple):
    version: str
    sources: tuple[str, ...]
    country_words: dict[str, frozenset[str]]
    country_abbreviations: frozenset[str]
    places: dict[str, frozenset[str]]
    spellings: dict[str, tuple[tuple[str, ...], ...]]  # by country: the ways one place is written


class Towns(NamedTuple):
    version: str
    sources: tuple[str, ...]
    towns: dict[str, frozenset[str]]


class Pinyin(NamedTuple):
    version: str
    sources: tuple[str, ...]
    syllables: frozenset[str]
    older_romanisations: dict[str, tuple[str, ...]]
    english_words: frozenset[str]


class HanReadings(NamedTuple):
    version: str
    sources: tuple[str, ...]
    first: dict[str, str]  # character → its first reading, the one compared
    other: dict[str, tuple[str, ...]]  # character → its other readings, where it has any
    phrases: dict[str, tuple[str, ...]]  # word → its reading, where that is not its characters' first readings


class Translations(NamedTuple):
    version: str
    sources: tuple[str, ...]
    chinese: dict[str, str]
    traditional: dict[str, str]
    pinyin_types: frozenset[str]
    pinyin_in_english: dict[str, tuple[str, ...]]
    russian: dict[str, str]
    russian_types: frozenset[str]
    russian_acronyms: dict[str, str]
    russian_initials: dict[str, tuple[str, ...]]  # English word or phrase → the initials of the Russian word(s)
    russian_initial_letters: dict[str, tuple[str, ...]]  # two Latin letters for one Cyrillic → how acronyms write it
    russian_initial_heads: frozenset[str]  # the words of russian_initials that say what kind of body a name is
    russian_adjective_suffixes: tuple[str, ...]  # a place's Russian adjective: place + suffix + inflection
    russian_adjective_inflections: frozenset[str]
    russian_eponym_titles: frozenset[str]  # the titles after "named after" (имени академика …), in Latin letters
    chinese_numbered_bodies: tuple[str, ...]  # what a multi-character ordinal numbers (第十四研究所)
    persian: dict[str, str]


class Japanese(NamedTuple):
    version: str
    sources: tuple[str, ...]
    kana: dict[str, str]  # katakana (one sound: a kana, or one with a small kana after it) → Latin letters
    marks: tuple[str, ...]  # words only a Japanese name holds (株式会社)
    words: dict[str, str]  # Japanese word → English (as Translations.chinese)


class KanjiForms(NamedTuple):
    version: str
    sources: tuple[str, ...]
    simplified: dict[str, str]  # a Japanese character form → the simplified character of the Chinese table
    japanese_only: frozenset[str]  # characters only Japanese writes (応, 発): a name holding one is Japanese


Lexicon = NameWords | LegalForms | Places | Towns | Pinyin | HanReadings | Translations | Japanese | KanjiForms


def _where(loc: Path_) -> str:
    """A table's key as written in a message: ``stop_words[7]``, ``synonyms.college``, ``parents.CN[1]``."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else f".{part}" if out else str(part)
    return out or "(top)"


class _File:
    """A file's tables, checked as they are taken: every problem names the file, line and key."""

    def __init__(self, path: Path, tables: set[str]) -> None:
        try:  # the project's loader: no aliases, no key given twice, only true/false as booleans
            self.doc = load_yaml(path, "word-list file")
        except InputError as exc:
            raise LexiconError(exc.message) from None
        self.data = self.doc.data
        if not isinstance(self.data, dict):
            self.fail((), "a mapping of tables is required (schema_version, version, sources, ...)")
        unknown = sorted(str(k) for k in self.data.keys() - tables - {"schema_version", "version", "sources"})
        if unknown:
            self.fail((unknown[0],), f"unknown table (known: {', '.join(sorted(tables))})")
        if self.data.get("schema_version") != SCHEMA_VERSION:
            self.fail(("schema_version",), f"{self.data.get('schema_version')!r}: {SCHEMA_VERSION} is required")

    def fail(self, loc: Path_, problem: str) -> NoReturn:
        raise LexiconError(f"{self.doc.where(loc)}: {_where(loc)}: {problem}")

    def table(self, key: str, kind: type) -> Any:
        if key not in self.data:
            self.fail((key,), "missing")
        if not isinstance(self.data[key], kind):
            self.fail((key,), f"a {_KINDS[kind]} is required")
        return self.data[key]

    def text(self, loc: Path_, value: Any, shape: Shape) -> str:
        if not isinstance(value, str) or not shape[0](value):
            self.fail(loc, f"{value!r} is not {shape[1]}")
        return value

    def header(self) -> tuple[str, tuple[str, ...]]:
        version = self.data.get("version")
        if not isinstance(version, str) or not version.strip():
            self.fail(("version",), "a version string is required")
        sources = self.table("sources", list)
        if not sources or not all(isinstance(s, str) and s.strip() for s in sources):
            self.fail(("sources",), "a list of one or more sources (where the words come from) is required")
        return version, tuple(sources)

    def sequence(self, loc: Path_, items: Any, shape: Shape) -> tuple[str, ...]:
        if not isinstance(items, list):
            self.fail(loc, "a list is required")
        return tuple(self.text((*loc, i), v, shape) for i, v in enumerate(items))

    def items(self, key: str, shape: Shape) -> tuple[str, ...]:
        return self.sequence((key,), self.table(key, list), shape)

    def spaced(self, key: str, shape: Shape = WORD) -> frozenset[str]:
        """A table written as text, its words separated by spaces."""
        text = self.table(key, str)
        words = text.split()
        bad = next((i for i, w in enumerate(words) if not shape[0](w)), None)
        if bad is not None:
            self.fail((key,), f"word {bad + 1}, {words[bad]!r}, is not {shape[1]}")
        return frozenset(words)

    def words(self, key: str, shape: Shape = WORD) -> frozenset[str]:
        return frozenset(self.items(key, shape))

    def mapping(self, key: str, keys: Shape, value: Callable[[Path_, Any], _V]) -> dict[str, _V]:
        """The table ``key`` (order kept), each key of the ``keys`` shape, each value read by ``value``
        (given where it stands, for the error)."""
        return {self.text((key, k), k, keys): value((key, k), v) for k, v in self.table(key, dict).items()}

    def same_as(self, table: dict[str, _V], key: str) -> dict[str, _V]:
        """``table`` with the countries of ``key`` (a mapping country → country) read as another's."""
        out = dict(table)
        for country, other in self.mapping(key, COUNTRY, self.strings(COUNTRY)).items():
            if other not in table:
                self.fail((key, country), f"{other!r} has no entry to share")
            out[country] = table[other]
        return out

    def strings(self, shape: Shape) -> Callable[[Path_, Any], str]:
        return lambda loc, v: self.text(loc, v, shape)

    def lists(self, shape: Shape) -> Callable[[Path_, Any], tuple[str, ...]]:
        return lambda loc, v: self.sequence(loc, v, shape)

    def mappings(self, keys: Shape, value: Callable[[Path_, Any], _V]) -> Callable[[Path_, Any], dict[str, _V]]:
        """A mapping inside a table (each key of the ``keys`` shape, each value read by ``value``)."""
        def read(loc: Path_, v: Any) -> dict[str, _V]:
            if not isinstance(v, dict):
                self.fail(loc, "a mapping is required")
            return {self.text((*loc, k), k, keys): value((*loc, k), x) for k, x in v.items()}
        return read


def read_name_words(path: Path) -> NameWords:
    f = _File(path, {"abbreviations", "abbreviation_readings", "stop_words", "generic_words", "optional_words", "synonyms", "organisation_words",
                     "company_descriptive_words", "body_kind_words", "acronym_may_drop_last", "compass_initials", "parents",
                     "parents_same_as", "parent_names", "programme_words", "sub_programme_words", "acronym_words",
                     "translation_words", "status_titles", "centre_titles", "laboratory_frame_words", "laboratory_rank_words",
                     "laboratory_rank_phrases", "laboratory_hosts", "company_kind_words",
                     "company_kind_readings", "company_kinds_same_as"})
    abbreviations = f.mapping("abbreviations", WORD, f.strings(PHRASE))
    readings = f.mapping("abbreviation_readings", WORD, f.lists(WORD))
    for key in readings:
        if key not in abbreviations:
            f.fail(("abbreviation_readings", key), f"{key!r} is not in abbreviations (the word it is written out as)")
    parents = f.same_as(f.mapping("parents", COUNTRY, f.lists(PHRASE)), "parents_same_as")
    parent_names = f.mapping("parent_names", PHRASE, f.strings(NAME_AS_WRITTEN))
    for phrase in {p for ps in parents.values() for p in ps} - set(parent_names):
        f.fail(("parent_names",), f"{phrase!r} (a parent) has no name here")
    return NameWords(*f.header(), abbreviations=abbreviations, abbreviation_readings=readings,
                     stop_words=f.words("stop_words"), generic_words=f.words("generic_words"),
                     optional_words=f.words("optional_words"), synonyms=f.mapping("synonyms", WORD, f.strings(WORD)),
                     organisation_words=f.words("organisation_words"),
                     company_descriptive_words=f.words("company_descriptive_words"),
                     body_kind_words=f.words("body_kind_words"),
                     acronym_may_drop_last=f.words("acronym_may_drop_last"),
                     compass_initials=f.mapping("compass_initials", WORD, f.strings(WORD)),
                     parents=parents, parent_names=parent_names,
                     programme_words=f.words("programme_words"), sub_programme_words=f.words("sub_programme_words"),
                     acronym_words={k: frozenset(v) for k, v in f.mapping("acronym_words", COUNTRY, f.lists(WORD)).items()},
                     translation_words={k: frozenset(v)
                                        for k, v in f.mapping("translation_words", COUNTRY, f.lists(WORD)).items()},
                     status_titles=f.mapping("status_titles", COUNTRY, f.lists(WRITTEN_PHRASE)),
                     centre_titles=f.mapping("centre_titles", COUNTRY, f.lists(WRITTEN_PHRASE)),
                     laboratory_frame_words=f.words("laboratory_frame_words"),
                     laboratory_rank_words=f.words("laboratory_rank_words"),
                     laboratory_rank_phrases=f.items("laboratory_rank_phrases", WRITTEN_PHRASE),
                     laboratory_hosts=f.words("laboratory_hosts"),
                     company_kind_words={k: frozenset(v) for k, v in f.same_as(
                         f.mapping("company_kind_words", COUNTRY, f.lists(WORD)), "company_kinds_same_as").items()},
                     company_kind_readings={k: {a: frozenset(w) for a, w in v.items()} for k, v in f.same_as(
                         f.mapping("company_kind_readings", COUNTRY, f.mappings(WORD, f.lists(WORD))),
                         "company_kinds_same_as").items()})


def read_legal_forms(path: Path) -> LegalForms:
    f = _File(path, {"legal_forms", "legal_phrases", "legal_forms_by_country"})
    return LegalForms(*f.header(), legal_forms=f.words("legal_forms"), legal_phrases=f.items("legal_phrases", PHRASE),
                      by_country={k: frozenset(v) for k, v in
                                  f.mapping("legal_forms_by_country", COUNTRY, f.lists(WORD)).items()})


def read_places(path: Path) -> Places:
    f = _File(path, {"country_words", "country_abbreviations", "places", "places_same_as", "spellings"})


    def ways(loc: Path_, value: Any) -> tuple[tuple[str, ...], ...]:
        if not isinstance(value, list):
            f.fail(loc, "a list of places, each a list of its spellings, is required")
        groups = tuple(f.sequence((*loc, i), group, WORD) for i, group in enumerate(value))
        if (one := next((i for i, g in enumerate(groups) if len(g) < 2), None)) is not None:
            f.fail((*loc, one), "a place needs two spellings or more")
        return groups

    spellings = f.mapping("spellings", COUNTRY, ways)
    return Places(*f.header(),
                  country_words={k: frozenset(v) for k, v in f.mapping("country_words", COUNTRY, f.lists(WORD)).items()},
                  country_abbreviations=f.words("country_abbreviations"),
                  places=f.same_as({k: frozenset(v) for k, v in f.mapping("places", COUNTRY, f.lists(WORD)).items()},
                                   "places_same_as"),
                  spellings=spellings)


def read_towns(path: Path) -> Towns:
    f = _File(path, {"towns"})
    return Towns(*f.header(), towns={k: frozenset(v) for k, v in f.mapping("towns", COUNTRY, f.lists(PHRASE)).items()})


def read_pinyin(path: Path) -> Pinyin:
    f = _File(path, {"syllables", "older_romanisations", "english_words"})
    return Pinyin(*f.header(), syllables=f.spaced("syllables"),
                  older_romanisations=f.mapping("older_romanisations", WORD, f.lists(WORD)),
                  english_words=f.words("english_words"))


def read_han_readings(path: Path) -> HanReadings:
    """Two tables by syllable, each the characters so read written as one text (read as mappings of
    characters), and the words read otherwise, each with its syllables."""
    f = _File(path, {"first", "other", "phrases"})
    first: dict[str, str] = {}
    for syllable, chars in f.mapping("first", WORD, f.strings(HAN)).items():
        for ch in chars:
            if ch in first:
                f.fail(("first", syllable), f"{ch} has a first reading already ({first[ch]})")
            first[ch] = syllable
    other: dict[str, list[str]] = {}
    for syllable, chars in f.mapping("other", WORD, f.strings(HAN)).items():
        for ch in chars:
            if ch not in first:
                f.fail(("other", syllable), f"{ch} has no first reading")
            other.setdefault(ch, []).append(syllable)
    phrases: dict[str, tuple[str, ...]] = {}
    for phrase, reading in f.mapping("phrases", HAN, f.strings(PHRASE)).items():
        phrases[phrase] = tuple(reading.split(" "))
        if len(phrases[phrase]) != len(phrase):
            f.fail(("phrases", phrase), f"{reading!r}: one syllable per character is required")
    return HanReadings(*f.header(), first=first, other={k: tuple(v) for k, v in other.items()}, phrases=phrases)


def read_translations(path: Path) -> Translations:
    f = _File(path, {"chinese", "traditional", "pinyin_types", "pinyin_in_english", "russian", "russian_types",
                      "russian_acronyms", "russian_initials", "russian_initial_letters", "russian_initial_heads",
                      "russian_adjective_suffixes", "russian_adjective_inflections", "russian_eponym_titles",
                      "chinese_numbered_bodies", "persian"})
    return Translations(*f.header(), chinese=f.mapping("chinese", HAN, f.strings(TRANSLATION)),
                        traditional=f.mapping("traditional", HAN_CHARACTER, f.strings(HAN_CHARACTER)),
                        pinyin_types=f.words("pinyin_types"),
                        pinyin_in_english=f.mapping("pinyin_in_english", WORD, f.lists(WORD)),
                        russian=f.mapping("russian", RUSSIAN_STEM, f.strings(TRANSLATION)),
                        russian_types=f.words("russian_types"),
                        russian_acronyms=f.mapping("russian_acronyms", RUSSIAN_STEM, f.strings(TRANSLATION)),
                        russian_initials={k: tuple(v.split("|")) for k, v in f.mapping(
                            "russian_initials", PHRASE, f.strings(INITIALS)).items()},
                        russian_initial_letters={k: tuple(v.split("|")) for k, v in f.mapping(
                            "russian_initial_letters", INITIALS, f.strings(INITIALS)).items()},
                        russian_initial_heads=f.words("russian_initial_heads", PHRASE),
                        russian_adjective_suffixes=tuple(f.items("russian_adjective_suffixes", INITIALS)),
                        russian_adjective_inflections=f.words("russian_adjective_inflections", INITIALS),
                        russian_eponym_titles=f.words("russian_eponym_titles", INITIALS),
                        chinese_numbered_bodies=tuple(f.items("chinese_numbered_bodies", HAN)),
                        persian=f.mapping("persian", PERSIAN_WORD, f.strings(TRANSLATION)))


def read_japanese(path: Path) -> Japanese:
    f = _File(path, {"kana", "marks", "words"})
    return Japanese(*f.header(), kana=f.mapping("kana", KATAKANA, f.strings(ROMAJI)), marks=f.items("marks", HAN),
                    words=f.mapping("words", JAPANESE_WORD, f.strings(TRANSLATION)))


def read_kanji_forms(path: Path) -> KanjiForms:
    f = _File(path, {"simplified", "japanese_only"})
    return KanjiForms(*f.header(), simplified=f.mapping("simplified", HAN_CHARACTER, f.strings(HAN_CHARACTER)),
                      japanese_only=frozenset(f.text(("japanese_only",), f.table("japanese_only", str), HAN)))


# every word-list file of reference/matching/, by id (its name), with its reader
READERS: dict[str, Callable[[Path], Lexicon]] = {
    "legal-forms": read_legal_forms, "name-words": read_name_words, "pinyin": read_pinyin, "places": read_places,
    "towns": read_towns, "han-readings": read_han_readings, "translations": read_translations,
    "japanese": read_japanese, "kanji-forms": read_kanji_forms}


# The tables the matcher uses, each file read once per process.
@lru_cache(maxsize=1)
def name_words() -> NameWords:
    return read_name_words(LEXICON_DIR / "name-words.yaml")


@lru_cache(maxsize=1)
def legal_forms() -> LegalForms:
    return read_legal_forms(LEXICON_DIR / "legal-forms.yaml")


@lru_cache(maxsize=1)
def places() -> Places:
    return read_places(LEXICON_DIR / "places.yaml")


@lru_cache(maxsize=1)
def towns() -> Towns:
    return read_towns(LEXICON_DIR / "towns.yaml")


@lru_cache(maxsize=1)
def pinyin() -> Pinyin:
    return read_pinyin(LEXICON_DIR / "pinyin.yaml")


@lru_cache(maxsize=1)
def han_readings() -> HanReadings:
    return read_han_readings(LEXICON_DIR / "han-readings.yaml")


@lru_cache(maxsize=1)
def translations() -> Translations:
    return read_translations(LEXICON_DIR / "translations.yaml")


@lru_cache(maxsize=1)
def japanese() -> Japanese:
    return read_japanese(LEXICON_DIR / "japanese.yaml")


@lru_cache(maxsize=1)
def kanji_forms() -> KanjiForms:
    return read_kanji_forms(LEXICON_DIR / "kanji-forms.yaml")


LEXICONS: dict[str, Callable[[], Lexicon]] = {"legal-forms": legal_forms, "name-words": name_words,
                                             "pinyin": pinyin, "places": places, "towns": towns,
                                             "han-readings": han_readings, "translations": translations,
                                             "japanese": japanese, "kanji-forms": kanji_forms}


def lexicon_versions() -> list[PackVersion]:
    """Version and sha256 of every word-list file the matcher reads, by id (the file's name)."""
    from collabguard.models.report import PackVersion

    out = [PackVersion(id=name, version=read().version,
                       sha256=hashlib.sha256((LEXICON_DIR / f"{name}.yaml").read_bytes()).hexdigest())
           for name, read in LEXICONS.items()]
    try:
        parts = load_yaml(PARTS_FILE, "word-list file").data
    except InputError as exc:
        raise LexiconError(exc.message) from None
    version = parts.get("version") if isinstance(parts, dict) else None
    if not isinstance(version, str) or not version.strip():
        raise LexiconError(f"{PARTS_FILE}: version: a version string is required")
    out.append(PackVersion(id=PARTS_FILE.stem, version=version, sha256=hashlib.sha256(PARTS_FILE.read_bytes()).hexdigest()))
    return sorted(out, key=lambda v: v.id)
