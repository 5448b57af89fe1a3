"""Build the labelled development set for the matcher: ``benchmarks/data/devset.csv``.

    python benchmarks/build_devset.py [--bibliometrics PATH] [--ror DIR] [--lists DIR]

Also rebuilds the real-string rows of ``benchmarks/data/heldout.csv`` (its hand-written rows are
kept as they are); see ``match_devset_real.py``.

Deterministic: the same lists give the same file. Every positive comes from a shipped list entry;
every negative is a real institution from ``benchmarks/data/negatives.csv`` (checked here to be on
no shipped list under that name) or a real address line from the MIT-licensed Web of Science sample.

Kinds of positives:
- ``alias``, ``acronym``, ``local``: leave-out protocol. The query is an alias, acronym or local-
  script name of an entry, matched against that list reduced to main English names only.
  Aliases that share less than half of their distinctive words with the main name (former and
  other names: "Changsha Institute of Technology" or "Third Military Medical University") are
  kind ``other-name``, and Japanese renderings of Russian names kind ``local-ja``: no name matcher
  can find them without the alias itself, so they are reported apart and kept out of the targets.
- ``abbrev`` (Web of Science abbreviations), ``typo`` (two letters swapped), ``affiliation`` (an
  address line: department, name, city, postcode, country, with no separate country),
  ``upper`` (old upper-case Web of Science style): against all shipped lists.
Negatives: ``lookalike`` (share words or a city with listed names), ``lookalike-script``,
``same-name`` (same name, other country), ``innocent``, ``affiliation-negative`` (the same in an
address line), ``real-address`` (address lines from the MIT-licensed WoS export).
Real strings (``match_devset_real.py``): ``part`` and ``part-ror`` (a unit or subsidiary named with
its listed parent; expected: the parent, as ``possible``), ``typo-real``, ``joined`` and
``short-name`` (issue #15's examples and real misspellings from public text), and the negatives
``part-lookalike-ror`` (real organisations that share words with a listed name and name a unit).
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import re
from pathlib import Path

from match_devset_real import real_rows

from collabguard.lists import load_lists
from collabguard.lists.model import ListSet
from collabguard.matching.normalize import GENERIC_WORDS, STOP_WORDS, normalize, tokens
from collabguard.matching.translate import script_of

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "benchmarks" / "data" / "devset.csv"
HELDOUT = ROOT / "benchmarks" / "data" / "heldout.csv"
HAND_WRITTEN_HELDOUT = {"heldout-script", "heldout-variant", "heldout-negative"}
NEGATIVES = ROOT / "benchmarks" / "data" / "negatives.csv"
MIT_WOS = "wos_tabdelimited_scientopy_4071.txt"  # MIT licence: the only sample that may be copied

WOS = {  # Web of Science address abbreviations (as printed in C1 fields)
    "university": "Univ", "institute": "Inst", "technology": "Technol", "national": "Natl", "academy": "Acad",
    "science": "Sci", "sciences": "Sci", "engineering": "Engn", "defense": "Def", "laboratory": "Lab",
    "college": "Coll", "research": "Res", "center": "Ctr", "centre": "Ctr", "aeronautics": "Aeronaut",
    "astronautics": "Astronaut", "electronic": "Elect", "electronics": "Elect", "polytechnical": "Polytech",
    "polytechnic": "Polytech", "physics": "Phys", "chemical": "Chem", "mechanical": "Mech",
    "information": "Informat", "military": "Mil", "medical": "Med", "communications": "Commun",
    "telecommunications": "Telecommun", "aviation": "Aviat",
}
CITIES = {"CN": ["Beijing", "Shanghai", "Harbin", "Xi'an", "Nanjing", "Changsha", "Chengdu", "Wuhan", "Tianjin", "Hefei"],
          "RU": ["Moscow", "Saint Petersburg", "Novosibirsk", "Kazan", "Tomsk"],
          "IR": ["Tehran", "Isfahan", "Shiraz"]}
COUNTRY_TEXT = {"CN": ["Peoples R China", "P.R. China", "China"], "RU": ["Russia", "Russian Federation"], "IR": ["Iran"]}
DEPARTMENTS = ["School of Mechanical Engineering", "Dept Phys", "College of Automation", "Sch Elect Engn",
               "Department of Chemistry", "School of Materials Science and Engineering", "Dept Comp Sci"]


# Address lines of the MIT-licensed WoS sample whose organisation is on a shipped list, labelled by
# hand (each checked against the list files): every other line of that file is a negative.
LISTED_IN_WOS_SAMPLE = {
    "Natl Key Lab Elect Measurement Technol":
        "us-dod-1286:Defense S&T Key Laboratory of Electronic Measurement Technology at North University of China",
    "Fuzhou Univ": "aspi-cdut:Fuzhou University",
    "Univ Sci & Technol China": "aspi-cdut:University of Science and Technology of China",
}


def pick(options: list[str], key: str) -> str:
    return options[int(hashlib.sha256(key.encode()).hexdigest(), 16) % len(options)]


def wos(name: str) -> str:
    words = [w for w in re.split(r"[\s,]+", name) if w]
    out = [WOS.get(w.lower(), w) for w in words if w.lower() not in ("of", "and", "the", "for")]
    return " ".join(out)


def typo(name: str) -> str | None:
    words = name.split()
    longest = max(words, key=len)
    if len(longest) < 7 or not longest.isalpha():
        return None
    i = len(longest) // 2
    swapped = longest[:i] + longest[i + 1] + longest[i] + longest[i + 2:]
    return " ".join(swapped if w == longest else w for w in words)


def address(name: str, country: str, key: str, dept: bool = True) -> str:
    city = pick(CITIES.get(country, ["Capital"]), key)
    code = str(100000 + int(hashlib.sha256(key.encode()).hexdigest(), 16) % 800000)
    parts = ([pick(DEPARTMENTS, key + "d")] if dept else []) + [name, f"{city} {code}", pick(COUNTRY_TEXT.get(country, [country]), key + "c")]
    return ", ".join(parts)


def local_kind(text: str) -> str:
    """Chinese names are ``local``; Japanese renderings of Russian names (the Japan list) are
    ``local-ja``, reported apart: proposals do not name Russian institutes in katakana."""
    return "local-ja" if re.search(r"[\u3040-\u30ff]", text) else "local"


def distinctive(text: str) -> set[str]:
    return {t for t in tokens(text) if t not in GENERIC_WORDS and t not in STOP_WORDS}


def build(bibliometrics: Path | None, lists: ListSet) -> list[dict[str, str]]:
    rows: list[dict[str, str]] = []

    def add(query: str, country: str, kind: str, scope: str, expected: str = "", source: str = "") -> None:
        rows.append({"query": query, "country": country, "kind": kind, "scope": scope, "expected": expected, "source": source})

    china = {"CN", "HK", "MO"}
    listed_forms = set()
    for e in lists.entities:
        for text in (e.name, *e.aliases, e.name_local):
            if text:
                listed_forms.add((normalize(text), "CN" if e.country in china else e.country))

    for e in sorted(lists.entities, key=lambda x: x.entity_id):
        if e.kind not in ("institution", "company"):  # programmes are matched apart; persons are no partners
            continue
        main = distinctive(e.name)
        start = len(rows)
        for alias in e.aliases:
            if script_of(alias) != "latin":
                add(alias, e.country, local_kind(alias), f"leave-out:{e.list_id}", e.entity_id)
            elif normalize(alias) == normalize(e.name):
                continue
            elif len(alias.split()) == 1 and alias.isupper():
                add(alias, e.country, "acronym", f"leave-out:{e.list_id}", e.entity_id)
            elif main and len(distinctive(alias) & main) / len(distinctive(alias) | main) >= 0.5:
                add(alias, e.country, "alias", f"leave-out:{e.list_id}", e.entity_id)
            else:
                add(alias, e.country, "other-name", f"leave-out:{e.list_id}", e.entity_id)
        for acr in e.acronyms:
            add(acr, e.country, "acronym", f"leave-out:{e.list_id}", e.entity_id)
        if e.name_local:
            add(e.name_local, e.country, local_kind(e.name_local), f"leave-out:{e.list_id}", e.entity_id)
        # at most one leave-out query of each kind per entry, so that no single entry dominates
        kept: dict[str, dict[str, str]] = {}
        for r in rows[start:]:
            kept.setdefault(r["kind"], r)
        rows[start:] = list(kept.values())
        # a generated variant for every other entry, rotating through the kinds
        if int(hashlib.sha256(e.entity_id.encode()).hexdigest(), 16) % 2:
            continue
        kind = pick(["abbrev", "typo", "affiliation", "upper"], e.entity_id + "kind")
        if kind == "typo" and typo(e.name) is None:
            kind = "abbrev"
        if kind == "abbrev" and wos(e.name) == e.name:
            kind = "affiliation"
        if kind == "abbrev":
            query = wos(e.name)
        elif kind == "typo":
            query = typo(e.name) or e.name
        elif kind == "affiliation":
            written = e.name if pick(["plain", "wos"], e.entity_id) == "plain" else wos(e.name)
            query = address(written, e.country, e.entity_id)
        else:
            query = address(wos(e.name), e.country, e.entity_id, dept=False).upper()
        add(query, "" if kind in ("affiliation", "upper") else e.country, kind, "all", e.entity_id)

    with open(NEGATIVES, encoding="utf-8", newline="") as fh:
        for neg in csv.DictReader(fh):
            if (normalize(neg["name"]), "CN" if neg["country"] in china else neg["country"]) in listed_forms:
                raise SystemExit(f"{NEGATIVES}: {neg['name']!r} is a listed name: it cannot be a negative")
            add(neg["name"], neg["country"], neg["kind"], "all", "", neg["note"])
            if neg["kind"] in ("lookalike", "innocent", "same-name") and neg["name"].isascii() and len(neg["name"].split()) > 1:
                add(address(neg["name"], neg["country"], neg["name"]), "", "affiliation-negative", "all")
                if wos(neg["name"]) != neg["name"]:
                    add(wos(neg["name"]), neg["country"], "abbrev-negative", "all")
                add(address(wos(neg["name"]), neg["country"], neg["name"] + "u", dept=False).upper(), "", "upper-negative", "all")
    if bibliometrics is not None and (bibliometrics / MIT_WOS).exists():
        csv.field_size_limit(10**8)
        seen: set[str] = set()
        with open(bibliometrics / MIT_WOS, encoding="utf-8-sig", newline="") as fh:
            for rec in csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
                for a in re.findall(r"\[[^\]]*\]([^;]*)", rec.get("C1") or ""):
                    a = a.strip().rstrip(".")
                    if a and a not in seen:
                        seen.add(a)
                        expected = next((e for key, e in LISTED_IN_WOS_SAMPLE.items() if key in a), "")
                        add(a, "", "real-address" if not expected else "real-address-listed", "all", expected, "WoS sample (MIT)")
    return rows


def write(path: Path, rows: list[dict[str, str]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=["query", "country", "kind", "scope", "expected", "source"], lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    positives = sum(1 for r in rows if r["expected"])
    print(f"{path}: {len(rows)} queries, {positives} positives, {len(rows) - positives} negatives "
          f"({(len(rows) - positives) / len(rows):.0%})")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--bibliometrics", type=Path, default=ROOT.parent / "shared" / "data" / "bibliometrics")
    parser.add_argument("--ror", type=Path, default=ROOT.parent / "shared" / "data" / "ror")
    parser.add_argument("--lists", type=Path, default=ROOT / "rules" / "lists")
    args = parser.parse_args()
    lists = load_lists(args.lists)
    dev_real, held_real = real_rows(lists, args.ror)
    write(OUT, build(args.bibliometrics, lists) + dev_real)
    # the held-out set: its hand-written rows as they are, then the real strings held out (rebuilt)
    with open(HELDOUT, encoding="utf-8", newline="") as fh:
        kept = [r for r in csv.DictReader(fh) if r["kind"] in HAND_WRITTEN_HELDOUT]
    write(HELDOUT, kept + held_real)


if __name__ == "__main__":
    main()
