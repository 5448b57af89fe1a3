"""A Chinese key laboratory named another way than the list names it: "National Key Laboratory of Radar Signal
Processing" for the 1286 list's "Defense S&T Key Laboratory of Radar Signal Processing at Xidian University".

China's key laboratories are named by their subject, with a rank and sponsor in front (State Key Laboratory,
National Key Laboratory, Defense S&T Key Laboratory, "… Key Laboratory of National Defense", "Science and
Technology on … Laboratory") and their host after it ("at Xidian University", "of Changchun University of Science
and Technology") or not: the list's own aliases of one laboratory write it in eight of these ways (its entry for
the Antennas and Microwave Technology laboratory). Its subject is what says which laboratory it is: the words
left once the rank, the sponsor, the host, the places and the generic words are read away
(``laboratory_frame_words``, ``laboratory_rank_words``, ``laboratory_hosts`` of name-words.yaml). A key
laboratory's name whose subject is exactly a listed key laboratory's of the same country is asked about:
``possible``, never ``match``, and only with the country to back it, as another host may have a laboratory of
that subject. A subject with a word more or less is another laboratory's ("High Power Laser" is not "High Power
Semiconductor Laser"); a laboratory without a rank ("The High Power Laser Laboratory") is no key laboratory.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from functools import lru_cache

from collabguard.matching.compare import COUNTRY_WORDS, PLACE_WORDS, TOWNS
from collabguard.matching.index import NameForm
from collabguard.matching.normalize import GENERIC_WORDS, tokens
from collabguard.reference.lexicons import name_words

LABORATORY = "laboratory"  # the word as the matcher reads it ("Lab", "Labs")
LAB_SCORE = 80  # the subject pairs; rank, sponsor and host may differ
MIN_SUBJECT = 2  # words of a subject that may say which laboratory it is
LAB_COUNTRIES = frozenset({"CN"})  # whose key laboratories are named so (the 1286 list's Defense S&T laboratories)
_WORDS = name_words()
_RANKS: frozenset[str] = _WORDS.laboratory_rank_words
_RANK_PHRASE = re.compile("|".join(r"\b" + r"\s+".join(map(re.escape, p.split())) + r"\b"
                                   for p in _WORDS.laboratory_rank_phrases) or r"(?!)", re.IGNORECASE)
# the generic words, the rank and sponsor words, the country's own name ("Chinese Academy of Sciences – Key
# Laboratory for Quantum Information": the parent's "Chinese") and its places ("Qingdao Key Laboratory of …")
_FRAME: frozenset[str] = (_WORDS.laboratory_frame_words | _RANKS | GENERIC_WORDS
                          | frozenset().union(*(COUNTRY_WORDS.get(c, frozenset()) | PLACE_WORDS.get(c, frozenset())
                                                | TOWNS.get(c, frozenset()) for c in LAB_COUNTRIES)))
# the host after the subject: "… at Xidian University", "… of Changchun University of Science and Technology"
_HOSTS = "|".join(sorted(_WORDS.laboratory_hosts))
_HOST = re.compile(rf"\s+(?:at|of)\s+(?:the\s+)?(?:\S+\s+){{0,4}}?(?:{_HOSTS})\b.*$", re.IGNORECASE)


@lru_cache(maxsize=8192)
def lab_subject(text: str) -> frozenset[str]:
    """The subject of a key laboratory's name (its words, each as written but for a plural's s), or an empty set
    where the name is no key laboratory's or says no subject of two words."""
    words = tokens(text)
    if LABORATORY not in words or (_RANKS.isdisjoint(words) and not _RANK_PHRASE.search(text)):
        return frozenset()
    bare = _HOST.sub("", text)
    subject = frozenset(_singular(w) for w in tokens(bare) if len(w) > 1 and w not in _FRAME and w.isalpha())
    return subject if len(subject) >= MIN_SUBJECT else frozenset()


def subject_words(text: str, subject: frozenset[str]) -> str:
    """The subject as the name writes it, in its order ("radar signal processing")."""
    return " ".join(dict.fromkeys(w for w in map(_singular, tokens(_HOST.sub("", text))) if w in subject))


def _singular(word: str) -> str:
    return word[:-1] if len(word) > 4 and word.endswith("s") and not word.endswith("ss") else word


class LaboratoryIndex:
    """The listed key laboratories of the lab countries (their names and aliases), by subject."""

    def __init__(self, forms: Iterable[NameForm]) -> None:
        self._by_subject: dict[frozenset[str], list[NameForm]] = defaultdict(list)
        for form in forms:
            # (the form's words first: a name without "laboratory" is not read again, of the index's thousands)
            if (form.kind in ("name", "alias") and not form.via and not form.reading and LABORATORY in form.tokens
                    and form.entity.country in LAB_COUNTRIES and (subject := lab_subject(form.text))):
                self._by_subject[subject].append(form)

    def same_subject(self, text: str) -> list[tuple[frozenset[str], NameForm]]:
        """The listed key laboratories whose subject is the name's, with that subject."""
        subject = lab_subject(text)
        return [(subject, form) for form in self._by_subject.get(subject, ())] if subject else []
