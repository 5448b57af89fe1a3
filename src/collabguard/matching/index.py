"""Candidate index over every name form of every list entry.

Built once per list (well under a second for the shipped lists). Lookups are dictionary hits:
exact normalised forms, order-free fingerprints, space-free forms, acronyms; and, for fuzzy and
translated names, postings by word, by the first five letters of a word (typos, abbreviations) and
by consonant skeleton (Persian). A query is scored only against entries that share its rarest
distinctive words, never against every name.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from collabguard.lists.model import Entity
from collabguard.matching.normalize import (
    GENERIC_WORDS,
    STOP_WORDS,
    acronym_key,
    compact,
    fingerprint,
    is_generic,
    looks_like_acronym,
    normalize,
    tokens,
)
from collabguard.matching.translate import script_of, skeleton

PREFIX = 5


@dataclass(slots=True, frozen=True)
class NameForm:
    """One way a list entry is written: its name, an alias, an acronym or a local-script name."""

    entity: Entity
    text: str
    kind: str  # name | alias | acronym | derived acronym | local
    norm: str
    tokens: tuple[str, ...]
    fingerprint: str
    compact: str
    generic: bool
    via: str = ""  # another list's id when a local-script name was borrowed from the same institution there


def derived_acronym(text: str) -> str | None:
    """Initials of the words of a name ("National University of Defense Technology" → NUDT)."""
    words = [w for w in tokens(text) if w not in STOP_WORDS and w.isascii() and w[:1].isalpha()]
    if not 3 <= len(words) <= 8:
        return None
    return "".join(w[0] for w in words).upper()


def entity_forms(entity: Entity, borrowed: list[tuple[str, str]] = ()) -> list[NameForm]:  # type: ignore[assignment]
    """Every name form of an entry (list names are never split), plus borrowed local names."""
    raw: list[tuple[str, str, str]] = [(entity.name, "name", "")]
    raw += [(alias, "alias", "") for alias in entity.aliases]
    raw += [(acr, "acronym", "") for acr in entity.acronyms]
    if entity.name_local:
        raw.append((entity.name_local, "local", ""))
    raw += [(text, "local", via) for text, via in borrowed]
    forms: list[NameForm] = []
    seen: set[tuple[str, str]] = set()
    latin_names = []
    for text, kind, via in raw:
        if kind == "alias" and looks_like_acronym(text):
            kind = "acronym"
        elif kind == "alias" and script_of(text) != "latin":
            kind = "local"
        if kind in ("name", "alias"):
            latin_names.append(text)
        norm = normalize(text)
        if not norm or (norm, kind) in seen:
            continue
        seen.add((norm, kind))
        forms.append(NameForm(entity, text, kind, norm, tokens(text), fingerprint(text), compact(text), is_generic(text), via))
    listed_acronyms = {acronym_key(f.text) for f in forms if f.kind == "acronym"}
    for text in latin_names:
        acr = derived_acronym(text)
        if acr and acr not in listed_acronyms:
            listed_acronyms.add(acr)
            forms.append(NameForm(entity, acr, "derived acronym", acr.lower(), (acr.lower(),), acr.lower(), acr.lower(), False))
    return forms


def blocking_keys(token: str) -> list[str]:
    """Index keys of a list word: itself, its first letters, its consonant skeleton."""
    keys = [token]
    if len(token) >= PREFIX + 1:
        keys.append("^" + token[:PREFIX])
    if len(token) >= 3 and token.isascii():
        keys.append("~" + skeleton(token))
    return keys


def query_keys(token: str) -> list[str]:
    """Index keys to look up for a query word (a translated word looks up each alternative)."""
    if token.startswith("~"):
        return ["~" + skeleton(token[1:])]
    keys: list[str] = []
    for alt in token.split("|"):
        keys.append(alt)
        if len(alt) >= PREFIX:
            keys.append("^" + alt[:PREFIX])
        if len(alt) >= 4 and alt.isascii():
            keys.append("~" + skeleton(alt))  # pinyin and transliterations: haerbin ~ harbin
    return keys


class NameIndex:
    """Exact, fingerprint, compact, acronym and word lookups over the entries of one list."""

    def __init__(self, forms: list[NameForm]) -> None:
        self.exact: dict[str, list[NameForm]] = defaultdict(list)
        self.fingerprints: dict[str, list[NameForm]] = defaultdict(list)
        self.compacts: dict[str, list[NameForm]] = defaultdict(list)
        self.acronyms: dict[str, list[NameForm]] = defaultdict(list)
        self.postings: dict[str, list[NameForm]] = defaultdict(list)
        self.frequency: dict[str, int] = defaultdict(int)
        self.size = len(forms)
        for form in forms:
            if form.kind in ("acronym", "derived acronym"):
                key = acronym_key(form.text)
                if key:
                    self.acronyms[key].append(form)
                continue
            self.exact[form.norm].append(form)
            if form.kind == "local":
                continue
            self.fingerprints[form.fingerprint].append(form)
            self.compacts[form.compact].append(form)
            for tok in set(form.tokens):
                self.frequency[tok] += 1
                for key in blocking_keys(tok):
                    self.postings[key].append(form)

    def rarity(self, token: str) -> int:
        """How many names hold the word (a translated word: its most common alternative)."""
        alts = token.lstrip("~").split("|")
        return max(self.frequency.get(a, 0) for a in alts)

    def candidates(self, query: tuple[str, ...], how_many_words: int = 2) -> list[NameForm]:
        """Forms sharing one of the query's rarest distinctive words (exactly, by prefix or skeleton)."""
        distinctive = [t for t in dict.fromkeys(query)
                       if not all(a in GENERIC_WORDS for a in t.lstrip("~").split("|"))]
        distinctive.sort(key=lambda t: (self.rarity(t), t))
        seen: set[int] = set()
        out: list[NameForm] = []
        for tok in distinctive[:how_many_words]:
            for key in query_keys(tok):
                for form in self.postings.get(key, ()):
                    if id(form) not in seen:
                        seen.add(id(form))
                        out.append(form)
        return out
