"""Which entities of an OpenSanctions download to import: ``--dataset``, ``--topic`` and ``--schema``.

Each filter may be given several times. An entity is kept when it matches every filter given: one of
its datasets is among the ``--dataset`` values, one of its topics among the ``--topic`` values, and its
schema among the ``--schema`` values (letter case aside). The filter counts what each one dropped (the
first filter an entity fails drops it, in the order dataset, topic, schema), and a value that no entity
of the file has is an error naming it and the values the file does have: a typing mistake must not
give an empty list that looks like "nobody is listed".

In ``targets.simple.csv`` the ``dataset`` column holds the datasets' titles ("US Trade Consolidated
Screening List (CSL)"); in ``entities.ftm.json`` the ``datasets`` are names (``us_trade_csl``).
"""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from collabguard.errors import InputError

DIMENSIONS = ("dataset", "topic", "schema")
SEEN_MOST = 5_000  # distinct values remembered per filter, for the error message (a hostile file has millions)
SHOWN = 6  # values named in the error message


@dataclass
class EntityFilter:
    datasets: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    schemas: tuple[str, ...] = ()
    read: int = 0  # entities the filters looked at
    dropped: dict[str, int] = field(default_factory=lambda: dict.fromkeys(DIMENSIONS, 0))
    _wanted: dict[str, frozenset[str]] = field(default_factory=dict, repr=False)
    _found: dict[str, set[str]] = field(default_factory=dict, repr=False)
    _seen: dict[str, Counter[str]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        given = {"dataset": self.datasets, "topic": self.topics, "schema": self.schemas}
        for dim in DIMENSIONS:
            values = [v.strip() for v in given[dim] if v and v.strip()]
            self._wanted[dim] = frozenset(v.casefold() for v in values)
            self._found[dim] = set()
            self._seen[dim] = Counter()

    @property
    def active(self) -> bool:
        return any(self._wanted.values())

    def given(self, dim: str) -> bool:
        return bool(self._wanted[dim])

    def admits(self, datasets: Iterable[str], topics: Iterable[str], schema: str) -> bool:
        """Is the entity kept? Counts it, and notes the values the file has."""
        self.read += 1
        if not self.active:
            return True
        failed = ""
        for dim, values in (("dataset", datasets), ("topic", topics), ("schema", (schema,))):
            wanted = self._wanted[dim]
            if not wanted:
                continue
            seen, matched = self._seen[dim], False
            for value in values:
                key = value.casefold()
                if key in wanted:
                    self._found[dim].add(key)
                    matched = True
                if value in seen or len(seen) < SEEN_MOST:
                    seen[value] += 1
            if not matched and not failed:
                failed = dim
        if failed:
            self.dropped[failed] += 1
        return not failed

    def check_known(self, where: str) -> None:
        """Refuse a filter value no entity of the file has, naming it and the values the file has."""
        where = f"{where}: " if where else ""
        for dim in DIMENSIONS:
            given = {"dataset": self.datasets, "topic": self.topics, "schema": self.schemas}[dim]
            missing = [v.strip() for v in given if v.strip() and v.strip().casefold() not in self._found[dim]]
            if not missing:
                continue
            seen = self._seen[dim]
            if not seen:
                raise InputError(f"{where}--{dim} {missing[0]!r}: no entity of this file has a {dim}, so none can match")
            close = difflib.get_close_matches(missing[0], list(seen), n=2, cutoff=0.6)
            shown = list(dict.fromkeys([*close, *(v for v, _ in seen.most_common(SHOWN))]))[:SHOWN]
            more = f" … ({len(seen):,} in all)" if len(seen) > len(shown) else ""
            also = f" (and {len(missing) - 1} more unknown)" if len(missing) > 1 else ""
            raise InputError(f"{where}--{dim} {missing[0]!r}{also}: no entity of this file has it; "
                             f"{dim}s in it: {', '.join(repr(v) for v in shown)}{more}")

    def summary(self) -> str:
        """One line for the import's report: entities read, kept and dropped by each filter."""
        if not self.active:
            return ""
        given = {"dataset": self.datasets, "topic": self.topics, "schema": self.schemas}
        parts = [f"{self.dropped[dim]:,} not in --{dim} {', '.join(given[dim])}" for dim in DIMENSIONS if self.given(dim)]
        kept = self.read - sum(self.dropped.values())
        return f"filters: {kept:,} of {self.read:,} listed entities kept; dropped: {'; '.join(parts)}"

    def describe(self, dims: tuple[str, ...] = DIMENSIONS) -> str:
        """The filters (of ``dims``) in words, for the list's provenance (``copy_of``) and caveats."""
        given = {"dataset": self.datasets, "topic": self.topics, "schema": self.schemas}
        return "; ".join(f"--{dim} {', '.join(given[dim])}" for dim in DIMENSIONS if dim in dims and self.given(dim))
