"""The nearest rejected name of each list that found nothing, and why ("Sichuan University: extra word
'normal'"): what an officer reads when a name gives no match, so that a near miss is seen."""

from __future__ import annotations

from rapidfuzz import fuzz, process

from collabguard.matching.candidates import Candidate, Rejected
from collabguard.matching.compare import compare, names_a_town
from collabguard.matching.index import NameIndex
from collabguard.matching.short_names import nearest_beginning
from collabguard.matching.stages.query import Query
from collabguard.matching.stages.reading import twin_ratio
from collabguard.models.report import MatcherConfig


def near_misses(index: NameIndex, query: Query, per_list: dict[str, list[Candidate]],
                config: MatcherConfig) -> dict[str, Rejected]:
    """For each list still without a candidate: the closest name sharing the query's rarest word, and
    why it was rejected; for a short name, the shortest listed name it begins ("Harbin": Harbin
    Engineering University)."""
    missing = {lid for lid, found in per_list.items() if not found}
    if not query.words or query.generic_only or not missing:
        return {}
    q_tokens, foreign = query.words, query.foreign
    by_list = index.near(q_tokens, missing)
    out: dict[str, Rejected] = {}
    if not foreign:
        for lid, form in nearest_beginning(index, q_tokens).items():
            if lid in missing:
                out[lid] = Rejected(form, round(100 * len(q_tokens) / len(form.tokens)),
                                    f"short name: only the beginning of {form.text!r}", query.text)
    threshold = config.translated_threshold if foreign else config.possible_threshold
    twin = twin_ratio(config, foreign)  # the likeness the close-spelling and translation stages ask
    joined = " ".join(q_tokens)
    for lid, pool in by_list.items():
        if lid in out:
            continue
        choice = process.extractOne(joined, [f.norm for f in pool], scorer=fuzz.token_sort_ratio)
        form = pool[choice[2]]
        result = compare(q_tokens, form.tokens, lenient=foreign, twin_ratio=twin,
                         country=form.entity.country, company=form.entity.kind == "company")
        if result.score >= config.near_miss_score or (not result.passed and choice[1] >= config.near_miss_score):
            if not result.passed:
                why = result.why
            elif result.score < threshold:
                why = f"similarity {result.score} below {threshold}"
            elif names_a_town(q_tokens, form.entity.country):  # "…, Penza State University, Penza, Russia" (matching/checks.py)
                why = f"{query.text!r} is also the name of a town: read as the place"
            else:  # the words pair, but the word search did not bring the name to the stages
                why = f"close (similarity {result.score}), but not reached by the word search: check it by hand"
            out[lid] = Rejected(form, max(result.score, int(choice[1])), why, query.text)
    return out
