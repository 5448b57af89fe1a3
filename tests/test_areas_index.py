"""The word index in area detection is only a speed-up: it finds exactly what trying every term's
pattern at every word of the text finds, for every term of the shipped taxonomies written in the ways
a text writes it (joined, hyphenated, plural, capitals, British and US spelling)."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from collabguard.areas import load_catalog
from collabguard.areas.detect import MAX_EVIDENCE_PER_TERM, compile_terms, detect_areas, find_evidence, first_words

ROOT = Path(__file__).resolve().parent.parent
CATALOG = load_catalog(ROOT / "rules" / "areas")
_WORD_START = re.compile(r"(?<![^\W_])[^\W_]")


def _reference(text: str) -> set[tuple[str, int, int, bool]]:
    """Every term tried at every word start that has its first letter, no index: (term, start, end,
    gapped). A term's pattern begins with its first character, literally."""
    by_first: dict[str, list] = {}
    for ct in compile_terms(CATALOG):
        by_first.setdefault(ct.term[0].lower(), []).append(ct)
    out = set()
    for w in _WORD_START.finditer(text):
        for ct in by_first.get(w.group(0).lower(), ()):
            m = ct.pattern.match(text, w.start())
            gap = False
            if m is None and ct.gapped is not None:
                m, gap = ct.gapped.match(text, w.start()), True
            if m is not None:
                out.add((ct.term, m.start(), m.end(), gap))
    return out


def _found(text: str) -> set[tuple[str, int, int, bool]]:
    spelled = {t: ct.term for ct in compile_terms(CATALOG) for _, t in ct.areas}
    return {(spelled[e.term], e.start, e.end, e.gap)
            for evidence in find_evidence({"abstract": text}, CATALOG).values() for e in evidence}


def _same_as_reference(text: str) -> None:
    """Equal to the reference, except that a term found more than MAX_EVIDENCE_PER_TERM times keeps
    exactly that many."""
    ours, ref = _found(text), _reference(text)
    per_term: dict[str, int] = {}
    for term, *_ in ref:
        per_term[term] = per_term.get(term, 0) + 1
    capped = {t for t, n in per_term.items() if n > MAX_EVIDENCE_PER_TERM}
    assert {x for x in ours if x[0] not in capped} == {x for x in ref if x[0] not in capped}
    for term in capped:
        kept = {x for x in ours if x[0] == term}
        assert len(kept) == MAX_EVIDENCE_PER_TERM and kept <= ref


def _variants(term: str) -> list[str]:
    words = re.split(r"[\s\-]+", term)
    out = [term, "-".join(words), "".join(words), term.upper(), term + "s", term.capitalize()]
    us = re.sub("isation", "ization", re.sub("centre", "center", re.sub("defence", "defense", term)))
    out.append(us)
    if len(words) >= 2:
        out.append(f"{words[0]} highly novel {' '.join(words[1:])}")  # a gap of two words
    if len(words) >= 3:
        out.append(f"{words[0]}{words[1]} {' '.join(words[2:])}")  # the first two run together
    return out


def _real_abstracts() -> list[str]:
    export = ROOT / "examples" / "publications" / "wos_tabdelimited_scientopy_4071.txt"
    with export.open(encoding="utf-8-sig", newline="") as f:
        return [row["AB"] for row in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE) if row.get("AB")][:25]


TERMS = sorted({ct.term for ct in compile_terms(CATALOG)})


def test_every_term_written_every_way_is_found_as_by_trying_every_pattern():
    for chunk in range(0, len(TERMS), 40):
        terms = TERMS[chunk:chunk + 40]
        _same_as_reference(" ; ".join(f"We study {v}, (and {v})." for term in terms for v in _variants(term)[:4]))
        _same_as_reference(" ; ".join(f"Work on {v} here." for term in terms for v in _variants(term)[4:]))


@pytest.mark.parametrize("text", _real_abstracts())
def test_real_abstracts_give_what_trying_every_pattern_gives(text):
    _same_as_reference(text)


@pytest.mark.parametrize("term, expected", [
    ("cyber security", {"cyber", "cybersecurity", "cybersecuritys", "cybersecurityes", "cybersecurities"}),
    ("battery", {"battery", "batterys", "batteryes", "batteries"}),
    ("defence electronics", {"defence", "defense", "defenceelectronics", "defenseelectronics",
                             "defenceelectronicss", "defenseelectronicss", "defenceelectronicses",
                             "defenseelectronicses"}),
])
def test_first_words_cover_joined_plural_and_spelling_forms(term, expected):
    assert first_words(term) == expected


def test_a_letter_whose_lower_case_is_longer_does_not_shift_the_evidence():
    text = "İstanbul group: quantum key distribution over fibre."
    hit = {e.term: e for h in detect_areas({"abstract": text}, CATALOG) for e in h.evidence}
    ev = hit["quantum key distribution"]
    assert text[ev.start:ev.end] == "quantum key distribution"


@pytest.mark.parametrize("text", ["ARTİFİCİAL İNTELLİGENCE for drones", "QUANTUM KEY DİSTRİBUTİON", "quantum key diſtribution"])
def test_letters_that_fold_differently_are_still_found(text: str) -> None:
    # İ lower-cases to two characters and ſ folds to s: the index must find what the patterns match
    assert _found(text) == _reference(text)
    assert _found(text)
