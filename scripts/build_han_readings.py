"""Build ``src/collabguard/reference/matching/han-readings.yaml``: the pinyin readings of every Chinese
character the matcher reads (CJK Unified Ideographs, Extension A, Compatibility Ideographs), toneless, and
of the words read otherwise than their characters, from the dictionaries of ``pypinyin`` (MIT), which is
then no longer needed at run time.

The matcher compares Chinese names by how they are read, one syllable per character
(:mod:`collabguard.matching.cross_script`): a name in traditional characters and the same name in
simplified ones read alike (哈爾濱, 哈尔滨: ha er bin). A character's first reading is the one compared; its
other readings are kept for names written in pinyin (长 is chang or zhang). A place name is romanised to be
compared with English names (:mod:`collabguard.matching.translate`), and there a word's reading decides
(重庆 is Chongqing, 长春 Changchun, 厦门 Xiamen, not zhongqing, zhangchun, shamen): the words of pypinyin's
phrase dictionary whose reading is not their characters' first readings are kept with it. Importing
``pypinyin`` loaded all its dictionaries (57 MB of memory in every process that met a Chinese name, and a
quarter of a second); this file holds what the matcher uses of them. Nothing is added by hand. Run from
the repository root:

    python scripts/build_han_readings.py
"""

from __future__ import annotations

import sys
import unicodedata
from collections import defaultdict
from importlib.metadata import version
from pathlib import Path

OUT = Path("src/collabguard/reference/matching/han-readings.yaml")
RANGES = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF))  # as collabguard.matching.cross_script reads them


def plain(reading: str) -> str:
    """A reading as Latin names write it: ê (欸) is e; ü stays v, as pypinyin writes it."""
    return "".join(c for c in unicodedata.normalize("NFKD", reading) if not unicodedata.combining(c)).lower()


def readings() -> dict[str, tuple[str, ...]]:
    """Every character's toneless readings as pypinyin gives them (Style.NORMAL: ü written v; ê as e), first the
    dictionary's first; characters it has no reading for are left out."""
    from pypinyin import Style, pinyin

    out: dict[str, tuple[str, ...]] = {}
    for lo, hi in RANGES:
        for code in range(lo, hi + 1):
            ch = chr(code)
            found = pinyin(ch, style=Style.NORMAL, heteronym=True)[0]
            if found and found[0] != ch:
                out[ch] = tuple(dict.fromkeys(plain(r) for r in found))
    return out


def syllables() -> frozenset[str]:
    """The syllables of the dictionary's readings, toneless, as ``pinyin.yaml`` writes them out (tests compare the
    two). Syllables without a vowel (interjections: m, n, ng, hm) are left out."""
    from pypinyin.pinyin_dict import pinyin_dict

    out: set[str] = set()
    for found in pinyin_dict.values():
        for reading in found.split(","):
            toneless = plain(reading)
            if toneless.isascii() and toneless.isalpha() and any(v in toneless for v in "aeiou"):
                out.add(toneless)
    return frozenset(out)


def _in_ranges(text: str) -> bool:
    return all(any(lo <= ord(ch) <= hi for lo, hi in RANGES) for ch in text)


def phrases(first: dict[str, str]) -> dict[str, tuple[str, ...]]:
    """The words of pypinyin's phrase dictionary read otherwise than their characters' first readings, with
    their reading as ``pypinyin.lazy_pinyin`` gives it."""
    from pypinyin import lazy_pinyin
    from pypinyin.phrases_dict import phrases_dict

    out: dict[str, tuple[str, ...]] = {}
    for phrase in sorted(phrases_dict):
        if len(phrase) > 1 and _in_ranges(phrase):
            read = tuple(plain(r) for r in lazy_pinyin(phrase))
            if len(read) == len(phrase) and read != tuple(first[ch] for ch in phrase):
                out[phrase] = read
    return out


def main(out: Path = OUT) -> None:
    table = readings()
    first: dict[str, list[str]] = defaultdict(list)
    other: dict[str, list[str]] = defaultdict(list)
    for ch, found in table.items():
        first[found[0]].append(ch)
        for reading in found[1:]:
            other[reading].append(ch)
    words = phrases({ch: found[0] for ch, found in table.items()})
    lines = [
        "# The pinyin readings of Chinese characters, toneless (ü written v), by syllable: Chinese names are compared",
        "# by how they are read, one syllable per character (collabguard.matching.cross_script). `first`: the characters",
        "# whose first reading is the syllable, the one compared; `other`: the characters that may also be read so",
        "# (长 is zhang, and chang), for names written in pinyin. `phrases`: the words read otherwise than their",
        "# characters' first readings (重庆 chong qing), for place names romanised (collabguard.matching.translate).",
        "# Written by scripts/build_han_readings.py (nothing added by hand); tests/test_matching_han_readings.py",
        "# checks it agrees with the dictionaries of pypinyin.",
        "schema_version: 1",
        'version: "2026.12.8"',
        "sources:",
        f'  - "pypinyin {version("pypinyin")} (MIT, github.com/mozillazg/python-pinyin): pypinyin.pinyin_dict (from '
        'the Unicode Han Database, Unihan: kHanyuPinyin, kMandarin, kXHC1983) as pypinyin.pinyin(style=Style.NORMAL, '
        'heteronym=True) gives them for one character, and pypinyin.phrases_dict as pypinyin.lazy_pinyin reads its '
        'words; ê written e"',
    ]
    for key, table_ in (("first", first), ("other", other)):
        lines.append(f"{key}:")
        lines += [f"  {syllable}: {''.join(chars)}" for syllable, chars in sorted(table_.items())]
    lines.append("phrases:")
    lines += [f"  {phrase}: {' '.join(read)}" for phrase, read in words.items()]
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"readings of {len(table)} characters ({sum(len(v) > 1 for v in table.values())} with more than one) "
          f"and {len(words)} words written to {out}", file=sys.stderr)


if __name__ == "__main__":
    main()
