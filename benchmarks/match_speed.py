"""Matcher speed against a large list, next to the naive rapidfuzz loop measured in the same run.

    python benchmarks/match_speed.py [--names 50000] [--queries 10000] [--naive-sample 200] [--cli] [--lists DIR] [--devset CSV]
                                     [--freeze]

The list: every shipped entry plus generated names of institutions that are not listed (built from
place names and institution patterns; they exist only in memory, or in a temporary CSV with --cli).
The queries: dev-set queries (variants, addresses, look-alikes, other scripts), cycled to the count.
Prints index build time; queries/second in-process on distinct queries (no cache helps), on the
queries cycled, and through the batch API (each distinct name matched once, in one and in two
processes); the naive ``extractOne(WRatio)`` loop's queries/second over the same names (on a
sample, since it is slow); the ratios; and peak memory. With --freeze, what is built is moved out of the garbage
collector's full scans before the queries (as the commands and the service do; a library caller's process
walks the index at each full collection, some 0.3 s each on 50,000 names). With --cli, also times whole
`collabguard match` runs (--jobs 1 and 2) on the same data.
"""

from __future__ import annotations

import argparse
import csv
import gc
import itertools
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from rapidfuzz import fuzz, process, utils

from collabguard.lists import load_lists
from collabguard.lists.model import Entity, ListInfo, ListSet
from collabguard.matching.batch import NameRow, match_rows
from collabguard.matching.index import entity_forms
from collabguard.matching.matcher import Matcher

ROOT = Path(__file__).resolve().parent.parent
PLACES = ["Anshan", "Baoding", "Baotou", "Bengbu", "Cangzhou", "Changde", "Changzhi", "Chaozhou", "Chenzhou", "Chifeng",
          "Dandong", "Datong", "Deyang", "Dezhou", "Dongying", "Ezhou", "Foshan", "Fushun", "Fuxin", "Ganzhou", "Guangyuan",
          "Handan", "Hengyang", "Heze", "Huaibei", "Huainan", "Huangshi", "Huizhou", "Huzhou", "Jiamusi", "Jiaxing", "Jingzhou",
          "Jinhua", "Jining", "Jiujiang", "Kaifeng", "Langfang", "Leshan", "Linyi", "Liuzhou", "Luoyang", "Luzhou", "Maanshan",
          "Mianyang", "Nanchong", "Nantong", "Neijiang", "Pingxiang", "Putian", "Qingyuan", "Quanzhou", "Rizhao", "Sanming",
          "Shangrao", "Shaoguan", "Shaoxing", "Shiyan", "Suqian", "Taian", "Taizhou", "Tangshan", "Tongling", "Weifang", "Weihai",
          "Wenzhou", "Wuhu", "Wuxi", "Xiangyang", "Xinxiang", "Xinyang", "Xuzhou", "Yancheng", "Yangquan", "Yantai", "Yibin",
          "Yichang", "Yinchuan", "Yueyang", "Zaozhuang", "Zhangzhou", "Zhanjiang", "Zhaoqing", "Zhenjiang", "Zhuhai", "Zibo",
          "Arzamas", "Bryansk", "Cheboksary", "Ivanovo", "Kaluga", "Kirov", "Kostroma", "Kursk", "Lipetsk", "Orel", "Penza",
          "Ryazan", "Smolensk", "Tambov", "Tula", "Tver", "Vladimir", "Vologda", "Yaroslavl", "Arak", "Ardabil", "Bandar Abbas",
          "Birjand", "Bojnurd", "Gorgan", "Hamadan", "Ilam", "Kashan", "Kerman", "Kermanshah", "Qazvin", "Qom", "Rasht", "Sanandaj",
          "Semnan", "Shahrekord", "Urmia", "Yasuj", "Zahedan", "Zanjan"]
FIELDS = ["Agricultural", "Forestry", "Textile", "Finance and Economics", "Foreign Studies", "Arts", "Music", "Fine Arts",
          "Traditional Medicine", "Education", "Sports", "Tourism", "Petroleum", "Water Resources", "Light Industry", "Commerce",
          "Animal Science", "Fisheries", "Architecture", "Law", "Media", "Nursing", "Pharmacy", "Veterinary Science", "Geology"]
PATTERNS = ["{p} University of {f}", "{p} {f} College", "{p} Institute of {f}", "{p} Academy of {f}", "{f} Research Institute of {p}",
            "{p} {f} Vocational College", "{p} Normal University", "{p} Medical College", "{p} Teachers College", "{p} {f} School"]


def synthetic(n: int, seed: int = 7) -> list[Entity]:
    rng = random.Random(seed)
    combos = list(itertools.product(PATTERNS, PLACES, FIELDS, ("", "Second ", "Polytechnic ", "Open ")))
    rng.shuffle(combos)
    out: list[Entity] = []
    seen: set[str] = set()
    for pattern, place, field, variant in combos:
        name = variant + pattern.format(p=place, f=field)
        if name in seen:
            continue
        seen.add(name)
        out.append(Entity(entity_id=f"synthetic-{len(out)}", list_id="synthetic", name=name,
                          country=rng.choice(["CN", "RU", "IR"]), source_url="https://example.invalid", source_date="2026"))
        if len(out) >= n:
            break
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--names", type=int, default=50_000)
    parser.add_argument("--lists", type=Path, default=ROOT / "rules" / "lists",
                        help="the list folder (a copy, to compare runs while lists change)")
    parser.add_argument("--queries", type=int, default=10_000)
    parser.add_argument("--naive-sample", type=int, default=200)
    parser.add_argument("--cli", action="store_true", help="also time a whole `collabguard match` run")
    parser.add_argument("--devset", type=Path, default=ROOT / "benchmarks" / "data" / "devset.csv", help="where the queries come from")
    parser.add_argument("--freeze", action="store_true",
                        help="move what is built out of the garbage collector's full scans first (gc.freeze), as the "
                             "`match` and `batch` commands and the HTTP service do; without it, as a library caller runs")
    args = parser.parse_args()

    shipped = load_lists(args.lists)
    names = sum(len(entity_forms(e)) for e in shipped.entities)
    extra = []
    for entity in synthetic(10**6):  # generated entries until the index holds --names name forms
        if names >= args.names:
            break
        extra.append(entity)
        names += len(entity_forms(entity))
    info = ListInfo(id="synthetic", file="-", sha256="-", title="synthetic", publisher="-", url="https://example.invalid",
                    edition="2026", copy_of="-", licence="-", kind="institutions", complete=True, meaning="-", severity={"default": "high"})
    lists = ListSet(lists={**shipped.lists, "synthetic": info}, entities=shipped.entities + tuple(extra))

    t0 = time.perf_counter()
    matcher = Matcher(lists)
    build_s = time.perf_counter() - t0
    total_names = matcher.size
    if args.freeze:
        gc.collect()
        gc.freeze()

    with open(args.devset, encoding="utf-8", newline="") as fh:
        pool = [(r["query"], r["country"] or None) for r in csv.DictReader(fh)]
    pool += [(e.name, e.country) for e in extra[:2000]]
    queries = list(itertools.islice(itertools.cycle(pool), args.queries))

    distinct = list(dict.fromkeys(pool))
    t0 = time.perf_counter()
    for name, country in distinct:  # every query new to the matcher's caches
        matcher.match(name, country)
    first_qps = len(distinct) / (time.perf_counter() - t0)
    t0 = time.perf_counter()
    for name, country in queries:
        matcher.match(name, country)
    ours_s = time.perf_counter() - t0
    ours_qps = len(queries) / ours_s

    rows = [NameRow(i + 1, name, country) for i, (name, country) in enumerate(queries)]
    batch_qps = {}
    for jobs in (1, 2):
        t0 = time.perf_counter()
        match_rows(rows, matcher, explain=False, jobs=jobs)
        batch_qps[jobs] = len(rows) / (time.perf_counter() - t0)

    choices = [f.text for e in lists.entities if e.kind != "programme" for f in entity_forms(e)]
    sample = queries[: args.naive_sample]
    t0 = time.perf_counter()
    for name, _ in sample:
        process.extractOne(name, choices, scorer=fuzz.WRatio, processor=utils.default_process, score_cutoff=90)
    naive_qps = len(sample) / (time.perf_counter() - t0)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    print(f"list: {total_names} names ({len(lists.entities)} entries: {len(shipped.entities)} shipped, {len(extra)} generated)")
    print(f"index build: {build_s:.2f} s" + ("; then frozen out of the garbage collector's scans (--freeze)" if args.freeze else ""))
    print(f"collabguard-v3, first pass over {len(distinct):,} distinct queries: {first_qps:,.0f} queries/s")
    print(f"collabguard-v3: {ours_qps:,.0f} queries/s ({len(queries)} queries, {ours_s:.2f} s, the pool cycled)")
    print(f"batch API match_rows, {len(rows):,} rows (each distinct name matched once): "
          f"{batch_qps[1]:,.0f} rows/s in one process, {batch_qps[2]:,.0f} rows/s with 2 worker processes")
    print(f"naive extractOne(WRatio, cutoff 90): {naive_qps:,.1f} queries/s (sample of {len(sample)})")
    print(f"ratio in-process: {first_qps / naive_qps:,.0f}x on distinct queries, {ours_qps / naive_qps:,.0f}x cycled, "
          f"{batch_qps[1] / naive_qps:,.0f}x / {batch_qps[2] / naive_qps:,.0f}x as a batch (1 / 2 processes)")
    print(f"peak memory (max RSS): {peak_mb:,.0f} MB")

    if args.cli:
        with tempfile.TemporaryDirectory() as tmp:
            list_csv = Path(tmp) / "biglist.csv"
            with open(list_csv, "w", encoding="utf-8", newline="") as fh:
                w = csv.writer(fh)
                w.writerow(["entity_id", "name", "name_local", "aliases", "acronyms", "country", "list_source", "risk_level",
                            "category", "source_url", "source_date"])
                for e in lists.entities:
                    if e.kind == "programme":
                        continue
                    w.writerow([e.entity_id, e.name, e.name_local, "|".join(e.aliases), "|".join(e.acronyms), e.country,
                                e.list_id, e.risk_level, e.category, e.source_url, e.source_date])
            names_csv = Path(tmp) / "names.csv"
            with open(names_csv, "w", encoding="utf-8", newline="") as fh:
                w = csv.writer(fh)
                w.writerow(["name", "country"])
                w.writerows([(n, c or "") for n, c in queries])
            cli_s = {}
            for jobs in (1, 2):
                t0 = time.perf_counter()
                subprocess.run([sys.executable, "-m", "collabguard", "match", str(names_csv), "--list", str(list_csv),
                                "--format", "csv", "-o", str(Path(tmp) / "out.csv"), "--jobs", str(jobs)], check=True)
                cli_s[jobs] = time.perf_counter() - t0
        naive_total = len(queries) / naive_qps
        for jobs, secs in cli_s.items():
            print(f"whole CLI run, --jobs {jobs} (start Python, load list CSV, build index, {len(queries)} queries, write CSV): "
                  f"{secs:.1f} s; naive loop for the same queries ≈ {naive_total:,.0f} s (from the sample): {naive_total / secs:,.0f}x")


if __name__ == "__main__":
    main()
