"""Co-publication indicators from loaded works: by country, by year, with a partner, top fields, trend.

Defaults follow NIFU and VOSviewer so that consortium papers do not look like partnerships: document
types Article and Review only, at most 25 countries per work, duplicates (same DOI, then same accession
number) counted once. Every filter is counted in the data-quality panel.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from collabguard.bibliometrics.records import LoadResult, Work
from collabguard.bibliometrics.stats_model import (
    CollaborationStats,
    CountryCount,
    DataQuality,
    FieldCount,
    PartnerFigures,
    YearCount,
)
from collabguard.countries import country_name
from collabguard.matching.compare import compare
from collabguard.matching.matcher import MatcherConfig
from collabguard.matching.normalize import tokens

DEFAULT_TYPES = ("article", "review")
SMALL_N = 10  # shares over fewer works swing wildly; the report says so


@dataclass(slots=True)
class StatsOptions:
    home: str | None = None
    partner: str | None = None
    country: str | None = None
    year_from: int | None = None
    year_to: int | None = None
    doc_types: tuple[str, ...] | None = DEFAULT_TYPES  # None: every type
    max_countries: int = 25
    bilateral_only: bool = False
    fractional: bool = False
    group_greater_china: bool = False  # Hong Kong and Macau with China; never Taiwan
    trend_years: int = 5
    top_fields: int = 10


def _type_ok(doc_type: str, wanted: tuple[str, ...] | None) -> bool:
    if wanted is None:
        return True
    parts = {p.strip().lower() for p in doc_type.replace(",", ";").split(";")}
    return any(w in parts for w in wanted)


def dedupe(works: list[Work]) -> tuple[list[Work], int]:
    """Keep the first record of each DOI, then of each accession number / id."""
    seen: set[str] = set()
    kept = []
    for w in works:
        keys = [k for k in (f"doi:{w.doi}" if w.doi else "", f"key:{w.key}" if w.key else "") if k]
        if any(k in seen for k in keys):
            continue
        seen.update(keys)
        kept.append(w)
    return kept, len(works) - len(kept)


class InstitutionMatcher:
    """Does an address name this institution? The collabguard word-pairing gate, cached per string."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.query = tokens(name)
        self.twin = MatcherConfig().word_twin_ratio / 100

    @lru_cache(maxsize=200_000)  # noqa: B019 - one matcher per run; the cache is the point
    def matches(self, institution: str, raw: str) -> bool:
        candidates = [institution] + [p for p in raw.split("]")[-1].split(",") if p.strip()]
        for text in candidates:
            words = tokens(text)
            if words and compare(words, self.query, lenient=False, twin_ratio=self.twin).passed:
                return True
        return False

    def work_matches(self, work: Work, found: set[str]) -> bool:
        hit = False
        for a in work.affiliations:
            if self.matches(a.institution, a.raw):
                found.add(a.raw)
                hit = True
        return hit


def _countries(work: Work, greater_china: bool) -> set[str]:
    found = work.countries
    if greater_china and found & {"HK", "MO"}:
        found = (found - {"HK", "MO"}) | {"CN"}
    return found


def trend(counts: dict[int, int], years: list[int]) -> str:
    """growing / stable / shrinking from a least-squares slope over ``years``, relative to the mean."""
    values = [counts.get(y, 0) for y in years]
    if len(years) < 3 or sum(values) < SMALL_N:
        return "too few works to tell"
    mean_x = sum(years) / len(years)
    mean_y = sum(values) / len(values)
    slope = sum((x - mean_x) * (y - mean_y) for x, y in zip(years, values, strict=True)) / sum(
        (x - mean_x) ** 2 for x in years)
    relative = slope / mean_y if mean_y else 0.0
    return "growing" if relative > 0.1 else "shrinking" if relative < -0.1 else "stable"


def compute_stats(loaded: LoadResult, options: StatsOptions) -> CollaborationStats:
    works, duplicates = dedupe(loaded.works)
    excluded_type = excluded_years = excluded_many = 0
    kept: list[tuple[Work, set[str]]] = []
    for w in works:
        if not _type_ok(w.doc_type, options.doc_types):
            excluded_type += 1
            continue
        if (options.year_from and (w.year is None or w.year < options.year_from)) or (
                options.year_to and (w.year is None or w.year > options.year_to)):
            excluded_years += 1
            continue
        countries = _countries(w, options.group_greater_china)
        if len(countries) > options.max_countries:
            excluded_many += 1
            continue
        kept.append((w, countries))

    home_country = None
    home_hits: set[str] = set()
    if options.home:
        home = InstitutionMatcher(options.home)
        kept = [(w, c) for w, c in kept if home.work_matches(w, home_hits)]
        home_country = _main_country(kept, home_hits)
    if options.bilateral_only:
        kept = [(w, c) for w, c in kept if len(c) == 2 and (home_country is None or home_country in c)]

    rows = [(i, w.year, c) for i, (w, cs) in enumerate(kept) for c in sorted(cs)]
    long = pd.DataFrame(rows, columns=["work", "year", "country"])
    if home_country:
        international = long.loc[long["country"] != home_country, "work"].nunique()
        denominator, denominator_works = f"works of {options.home} with a co-author abroad", int(international)
        long = long[long["country"] != home_country]
    else:
        denominator, denominator_works = "all works counted", len(kept)

    by_country: list[CountryCount] = []
    if not long.empty:
        sizes = long.groupby("work")["country"].transform("size") + (1 if home_country else 0)
        long = long.assign(fraction=1.0 / sizes)
        grouped = long.groupby("country").agg(works=("work", "nunique"), fractional=("fraction", "sum"))
        grouped = grouped.sort_values(["works", "fractional"], ascending=False)
        for code, row in grouped.iterrows():
            by_country.append(CountryCount(
                country=str(code), name=country_name(str(code)), works=int(row["works"]),
                share=round(int(row["works"]) / denominator_works, 4) if denominator_works else 0.0,
                fractional=round(float(row["fractional"]), 2) if options.fractional else None))

    country = options.country.upper() if options.country else None
    partner_hits: set[str] = set()
    partner = InstitutionMatcher(options.partner) if options.partner else None
    year_totals: Counter[int] = Counter()
    with_country: Counter[int] = Counter()
    with_partner: Counter[int] = Counter()
    partner_works = 0
    fields: Counter[str] = Counter()
    for w, cs in kept:
        in_country = bool(country and country in cs)
        in_partner = bool(partner and partner.work_matches(w, partner_hits))
        partner_works += in_partner
        if w.year is not None:
            year_totals[w.year] += 1
            with_country[w.year] += in_country
            with_partner[w.year] += in_partner
        if in_partner or in_country or not (partner or country):
            fields.update(dict.fromkeys(w.fields, 1))
    years = sorted(year_totals)
    by_year = [YearCount(year=y, works=year_totals[y], with_country=with_country[y] if country else None,
                         with_partner=with_partner[y] if partner else None) for y in years]
    last = years[-options.trend_years:] if years else []
    trend_counts = with_country if country else year_totals
    no_country = sum(1 for _, cs in kept if not cs)
    return CollaborationStats(
        files=loaded.formats, counting="fractional" if options.fractional else "whole",
        works=len(kept), denominator=denominator, denominator_works=denominator_works, home=options.home,
        bilateral_only=options.bilateral_only, group_greater_china=options.group_greater_china,
        years=(options.year_from, options.year_to), by_country=by_country, by_year=by_year,
        top_fields=[FieldCount(field=f, works=n) for f, n in sorted(fields.items(), key=lambda x: (-x[1], x[0]))
                    [: options.top_fields]],
        country=country, country_works=sum(1 for _, cs in kept if country in cs) if country else None,
        country_trend=trend(dict(trend_counts), list(range(last[0], last[-1] + 1))) if last else None,
        partner=PartnerFigures(name=options.partner, works=partner_works,
                               matched_affiliations=sorted(partner_hits)) if options.partner else None,
        data_quality=DataQuality(
            loaded=len(loaded.works) + len(loaded.skipped), skipped=[str(s) for s in loaded.skipped],
            duplicates=duplicates, excluded_type=excluded_type, excluded_years=excluded_years,
            excluded_many_countries=excluded_many, no_country=no_country, warnings=loaded.warnings),
    )


def _main_country(kept: list[tuple[Work, set[str]]], home_hits: set[str]) -> str | None:
    """The home institution's country: the most common country of its matched addresses; for exports that
    give countries apart from institutions (OpenAlex CSV, plain CSV), the one country every home work has."""
    counts: Counter[str] = Counter()
    for w, _ in kept:
        for a in w.affiliations:
            if a.raw in home_hits and a.country:
                counts[a.country] += 1
    if counts:
        return counts.most_common(1)[0][0]
    common = set.intersection(*(cs for _, cs in kept)) if kept else set()
    return next(iter(common)) if len(common) == 1 else None
