"""Find sensitive technology areas mentioned in a proposal's text (version 1: term matching).

``detect_areas(texts, catalog)`` looks for each area's ``terms`` in the proposal's text fields and
returns one :class:`AreaHit` per area with at least one term found, with the exact spans as evidence.

Fields
    ``texts`` maps a field name to its text: ``"title"``, ``"keywords"`` (the keywords joined with
    ``"; "``), ``"abstract"``, and optionally ``"fields"`` (the declared research fields). Any other
    field name is searched too and treated like the abstract.

Matching (one pattern per distinct term, per catalog object; compiled when first tried, then cached)
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
    Speed: a term is only tried where a word of the text is one its match can start with (its
    first word, or its first words run together, in every accepted spelling; a set lookup), and
    only when the letters of its last word occur in the text; this finds exactly what trying every
    term at every word would (tests/test_areas_index.py).
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
from functools import cached_property, lru_cache
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from collabguard.areas.taxonomy import AreaCatalog, Level

__all__ = ["AreaHit", "TermEvidence", "compile_terms", "detect_areas", "find_evidence", "first_words", "term_pattern"]

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
    gap: bool = Field(default=False, description="the words of the term were found with other words between them")


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
    return re.compile(_term_source(term))


def _term_source(term: str) -> str:
    words = [w for w in _WORD_SPLIT.split(term.strip()) if w]
    if not words:
        raise ValueError(f"empty term {term!r}")
    acronym = _is_acronym(term)
    if acronym:
        words = [w.upper() for w in words]
        body = _SEP.join(_word_pattern(w, spelling=False) for w in words)
        return f"{_BEFORE}{body}(?:e?s)?{_AFTER}"  # plural "s" in lower case only: UAVs, not AIS
    last = words[-1]
    if len(last) > 2 and last[-1] in "yY" and last[-2].isalpha() and last[-2].lower() not in "aeiou":
        tail = _word_pattern(last[:-1], spelling=True) + "(?:y|ies)"
    else:
        tail = _word_pattern(last, spelling=True) + "(?:e?s)?"
    body = _SEP.join([*(_word_pattern(w, spelling=True) for w in words[:-1]), tail])
    return f"{_BEFORE}(?i:{body}){_AFTER}"


# up to three other words, none of them a small word that starts another phrase ("for", "and" …)
_GAP = ("(?:[\\s\\-\u2010\u2011\u2012\u2013]+(?!(?:for|of|and|or|in|to|with|by|on|at|from|the|a|an|as|is|are)(?![^\\W_]))"
        "[^\\W\\d_]+){1,3}[\\s\\-\u2010\u2011\u2012\u2013]+")


def gapped_pattern(term: str) -> re.Pattern[str] | None:
    """The words of a multi-word term with up to three other words between them ("quantum-enhanced
    magnetic field sensing" for "quantum sensing"); None for one-word terms and acronyms."""
    source = _gapped_source(term)
    return re.compile(source) if source is not None else None


def _gapped_source(term: str) -> str | None:
    words = [w for w in _WORD_SPLIT.split(term.strip()) if w]
    if len(words) < 2 or _is_acronym(term):
        return None
    body = f"(?:{_SEP}|{_GAP})".join(_word_pattern(w, spelling=True) for w in words)
    return f"{_BEFORE}(?i:{body}(?:e?s)?){_AFTER}"


def _needle(term: str) -> str:
    """A lower-case literal every match of a one-word term contains (cheap pre-check before the regex)."""
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
    source: str  # the pattern's text
    areas: tuple[tuple[str, str], ...]  # (area id, the term as written in that area)
    gapped_source: str | None = None

    # Compiled when first tried: a screening tries a handful of the catalog's ~1,250 patterns (~700
    # terms, most also gapped), and compiling them all took a quarter of a second of every start.
    @cached_property
    def pattern(self) -> re.Pattern[str]:
        return re.compile(self.source)

    @cached_property
    def gapped(self) -> re.Pattern[str] | None:
        """The same words with a few others between them."""
        return re.compile(self.gapped_source) if self.gapped_source is not None else None


# id(catalog) -> (weak reference to the catalog, its compiled terms); an entry is removed when its
# catalog is garbage-collected, and the weak reference guards against a reused id.
_COMPILED: dict[int, tuple[weakref.ref[AreaCatalog], tuple[_CompiledTerm, ...]]] = {}


def compile_terms(catalog: AreaCatalog) -> tuple[_CompiledTerm, ...]:
    """Every distinct term of the catalog, once (its patterns are compiled when first used); cached
    per catalog object."""
    cached = _COMPILED.get(id(catalog))
    if cached is not None and cached[0]() is catalog:
        return cached[1]
    by_pattern: dict[str, list[tuple[str, str]]] = {}
    first_term: dict[str, str] = {}
    for area in catalog.areas.values():
        for term in area.terms:
            key = _term_source(term)
            first_term.setdefault(key, term)
            by_pattern.setdefault(key, []).append((area.id, term))
    compiled = tuple(
        _CompiledTerm(first_term[key], key, tuple(owners), _gapped_source(first_term[key]))
        for key, owners in by_pattern.items()
    )
    _COMPILED[id(catalog)] = (weakref.ref(catalog), compiled)
    weakref.finalize(catalog, _COMPILED.pop, id(catalog), None)
    return compiled


# --------------------------------------------------------------------------------------- detection

_TOKEN = re.compile(r"[^\W_]+")  # the words of a lower-cased text: runs of letters and digits
_SPELLING_SPLIT = re.compile("(" + "|".join(_SPELLINGS) + ")")
_ALTERNATIVES = {
    "centre": ("centre", "center"), "metre": ("metre", "meter"), "fibre": ("fibre", "fiber"),
    "defence": ("defence", "defense"), "aluminium": ("aluminium", "aluminum"), "isation": ("isation", "ization"),
    "behaviour": ("behaviour", "behavior"), "elling": ("elling", "eling"), "analogue": ("analogue", "analog"),
}


def _spellings(word: str) -> list[str]:
    """Every spelling the patterns accept for one lower-case word, apostrophes left out or kept as a
    word break (the text's words are split at apostrophes)."""
    out = [""]
    for i, piece in enumerate(_SPELLING_SPLIT.split(word)):
        options = _ALTERNATIVES[piece] if i % 2 else (piece,)
        out = [o + option for o in out for option in options]
    return out


def _plurals(word: str) -> list[str]:
    forms = [word, word + "s", word + "es"]
    if len(word) > 2 and word[-1] == "y" and word[-2].isalpha() and word[-2] not in "aeiou":
        forms.append(word[:-1] + "ies")
    return forms


def first_words(term: str) -> frozenset[str]:
    """The lower-case words a text can start a match of ``term`` with: its first word, or its first
    words run together ("cybersecurity" for "cyber security"), in every accepted spelling and, when
    that is the whole term, with a plural ending. A match can only start where the text's word is
    one of these: a set lookup instead of a search of the text."""
    words = [w.lower() for w in _WORD_SPLIT.split(term.strip()) if w]
    forms: set[str] = set()
    joined = [""]
    for k, word in enumerate(words):
        joined = [j + v for j in joined for v in _spellings(word)]
        for j in joined:
            head = re.split("['\u2019]", j)
            forms.add(head[0])
            forms.add("".join(head))
            if k == len(words) - 1:
                forms.update(_plurals("".join(head)))
    return frozenset(f for f in forms if f)


@dataclass(frozen=True)
class _IndexedTerm:
    ct: _CompiledTerm
    last_words: frozenset[str]  # the last word in every spelling: a gapped match needs one in the text
    last_needle: str  # letters every match contains (the fixed start of the last word); "" = no check


_INDEXES: dict[int, tuple[weakref.ref[AreaCatalog], dict[str, tuple[_IndexedTerm, ...]]]] = {}


def _term_index(catalog: AreaCatalog) -> dict[str, tuple[_IndexedTerm, ...]]:
    """Terms by the words a match can start with (cached per catalog object)."""
    cached = _INDEXES.get(id(catalog))
    if cached is not None and cached[0]() is catalog:
        return cached[1]
    by_word: dict[str, list[_IndexedTerm]] = {}
    for ct in compile_terms(catalog):
        last = re.split("['\u2019]", _WORD_SPLIT.split(ct.term.strip())[-1].lower())[0]
        needle = _needle(last) if len(_WORD_SPLIT.split(ct.term.strip())) > 1 else ""
        it = _IndexedTerm(ct, frozenset(p for v in _spellings(last) for p in _plurals(v)), needle.lower())
        for form in first_words(ct.term):
            by_word.setdefault(form, []).append(it)
    index = {k: tuple(v) for k, v in by_word.items()}
    _INDEXES[id(catalog)] = (weakref.ref(catalog), index)
    weakref.finalize(catalog, _INDEXES.pop, id(catalog), None)
    return index


def _record(ct: _CompiledTerm, m: re.Match[str], field: str, found: dict[str, list[TermEvidence]],
            allowed: set[str] | None, catalog: AreaCatalog, gap: bool = False) -> None:
    made: dict[str, TermEvidence] = {}  # one evidence object per spelling of the term
    for aid, term in ct.areas:
        if allowed is None or catalog.areas[aid].taxonomy in allowed:
            ev = made.get(term)
            if ev is None:
                ev = made[term] = TermEvidence(term=term, field=field, start=m.start(), end=m.end(), text=m.group(0), gap=gap)
            found.setdefault(aid, []).append(ev)


@lru_cache(maxsize=8192)
def _fold(c: str) -> str:
    folded = c.casefold()
    if len(folded) == 1:
        return folded
    lowered = c.lower()
    return lowered[0] if lowered else c


def _starts(lowered: str, word: str) -> list[int]:
    """Where ``word`` is a whole word of the text (not preceded or followed by a letter or digit)."""
    out = []
    n = len(word)
    end = len(lowered)
    i = lowered.find(word)
    while i >= 0:
        if (i == 0 or not lowered[i - 1].isalnum()) and (i + n == end or not lowered[i + n].isalnum()):
            out.append(i)
        i = lowered.find(word, i + n)
    return out


def _scan_field(text: str, field: str, index: dict[str, tuple[_IndexedTerm, ...]],
                found: dict[str, list[TermEvidence]], allowed: set[str] | None, catalog: AreaCatalog) -> None:
    # one character for one character (offsets stay those of the text), folded as the patterns'
    # case-insensitive matching folds them: "İ" -> "i", long "ſ" -> "s", the Kelvin sign -> "k"
    lowered = text.lower()
    if len(lowered) != len(text):  # a letter whose lower case is longer ("İ"): fold one by one
        lowered = "".join(map(_fold, text))
    elif "ſ" in lowered:  # the long s lower-cases to itself but matches "s"
        lowered = lowered.replace("ſ", "s")
    words = set(_TOKEN.findall(lowered))
    tried: dict[int, set[int]] = {}  # term -> positions already tried
    present: dict[str, bool] = {}  # last-word letters -> found in the text
    counts: dict[int, int] = {}
    for word in sorted(words & index.keys()):
        positions: list[int] | None = None  # found when a term needs them
        for it in index[word]:
            ct = it.ct
            if it.last_needle:
                there = present.get(it.last_needle)
                if there is None:
                    there = present[it.last_needle] = it.last_needle in lowered
                if not there:
                    continue
            if positions is None:
                positions = _starts(lowered, word)
            seen = tried.setdefault(id(ct), set())
            gapped = ct.gapped_source is not None and not it.last_words.isdisjoint(words)
            for pos in positions:
                if pos in seen:
                    continue
                seen.add(pos)
                if counts.get(id(ct), 0) >= MAX_EVIDENCE_PER_TERM:  # a huge text: keep the cost linear
                    break
                m = ct.pattern.match(text, pos)
                gap = False
                if m is None and gapped:
                    m = ct.gapped.match(text, pos)  # type: ignore[union-attr]
                    gap = True
                if m is not None:
                    counts[id(ct)] = counts.get(id(ct), 0) + 1
                    _record(ct, m, field, found, allowed, catalog, gap)


def _field_rank(field: str) -> tuple[int, str]:
    return (_FIELD_ORDER.get(field, len(_FIELD_ORDER)), field)


def _drop_contained(found: list[TermEvidence]) -> list[TermEvidence]:
    """Within one area, drop a match that lies inside a longer match in the same field; exact
    matches are kept first, so a gapped mention never swallows an exact one ("quantum-enhanced
    quantum sensing": the exact "quantum sensing" stays, the gapped span over both goes)."""
    def key(e: TermEvidence) -> tuple[tuple[int, str], int, int, str]:
        return (_field_rank(e.field), e.start, -(e.end - e.start), e.term)

    kept: list[TermEvidence] = []
    for ev in sorted(found, key=lambda e: (e.gap, key(e))):
        if any(k.field == ev.field and k.start <= ev.start and ev.end <= k.end for k in kept):
            continue
        if ev.gap and any(k.field == ev.field and not k.gap and ev.start <= k.start and k.end <= ev.end for k in kept):
            continue
        kept.append(ev)
    kept.sort(key=key)
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


def find_evidence(texts: Mapping[str, str], catalog: AreaCatalog,
                  allowed: set[str] | None = None) -> dict[str, list[TermEvidence]]:
    """Every term occurrence in ``texts`` by area id (at most MAX_EVIDENCE_PER_TERM per term and
    field), before containment and decisions. Only the terms that can start at one of a text's words
    are tried, and only there; ``allowed`` limits the areas to those taxonomies."""
    found: dict[str, list[TermEvidence]] = {}
    index = _term_index(catalog)
    for name, text in texts.items():
        if isinstance(text, str):
            _scan_field(text, name, index, found, allowed, catalog)
    return found


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

    found = find_evidence(dict(fields), catalog, allowed)
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
