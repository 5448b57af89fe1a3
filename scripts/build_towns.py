"""Build ``src/collabguard/reference/matching/towns.yaml``: the towns and cities the Research Organization
Registry's records are located in, by country, from the shared ROR records (``shared/data/ror/*.jsonl``).

A town's name standing alone in an address ("…, Tula State University, Tula, Russian Federation") is the
place, not a listed body that a list also calls by that town's name ("Tula" for Tula Arms Plant): the matcher
reads such a part as the place first (:mod:`collabguard.matching.checks`). The names are GeoNames' as ROR
gives them (``locations[].geonames_details.name``; the ``addresses[].city`` of schema-v1 records), written
as the matcher normalises words; Russian names also with their "-yy"/"-iy" endings as lists write them
("Dolgoprudnyy" and "Dolgoprudny"). Nothing is added by hand. Run from the repository root:

    python scripts/build_towns.py ../shared/data/ror/ror-records-subset.jsonl ../shared/data/ror/ror-records-home-education.jsonl
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from pathlib import Path

from collabguard.matching.normalize import tokens

OUT = Path("src/collabguard/reference/matching/towns.yaml")
_ENDINGS = (("yy", "y"), ("iy", "y"), ("yi", "y"))  # transliterations of -ый/-ий


def places(record: dict) -> list[tuple[str, str]]:
    """(country code, town name) of a record, in either ROR schema."""
    out = []
    for loc in record.get("locations") or []:  # schema v2
        g = loc.get("geonames_details") or {}
        if g.get("name") and g.get("country_code"):
            out.append((g["country_code"], g["name"]))
    code = (record.get("country") or {}).get("country_code")  # schema v1
    for address in record.get("addresses") or []:
        if address.get("city") and code:
            out.append((code, address["city"]))
    return out


def spellings(name: str) -> set[str]:
    words = tokens(name)
    if not words or not all(w.isascii() and w.isalnum() for w in words):  # "Hillerød": no Latin-letter word
        return set()
    out = {" ".join(words)}
    for old, new in _ENDINGS:
        if words[-1].endswith(old):
            out.add(" ".join((*words[:-1], words[-1][: -len(old)] + new)))
    return out


def main(sources: list[str], out: Path = OUT) -> None:
    towns: dict[str, set[str]] = defaultdict(set)
    for src in sources:
        for line in Path(src).read_text(encoding="utf-8").splitlines():
            if line.strip():
                for country, name in places(json.loads(line)):
                    towns[country] |= spellings(name)
    lines = [
        "# The towns and cities the Research Organization Registry's records are located in, by country: a town's",
        "# name standing alone in an address is the place, not a listed body a list also calls by it. Written by",
        "# scripts/build_towns.py (nothing added by hand); words as the matcher normalises them.",
        "schema_version: 1",
        'version: "2026.12.8"',
        "sources:",
        '  - "Research Organization Registry records (CC0) of the shared data, ror-community/ror-records commit '
        'd93fc667872f8ef9386896bd6c68bd3c6103603e (2026-06-23): ror-records-subset.jsonl (CN, RU, IR, KP, BY, SY, HK, '
        'MO, TW and related records) and ror-records-home-education.jsonl; the town names are GeoNames\' (geonames.org, '
        'CC BY 4.0) as ROR gives them"',
        "towns:",
    ]
    for country in sorted(towns):
        names = ", ".join(json.dumps(t) for t in sorted(towns[country]))  # quoted: "nice", "no", "on" are words
        lines.append(f"  {country}: [{names}]")
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{sum(len(v) for v in towns.values())} town names of {len(towns)} countries written to {out}")


if __name__ == "__main__":
    main(sys.argv[1:])
