"""Match quality on the labelled development set, next to a plain rapidfuzz baseline.

    python benchmarks/match_quality.py [--devset benchmarks/data/devset.csv] [--show-errors N]

Counts a query as found when a candidate with decision ``match`` or ``possible`` is the expected
entry (or the same institution on another list: same name, same country). A candidate that fits
several entries of its list equally (an ambiguous acronym: HIT) names them all, and counts as right
when the expected entry is among them. Precision counts every
query with a wrong candidate (a wrong ``possible`` counts too). Negatives are real institutions
that must not be flagged. The baseline is ``process.extractOne(query, names, scorer=WRatio,
processor=default_process, score_cutoff=90)`` over the same names, measured in the same run.
Kinds ``other-name`` (former and other names sharing less than half their words with the main name)
and ``local-ja`` (Japanese renderings of Russian names) are reported but kept out of the totals:
no name matcher can find them without the alias itself, which the shipped lists do index.
"""

from __future__ import annotations

import argparse
import csv
from collections import defaultdict
from pathlib import Path

import yaml
from rapidfuzz import fuzz, process, utils

from collabguard.countries import country_code
from collabguard.lists import load_lists
from collabguard.lists.model import Entity, ListSet
from collabguard.matching.index import entity_forms
from collabguard.matching.list_brackets import without_bracketed_acronyms
from collabguard.matching.matcher import Matcher
from collabguard.matching.normalize import is_generic, normalize, tokens
from collabguard.matching.translate import script_of

ROOT = Path(__file__).resolve().parent.parent
OUT_OF_TARGET = {"other-name", "local-ja"}
# words that name a unit of an organisation (read from the file, so that an older matcher can be measured too)
UNITS = frozenset(yaml.safe_load((ROOT / "src" / "collabguard" / "reference" / "organisation-parts.yaml")
                                 .read_text(encoding="utf-8"))["unit_words"])


def names_only(lists: ListSet, list_id: str) -> ListSet:
    # names only: the list's aliases and local names, and the names ROR gives the entry, left out
    keep = [e.model_copy(update={"aliases": (), "acronyms": (), "name_local": "", "registry": None, "ror": ""})
            for e in lists.entities if e.list_id == list_id]
    return ListSet(lists={list_id: lists.lists[list_id]}, entities=tuple(keep))


class Baseline:
    def __init__(self, lists: ListSet) -> None:
        self.choices: list[str] = []
        self.owner: list[Entity] = []
        for e in lists.entities:
            if e.kind == "programme":
                continue
            for f in entity_forms(e):
                self.choices.append(f.text)
                self.owner.append(e)

    def match(self, query: str) -> list[Entity]:
        hit = process.extractOne(query, self.choices, scorer=fuzz.WRatio, processor=utils.default_process, score_cutoff=90)
        return [self.owner[hit[2]]] if hit else []


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--devset", type=Path, default=ROOT / "benchmarks" / "data" / "devset.csv")
    parser.add_argument("--lists", type=Path, default=ROOT / "rules" / "lists",
                        help="the list folder (a copy, to compare runs while lists change)")
    parser.add_argument("--show-errors", type=int, default=0, help="print up to N misses and false hits")
    args = parser.parse_args()

    lists = load_lists(args.lists)
    by_id = {e.entity_id: e for e in lists.entities}
    # The same institution on several lists: entries that share a name or alias in the same country
    # (the lists themselves say so). Union-find over (normalised name form, country).
    parent: dict[str, str] = {e.entity_id: e.entity_id for e in lists.entities}

    def root(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    owner: dict[tuple[str, str], str] = {}
    for e in lists.entities:
        bare = [b.text for t in (e.name, *e.aliases) if (b := without_bracketed_acronyms(t)) is not None
                and b.reading in ("acronym", "repeat")]
        for text in (e.name, *e.aliases, *bare):  # "Korea Mining Development Corp. (KOMID)" names it too
            if script_of(text) != "latin" or is_generic(text) or (len(text.split()) < 2 and len(text) < 8):
                continue
            key = (normalize(text), "CN" if e.country in ("HK", "MO") else e.country)
            if key in owner:
                parent[root(e.entity_id)] = root(owner[key])
            else:
                owner[key] = e.entity_id
    # and entries that name the same institution differently (navy/naval, academy/college), each
    # with its evidence in the file
    with open(ROOT / "benchmarks" / "data" / "same_institution.csv", encoding="utf-8", newline="") as fh:
        for pair in csv.DictReader(fh):
            parent[root(pair["entity_id"])] = root(pair["same_as"])
    clusters: dict[str, set[str]] = defaultdict(set)
    for e in lists.entities:
        clusters[root(e.entity_id)].add(e.entity_id)
    full, full_base = Matcher(lists), Baseline(lists)
    reduced: dict[str, tuple[Matcher, Baseline]] = {}

    def expected_ids(expected: str) -> set[str]:
        if not expected:
            return set()
        if expected not in by_id:
            list_id, _, name = expected.partition(":")
            expected = next(e.entity_id for e in lists.entities if e.list_id == list_id and e.name == name)
        return clusters[root(expected)]

    def related(candidate: Entity, want: set[str]) -> bool:
        """A listed parent named inside the expected entry ("Academy of Military Medical Sciences"
        for one of its institutes) or the other way round, or named by it as its parent (the 1260H category "subsidiary of
        China Electronics Corporation"; CCCC for "CCCC First Harbor Engineering Bureau") is not a
        false hit: the name does name it, and "part of listed organisation" says so."""
        inner = tokens(candidate.name)
        if any(all(t in tokens(by_id[w].name) for t in inner) for w in want):
            return True
        for w in want:  # a listed unit of the expected parent, matched as itself ("CETC No. 28 Institute")
            outer = tokens(by_id[w].name)
            at = next((i for i in range(len(inner) - len(outer) + 1) if inner[i:i + len(outer)] == outer), None)
            if outer and at is not None and UNITS & set(inner[:at] + inner[at + len(outer):]):
                return True
        names = [tokens(n) for n in (candidate.name, *candidate.aliases) if n] + [(a.lower(),) for a in candidate.acronyms]
        for w in want:
            words = tokens(" ".join((by_id[w].name, by_id[w].category)))
            if any(n and any(words[i:i + len(n)] == n for i in range(len(words) - len(n) + 1)) for n in names):
                return True
        return False

    stats: dict[str, dict[str, dict[str, int]]] = {m: defaultdict(lambda: defaultdict(int)) for m in ("ours", "ours-match", "baseline")}
    errors: list[str] = []
    with open(args.devset, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    for row in rows:
        kind, scope = row["kind"], row["scope"]
        country = country_code(row["country"]) if row["country"] else None
        want = expected_ids(row["expected"])
        if scope.startswith("leave-out:"):
            list_id = scope.split(":", 1)[1]
            if list_id not in reduced:
                rl = names_only(lists, list_id)
                reduced[list_id] = (Matcher(rl), Baseline(rl))
            matcher, base = reduced[list_id]
        else:
            matcher, base = full, full_base
        found = matcher.match(row["query"], country)
        # one entry per candidate: the entity and the others of its list it fits equally (an
        # ambiguous acronym or translation names them all; right if the expected one is among them)
        outcomes = {
            "ours": [(c.entity, *c.also) for c in found],
            "ours-match": [(c.entity, *c.also) for c in found if c.decision == "match"],
            "baseline": [(e,) for e in base.match(row["query"])],
        }
        for method, cands in outcomes.items():
            s = stats[method][kind]
            s["n"] += 1
            ids = {e.entity_id for group in cands for e in group}
            if want:
                s["pos"] += 1
                if ids & want:
                    s["tp"] += 1
                elif method == "ours" and len(errors) < args.show_errors:
                    errors.append(f"MISS  [{kind}] {row['query']!r} ({row['country']}) expected {getattr(by_id.get(row['expected']), 'name', row['expected'])!r}")
                wrong = [group[0] for group in cands
                         if not any(e.entity_id in want or related(e, want) for e in group)]
                if wrong:
                    s["fp"] += 1
                    if method == "ours" and len(errors) < args.show_errors:
                        errors.append(f"WRONG [{kind}] {row['query']!r} ({row['country']}) -> {[e.name for e in wrong]}")
            elif ids:
                s["fp"] += 1
                if method == "ours":
                    s["flag_possible"] += 1
                    if len(errors) < args.show_errors:
                        errors.append(f"FALSE [{kind}] {row['query']!r} ({row['country']}) -> {[c.entity.name + ' ' + c.decision for c in found]}")
            if method == "ours" and not want and any(c.decision == "match" for c in found):
                s["flag_match"] += 1

    def prf(s: dict[str, int]) -> tuple[float, float, float]:
        p = s["tp"] / (s["tp"] + s["fp"]) if s["tp"] + s["fp"] else 1.0
        r = s["tp"] / s["pos"] if s["pos"] else float("nan")
        f = 2 * p * r / (p + r) if s["pos"] and p + r else float("nan")
        return p, r, f

    kinds = sorted(stats["ours"], key=lambda k: (not any(stats["ours"][k]["pos"] for _ in [0]), k))
    print(f"{'kind':22} {'n':>5}  {'ours P':>7} {'R':>6} {'F1':>6}   {'match-only R':>12}   {'baseline P':>10} {'R':>6} {'F1':>6}")
    for k in kinds:
        o, om, b = stats["ours"][k], stats["ours-match"][k], stats["baseline"][k]
        if o["pos"]:
            po, ro, fo = prf(o)
            pb, rb, fb = prf(b)
            print(f"{k:22} {o['n']:5}  {po:7.3f} {ro:6.3f} {fo:6.3f}   {prf(om)[1]:12.3f}   {pb:10.3f} {rb:6.3f} {fb:6.3f}")
        else:
            print(f"{k:22} {o['n']:5}  flagged: {o['flag_match'] / o['n']:6.1%} as match, {o['flag_possible'] / o['n']:6.1%} at all"
                  f"    baseline flagged {b['fp'] / b['n']:6.1%}")
    for method in ("ours", "baseline"):
        tot: dict[str, int] = defaultdict(int)
        neg: dict[str, int] = defaultdict(int)
        for k, s in stats[method].items():
            if k in OUT_OF_TARGET:
                continue
            for key, v in s.items():
                tot[key] += v
            if not s["pos"]:
                for key, v in s.items():
                    neg[key] += v
        p, r, f = prf(tot)
        extra = ""
        if method == "ours":
            extra = (f"; negatives flagged as match {neg['flag_match'] / neg['n']:.2%}, at all {neg['flag_possible'] / neg['n']:.2%}"
                     f" (n={neg['n']})")
        print(f"TOTAL {method:9} precision {p:.3f} recall {r:.3f} F1 {f:.3f} (positives {tot['pos']}, excluding other-name and local-ja){extra}")
    for line in errors:
        print(line)


if __name__ == "__main__":
    main()
