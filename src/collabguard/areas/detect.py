"""Find sensitive technology areas mentioned in a proposal's text (version 1: term matching).

``detect_areas(texts, catalog)`` looks for each area's ``terms`` in the proposal's text fields and
returns one :class:`AreaHit` per area with at least one term found, with the exact spans as evidence.

Fields
    ``texts`` maps a field name to its text: ``"title"``, ``"keywords"`` (the keywords joined with
    ``"; "``), ``"abstract"``, and optionally ``"fields"`` (the declared research fields). Any other
    field name is searched too and treated like the abstract.

Matching (one compiled pattern per distinct term, built once per catalog object and cached)
    - case-insensitive, whole words/phrases only: a term must not be preceded or followed by a letter
      or digit, so punctuation around it does not matter ("(quantum sensing)", "quantum-sensing,");
    - the words of a term may be separated by spaces, hyphens or nothing: "machine learning" matches
      "machine-learning" and "cyber security" matches "cybersecurity";
    - simple plural tolerance on the last word: term + "s" / "es", and "y" -> "ies" ("battery" ->
      "batteries");
    - a few British/US spellings are equivalent (centre/center, metre/meter, fibre/fiber,
      defence/defense, aluminium/aluminum, -isation/-ization, behaviour/behavior, -elling/-eling,
      analogue/analog), and a straight or curly apostrophe may be present or not;
    - acronyms only count when written in capitals in the text: a one-word term of at most 3 letters
      ("AI", "5G", "QKD") and any term written in capitals in the taxonomy ("SQUID", "MEMS"), so the
      AI in "Ai Weiwei" or the squid in "squid fisheries" is not a hit; a lower-case plural "s" is
      allowed ("UAVs"), a capital one is not ("AIS" is another acronym);
    - within one area, a match lying inside a longer match of that area in the same field is dropped
      ("machine learning" inside "adversarial machine learning" counts once).
    Spans (``start``/``end``) are character offsets into the original text of that field, and
    ``text`` is exactly ``texts[field][start:end]``.

Decision (per area)
    - a term the taxonomy marks ``ambiguous`` for the area (common elsewhere: "quantum", "drone",
      "satellite") needs a second, different term of the area: alone it is ``possible`` (score 50)
      from the title, keywords or fields, and nothing from the abstract;
    - the words of a multi-word term found with up to three other words between them ("quantum-
      enhanced magnetic field sensing" for "quantum sensing") count as a mention, never as a title
      or keyword hit;
    - ``match`` with score 100 when any term is found in the title, the keywords or the fields:
      the applicants themselves put the topic up front;
    - otherwise (terms only in the abstract or other free text), counting every mention, i.e. two
      distinct terms or one term twice: 2 or more mentions -> ``match``; exactly 1 -> ``possible``;
    - score for free-text-only hits: ``min(90, 20 + 20 * mentions)``, i.e. 1 mention = 40
      (possible), 2 = 60, 3 = 80, 4 or more = 90 (always below a title/keyword hit).

A hit for a sub-area does NOT create a hit for its parent; rules ask for areas by selector and
:meth:`AreaCatalog.resolve` expands categories. Results are sorted by score (highest first), then
area id. The function is pure: same input, same output, nothing printed.
"""

from __future__ import annotations

import re
import weakref
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from collabguard.areas.taxonomy import AreaCatalog, Level

__all__ = ["AreaHit", "TermEvidence", "compile_terms", "detect_areas", "term_pattern"]

STRONG_FIELDS = ("title", "keywords", "fields")
MAX_EVIDENCE_PER_TERM = 20  # mentions of one term in one field kept as evidence
_FIELD_ORDER = {"title": 0, "keywords": 1, "fields": 2, "abstract": 3}


class TermEvidence(BaseModel):
    """One term found in one field: where, and the exact text matched."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    term: str = Field(description="the taxonomy term that matched, as written in the taxonomy")
    field: str = Field(description="the text field: title, keywords, abstract, fields, ...")
    start: int = Field(ge=0, description="character offset of the match in that field's text")
    end: int = Field(ge=0, description="character offset just after the match")
    text: str = Field(description="the matched text exactly as written in the proposal")
    gap: bool = Field(False, description="the words of the term were found with other words between them")


class AreaHit(BaseModel):
    """One sensitive technology area detected in a proposal, with its evidence."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    area_id: str
    area_name: str
    taxonomy: str
    taxonomy_version: str
    level: Level
    decision: Literal["match", "possible"]
    score: int = Field(ge=0, le=100)
    evidence: list[TermEvidence]


# --------------------------------------------------------------------------------------- patterns

_SEP = "[\\s\\-\u2010\u2011\u2012\u2013]*"  # spaces, hyphens (ASCII and Unicode) or nothing
_APOSTROPHE = "['\u2019]?"
_BEFORE = r"(?<![^\W_])"  # not preceded by a letter or digit
_AFTER = r"(?![^\W_])"  # not followed by a letter or digit
_WORD_SPLIT = re.compile("[\\s\\-\u2010\u2011\u2012\u2013]+")
_SPELLINGS = {
    "centre": "cent(?:re|er)",
    "metre": "met(?:re|er)",
    "fibre": "fib(?:re|er)",
    "defence": "defen[cs]e",
    "aluminium": "alumin(?:i)?um",
    "isation": "i[sz]ation",
    "behaviour": "behaviou?r",
    "elling": "ell?ing",
    "analogue": "analog(?:ue)?",
}
_SPELLING_RE = re.compile("|".join(_SPELLINGS), re.IGNORECASE)


def _is_acronym(term: str) -> bool:
    """Terms that must be written in capitals in the text to count."""
    letters = [c for c in term if c.isalpha()]
    if not letters:
        return False
    if not any(c.islower() for c in term) and any(c.isupper() for c in term):
        return True  # written in capitals in the taxonomy: AI, 5G, O-RAN, SQUID, CRISPR
    return len(_WORD_SPLIT.split(term.strip())) == 1 and len(letters) <= 3


def _word_pattern(word: str, spelling: bool) -> str:
    pieces = re.split("['\u2019]", word)
    out = []
    for piece in pieces:
        escaped = re.escape(piece)
        if spelling:
            escaped = _SPELLING_RE.sub(lambda m: _SPELLINGS[m.group(0).lower()], escaped)
        out.append(escaped)
    return _APOSTROPHE.join(out)


def term_pattern(term: str) -> re.Pattern[str]:
    """The compiled pattern for one taxonomy term (rules in the module docstring)."""
    words = [w for w in _WORD_SPLIT.split(term.strip()) if w]
    if not words:
        raise ValueError(f"empty term {term!r}")
    acronym = _is_acronym(term)
    if acronym:
        words = [w.upper() for w in words]
        body = _SEP.join(_word_pattern(w, spelling=False) for w in words)
        return re.compile(f"{_BEFORE}{body}(?:e?s)?{_AFTER}")  # plural "s" in lower case only: UAVs, not AIS
    last = words[-1]
    if len(last) > 2 and last[-1] in "yY" and last[-2].isalpha() and last[-2].lower() not in "aeiou":
        tail = _word_pattern(last[:-1], spelling=True) + "(?:y|ies)"
    else:
        tail = _word_pattern(last, spelling=True) + "(?:e?s)?"
    body = _SEP.join([*(_word_pattern(w, spelling=True) for w in words[:-1]), tail])
    return re.compile(f"{_BEFORE}(?i:{body}){_AFTER}")


# up to three other words, none of them a small word that starts another phrase ("for", "and" …)
_GAP = ("(?:[\\s\\-\u2010\u2011\u2012\u2013]+(?!(?:for|of|and|or|in|to|with|by|on|at|from|the|a|an|as|is|are)(?![^\\W_]))"
        "[^\\W\\d_]+){1,3}[\\s\\-\u2010\u2011\u2012\u2013]+")


def gapped_pattern(term: str) -> re.Pattern[str] | None:
    """The words of a multi-word term with up to three other words between them ("quantum-enhanced
    magnetic field sensing" for "quantum sensing"); None for one-word terms and acronyms."""
    words = [w for w in _WORD_SPLIT.split(term.strip()) if w]
    if len(words) < 2 or _is_acronym(term):
        return None
    body = f"(?:{_SEP}|{_GAP})".join(_word_pattern(w, spelling=True) for w in words)
    return re.compile(f"{_BEFORE}(?i:{body}(?:e?s)?){_AFTER}")


def _needle(term: str) -> str:
    """A lower-case literal every match must contain (cheap pre-check before the regex)."""
    first = _WORD_SPLIT.split(term.strip())[0]
    first = re.split("['\u2019]", first)[0].casefold()
    m = _SPELLING_RE.search(first)
    if m:
        first = first[: m.start()]
    if len(_WORD_SPLIT.split(term.strip())) == 1 and first.endswith("y"):
        first = first[:-1]
    return first if len(first) >= 2 else ""


@dataclass(frozen=True)
class _CompiledTerm:
    term: str  # first spelling seen; all areas listed share the same pattern
    pattern: re.Pattern[str]
    needle: str
    areas: tuple[tuple[str, str], ...]  # (area id, the term as written in that area)
    gapped: re.Pattern[str] | None = None  # the same words with a few others between them
    last: str = ""  # the first letters of the last word: a gapped match needs them in the text


# id(catalog) -> (weak reference to the catalog, its compiled terms); an entry is removed when its
# catalog is garbage-collected, and the weak reference guards against a reused id.
_COMPILED: dict[int, tuple[weakref.ref[AreaCatalog], tuple[_CompiledTerm, ...]]] = {}


def compile_terms(catalog: AreaCatalog) -> tuple[_CompiledTerm, ...]:
    """Compile every distinct term of the catalog once; cached per catalog object."""
    cached = _COMPILED.get(id(catalog))
    if cached is not None and cached[0]() is catalog:
        return cached[1]
    by_pattern: dict[tuple[str, int], list[tuple[str, str]]] = {}
    first_term: dict[tuple[str, int], str] = {}
    patterns: dict[tuple[str, int], re.Pattern[str]] = {}
    for area in catalog.areas.values():
        for term in area.terms:
            pattern = term_pattern(term)
            key = (pattern.pattern, pattern.flags)
            patterns.setdefault(key, pattern)
            first_term.setdefault(key, term)
            by_pattern.setdefault(key, []).append((area.id, term))
    compiled = tuple(
        _CompiledTerm(first_term[key], patterns[key], _needle(first_term[key]), tuple(owners),
                      gapped_pattern(first_term[key]), _WORD_SPLIT.split(first_term[key].strip())[-1][:4].casefold())
        for key, owners in by_pattern.items()
    )
    _COMPILED[id(catalog)] = (weakref.ref(catalog), compiled)
    weakref.finalize(catalog, _COMPILED.pop, id(catalog), None)
    return compiled


# --------------------------------------------------------------------------------------- detection

KEY_LENGTH = 3
_WORD_START = re.compile(r"(?<![0-9A-Za-z\u00c0-\u024f])[0-9A-Za-z\u00c0-\u024f]")
_INDEXES: dict[int, tuple[weakref.ref[AreaCatalog], dict[str, tuple[_CompiledTerm, ...]], tuple[_CompiledTerm, ...]]] = {}


def _term_index(catalog: AreaCatalog) -> tuple[dict[str, tuple[_CompiledTerm, ...]], tuple[_CompiledTerm, ...]]:
    """Terms by the first letters of their first word (cached per catalog object); terms whose
    first word may vary in its first letters are kept apart and scanned the old way."""
    cached = _INDEXES.get(id(catalog))
    if cached is not None and cached[0]() is catalog:
        return cached[1], cached[2]
    by_key: dict[str, list[_CompiledTerm]] = {}
    keyless: list[_CompiledTerm] = []
    for ct in compile_terms(catalog):
        if len(ct.needle) >= 2:
            by_key.setdefault(ct.needle[:KEY_LENGTH], []).append(ct)
        else:
            keyless.append(ct)
    index = {k: tuple(v) for k, v in by_key.items()}
    _INDEXES[id(catalog)] = (weakref.ref(catalog), index, tuple(keyless))
    weakref.finalize(catalog, _INDEXES.pop, id(catalog), None)
    return index, tuple(keyless)


def _record(ct: _CompiledTerm, m: re.Match[str], field: str, counts: dict[int, int],
            found: dict[str, list[TermEvidence]], allowed: set[str] | None, catalog: AreaCatalog, gap: bool = False) -> None:
    n = counts.get(id(ct), 0)
    if n >= MAX_EVIDENCE_PER_TERM:  # a huge text: enough evidence, keep the cost linear
        return
    counts[id(ct)] = n + 1
    for aid, term in ct.areas:
        if allowed is None or catalog.areas[aid].taxonomy in allowed:
            found.setdefault(aid, []).append(
                TermEvidence(term=term, field=field, start=m.start(), end=m.end(), text=m.group(0), gap=gap))


def _try(ct: _CompiledTerm, text: str, prefixes: set[str], start: int, field: str, counts: dict[int, int],
         tried: set[tuple[int, int]], found: dict[str, list[TermEvidence]], allowed: set[str] | None,
         catalog: AreaCatalog) -> None:
    if (id(ct), start) in tried:
        return
    tried.add((id(ct), start))
    m = ct.pattern.match(text, start)
    if m is not None:
        _record(ct, m, field, counts, found, allowed, catalog)
    elif ct.gapped is not None and ct.last in prefixes:
        m = ct.gapped.match(text, start)
        if m is not None:
            _record(ct, m, field, counts, found, allowed, catalog, gap=True)


def _field_rank(field: str) -> tuple[int, str]:
    return (_FIELD_ORDER.get(field, len(_FIELD_ORDER)), field)


def _drop_contained(found: list[TermEvidence]) -> list[TermEvidence]:
    """Within one area, drop a match that lies inside a longer match in the same field."""
    ordered = sorted(found, key=lambda e: (_field_rank(e.field), e.start, -(e.end - e.start), e.term))
    kept: list[TermEvidence] = []
    for ev in ordered:
        if any(k.field == ev.field and k.start <= ev.start and ev.end <= k.end for k in kept):
            continue
        kept.append(ev)
    return kept


def _decide(evidence: list[TermEvidence], ambiguous: frozenset[str]) -> tuple[Literal["match", "possible"], int] | None:
    """The decision for one area; None when the evidence does not count at all.

    A term marked ambiguous for the area ("quantum", "drone", "satellite") is common outside it:
    on its own (no second, different term of the area) it counts only from the title, keywords or
    fields, and then only as ``possible`` (a person asks whether the research advances the area).
    """
    distinct = {ev.term for ev in evidence}
    if distinct <= ambiguous and len(distinct) == 1:
        if any(ev.field in STRONG_FIELDS for ev in evidence):
            return "possible", 50
        return None
    if any(ev.field in STRONG_FIELDS and not ev.gap for ev in evidence):
        return "match", 100
    mentions = len(evidence)
    score = min(90, 20 + 20 * mentions)
    return ("match" if mentions >= 2 else "possible"), score


def detect_areas(
    texts: Mapping[str, str],
    catalog: AreaCatalog,
    taxonomies: Iterable[str] | None = None,
) -> list[AreaHit]:
    """Areas whose terms occur in ``texts``; see the module docstring for the rules.

    ``taxonomies`` limits the search to those taxonomy ids (unknown id -> ``KeyError``).
    """
    allowed: set[str] | None = None
    if taxonomies is not None:
        allowed = set(taxonomies)
        unknown = sorted(allowed - set(catalog.taxonomies))
        if unknown:
            raise KeyError(f"unknown taxonomy {', '.join(unknown)}; known: {', '.join(catalog.taxonomies)}")

    fields = [(name, text) for name, text in texts.items() if isinstance(text, str) and text.strip()]
    fields.sort(key=lambda item: _field_rank(item[0]))
    folded = {name: text.casefold() for name, text in fields}

    found: dict[str, list[TermEvidence]] = {}
    by_key, keyless = _term_index(catalog)
    for name, text in fields:
        # One pass over the words of the text: only the terms whose first letters agree with a word
        # are tried, and only at that word (instead of every term over the whole text).
        counts: dict[int, int] = {}
        tried: set[tuple[int, int]] = set()
        starts = [m.start() for m in _WORD_START.finditer(text)]
        prefixes = {text[i : i + 4].casefold() for i in starts}  # first letters of every word
        for start in starts:
            word = text[start : start + KEY_LENGTH].casefold()
            for ct in by_key.get(word, ()) + by_key.get(word[:2], ()):
                _try(ct, text, prefixes, start, name, counts, tried, found, allowed, catalog)
        for ct in keyless:
            if not ct.needle or ct.needle in folded[name]:
                for m in ct.pattern.finditer(text):
                    _record(ct, m, name, counts, found, allowed, catalog)

    hits: list[AreaHit] = []
    for aid, evidence in found.items():
        area = catalog.areas[aid]
        kept = _drop_contained(evidence)
        decided = _decide(kept, frozenset(area.ambiguous))
        if decided is None:
            continue
        decision, score = decided
        info = catalog.taxonomies.get(area.taxonomy)
        hits.append(
            AreaHit(
                area_id=aid,
                area_name=area.name,
                taxonomy=area.taxonomy,
                taxonomy_version=info.version if info is not None else "",
                level=area.level,
                decision=decision,
                score=score,
                evidence=kept,
            )
        )
    hits.sort(key=lambda h: (-h.score, h.area_id))
    return hits
