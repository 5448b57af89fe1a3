"""A word of a name to compare, and its marks: the only module that writes or reads them.

A name written in Latin letters is compared word for word as written. A name translated from
another script (:mod:`collabguard.matching.translate`) has words with several English readings, words
English names often leave out, and romanised proper names compared by their consonants. Such a word
is kept as one string, as the hot loops compare millions of them (a string hashes, caches and
compares fast; an object per word would not):

- ``college|institute``: the readings of one word, any of which may pair;
- ``science?``: a word that may be left out (理工 is "science? technology");
- ``~shryf``: a romanised name compared by its consonant skeleton (Persian شریف, Sharif);
- ``≈tsikuron``: a romanised katakana name compared by its sounds (ツィクロン, Tsiklon: :mod:`collabguard.matching.kana`),
  a skeleton word of its own kind.

Everything else reads a word through these functions, never by looking for the marks itself.
"""

from __future__ import annotations

from functools import lru_cache

_OR, _OPTIONAL, _SKELETON, _SOUND = "|", "?", "~", "≈"
_BY_LETTERS = (_SKELETON, _SOUND)


def written(alternatives: list[str] | tuple[str, ...], *, optional: bool = False) -> str:
    """A translated word with these readings (the first the most common)."""
    return _OR.join(alternatives) + (_OPTIONAL if optional else "")


def by_skeleton(romanised: str) -> str:
    """A romanised name to be compared by its consonants."""
    return _SKELETON + romanised


def by_sound(romanised: str) -> str:
    """A romanised katakana name to be compared by its sounds (:func:`collabguard.matching.kana.sounds_alike`)."""
    return _SOUND + romanised


@lru_cache(maxsize=65536)
def readings(word: str) -> tuple[str, ...]:
    """The English readings of a word (a word as written has one: itself). A skeleton word keeps its
    mark: it pairs by its consonants only, never letter for letter (see :func:`letters`)."""
    return tuple(word.rstrip(_OPTIONAL).split(_OR))


@lru_cache(maxsize=65536)
def letters(word: str) -> tuple[str, ...]:
    """The readings of a word as plain words, a skeleton word's letters included (to ask whether
    a word is generic, or how common)."""
    return tuple(word.lstrip(_SKELETON + _SOUND).rstrip(_OPTIONAL).split(_OR))


def first_reading(word: str) -> str:
    """The word as a person would read it in an explanation ("extra word 'college'")."""
    return readings(word)[0]


def is_optional(word: str) -> bool:
    return word.endswith(_OPTIONAL)


def is_skeleton(word: str) -> bool:
    """A word compared by its consonants (a skeleton word) or by its sounds (a katakana name)."""
    return word.startswith(_BY_LETTERS)


def is_sound(word: str) -> bool:
    """A katakana name compared by its sounds."""
    return word.startswith(_SOUND)


def skeleton_letters(word: str) -> str:
    """The letters of a skeleton (or sound) word, as written after its mark."""
    return word[1:]


def has_readings(word: str) -> bool:
    """A translated word with more than one reading."""
    return _OR in word


def is_plain(word: str) -> bool:
    """A word with one reading, compared by its letters (not a skeleton word)."""
    return _OR not in word and not word.startswith(_BY_LETTERS)


def first_readings(words: tuple[str, ...] | list[str]) -> tuple[str, ...]:
    """Each word by its first reading ("siberian|sibirskogo branch|otdeleniya" → siberian branch): a translation's
    words as the English name most often writes them, to find a phrase in them (a parent's name)."""
    return tuple(readings(w)[0] for w in words)


def unmarked(word: str) -> str:
    """A one-reading word without its optional mark (for joining neighbouring words)."""
    return word.rstrip(_OPTIONAL)
