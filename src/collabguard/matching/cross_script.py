"""A name in another script: when its translation confirms an identity, and when the list's own
name in that script says it is another body.

Word for word. Московский авиационный институт translates word for word into "Moscow Aviation
Institute", and دانشگاه صنعتی مالک اشتر into "Malek Ashtar University of Technology": every word of
the name is a dictionary word or a romanised proper name, none is left out, and together they are
exactly the words of the listed name. Russian and Persian institution names are built that way (a
place or a person, then what kind of body), so such a translation is the name, and it is a
``match`` where the country agrees (without a country, or with another, it stays ``possible``, as
any name does). It stays ``possible`` when a word of the name was left out to make it fit, when a
Persian word was only compared by its consonants, when the listed name is generic, or when the
translation fits several entries of a list.

Chinese names are not translated that literally: 上海科技大学 (ShanghaiTech University) reads word
for word as "Shanghai University of Science and Technology", and the listed University of Shanghai
for Science and Technology is 上海理工大学. So a Chinese translation never confirms an identity; and
where the list (or a registry linked to the entry) gives the entry's own Chinese name, a name of the
same shape (same place, same kind of body, another word between) is another body: the translation
is set aside and shown as a near miss saying why.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from collabguard.matching.han_reading import HAN_CHARACTER, every_reading, first_readings
from collabguard.matching.index import NameForm
from collabguard.matching.normalize import normalize
from collabguard.matching.pinyin import syllables
from collabguard.matching.registry import is_registry
from collabguard.matching.translate import script_of

WORD_FOR_WORD_SCRIPTS = frozenset({"cyrillic", "arabic"})
CONFIRMING_KINDS = frozenset({"name", "alias", "local"})
MIN_SAME_SHAPE = 5  # characters: two for the place, one or more for what is between, two for the kind
EDGE = 2  # characters of the place before, and of the kind of body after
OwnNames = tuple[tuple[tuple[str, ...], str], ...]  # an entry's Chinese names: (pinyin reading, as written)


def word_for_word(script: str, reading: Iterable[str], form: NameForm) -> bool:
    """Does this reading of a translated name confirm the listed name ``form`` (see the module)?
    ``reading``: one English word per word of the name, "" for a word left out."""
    return (script in WORD_FOR_WORD_SCRIPTS and all(reading) and not form.generic
            and form.kind in CONFIRMING_KINDS)


@lru_cache(maxsize=65536)
def han(text: str) -> tuple[str, ...]:
    """A Chinese name as compared: its pinyin reading, one syllable per character (each character's first
    reading in ``han-readings.yaml``; one without a reading stands for itself), without spaces or
    punctuation. Read aloud, traditional and simplified characters agree (哈爾濱 and 哈尔滨 are both
    "ha er bin"; 廈門 and 厦门 "sha men"), so a name in traditional characters is never taken for another
    name. Read character by character, not word by word: a character is read the same way wherever it
    stands (:func:`~collabguard.matching.han_reading.first_readings`)."""
    return first_readings("".join(HAN_CHARACTER.findall(normalize(text))))


def chinese_names(forms: Iterable[NameForm]) -> dict[str, OwnNames]:
    """Every entry's own names in Chinese characters (from the list, or borrowed from another list or
    a registry for the same body), by entity id: (reading, name as written)."""
    out: dict[str, dict[tuple[str, ...], str]] = {}
    for f in forms:
        if (f.kind == "local" or _registry_label(f)) and script_of(f.text) == "cjk" and (reading := han(f.text)):
            out.setdefault(f.entity.entity_id, {}).setdefault(reading, f.text)
    return {k: tuple(v.items()) for k, v in out.items()}


def _registry_label(form: NameForm) -> bool:
    """A label the registry gives the entry's own record (linked by the entry's name, not an alias): its name in
    Chinese where the list gives none (大连理工大学 for the 1286 list's Dalian University of Technology)."""
    link = form.entity.registry
    return (bool(form.via) and is_registry(form.via) and link is not None and link.linked_on == "name"
            and any(n.text == form.text and n.kind == "label" and n.relation == "same" for n in link.names))


@lru_cache(maxsize=4096)
def readings_of(text: str) -> tuple[frozenset[str], ...]:
    """Every reading of each character of a Chinese name (长 is chang or zhang): a name written in pinyin is
    compared with these, so that a character read another way is not taken for another word."""
    return every_reading("".join(HAN_CHARACTER.findall(normalize(text))))


def pinyin_reading(words: Iterable[str]) -> tuple[str, ...]:
    """The syllables of a name written in pinyin ("Huadong Ligong Daxue": hua dong li gong da xue); () if a word
    is not pinyin."""
    out: list[str] = []
    for word in words:
        split = syllables(word)
        if split is None:
            return ()
        out.extend(split)
    return tuple(out)


def other_chinese_name(query: str, own: OwnNames, spelled: tuple[str, ...] = ()) -> str | None:
    """The entry's own Chinese name when ``query`` (a Chinese name) is another name of the same
    shape: as long, the same place before and the same kind of body after (two characters each),
    a different word between (上海科技大学 against the listed 上海理工大学); or as long, the same four
    characters after and another place before (华东理工大学, East China University of Science and
    Technology, against the listed 东华理工大学, East China University of Technology). A name written in
    pinyin is compared by its syllables (``spelled``: "Huadong Ligong Daxue"). Only that shape counts:
    lists hold one Chinese name, often a former or shortened one (火箭指挥学院 for 火箭军指挥学院,
    装备学院 for the renamed 航天工程大学), and a name that merely differs may still be the body. None
    when the entry has no Chinese name, or none of that shape differs."""
    if not own or (script_of(query) != "cjk" and not spelled):
        return None
    q = spelled or han(query)
    if len(q) < MIN_SAME_SHAPE:
        return None
    # per own name, which of the query's syllables are its characters' (any reading of a character, for pinyin)
    agree = [(text, [a == b for a, b in zip(q, reading, strict=True)] if not spelled
              else [s in r for s, r in zip(q, readings_of(text), strict=True)])
             for reading, text in own if len(reading) == len(q)]
    if any(all(same) for _, same in agree):
        return None
    for text, same in agree:
        if all(same[-EDGE:]) and (all(same[:EDGE]) or (len(q) > 2 * EDGE and all(same[-2 * EDGE:]))):
            return text
    return None
