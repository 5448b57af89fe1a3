"""The exact stages: a listed name form as written, but for optional words, word order or spacing, or
its acronym. Each returns typed findings (see :mod:`collabguard.matching.stages`)."""

from __future__ import annotations

import re

from collabguard.matching.acronym_parents import acronym_with_parent, names_parent
from collabguard.matching.candidates import CAPITALS_ALONE, Finding
from collabguard.matching.compare import LEGAL_FORMS_OF, OPTIONAL_WORDS, PARENT_NAMES, parent_named
from collabguard.matching.eponyms import INITIALS_WORD, initials_left_out
from collabguard.matching.group_names import names_alone, split_as_written, without_group
from collabguard.matching.han_reading import read_alike_key
from collabguard.matching.index import EXACT_ONLY_READINGS, NameForm
from collabguard.matching.legal_form_reading import MIN_ONE_WORD
from collabguard.matching.normalize import STOP_WORDS, compact, looks_like_acronym, normalize, tokens
from collabguard.matching.registry import is_registry, is_registry_alias, less_specific, linked_on_other_name
from collabguard.matching.stages.query import Context, Query

NAME_SCORE, VARIANT_SCORE, ACRONYM_SCORE, ACRONYM_SKIP_SCORE = 100, 95, 90, 85
# another list's name for the institution: less sure than the list's own reading of a name (its aliases hold
# units: a unit this list has as an entry of its own is found as itself, not as the parent)
BORROWED_SCORE = 90
# the feature of an acronym alone for a listed name of that acronym and a legal form (checks.py reads it)
ACRONYM_ALONE = "exact name, an acronym alone"


def exact(query: Query, context: Context, skip: frozenset[str]) -> list[Finding]:
    # the name as written first: the Entity List has "SANCO Middle East, FZC" and "SANCO Middle East, LLC" apart
    found = [_exact_form(form) for form in context.index.exact.get(query.norm, ())]
    if found and _one_word(query.text):  # "VNIIFTRI" for the listed "FGUP VNIIFTRI": an acronym alone
        found = [_acronym_alone(f, bool(query.acronym)) or f for f in found]
    return (found or _with_legal_form(query, context) or _read_alike(query, context) or _with_group(query, context)
            or _with_initials(query, context))


def _with_initials(query: Query, context: Context) -> list[Finding]:
    """"MV Lomonosov Moscow State Univ" for the listed "M.V. Lomonosov Moscow State University": the name with the
    initials of the person it is named after written together, as Web of Science writes them, where the listed name
    writes that person with those initials (the normaliser leaves initials with full stops out)."""
    words = query.written_words
    out: list[Finding] = []
    for i in range(len(words) - 1):
        if len(words[i]) != INITIALS_WORD:
            continue
        for form in context.index.exact.get(" ".join(words[:i] + words[i + 1:]), ()):
            if form.kind in ("name", "alias") and not form.via and form.reading in _SURE_READINGS and initials_left_out(
                    words, (form.text,)) is not None:
                base = _exact_form(form)
                out.append(Finding(form, base.decision, base.score, base.feature + " with the initials written together",
                                   f"{base.explanation}; {words[i].upper()!r} read as the initials of the person it is "
                                   "named after", weak=base.weak, needs_country=base.needs_country))
    return out


def _one_word(text: str) -> bool:
    """Is the name as written one word (stop words aside)?"""
    return sum(m.group(0).lower() not in STOP_WORDS for m in _WRITTEN_WORD.finditer(text)) == 1


def _acronym_alone(found: Finding, query_acronym: bool) -> Finding | None:
    """An acronym alone for a listed name that is that acronym and a legal form ("VNIIFTRI" for the 1286 list's
    "FGUP VNIIFTRI", "KAMAZ" for "KAMAZ Publicly Traded Company", "TSKBA" for "JSC “TsKBA”"): an acronym never
    confirms an identity by itself, as the acronym stages say. The listed name in full is still a match, and so
    is a one-word name that is no acronym as the list or the name writes it ("Druzhba" for "OOO Druzhba").
    ``found``: what the exact stage found on that name form."""
    form = found.form
    if found.decision != "match" or (dropped := _left_out_of_one_word(form, query_acronym)) is None:
        return None
    return Finding(form, "possible", NAME_SCORE, ACRONYM_ALONE,
                   f"same name as the listed {form.kind} {form.text!r} without {dropped!r}; {CAPITALS_ALONE}",
                   needs_country=True)


def _with_group(query: Query, context: Context) -> list[Finding]:
    """"AVIC Beijing Aeronautical Manufacturing Technology Research Institute" for the listed "Beijing
    Aeronautical Manufacturing Technology Research Institute": a listed name with another entry's name or
    acronym in front, as groups name their units (matching/group_names.py). Possible: the group's name
    may be put in front of a name that is not its unit's."""
    words = query.written_words
    for k, groups in without_group(words, context.index.groups):
        rest = words[k:]
        found = [form for form in context.index.exact.get(" ".join(rest), ())
                 if form.kind in ("name", "alias") and not form.generic and not form.via
                 and form.reading not in EXACT_ONLY_READINGS
                 and all(g.entity.entity_id != form.entity.entity_id for g in groups)
                 and names_alone(rest, form.entity.country, query.text)]
        if found:
            group = groups[0]
            said = split[0] if (split := split_as_written(query.text, words[:k])) is not None else group.text
            return [Finding(form, "possible", VARIANT_SCORE, f"exact {form.kind} with a group's name in front",
                            f"same name as the listed {form.kind} {form.quoted()} with {said!r} in front, which "
                            f"names the listed {group.entity.name!r}: a group's name before its unit's; confirm "
                            "it is the body meant") for form in found]
    return []


def _read_alike(query: Query, context: Context) -> list[Finding]:
    """哈爾濱工業大學 for the listed 哈尔滨工业大学: the same name read aloud, written in traditional characters where
    the list (or the registry) writes simplified ones, or the other way round. Possible: a name may have a
    homophone; a person confirms."""
    if query.script != "cjk" or (read := read_alike_key(query.norm)) is None:
        return []
    out = []
    for form in context.index.read_alike.get(read, ()):
        base = _exact_form(form)
        if base.decision == "none":
            continue
        out.append(Finding(form, "possible", VARIANT_SCORE, f"exact {form.kind} read alike",
                           f"the listed {form.kind} {form.quoted()} read aloud, written in other characters "
                           "(traditional or simplified): confirm it is that name", weak=base.weak,
                           needs_country=base.needs_country))
    return out


# every country's own legal forms ("FZE", "AO", "AB"), which a name may add to a listed company's
_COUNTRY_FORMS: frozenset[str] = frozenset().union(*LEGAL_FORMS_OF.values())
# the listed name as written, or read without its acronym or a bracket repeating its words: the same name
_SURE_READINGS = frozenset({"", "acronym", "repeat"})
_WRITTEN_WORD = re.compile(r"[^\W_]+")
_EMPTY_QUOTES = re.compile(r"[\"'“‘«(]\s*[\"'”’»)]")  # what quoted the word taken out of a name


def _with_legal_form(query: Query, context: Context) -> list[Finding]:
    """"Transworld Aviation FZE" for the listed "Transworld Aviation" (United Arab Emirates): the name with a
    legal form of the listed company's country, which the list leaves out."""
    words = query.written_words
    if _COUNTRY_FORMS.isdisjoint(words):
        return []
    kept = [w for w in words if w not in _COUNTRY_FORMS]
    added = [w for w in words if w in _COUNTRY_FORMS]
    if not kept or (len(kept) == 1 and len(kept[0]) < MIN_ONE_WORD):
        return []
    out = []
    for form in context.index.exact.get(" ".join(kept), ()):
        own = LEGAL_FORMS_OF.get(form.entity.country, frozenset())
        if form.generic or form.via or not own.issuperset(added):
            continue
        if form.reading == "legal-form" and set(tokens(form.dropped)) == set(added):
            out.append(_exact_form(form))  # "AO Institut Stroiproekt" for the listed "Institut Stroiproekt, AO"
            continue
        if form.reading not in _SURE_READINGS:
            # a quoted name, a name without a bracketed word, or with another legal form ("Pegasus General Trading
            # FZE" for the listed "... FZC": the Entity List has "SANCO Middle East, FZC" and "..., LLC" apart)
            base = _exact_form(form)
            out.append(Finding(form, "possible", base.score, base.feature, base.explanation, weak=base.weak,
                               needs_country=base.needs_country))
            continue
        said = ", ".join(repr(w) for w in added)
        if len(kept) == 1:
            out.append(Finding(form, "possible", NAME_SCORE, f"exact {form.kind} with a legal form, one word",
                               f"same name as the listed {form.kind} {form.quoted()} with {said} (a legal form of "
                               f"{form.entity.country}); a company named by one word: confirm", needs_country=True))
        else:
            out.append(Finding(form, "match", NAME_SCORE, f"exact {form.kind} with a legal form",
                               f"same name as the listed {form.kind} {form.quoted()} with {said} (a legal form of "
                               f"{form.entity.country})"))
    return out


def _exact_form(form: NameForm) -> Finding:
    """The same name: a match, unless the name says too little or the registry's name may be another body's."""
    name = form.entity.name
    if form.generic:
        return Finding(form, "possible", NAME_SCORE, "exact generic name",
                       f"generic name {form.text!r} fits many institutions: confirm which one is meant")
    if is_registry(form.via) and less_specific(form.text, form.entity):
        return Finding(form, "possible", NAME_SCORE, "exact registry name without the place",
                       f"same name as {name!r} without its place, via {form.via}; universities of that name in "
                       "other cities are separate: confirm which is meant")
    if is_registry(form.via) and linked_on_other_name(form.entity):
        return Finding(form, "possible", NAME_SCORE, "exact name of a wider registry record",
                       f"same name as {name!r} via {form.via}; but ROR gives {name!r} only as one of that record's "
                       "other names, so the record may be a larger body (a group, a parent): confirm")
    if is_registry_alias(form.via):  # ROR's other names hold former names, which another body may bear now
        return Finding(form, "possible", NAME_SCORE, "exact registry alias",
                       f"same name as {name!r} via {form.via}; ROR's aliases include former and informal names, "
                       "which another body may use today: confirm")
    if is_registry(form.via):  # "via ROR label '北京航空航天大学' (https://ror.org/…, ROR release v2.7)"
        return Finding(form, "match", NAME_SCORE, f"exact {form.kind}", f"same name as {name!r} via {form.via}")
    if form.kind == "alias" and not form.via and (others := [n for n in form.entity.names_elsewhere if n.name == form.text]):
        # "Xi'an University of Technology", the 1286 list's alias of Xi'an Technological University, is the name ROR
        # registers for another university (lists/registry_names_elsewhere.py): asked, never confirmed
        whose = "; ".join(f"{n.record_name} ({n.record_id}, ROR {n.release or 'release not given'})" for n in others)
        return Finding(form, "possible", NAME_SCORE, "exact alias that ROR registers as another organisation",
                       f"same name as the listed alias {form.text!r}; but ROR registers that name as another "
                       f"organisation of its country, {whose}: confirm which is meant")
    if form.other_list and form.kind != "local":  # another list's name of the same institution (matching/other_lists.py)
        return Finding(form, "possible", BORROWED_SCORE, f"exact {form.kind} of another list",
                       f"same name as {form.text!r}, a name the list {form.via} gives this institution (the same name "
                       "and country, or the same ROR record, on both lists); a list's other names may be its units' or "
                       "former names: confirm that it is the body meant", weak=True)
    if form.reading == "optional":  # "(GROUP)": a group and its company may be two companies
        return Finding(form, "possible", VARIANT_SCORE, f"exact {form.kind} without a bracketed optional word",
                       f"same name as the listed {form.kind} {form.written!r} without {form.dropped!r}: a group and "
                       "its company may be two companies: confirm")
    if form.reading == "capitals":  # "(VNIIA)": capitals, but not the initials of the name
        return Finding(form, "possible", NAME_SCORE, f"exact {form.kind} without a bracketed word",
                       f"same name as the listed {form.kind} {form.written!r} without {form.dropped!r}, which does not "
                       "read as the name's initials: confirm")
    if form.reading == "quoted":  # "Kurchatov Institute": asked only with the country to back it
        return Finding(form, "possible", NAME_SCORE, f"exact {form.kind} in quotation marks",
                       f"same name as the name in quotation marks of the listed {form.kind} {form.written!r}, without "
                       "the words in front of it (the kind of body, or its group); another body may bear that name: "
                       "confirm", needs_country=True)
    if form.reading == "place":  # "DGT Technology" for "DGT Technology (HK) Co., Limited"
        return Finding(form, "possible", VARIANT_SCORE, f"exact {form.kind} without its bracketed place",
                       f"same name as the listed {form.kind} {form.written!r} without {form.dropped!r}, where that "
                       "company is registered: its parent or a company of its group elsewhere may be meant: confirm")
    if form.reading == "group":  # "Xi'an Aircraft Industry Group" for "AVIC Xi'an Aircraft Industry Group Co."
        return Finding(form, "possible", VARIANT_SCORE, f"exact {form.kind} without its group's name",
                       f"same name as the listed {form.kind} {form.written!r} without the name in front of it, "
                       f"{form.dropped!r}, which names another listed body (its group): confirm it is the body meant")
    if form.reading == "title":  # "Kurchatov Institute" for "National Research Center Kurchatov Institute"
        return Finding(form, "possible", NAME_SCORE, f"exact {form.kind} without its status",
                       f"same name as the listed {form.kind} {form.written!r} without {form.dropped!r}, a status the "
                       "state gives research centres, some of which join several institutes: confirm it is the body "
                       "meant")
    if form.reading == "eponym":  # "Moscow State University" for "M.V. Lomonosov Moscow State University"
        return Finding(form, "possible", NAME_SCORE, f"exact {form.kind} without its eponym",
                       f"same name as the listed {form.kind} {form.written!r} without the person it is named after, "
                       f"{form.dropped!r}: confirm it is the body meant")
    if form.reading == "legal-form" and len(form.tokens) == 1:  # "Skylinks" for "Skylinks FZC"
        return Finding(form, "possible", NAME_SCORE, f"exact {form.kind} without its legal form, one word",
                       f"same name as the listed {form.kind} {form.written!r} without its legal form "
                       f"{form.dropped!r}; a company named by one word: confirm", needs_country=True)
    if form.reading == "legal-form":  # "Kaspersky Lab" for "AO Kaspersky Lab"
        return Finding(form, "match", NAME_SCORE, f"exact {form.kind} without its legal form",
                       f"same name as the listed {form.kind} {form.written!r} without its legal form {form.dropped!r}")
    if form.reading in ("acronym", "repeat") and not form.entity.country:
        # a name read without its bracket, of an entry that gives no country to back it: asked, never matched
        return Finding(form, "possible", NAME_SCORE, f"exact {form.kind} without its bracket",
                       f"same name as the listed {form.kind} {form.written!r} without {form.dropped!r}, of an entry "
                       "with no country: confirm")
    if form.reading == "repeat":  # "Hafei Aviation Industry Co., Ltd. (HAFEI)"
        return Finding(form, "match", NAME_SCORE, f"exact {form.kind} without a bracketed repeat",
                       f"same name as the listed {form.kind} {form.written!r} without the bracketed {form.dropped!r}, "
                       "which repeats its words")
    if form.reading == "acronym":
        return Finding(form, "match", NAME_SCORE, f"exact {form.kind} without its acronym",
                       f"same name as the listed {form.kind} {form.written!r} without the acronym {form.dropped!r} "
                       "it carries in brackets")
    via = f" (from {form.via})" if form.via else ""
    return Finding(form, "match", NAME_SCORE, f"exact {form.kind}",
                   f"same name as the listed {form.kind} {form.text!r}{via}")


def _left_out_of_one_word(form: NameForm, query_acronym: bool) -> str | None:
    """What the normaliser leaves out of a listed name that is an acronym besides ("FGUP" of "FGUP VNIIFTRI",
    "Aktsionernoe Obshchestvo" of "Aktsionernoe Obshchestvo VAD"), the acronym as the list or the name
    (``query_acronym``) writes it; None for any other name."""
    if form.kind not in ("name", "alias") or len(form.tokens) != 1:
        return None
    words = [m for m in _WRITTEN_WORD.finditer(form.text) if m.group(0).lower() not in STOP_WORDS]
    own = [m for m in words if normalize(m.group(0)) == form.tokens[0]]
    if len(own) != 1 or len(words) == 1 or not (query_acronym or looks_like_acronym(own[0].group(0))):
        return None
    rest = _EMPTY_QUOTES.sub(" ", form.text[: own[0].start()] + " " + form.text[own[0].end():])
    return " ".join(rest.split()).strip(" ,;:-–—") or None


def optional_words(query: Query, context: Context, skip: frozenset[str]) -> list[Finding]:
    """"PLA National University of Defense Technology", "China North Industries Group Corporation"."""
    toks = query.written_words
    bare = " ".join(t for t in toks if t not in OPTIONAL_WORDS)
    if not bare or bare == query.norm:
        return []
    left_out = ", ".join(repr(t) for t in toks if t in OPTIONAL_WORDS)
    return [Finding(form, "possible", VARIANT_SCORE, "same name but for optional words",
                    f"same name as the listed {form.kind} {form.quoted()} but for {left_out}"
                    + ("; generic name" if form.generic else ""))
            for form in context.index.exact.get(bare, ()) if form.reading not in EXACT_ONLY_READINGS]


def word_order(query: Query, context: Context, skip: frozenset[str]) -> list[Finding]:
    out: list[Finding] = []
    for form in context.index.fingerprints.get(query.fingerprint, ()):
        if form.norm == query.norm:
            continue
        if form.kind in ("name", "alias") and (parent := parent_moved(query.written_words, form)):
            out.append(Finding(form, "match", VARIANT_SCORE, "same name, its parent on the other side",
                               f"same name as the listed {form.kind} {form.quoted()}, the parent, {parent}, named "
                               "on the other side of the institute's own name"))
        else:
            out.append(Finding(form, "possible", VARIANT_SCORE, "same words, other order",
                               f"same words in a different order as {form.quoted()}"))
    return out


def parent_moved(words: tuple[str, ...], form: NameForm) -> str:
    """The parent (as a reason names it) that a name writes after the institute's own name where the listed one
    writes it before, or before where the list writes it after: "Institute of Microelectronics, Chinese Academy
    of Sciences" for the listed "Chinese Academy of Sciences – Institute of Microelectronics". Institutes are
    written both ways. "" for any other order: "Institute of Technology Harbin" is no "Harbin Institute of
    Technology"."""
    listed = form.tokens
    country = form.entity.country
    for k in range(1, len(listed)):
        head, rest = listed[:k], listed[k:]
        if words == rest + head:
            found = parent_named(list(head), country) or parent_named(list(rest), country)
            return PARENT_NAMES.get(found, found) if found else ""
    return ""


def spacing(query: Query, context: Context, skip: frozenset[str]) -> list[Finding]:
    fp = query.fingerprint
    return [Finding(form, "possible", VARIANT_SCORE, "same letters, other spacing",
                    f"same letters with different spacing as {form.quoted()}")
            for form in context.index.compacts.get(compact(query.text), ())
            if form.norm != query.norm and form.fingerprint != fp]


def acronym(query: Query, context: Context, skip: frozenset[str]) -> list[Finding]:
    key = query.acronym
    return [_registered_elsewhere(form, key) or Finding(
        form, "possible", ACRONYM_SCORE, form.kind,
        f"{form.kind} {form.quoted() if form.reading == 'russian' else repr(form.text)}"
        f"{f' (from {form.via})' if form.via and not is_registry(form.via) else ''} only: "
        "an acronym alone never confirms an identity", weak=form.kind == "derived acronym")
        for form in context.index.acronyms.get(key, ())] if key else []


def acronym_skip(query: Query, context: Context, skip: frozenset[str]) -> list[Finding]:
    """CETC for "China Electronics Technology Group Corporation" (CETGC): acronyms often skip a word."""
    key = query.acronym
    return [_registered_elsewhere(form, key) or Finding(
        form, "possible", ACRONYM_SKIP_SCORE, "derived acronym, one word skipped",
        f"{key} reads as the initials of {form.entity.name!r} with one word skipped: "
        "an acronym alone never confirms an identity", weak=True)
        for form in context.index.acronym_skips.get(key, ())] if key else []


def acronym_parent(query: Query, context: Context, skip: frozenset[str]) -> list[Finding]:
    """"ISSP RAS", "IOP CAS": an institute's acronym with its academy's, one a list gives (matching/acronym_parents.py)."""
    reading = acronym_with_parent(query.text) if not query.foreign else None
    if reading is None:
        return []
    out: list[Finding] = []
    seen: set[str] = set()
    for key in reading.keys:
        for form in context.index.acronyms.get(key, ()):
            if (form.kind != "acronym" or form.entity.entity_id in seen or form.entity.list_id in skip
                    or not names_parent(form, reading)):
                continue
            seen.add(form.entity.entity_id)
            # "acronym 'ISSP' with its parent 'RAS', …"; "acronym 'IOPCAS', written 'IOP' with its parent 'CAS'"
            how = (f"with its parent {reading.parent!r}, which the listed name names" if key == reading.acronym else
                   f"written {reading.acronym!r} with its parent {reading.parent!r}")
            out.append(_registered_elsewhere(form, key) or Finding(
                form, "possible", ACRONYM_SKIP_SCORE, "acronym with its parent",
                f"acronym {key!r}{' ' if key == reading.acronym else ', '}{how}: an acronym alone never confirms "
                "an identity"))
    return out


def _registered_elsewhere(form: NameForm, key: str) -> Finding | None:
    """An acronym derived from the entry's name that ROR gives other organisations of its country ("CAS": the
    Chinese Academy of Sciences, not China Avionics Systems): set aside, the report saying whose it is
    (lists/registry_acronyms.py). An acronym the list gives is never set aside."""
    others = [a for a in form.entity.acronyms_elsewhere if a.acronym == key] if form.kind == "derived acronym" else []
    if not others:
        return None
    whose = "; ".join(f"{a.record_name} ({a.record_id}, ROR {a.release or 'release not given'})" for a in others)
    why = (f"{key!r} is not an acronym the list gives {form.entity.name!r}: collabguard derives it from the name, and "
           f"ROR gives it to {whose}")
    return Finding(form, "none", ACRONYM_SKIP_SCORE, "derived acronym registered to another organisation",
                   f"derived acronym {key!r} only", weak=True, named_otherwise=why)
