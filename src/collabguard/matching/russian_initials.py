"""Russian acronyms of Russian bodies, from the English names the lists give them.

A Russian acronym is made of the initials of the Russian words, not the English ones: the Entity List's
"Joint Stock Company Bryansk Automobile Plant" is БАЗ, BAZ (Брянский автомобильный завод: the Z of
завод, plant); "Scientific Research Institute of Applied Acoustics" is НИИПА, NIIPA (научно-исследовательский
институт прикладной акустики). The English initials (BAP, SRIAA) are derived by
:func:`collabguard.matching.index.derived_acronyms`; these are the Russian ones, read through the table of
English words and the initials of the Russian words they translate (translations.yaml ``russian_initials``),
in the English word order (which keeps the Russian one in such names: "Ural Works of Civil Aviation" is
УЗГА). A word the table does not hold (a place, the body's own name) gives its first letter, or the two
letters a Cyrillic letter is written with (Х: KH or H, Ц: TS or C; ``russian_initial_letters``). Only a name
the table reads at least one word of gives one; the person a body is named after, the acronym a name carries
in brackets and the parent named before a comma ("Tactical Missile Corporation, Azov Optical and Mechanical
Plant") are left out; a Russian name in Latin letters is no English name, and a numbered institute ("48th
Central Scientific Research Institute", 48 ЦНИИ) has none without its number. Each acronym is only ever a
``possible``, as every acronym.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import islice, product

from collabguard.matching.eponyms import without_eponym
from collabguard.matching.normalize import STOP_WORDS, tokens
from collabguard.matching.translate import translate_russian_latin
from collabguard.reference.lexicons import translations

# the countries whose bodies' acronyms are Russian ones (Belarus's too: BelOMO, МЗКТ)
RUSSIAN_ACRONYM_COUNTRIES = frozenset({"RU", "BY"})
_TABLE: dict[str, tuple[str, ...]] = translations().russian_initials
_LONGEST = max((len(k.split()) for k in _TABLE), default=1)
# Cyrillic letters the lists' Latin spelling writes with two (Х, Ц, Ж, Ч, Ш): their acronyms write both or one
_TWO_LETTERS: dict[str, tuple[str, ...]] = translations().russian_initial_letters
MAX_WORDS = 8  # no acronym stands for a longer name (in Russian words read)
MAX_VARIANTS = 8  # spellings of one name's acronym
_BRACKETED = re.compile(r"\([^)]*\)")


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
        words = [w for w in tokens(part) if w not in STOP_WORDS and w.isascii() and w.isalpha()]
        if not words or translate_russian_latin(tuple(words)):
            continue  # a Russian name in Latin letters ("AO Nauchno Issledovatelskii …") is no English name
        options: list[tuple[str, ...]] = []
        read = False
        i = 0
        while i < len(words):
            for n in range(min(_LONGEST, len(words) - i), 0, -1):
                phrase = " ".join(words[i:i + n])
                if phrase in _TABLE:
                    options.append(_TABLE[phrase])
                    read = True
                    i += n
                    break
            else:
                options.append(_TWO_LETTERS.get(words[i][:2], (words[i][0],)))
                i += 1
        if read and len(options) <= MAX_WORDS:
            for combo in islice(product(*options), MAX_VARIANTS):
                acronym = "".join(combo).upper()
                if len(acronym) >= 3 and acronym not in out:
                    out.append(acronym)
    return tuple(out)
