"""A listed body named with its group's name in front, or without it: "Xi'an Aircraft Industry Group
Co., Ltd." for the listed "AVIC Xi'an Aircraft Industry Group Company Ltd.", "Smolensk Aviation Plant" for
the listed "Tactical Missile Corporation, Smolensk Aviation Plant", and "AVIC Shenyang Aircraft
Corporation" for the listed "Shenyang Aircraft Corporation".

Chinese and Russian groups put the group's name (or acronym) in front of their companies' and institutes'
names, and people write them with or without it. A group is known here only by the lists: the name in
front must be another entry's listed name or acronym whose name says it is a group (AVIC, CETC, "Tactical
Missile Corporation", "China Academy of Launch Vehicle Technology"), never a word that merely begins many
names. What is left must say which body it is (:func:`names_alone`): a place of its country, a name in
quotation marks, a Chinese company's own name in pinyin; not "Flight Test Center", "Chip Technology Co.,
Ltd." or "Hong Kong", which many bodies or none bear. Either way the reading is at most ``possible``: a
group's name may be left out of a name, or put in front of one, that is not its unit's.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace

from collabguard.countries import country_code
from collabguard.matching.compare import COMPANY_TAIL, OPTIONAL_WORDS, PLACE_WORDS, TOWNS
from collabguard.matching.index import NameForm, word_joins
from collabguard.matching.normalize import acronym_key, compact, fingerprint, is_generic, normalize, tokens
from collabguard.matching.parts import lexicon as parts_lexicon
from collabguard.matching.pinyin import syllable_initials
from collabguard.matching.quoted_names import quotes_a_name

GROUP_READING = "group"
MIN_GROUP_WORDS = 2  # a group written out: two words or more ("Tactical Missile Corporation"); else its acronym
MIN_ACRONYM = 3  # letters of a group's acronym ("AVIC", "CETC"; not "SB")
MIN_REST = 2  # words of what is left, which must name a body alone
MIN_OWN = 4  # letters of a pinyin word of its own
CHINESE_COUNTRIES = frozenset({"CN", "HK", "MO"})
OWN_NAME_AT = 2  # words from the start a Chinese company's own name stands within


def group_names(forms: list[NameForm]) -> dict[tuple[str, ...], list[NameForm]]:
    """The listed names and acronyms of groups, by their words: of entries whose name says they are a
    group (a corporation, a concern, an academy: ``group_words`` of organisation-parts.yaml), names of two
    words or more (not generic) and listed acronyms of three letters or more that one entry of a list
    holds."""
    out: dict[tuple[str, ...], list[NameForm]] = defaultdict(list)
    owners: dict[tuple[str, str], set[str]] = defaultdict(set)
    group_words = parts_lexicon().groups
    for form in forms:
        if form.via or form.reading or form.entity.kind not in ("institution", "company"):
            continue
        if group_words.isdisjoint(tokens(form.entity.name)):
            continue
        if form.kind == "acronym":
            key = acronym_key(form.text)
            if key and len(key) >= MIN_ACRONYM and key.isalpha():
                owners[(key, form.entity.list_id)].add(form.entity.entity_id)
                out[(key.lower(),)].append(form)
        elif form.kind in ("name", "alias") and len(form.tokens) >= MIN_GROUP_WORDS and not form.generic:
            out[form.tokens].append(form)
    # an acronym a list gives several of its entries ("CETC" for its institutes) names a group only as
    # the entries of the other lists have it
    for words, found in out.items():
        if len(words) == 1:
            found[:] = [f for f in found if len(owners[(words[0].upper(), f.entity.list_id)]) == 1]
    return {k: v for k, v in out.items() if v}


def names_alone(words: tuple[str, ...], country: str, text: str) -> bool:
    """Can these words (``text`` as written) name a body without its group? Two or more, not generic, and
    saying which body: a place of its country besides other words ("Shenyang Aircraft", "Smolensk
    Aviation Plant"), a name in quotation marks ('Ural Design Bureau “Detal”'), or, in a Chinese name, a
    word of its own in pinyin ("Jiangxi Hongdu", "Leihua Electronic Technology Research Institute").
    Not a place alone ("Hong Kong"), nor words of a kind of company or unit, which many bodies bear
    ("Chip Technology Co., Ltd.", "Flight Test Center")."""
    if len(words) < MIN_REST or is_generic(" ".join(words)):
        return False
    places = PLACE_WORDS.get(country, frozenset()) | TOWNS.get(country, frozenset())
    lex = parts_lexicon()
    other = [w for w in words if w not in places and w not in OPTIONAL_WORDS and w not in lex.regions
             and w not in lex.legal_abroad and country_code(w) is None]
    if not other:
        return False
    if any(w in places for w in words) or quotes_a_name(text):
        return True
    # the pinyin word a Chinese company's own name is, first ("Leihua Electronic Technology …") or after its
    # place: not an English word further on that reads as pinyin too ("… Basic Medicine": me-di-ci-ne)
    return country in CHINESE_COUNTRIES and any(
        w not in COMPANY_TAIL and len(w) >= MIN_OWN and syllable_initials(w) is not None for w in words[:OWN_NAME_AT])


def group_readings(forms: list[NameForm], groups: dict[tuple[str, ...], list[NameForm]]) -> list[NameForm]:
    """Each listed name that begins with another entry's group name, read without it (reading
    ``group``; what was left out in ``dropped``, with the group's listed name)."""
    out: list[NameForm] = []
    seen: set[tuple[str, str]] = set()
    for form in forms:
        if form.via or form.reading or form.kind not in ("name", "alias") or form.entity.kind == "programme":
            continue
        toks = form.tokens
        for k in range(len(toks) - MIN_REST, 0, -1):  # the longest group name first
            group = [g for g in groups.get(toks[:k], ()) if g.entity.entity_id != form.entity.entity_id]
            if not group:
                continue
            rest = toks[k:]
            split = split_as_written(form.text, toks[:k])
            if split is None or not names_alone(rest, form.entity.country, split[1]) or not _begins_a_name(split[1]):
                break
            if any(set(rest) <= set(tokens(g.entity.name)) for g in group):
                break  # the same body on another list, by a longer name ("LIMMT Economic and Trade")
            dropped, text = split
            norm = normalize(text)
            if norm and tokens(text) == rest and (norm, form.entity.entity_id) not in seen:
                seen.add((norm, form.entity.entity_id))
                out.append(replace(form, text=text, norm=norm, tokens=rest, fingerprint=fingerprint(text),
                                   compact=compact(text), generic=False, word_set=frozenset(rest),
                                   joins=word_joins(rest), written=form.text, dropped=dropped,
                                   reading=GROUP_READING))
            break
    return out


def _begins_a_name(text: str) -> bool:
    """Does the text begin as a name does: not "of …", "(Hong Kong) …", "Limited (CSSC) …", "Group Co.",
    "Technology …", "Institute of …" ("Joint Stock Company Taganrog …" does: its legal form aside)."""
    first = text.split()[0]
    if not (first[:1].isupper() or first[:1].isdigit() or first[:1] in "\"'“«") or not tokens(first):
        return False
    # its first word not one of a kind of company or unit either: the group's name goes on ("China
    # Electronics Technology …" is not China Electronics'), or the unit says only what kind it is
    word = tokens(text)[0]
    return word not in OPTIONAL_WORDS and word not in COMPANY_TAIL


def split_as_written(text: str, group: tuple[str, ...]) -> tuple[str, str] | None:
    """The listed name as written: its group's name, and the words after it; None where the group's
    words do not end on a word of the text."""
    words = text.split()
    for m in range(1, len(words)):
        said = tokens(" ".join(words[:m]))
        if said == group:
            rest = " ".join(words[m:]).lstrip(",;:-–— ")
            return (" ".join(words[:m]).rstrip(",;:-–— "), rest) if rest else None
        if len(said) > len(group):
            return None
    return None


def without_group(words: tuple[str, ...], groups: dict[tuple[str, ...], list[NameForm]]) -> list[tuple[int, list[NameForm]]]:
    """Where a name's first words are a listed group's name: (how many words, the group's forms), the
    longest first, leaving two words at least."""
    return [(k, groups[words[:k]]) for k in range(len(words) - MIN_REST, 0, -1) if words[:k] in groups]
