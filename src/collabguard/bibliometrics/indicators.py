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
from collabguard.countries import country_name
from collabguard.matching.compare import compare
from collabguard.matching.matcher import Matcher, MatcherConfig
from collabguard.matching.normalize import tokens
from collabguard.models.collaboration import (
    CollaborationStats,
    CountryCount,
    CountryFigures,
    DataQuality,
    FieldCount,
    ListedFigures,
    PartnerFigures,
    YearCount,
)

DEFAULT_TYPES = ("article", "review")
SMALL_N = 10  # shares over fewer works swing wildly; the report says so


@dataclass(slots=True)
class StatsOptions:
    home: str | None = None  # your institution; works without its address are left out
    partners: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()  # ISO alpha-2
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


def untyped_sources(works: list[Work]) -> list[str]:
    """The files none of whose records gives a document type (a Cristin/NVA table with no such column):
    the Article-and-Review filter cannot apply to them, so every work of theirs is counted (and the
    report says so), rather than none."""
    typed = {w.source for w in works if w.doc_type.strip()}
    return sorted({w.source for w in works} - typed)


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
                found.add(without_authors(a.raw))
                hit = True
        return hit


def without_authors(raw: str) -> str:
    """A Web of Science address line without its leading author block ("[Nordmann, Kari; Wang, Li]
    Harbin Inst Technol, ..." -> "Harbin Inst Technol, ..."): reports name institutions, not people."""
    return raw.split("]", 1)[-1].strip() if raw.lstrip().startswith("[") else raw


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


def listed_copublications(kept: list[Work], matcher: Matcher) -> list[ListedFigures]:
    """Works with an address the list matcher calls a ``match``, per listed organisation. Each distinct
    address is matched once; the address (author block removed) is the query, with its country."""
    decided: dict[tuple[str, str, str], list[tuple[str, str, str, str]]] = {}
    per_entity: dict[tuple[str, str], tuple[str, str, set[str], set[int]]] = {}
    for i, w in enumerate(kept):
        for a in w.affiliations:
            query = without_authors(a.raw)
            key = (query, a.country or "", a.ror)  # an OpenAlex institution's ROR id names a linked entry itself
            if key not in decided:
                decided[key] = [(c.entity.list_id, c.entity.entity_id, c.entity.name, c.entity.country)
                                for c in matcher.match(query, a.country, ror=a.ror or None) if c.decision == "match"]
            for list_id, entity_id, name, country in decided[key]:
                entry = per_entity.setdefault((list_id, entity_id), (name, country, set(), set()))
                entry[2].add(query)  # the address without its author block: no personal names in reports
                entry[3].add(i)
    rows = [ListedFigures(list_id=lid, entity_id=eid, name=name, country=country, works=len(works),
                          matched_affiliations=sorted(raws))
            for (lid, eid), (name, country, raws, works) in per_entity.items()]
    return sorted(rows, key=lambda r: (-r.works, r.list_id, r.entity_id))


def compute_stats(loaded: LoadResult, options: StatsOptions, matcher: Matcher | None = None) -> CollaborationStats:
    """All indicators; with ``matcher`` (the rule set's list matcher), co-publications with listed organisations."""
    works, duplicates = dedupe(loaded.works)
    untyped = untyped_sources(works) if options.doc_types is not None else []
    excluded_type = excluded_years = excluded_many = 0
    kept: list[tuple[Work, set[str]]] = []
    for w in works:
        if w.source not in untyped and not _type_ok(w.doc_type, options.doc_types):
            excluded_type += 1
            continue
        if (options.year_from and (w.year is None or w.year < options.year_from)) or (
                options.year_to and (w.year is None or w.year > options.year_to)):
            excluded_years += 1
            continue
        work_countries = _countries(w, options.group_greater_china)
        if len(work_countries) > options.max_countries:
            excluded_many += 1
            continue
        kept.append((w, work_countries))

    home_country = None
    home_hits: set[str] = set()
    not_home = 0
    warnings = list(loaded.warnings)
    if options.home:
        home = InstitutionMatcher(options.home)
        at_home = [(w, c) for w, c in kept if home.work_matches(w, home_hits)]
        if at_home:
            not_home = len(kept) - len(at_home)
            kept = at_home
            home_country = _main_country(kept, home_hits)
        else:
            warnings.append(f"no work has an address at {options.home}; is this your institution's export? "
                            "Shares are of all works counted")
    not_bilateral = 0
    if options.bilateral_only:
        before = len(kept)
        kept = [(w, c) for w, c in kept if len(c) == 2 and (home_country is None or home_country in c)]
        not_bilateral = before - len(kept)

    rows = [(i, w.year, c) for i, (w, cs) in enumerate(kept) for c in sorted(cs)]
    long = pd.DataFrame(rows, columns=["work", "year", "country"])
    if home_country:  # (None when the home institution matched nothing: see the warning)
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
        grouped = grouped.reset_index().sort_values(["works", "fractional", "country"], ascending=[False, False, True],
                                                    kind="stable")
        for _, row in grouped.iterrows():
            code = row["country"]
            by_country.append(CountryCount(
                country=str(code), name=country_name(str(code)), works=int(row["works"]),
                share=round(int(row["works"]) / denominator_works, 4) if denominator_works else 0.0,
                fractional=round(float(row["fractional"]), 2) if options.fractional else None))

    no_country = sum(1 for _, cs in kept if not cs)
    quality = DataQuality(
        loaded=len(loaded.works) + len(loaded.skipped), skipped=[str(s) for s in loaded.skipped],
        duplicates=duplicates, excluded_type=excluded_type, excluded_years=excluded_years,
        excluded_many_countries=excluded_many, excluded_not_bilateral=not_bilateral,
        excluded_not_home=not_home, no_country=no_country, all_types_counted=untyped,
        warnings=warnings)
    present = [w.year for w, _ in kept if w.year is not None]
    all_years = list(range(min(present), max(present) + 1)) if present else []  # gaps show as zeros
    countries = [_country_figures(code, [w for w, cs in kept if code in cs], denominator_works, all_years, options)
                 for code in options.countries]
    partners = []
    for name in options.partners:
        institution = InstitutionMatcher(name)
        hits: set[str] = set()
        matched = [w for w, _ in kept if institution.work_matches(w, hits)]
        partners.append(PartnerFigures(name=name, works=len(matched), by_year=_by_year(matched, all_years),
                                       top_fields=_top_fields(matched, options.top_fields),
                                       matched_affiliations=sorted(hits)))
    return CollaborationStats(
        files=loaded.formats, counting="whole and fractional" if options.fractional else "whole",
        works=len(kept), denominator=denominator, denominator_works=denominator_works, home=options.home,
        home_country=home_country, bilateral_only=options.bilateral_only,
        group_hong_kong_macau=options.group_greater_china, years=(options.year_from, options.year_to),
        by_country=by_country, by_year=_by_year([w for w, _ in kept], all_years),
        top_fields=_top_fields([w for w, _ in kept], options.top_fields),
        countries=countries, partners=partners,
        listed=listed_copublications([w for w, _ in kept], matcher) if matcher is not None else None,
        data_quality=quality)


def _by_year(works: list[Work], years: list[int]) -> list[YearCount]:
    """Counts for every year in the data (zeros included, so a chart shows the gaps)."""
    counts = Counter(w.year for w in works if w.year is not None)
    return [YearCount(year=y, works=counts[y]) for y in years]


def _top_fields(works: list[Work], top: int) -> list[FieldCount]:
    counts: Counter[str] = Counter()
    for w in works:
        counts.update(dict.fromkeys(w.fields, 1))
    return [FieldCount(field=f, works=n) for f, n in sorted(counts.items(), key=lambda x: (-x[1], x[0]))[:top]]


def _country_figures(code: str, works: list[Work], denominator: int, years: list[int],
                     options: StatsOptions) -> CountryFigures:
    by_year = _by_year(works, years)
    counts = {y.year: y.works for y in by_year}
    window = list(range(years[-1] - options.trend_years + 1, years[-1] + 1)) if years else []
    return CountryFigures(
        country=code, name=country_name(code), works=len(works),
        share=round(len(works) / denominator, 4) if denominator else 0.0, by_year=by_year,
        trend=trend(counts, window),
        top_fields=_top_fields(works, options.top_fields))


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
