"""The matcher's decision stages, declared: what each finds, the decision it gives, and when it runs.

Each stage reads one part of a name (:class:`Query`) and returns typed :class:`Finding` objects
(score and explanation apart). They run in the order of :data:`STAGES`; a stage may be declared to
run only while nothing has been found (the weaker readings of a name are not tried once a stronger
one has found something), or to leave alone the lists an earlier stage has found an entry of (a
close spelling is not looked for on a list that has the exact name). Every stage has its own tests
(tests/test_match_stages.py), and every candidate a report shows names the stage that found it
(``features.stage``). What happens to a finding next (the country, a bracketed place, an address
naming another parent, several entries fitting equally) is :mod:`collabguard.matching.checks`.

The order is the order of strength: exact names first, then the same words but for optional words,
in another order or spacing, acronyms; then translations, short names, close spellings; a unit of a
listed organisation last.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from collabguard.matching.candidates import Finding
from collabguard.matching.stages.exact import (
    acronym,
    acronym_parent,
    acronym_skip,
    exact,
    optional_words,
    spacing,
    word_order,
)
from collabguard.matching.stages.query import Context, Query
from collabguard.matching.stages.reading import (
    close_spelling,
    company_named,
    key_laboratory,
    part_of,
    short_name,
    translated_exact,
    translated_words,
)

Find = Callable[[Query, Context, frozenset[str]], list[Finding]]


@dataclass(frozen=True, slots=True)
class Stage:
    id: str  # stable: reports name it (features.stage), tests pin it
    doc: str  # what it finds, and the decision it gives
    find: Find  # (query, context, lists to leave alone) → findings
    only_if_nothing_found: bool = False  # runs only while no earlier stage has found anything
    unless_found_by: tuple[str, ...] = ()  # leaves alone the lists these stages found an entry of
    compares_words: bool = False  # it compares the words read (translated, unjoined), not the name as normalised


_EXACT = ("exact", "optional-words", "word-order", "spacing", "acronym", "acronym-skip")

STAGES: tuple[Stage, ...] = (
    Stage("exact", "the name is a listed name form (name, alias, local-script name, a registry's name), or one with "
          "its person's initials written together ('MV Lomonosov …'): match; a generic name, a registry alias, a "
          "registry name less specific than the list's, or an acronym alone where the list writes it with a legal "
          "form: possible", exact),
    Stage("optional-words", "the same name but for words that may stand on one side only (the PLA prefix, "
          "'Group', 'Corporation'): possible", optional_words, only_if_nothing_found=True),
    Stage("word-order", "the same words in another order: possible; an institute's listed name with its parent "
          "named on the other side ('Institute of Microelectronics, Chinese Academy of Sciences' for 'Chinese "
          "Academy of Sciences – Institute of Microelectronics'): match", word_order),
    Stage("spacing", "the same letters with other spacing: possible", spacing),
    Stage("acronym", "an acronym the list gives, or one derived from a listed name: possible (an acronym "
          "alone never confirms an identity)", acronym),
    Stage("acronym-skip", "the initials of a listed name with one word skipped: possible, weak", acronym_skip,
          only_if_nothing_found=True),
    Stage("acronym-parent", "an institute's acronym with its academy's ('ISSP RAS', 'IOP CAS'), the acronym of a listed "
          "institute of that academy: possible", acronym_parent, only_if_nothing_found=True),
    Stage("translated-exact", "a name in another script or in pinyin whose translation is exactly a listed "
          "name's words: match when every word translates and the script is one the lists translate word for "
          "word (Russian, Persian), possible otherwise", translated_exact, unless_found_by=_EXACT,
          compares_words=True),
    Stage("short-name", "one or two words that begin one listed name, the rest of which says only what kind "
          "of body it is ('Beihang'): possible", short_name, unless_found_by=_EXACT, compares_words=True),
    Stage("close-spelling", "a name whose every word pairs with a listed name's (misspelt, abbreviated, joined, "
          "a company's descriptive words left out): possible", close_spelling,
          unless_found_by=(*_EXACT, "short-name"), compares_words=True),
    Stage("translated-words", "a translated name whose words pair with a listed name's, generic words aside: "
          "possible, weak", translated_words, unless_found_by=(*_EXACT, "translated-exact"),
          compares_words=True),
    Stage("part-of", "a unit, campus or subsidiary named with a listed organisation's whole name: possible, "
          "'part of listed organisation', never match on the parent", part_of, unless_found_by=_EXACT),
    Stage("company-named", "a company named with a listed company's whole name and one or two words of its own "
          "('Dart Aviation Technics'), where nothing else is found: possible", company_named,
          only_if_nothing_found=True),
    Stage("key-laboratory", "a Chinese key laboratory named with the subject of a listed one, its rank, sponsor or "
          "host written otherwise or left out ('National Key Laboratory of Radar Signal Processing'), where nothing "
          "else is found: possible", key_laboratory, only_if_nothing_found=True),
)

STAGE_IDS = tuple(s.id for s in STAGES)


def run_stages(query: Query, context: Context, stages: tuple[Stage, ...] = STAGES) -> list[tuple[Stage, Finding]]:
    """Every stage's findings for one part of a name, in stage order, each with its stage."""
    found: list[tuple[Stage, Finding]] = []
    lists_found: dict[str, frozenset[str]] = {}
    for stage in stages:
        if stage.only_if_nothing_found and found:
            continue
        skip = _NOTHING
        if lists_found:
            skip = _NOTHING.union(*(lists_found[s] for s in stage.unless_found_by if s in lists_found))
        hits = stage.find(query, context, skip)
        if hits:
            if skip:
                hits = [f for f in hits if f.form.entity.list_id not in skip]
            # another list's name for an entry leaves this list's own readings free to run: the name may be
            # a unit's that this list has as an entry of its own (matching/other_lists.py)
            lists_found[stage.id] = frozenset(f.form.entity.list_id for f in hits if not _borrowed(f))
            found.extend((stage, f) for f in hits)
    return found


_NOTHING: frozenset[str] = frozenset()


def _borrowed(finding: Finding) -> bool:
    """Found by a name another list gives the entry (not its own local name, not a registry's)."""
    return finding.form.other_list and finding.form.kind != "local"


__all__ = ["STAGES", "STAGE_IDS", "Context", "Query", "Stage", "run_stages"]
