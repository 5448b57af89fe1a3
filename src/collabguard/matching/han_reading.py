"""How Chinese characters are read, in pinyin without tones (``reference/matching/han-readings.yaml``, from
the dictionaries of pypinyin).

- :func:`first_readings`: one syllable per character, each character read one way wherever it stands, so
  that a name in traditional characters reads as the same name in simplified ones (哈爾濱, 哈尔滨: ha er bin;
  廈門, 厦门). Names are compared by these (:mod:`collabguard.matching.cross_script`).
- :func:`every_reading`: each character's readings (长: zhang, chang), to compare a name written in pinyin.
- :func:`read_aloud`: a run of characters as it is read, words first (重庆 chong qing, 长春 chang chun,
  厦门 xia men): a place name romanised to be compared with English names
  (:mod:`collabguard.matching.translate`). The longest word of the table at each character, as
  pypinyin segments; the table holds only the words read otherwise than their characters.
"""

from __future__ import annotations

import re
from functools import lru_cache

from collabguard.reference.lexicons import han_readings

# the characters read: CJK Unified Ideographs, Extension A, Compatibility Ideographs (the table's ranges)
HAN_CHARACTER = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
MIN_READ_ALIKE = 4  # characters: a shorter name read aloud may be another's homophone


def first_readings(chars: str) -> tuple[str, ...]:
    """One syllable per character (a character without a reading stands for itself)."""
    first = han_readings().first
    return tuple(first.get(ch, ch) for ch in chars)


def read_alike_key(norm: str) -> tuple[str, ...] | None:
    """How a name written only in Chinese characters (four or more) is read, to find it written in the other set
    of characters (哈爾濱工業大學 for 哈尔滨工业大学); None for any other name. ``norm``: the normalised name."""
    chars = norm.replace(" ", "")
    if len(chars) < MIN_READ_ALIKE or len(HAN_CHARACTER.findall(chars)) != len(chars):
        return None
    return first_readings(chars)


def every_reading(chars: str) -> tuple[frozenset[str], ...]:
    """Every reading of each character. ü, written v (吕, lv), is also u, as names in Latin letters write it
    (Lüliang, Luliang)."""
    table = han_readings()
    out = []
    for ch in chars:
        found = (table.first.get(ch, ch), *table.other.get(ch, ()))
        out.append(frozenset(found) | {r.replace("v", "u") for r in found if "v" in r})
    return tuple(out)


@lru_cache(maxsize=1)
def _longest() -> int:
    return max(map(len, han_readings().phrases), default=1)


def read_aloud(chars: str) -> tuple[str, ...]:
    """A run of characters read as words: at each character the longest word the table reads otherwise,
    else the character's first reading."""
    table = han_readings()
    out: list[str] = []
    i = 0
    while i < len(chars):
        for size in range(min(_longest(), len(chars) - i), 1, -1):
            if (word := table.phrases.get(chars[i:i + size])) is not None:
                out.extend(word)
                i += size
                break
        else:
            out.append(table.first.get(chars[i], chars[i]))
            i += 1
    return tuple(out)
