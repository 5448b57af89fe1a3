"""Russian acronyms of Russian bodies, from the English names the lists give them.

A Russian acronym is made of the initials of the Russian words, not the English ones: the Entity List's "Joint
Stock Company Bryansk Automobile Plant" is БАЗ, BAZ (Брянский автомобильный завод: the Z of завод, plant);
"Scientific Research Institute of Applied Acoustics" is НИИПА, NIIPA (научно-исследовательский институт
прикладной акустики). The English initials (BAP, SRIAA) are derived by
:func:`collabguard.matching.index.derived_acronyms`; these are the Russian ones, read through the table of
English words and the initials of the Russian words they translate (translations.yaml ``russian_initials``), in
the English word order ("Ural Works of Civil Aviation" is УЗГА), and, for a name that begins with its place
(places.yaml, towns.yaml), in the two orders a Russian name puts them in where the English one does not: the
kind of body right after the place ("Minsk Wheeled Tractor Plant" is Минский завод колёсных тягачей, МЗКТ;
"Taganrog Communications Scientific Research Institute" ТНИИС), the words after "of" before the kind of body
("Moscow Institute of Physics and Technology" is Московский физико-технический институт, МФТИ). Which order a
Russian name has, its English name does not say (БАЗ is Брянский автомобильный завод), so each gives its
acronym, of four letters or more (three say too little: МАИ, not "MIA"). A word the table does not hold (a
place, the body's own name) gives its first letter, or the two letters a Cyrillic letter is written with (Х: KH
or H, Ц: TS or C; ``russian_initial_letters``). Only a name the table reads at least one word of gives one; the
person a body is named after, the acronym a name carries in brackets and the parent named before a comma
("Tactical Missile Corporation, Azov Optical and Mechanical Plant") are left out; a Russian name in Latin
letters is no English name, and a numbered institute ("48th Central Scientific Research Institute", 48 ЦНИИ) has
none without its number. Each acronym is only ever a ``possible``, as every acronym.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import islice, product

from collabguard.matching.compare import PLACE_WORDS, TOWNS
from collabguard.matching.eponyms import without_eponym
from collabguard.matching.normalize import STOP_WORDS, linked_tokens
from collabguard.matching.translate import translate_russian_latin
from collabguard.reference.lexicons import translations

# the countries whose bodies' acronyms are Russian ones (Belarus's too: BelOMO, МЗКТ)
RUSSIAN_ACRONYM_COUNTRIES = frozenset({"RU", "BY"})
_TABLE: dict[str, tuple[str, ...]] = translations().russian_initials
_LONGEST = max((len(k.split()) for k in _TABLE), default=1)
# Cyrillic letters the lists' Latin spelling writes with two (Х, Ц, Ж, Ч, Ш): their acronyms write both or one
_TWO_LETTERS: dict[str, tuple[str, ...]] = translations().russian_initial_letters
# the words of the table that say what kind of body a name is (plant, institute, design bureau)
_HEADS: frozenset[str] = translations().russian_initial_heads
# the places a name must begin with to be read in the Russian orders (places.yaml, towns.yaml): not a person's
# name ("Keldysh Research Center") nor a word the table does not hold ("State …")
_PLACES: frozenset[str] = frozenset().union(*(TOWNS.get(c, frozenset()) | PLACE_WORDS.get(c, frozenset())
                                              for c in RUSSIAN_ACRONYM_COUNTRIES))
MIN_REORDERED = 4  # letters of an acronym read in a Russian order: three say too little ("MIA" is no МАИ)
MAX_WORDS = 8  # no acronym stands for a longer name (in Russian words read)
MAX_VARIANTS = 8  # spellings of one name's acronym
_BRACKETED = re.compile(r"\([^)]*\)")
_Item = tuple[tuple[str, ...], bool, bool]  # the initials a word or phrase may give; read by the table; a kind of body


@lru_cache(maxsize=8192)
def russian_acronyms(text: str) -> tuple[str, ...]:
    """The Russian acronyms of an English name of a Russian body (upper case), or () where the table reads
    none of its words."""
    named = without_eponym(text)
    text = _BRACKETED.sub(" ", named.text if named is not None else text)  # "(JSC VNIIRA)": the list's own acronym
    if any(ch.isdigit() for ch in text):
        return ()  # a numbered institute's acronym keeps its number ("48 TsNII"): TSNII alone names none
    out: list[str] = []
    for part in dict.fromkeys((text, text.rsplit(", ", 1)[-1])):
        before, after = _words(part)
        words = before + after
        if not words or translate_russian_latin(tuple(words)):
            continue  # a Russian name in Latin letters ("AO Nauchno Issledovatelskii …") is no English name
        first = _read(before)
        items = first + _read(after)
        if not any(read for _, read, _ in items) or len(items) > MAX_WORDS:
            continue
        orders = [[i for i, _, _ in items]]
        if ", " not in part and before[0] in _PLACES:  # the parent before a comma in the English order only
            orders += _reordered(items, len(first) if after else None)
        for n, order in enumerate(orders):
            for combo in islice(product(*order), MAX_VARIANTS):
                acronym = "".join(combo).upper()
                if len(acronym) >= (3 if n == 0 else MIN_REORDERED) and acronym not in out:
                    out.append(acronym)
    return tuple(out)


def _words(text: str) -> tuple[list[str], list[str]]:
    """The words of a name an acronym is made of, before and after the first "of" (the phrases the normaliser
    reads away, "Federal State Budgetary Institution of Science", read away first)."""
    toks, stops = linked_tokens(text)
    before: list[str] = []
    after: list[str] = []
    for token, left_out in zip(toks, stops, strict=False):
        if after or (before and "of" in left_out.split()):
            after.append(token)
        else:
            before.append(token)
    keep = [[w for w in side if w not in STOP_WORDS and w.isascii() and w.isalpha()] for side in (before, after)]
    return (keep[0], keep[1]) if keep[0] else (keep[0] + keep[1], [])


def _read(words: list[str]) -> list[_Item]:
    """Each word or phrase of a name, the longest the table holds first: the initials it may give, whether the
    table reads it, whether it says what kind of body the name is (``russian_initial_heads``)."""
    items: list[_Item] = []
    i = 0
    while i < len(words):
        for n in range(min(_LONGEST, len(words) - i), 0, -1):
            phrase = " ".join(words[i:i + n])
            if phrase in _TABLE:
                items.append((_TABLE[phrase], True, phrase in _HEADS))
                i += n
                break
        else:
            items.append((_TWO_LETTERS.get(words[i][:2], (words[i][0],)), False, False))
            i += 1
    return items


def _reordered(items: list[_Item], of_at: int | None) -> list[list[tuple[str, ...]]]:
    """The two orders of a Russian name whose English name begins with its place: the kind of body right after
    the place, the words after "of" (``of_at``: the first of them) before the kind of body."""
    initials = [i for i, _, _ in items]
    orders = []
    if len(items) >= 3 and items[-1][2]:  # "Minsk Wheeled Tractor Plant": MZKT
        orders.append([initials[0], initials[-1], *initials[1:-1]])
    if of_at is not None and 2 <= of_at < len(items) and items[of_at - 1][2]:  # "Moscow Institute of Physics …": MFTI
        orders.append([*initials[:of_at - 1], *initials[of_at:], initials[of_at - 1]])
    return orders
