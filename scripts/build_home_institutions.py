"""Build ``src/collabguard/reference/home-institutions.csv`` from the ROR records of education
organisations in the home countries (``shared/data/ror/ror-records-home-education.jsonl``, CC0).

One row per organisation: its ROR id, display name, country, and every other name ROR gives
(labels, aliases, acronyms), so that a home institution given without a country ("NTNU") can be
recognised. Nothing is added by hand. Run from the repository root:

    python scripts/build_home_institutions.py ../shared/data/ror/ror-records-home-education.jsonl
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

OUT = Path("src/collabguard/reference/home-institutions.csv")


def row(record: dict) -> dict[str, str]:
    if "names" in record:  # ROR schema v2
        display = next(n["value"] for n in record["names"] if "ror_display" in n["types"])
        others = [n["value"] for n in record["names"] if "ror_display" not in n["types"]]
        country = record["locations"][0]["geonames_details"]["country_code"]
    else:  # schema v1
        display = record["name"]
        others = list(record.get("aliases", [])) + list(record.get("acronyms", [])) + [lab["label"] for lab in record.get("labels", [])]
        country = record["country"]["country_code"]
    others = [o for o in dict.fromkeys(o.strip() for o in others) if o and o != display and ";" not in o]
    return {"ror_id": record["id"], "name": display, "country": country, "other_names": "; ".join(others),
            "ror_release": record.get("_release_path", "")}


def main(src: str) -> None:
    rows = [row(json.loads(line)) for line in Path(src).read_text(encoding="utf-8").splitlines() if line.strip()]
    rows.sort(key=lambda r: (r["country"], r["name"]))
    with OUT.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)
    print(f"{OUT}: {len(rows)} organisations")


if __name__ == "__main__":
    main(sys.argv[1])
