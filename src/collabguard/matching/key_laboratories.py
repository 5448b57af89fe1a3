"""A Chinese key laboratory named another way than the list names it: "National Key Laboratory of Radar Signal
Processing" for the 1286 list's "Defense S&T Key Laboratory of Radar Signal Processing at Xidian University".

China's key laboratories are named by their subject, with a rank and sponsor in front (State Key Laboratory,
National Key Laboratory, Defense S&T Key Laboratory, "… Key Laboratory of National Defense", "Science and
Technology on … Laboratory") and their host after it ("at Xidian University", "of Changchun University of Science
and Technology") or not: the list's own aliases of one laboratory write it in eight of these ways (its entry for
the Antennas and Microwave Technology laboratory). Its subject is what says which laboratory it is: the words
left once the rank, the sponsor, the host and the generic words are read away (``laboratory_frame_words`` of
name-words.yaml). A name of a laboratory whose subject is a listed laboratory's of the same country, or that
subject with one word more or less where three or more agree ("High-strength Structural Materials" for
"Lightweight, High-strength Structural Materials"), is asked about: ``possible``, never ``match``, as another host
may have a laboratory of that subject.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from functools import lru_cache

from collabguard.matching.compare import COUNTRY_WORDS
from collabguard.matching.index import NameForm
from collabguard.matching.normalize import GENERIC_WORDS, tokens
from collabguard.reference.lexicons import name_words

LABORATORY = "laboratory"  # the word as the matcher reads it ("Lab", "Labs")
LAB_SCORE = 80  # the subject pairs; rank, sponsor and host may differ
MIN_SUBJECT = 2  # words of a subject that may say which laboratory it is
MIN_SHARED_WHEN_ONE_DIFFERS = 3  # words a subject shares with a listed one that has a word more or less
LAB_COUNTRIES = frozenset({"CN"})
# the generic words, the rank and sponsor words, and the country's own name ("Chinese Academy of Sciences – Key
# Laboratory for Quantum Information": the parent's "Chinese")
_FRAME: frozenset[str] = name_words().laboratory_frame_words | GENERIC_WORDS | COUNTRY_WORDS.get("CN", frozenset())
# the host after the subject: "… at Xidian University", "… of Changchun University of Science and Technology"
_AT_HOST = re.compile(r"\s+at\s+.*$", re.IGNORECASE)
_OF_HOST = re.compile(r"\s+of\s+(?:the\s+)?(?:[A-Z][\w’'-]*\s+){1,4}(?:University|Institute|Academy|College)\b.*$")


@lru_cache(maxsize=8192)
def lab_subject(text: str) -> frozenset[str]:
    """The subject of a laboratory's name (its words, each as written but for a plural's s), or an empty set
    where the name is no laboratory's or says no subject of two words."""
    if LABORATORY not in tokens(text):
        return frozenset()
    bare = _OF_HOST.sub("", _AT_HOST.sub("", text))
    words = frozenset(_singular(w) for w in tokens(bare) if len(w) > 1 and w not in _FRAME and w.isalpha())
    return words if len(words) >= MIN_SUBJECT else frozenset()


def _singular(word: str) -> str:
    return word[:-1] if len(word) > 4 and word.endswith("s") and not word.endswith("ss") else word


def same_subject(query: frozenset[str], listed: frozenset[str]) -> bool:
    """Is the query's subject the listed one, or that with one word more or less where three or more agree?"""
    if not query or not listed:
        return False
    if query == listed:
        return True
    shared = query & listed
    return len(query ^ listed) == 1 and len(shared) >= MIN_SHARED_WHEN_ONE_DIFFERS


class LaboratoryIndex:
    """The listed laboratories of the lab countries (their names and aliases), by each word of their subjects."""

    def __init__(self, forms: Iterable[NameForm]) -> None:
        self._by_word: dict[str, list[tuple[frozenset[str], NameForm]]] = defaultdict(list)
        for form in forms:
            if (form.kind in ("name", "alias") and not form.via and not form.reading
                    and form.entity.country in LAB_COUNTRIES and (subject := lab_subject(form.text))):
                for word in subject:
                    self._by_word[word].append((subject, form))

    def same_subject(self, text: str) -> list[tuple[frozenset[str], NameForm]]:
        """The listed laboratories whose subject is the name's (each form once), with their subject."""
        subject = lab_subject(text)
        if not subject:
            return []
        seen: set[int] = set()
        out = []
        for word in sorted(subject):
            for listed, form in self._by_word.get(word, ()):
                if id(form) not in seen and same_subject(subject, listed):
                    seen.add(id(form))
                    out.append((listed, form))
        return out
