"""The stages that read a name rather than look it up: a translation, a short name, a close spelling,
a unit of a listed organisation. Each returns typed findings (see :mod:`collabguard.matching.stages`)."""

from __future__ import annotations

from itertools import product
from math import prod

from collabguard.matching.candidates import CAPITALS_ALONE, Finding
from collabguard.matching.compare import OPTIONAL_WORDS, compare, misspelt_legal_form, quick_reject, quick_reject_translated
from collabguard.matching.cross_script import other_chinese_name, pinyin_reading, word_for_word
from collabguard.matching.eponyms import INITIALS_WORD, initials_left_out
from collabguard.matching.index import CAPPED_READINGS, word_joins
from collabguard.matching.kana import sound_key
from collabguard.matching.key_laboratories import LAB_SCORE, LABORATORY, subject_words
from collabguard.matching.normalize import GENERIC_WORDS
from collabguard.matching.parts import PART_SCORE, names_an_inner_unit
from collabguard.matching.query_words import (
    has_readings,
    is_optional,
    is_skeleton,
    is_sound,
    letters,
    readings,
    skeleton_letters,
    unmarked,
)
from collabguard.matching.short_names import SHORT_NAME, short_name_of
from collabguard.matching.stages.query import Context, Query
from collabguard.matching.translate import dictionary_words, skeleton
from collabguard.models.report import MatcherConfig
from collabguard.reference.lexicons import name_words

MAX_READINGS = 256  # a translation with more readings than this is compared word by word only
TRANSLATED_SCORE = 95
TRANSLATED_TWIN_EXTRA = 5
TRANSLATED = "translated from another script"
CLOSE = "close spelling"
# every word pairs as written but for words that may stand on one side only ("Huawei Sweden AB")
WORDS_LEFT_OUT = "words left out"


def _set_aside(finding: Finding, query: Query, context: Context) -> Finding:
    """A translation of a Chinese name set aside where the list gives the entry's own Chinese name
    and it is another (上海科技大学 is not the listed 上海理工大学): see matching/cross_script.py."""
    reading = pinyin_reading(query.written_words) if query.foreign and query.script == "latin" else ()
    own = other_chinese_name(query.text, context.chinese.get(finding.form.entity.entity_id, ()), reading)
    if own is None:
        return finding
    entity = finding.form.entity
    whose = ("the list gives its own Chinese name" if own in (entity.name_local, *entity.aliases)
             else "ROR gives its record the Chinese name" if entity.registry is not None
             and any(n.text == own for n in entity.registry.names) else "another list gives it the Chinese name")
    why = f"{whose} {own!r}, and {query.text!r} is not that name: another institution"
    return Finding(finding.form, "none", finding.score, finding.feature, finding.explanation, finding.words,
                   named_otherwise=why, weak=finding.weak)


def translated_exact(query: Query, context: Context, skip: frozenset[str]) -> list[Finding]:
    """A translation whose words are exactly those of a list name, in any order (国防大学 → national
    defense university). Each reading of a word with several translations is tried."""
    if not query.foreign:
        return []
    options = [[*readings(w), *([""] if is_optional(w) or w in OPTIONAL_WORDS else [])]
               for w in query.words if not is_skeleton(w)]
    if len(options) != len(query.words) or prod(len(o) for o in options) > MAX_READINGS:
        return []
    out: list[Finding] = []
    seen: set[int] = set()
    for reading in product(*options):
        kept = {w for w in reading if w}
        if len(kept) == 1 and kept <= GENERIC_WORDS:
            continue  # 研究中心, 研究センター read as "center" alone, a word that says only what kind of body it is
        key = " ".join(sorted(kept))
        for form in (*context.index.fingerprints.get(key, ()), *context.index.capitals_fingerprints.get(key, ())):
            if id(form) in seen or form.entity.list_id in skip:
                continue
            seen.add(id(form))
            # a name read less surely (its quoted part, without a bracketed word not its acronym, its eponym or its
            # status) never confirms
            confirms = word_for_word(query.script, reading, form) and form.reading not in CAPPED_READINGS
            how = "translated word for word from another script" if confirms else TRANSLATED
            reason = f"{how}: the same words as {form.quoted()}" + ("; generic name" if form.generic else "")
            found = Finding(form, "match" if confirms else "possible", TRANSLATED_SCORE, TRANSLATED, reason, weak=True)
            out.append(_set_aside(found, query, context))
    return out


def short_name(query: Query, context: Context, skip: frozenset[str]) -> list[Finding]:
    """"Beihang": Beihang University (see matching/short_names.py)."""
    if query.foreign or len(query.words) > SHORT_NAME or query.generic_only:
        return []
    forms, score = short_name_of(context.index, query.words)
    return [Finding(f, "possible", score, "short name",
                    f"short name: {query.text!r} begins the listed name {f.text!r}, the rest of which says only what "
                    "kind of body it is")
            for f in forms if f.entity.list_id not in skip]


def close_spelling(query: Query, context: Context, skip: frozenset[str]) -> list[Finding]:
    """Misspelt, abbreviated, joined words; a company's descriptive words left out (matching/compare.py)."""
    return [] if query.foreign else _compared(query, context, skip)


def translated_words(query: Query, context: Context, skip: frozenset[str]) -> list[Finding]:
    """A translation whose words pair with a listed name's, generic words aside (lenient pairing)."""
    return _compared(query, context, skip) if query.foreign else []


def twin_ratio(config: MatcherConfig, foreign: bool) -> float:
    """How alike a misspelt word must be to a list word to pair (0–1): a translated or romanised word is
    held to a closer likeness (romanised acronyms differ by a letter or two and name other bodies)."""
    return (config.word_twin_ratio + (TRANSLATED_TWIN_EXTRA if foreign else 0)) / 100


def _compared(query: Query, context: Context, skip: frozenset[str]) -> list[Finding]:
    if not query.words or query.generic_only or (query.foreign and _one_dictionary_word(query.words)):
        return []
    config, foreign, q_tokens = context.config, query.foreign, query.words
    threshold = config.translated_threshold if foreign else config.possible_threshold
    # a short word may abbreviate a list word ("Inst Comp Technol", "Kala" for Kalaye); not in a department's name
    # ("Dept Comp Sci"), whose words are a subject's, not a body's name
    abbreviated = not names_an_inner_unit(query.written_words)
    forms = context.index.candidates(q_tokens, generous=foreign, abbreviated=abbreviated)[: config.max_candidates]
    if not forms:
        return []  # most parts of a name: what follows is read only for names that have candidates
    twin = twin_ratio(config, foreign)  # ГосНИИАС is not GosNIIMash
    q_set = frozenset(q_tokens)
    q_joins = word_joins(tuple(unmarked(w) for w in q_tokens if not has_readings(w)))
    q_words = frozenset(a for w in q_tokens for a in readings(w))
    q_legal = frozenset(w for w in q_set if misspelt_legal_form(w)) if not foreign else frozenset()
    out: list[Finding] = []
    # one word of an abjad script read by its consonants only ("الاسلام": al- and s-l-m), with few of them, says too
    # little to pair a listed name of one word ("For Salmi"): only a listed name of two words or more, both paired
    few_consonants = _one_short_skeleton(q_tokens) if foreign else False
    # a katakana name compared by its sounds (and spelt alike: kana.sounds_alike), beside words that only say what kind
    # of body it is ("シトロエン", Citroën; "フォース航空"): asked only where the country given agrees
    sound_alone = foreign and _sound_alone(q_tokens)
    # one word in capitals ("IPP"), found as the beginning of a listed name whose other words it may leave out ("IPP SB
    # RAS": the academy), is an acronym alone, and the reason says so as the acronym stages do
    capitals_alone = not foreign and bool(query.acronym) and len(q_tokens) == 1
    # one word that only begins a listed word ("SEPA" for SEPANIR, "SHU" for Shuguang) is no abbreviation of it: an
    # abbreviation is read beside other words that pair ("Harbin Inst Technol"); a word alone that begins a listed
    # name is the short-name stage's, which asks that the rest say only what kind of body it is
    one_word = not foreign and len(_kept(q_tokens)) == 1
    # two letters that may be a person's initials written together ("PN Lebedev"), read apart for a listed body named so
    two_letters = not foreign and any(len(w) == INITIALS_WORD for w in q_tokens)
    for form in forms:
        if form.entity.list_id in skip or (few_consonants and len(form.tokens) < 2):
            continue
        entity = form.entity
        words, word_set, initials = q_tokens, q_set, ""
        if two_letters and (left := initials_left_out(q_tokens, (entity.name, *entity.aliases))) is not None:
            (words, initials), word_set = left, frozenset(left[0])  # "PN Lebedev Phys Inst" for "P.N. Lebedev …"
        if foreign:
            if quick_reject_translated(q_tokens, q_words, q_joins, form.word_set, form.joins, entity.country, twin):
                continue
        elif quick_reject(word_set, q_joins, form.word_set, form.joins, entity.country, entity.kind == "company", twin,
                          q_legal):
            continue
        result = compare(words, form.tokens, lenient=foreign, twin_ratio=twin,
                         country=form.entity.country, company=form.entity.kind == "company")
        if result.passed and result.score >= threshold and not (one_word and result.kinds == ("abbreviation",)):
            how = TRANSLATED if foreign else WORDS_LEFT_OUT if result.left_out and result.kinds == ("exact",) else CLOSE
            reason = f"{how}: {result.why}, similarity {result.score}, with {form.quoted()}"
            if initials:
                reason += f"; {initials.upper()!r} read as the initials of the person it is named after"
            if form.generic:
                reason += "; generic name"
            if capitals_alone:
                reason += f"; {CAPITALS_ALONE}"
            found = Finding(form, "possible", result.score, how, reason, words=result, weak=foreign,
                            needs_country=result.one_word_company or sound_alone)
            out.append(_set_aside(found, query, context) if foreign else found)
    return out


MIN_SKELETON_ALONE = 4  # consonants a word read by its consonants needs to pair a one-word listed name alone


def _kept(words: tuple[str, ...]) -> list[str]:
    """The words of a name but those it may leave out (optional words)."""
    return [w for w in words if not is_optional(w) and w not in OPTIONAL_WORDS]


def _one_short_skeleton(words: tuple[str, ...]) -> bool:
    """Is the name one word read by its consonants (or sounds), of fewer than MIN_SKELETON_ALONE, besides optional
    words?"""
    kept = _kept(words)
    if len(kept) != 1 or not is_skeleton(kept[0]):
        return False
    romanised = skeleton_letters(kept[0])
    return len(sound_key(romanised) if is_sound(kept[0]) else skeleton(romanised)) < MIN_SKELETON_ALONE


_WORDS = name_words()
DICTIONARY_WORDS = dictionary_words()
# words that say what kind of body a name is, or what trade a company is in
_KIND_WORDS: frozenset[str] = (GENERIC_WORDS | _WORDS.body_kind_words | _WORDS.organisation_words
                               | _WORDS.company_descriptive_words)


def _one_dictionary_word(words: tuple[str, ...]) -> bool:
    """Is a translation one word of the dictionaries alone, optional words aside (システム, "system"; 电子公司,
    "electronic")? It names no body, though a listed name be that word, a country and a legal form ("Open Joint
    Stock Company Russian Systems Corporation")."""
    kept = _kept(words)
    return len(kept) == 1 and not is_skeleton(kept[0]) and all(a in DICTIONARY_WORDS for a in letters(kept[0]))


def _sound_alone(words: tuple[str, ...]) -> bool:
    """Is a katakana name compared by its sounds the name's only word of its own, beside words that say what kind of
    body it is or what it does ("フォース航空", Force Aviation)?"""
    kept = _kept(words)
    # a word any reading of which says what kind of body or trade it is (工業: industry, or technology; 航空: aviation)
    return any(is_sound(w) for w in kept) and all(is_sound(w) or any(a in _KIND_WORDS for a in letters(w)) for w in kept)


def part_of(query: Query, context: Context, skip: frozenset[str]) -> list[Finding]:
    """"The Ningbo Institute of Northwestern Polytechnical University" (matching/parts.py)."""
    return _parts(query, context, skip, named=False)


def company_named(query: Query, context: Context, skip: frozenset[str]) -> list[Finding]:
    """"Dart Aviation Technics" for the listed Dart Aviation (matching/parts.py, kind ``named``)."""
    return _parts(query, context, skip, named=True)


def _parts(query: Query, context: Context, skip: frozenset[str], named: bool) -> list[Finding]:
    return [Finding(part.form, "possible", PART_SCORE, part.feature, part.reason(),
                    unit=part.unit, abroad=part.abroad)
            for part in context.parts_of(query.text)
            if part.form.entity.list_id not in skip and (part.kind == "named") == named]


def key_laboratory(query: Query, context: Context, skip: frozenset[str]) -> list[Finding]:
    """"National Key Laboratory of Radar Signal Processing" for the listed "Defense S&T Key Laboratory of Radar
    Signal Processing at Xidian University" (matching/key_laboratories.py): asked with the country to back it."""
    if context.laboratories is None or LABORATORY not in query.words:
        return []
    return [Finding(form, "possible", LAB_SCORE, "key laboratory of the same subject",
                    f"a key laboratory of the same subject, {subject_words(query.text, subject)!r}, as the listed "
                    f"{form.kind} {form.text!r}: China's key laboratories are named with or without their rank, sponsor "
                    "and host, and another host may have a laboratory of that subject: confirm", needs_country=True)
            for subject, form in context.laboratories.same_subject(query.text) if form.entity.list_id not in skip]
