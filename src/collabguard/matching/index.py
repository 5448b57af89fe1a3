"""Candidate index over every name form of every list entry.

Built once per list set; lookups are dictionary hits (exact forms, order-free fingerprints,
acronyms) plus a token index that narrows fuzzy scoring to entries sharing a distinctive word,
so a query is never scored against every name.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from collabguard.lists.model import Entity
from collabguard.matching.normalize import (
    GENERIC_WORDS,
    acronym_key,
    compact,
    fingerprint,
    is_generic,
    looks_like_acronym,
    normalize,
    tokens,
)


@dataclass(slots=True, frozen=True)
class NameForm:
    """One way a list entry is written: its name, an alias, an acronym or a local-script name."""

    entity: Entity
    text: str
    kind: str  # name | alias | acronym | local
    norm: str
    fingerprint: str
    compact: str
    generic: bool


def _is_local_script(text: str) -> bool:
    return any(ord(ch) > 0x24F and ch.isalpha() for ch in text)


def entity_forms(entity: Entity) -> list[NameForm]:
    """Every name form of an entry (list names are never split on commas)."""
    raw: list[tuple[str, str]] = [(entity.name, "name")]
    raw += [(alias, "alias") for alias in entity.aliases]
    raw += [(acr, "acronym") for acr in entity.acronyms]
    if entity.name_local:
        raw.append((entity.name_local, "local"))
    forms: list[NameForm] = []
    seen: set[tuple[str, str]] = set()
    for text, kind in raw:
        if kind == "alias" and looks_like_acronym(text):
            kind = "acronym"
        elif kind == "alias" and _is_local_script(text):
            kind = "local"
        norm = normalize(text)
        if not norm or (norm, kind) in seen:
            continue
        seen.add((norm, kind))
        forms.append(NameForm(entity, text, kind, norm, fingerprint(text), compact(text), is_generic(text)))
    return forms


class NameIndex:
    """Exact, fingerprint, acronym and token lookups over a set of entries."""

    def __init__(self, entities: tuple[Entity, ...] | list[Entity]) -> None:
        self.exact: dict[str, list[NameForm]] = defaultdict(list)
        self.fingerprints: dict[str, list[NameForm]] = defaultdict(list)
        self.compacts: dict[str, list[NameForm]] = defaultdict(list)
        self.acronyms: dict[str, list[NameForm]] = defaultdict(list)
        self.by_token: dict[str, list[NameForm]] = defaultdict(list)
        self.size = 0
        for entity in entities:
            for form in entity_forms(entity):
                self.size += 1
                if form.kind == "acronym":
                    key = acronym_key(form.text)
                    if key:
                        self.acronyms[key].append(form)
                    continue
                self.exact[form.norm].append(form)
                self.fingerprints[form.fingerprint].append(form)
                self.compacts[form.compact].append(form)
                toks = set(tokens(form.text))
                distinctive = {t for t in toks if t not in GENERIC_WORDS} or toks
                for tok in distinctive:
                    self.by_token[tok].append(form)

    def fuzzy_candidates(self, query_tokens: tuple[str, ...]) -> list[NameForm]:
        """Forms sharing at least one distinctive word with the query."""
        seen: set[int] = set()
        out: list[NameForm] = []
        for tok in set(query_tokens):
            if tok in GENERIC_WORDS:
                continue
            for form in self.by_token.get(tok, ()):
                if id(form) not in seen:
                    seen.add(id(form))
                    out.append(form)
        return out
