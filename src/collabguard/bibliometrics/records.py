"""The normalised record every export loader produces: a work with its addresses.

Light dataclasses, not pydantic models: a 100,000-record export makes millions of these.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)
class Affiliation:
    """One address (or one institution) on a work, with the country as ISO alpha-2 when known."""

    raw: str
    institution: str
    country: str | None
    ror: str = ""  # the institution's ROR id (https://ror.org/…), where the export gives one (OpenAlex)


@dataclass(slots=True)
class Work:
    """One publication record from an export, kept with where it came from for audit."""

    source: str  # file the record was read from
    record: int  # 1-based record number in that file
    key: str  # accession number (WOS:…), Scopus EID or OpenAlex id; "" when the export has none
    doi: str
    year: int | None
    title: str
    doc_type: str
    fields: list[str] = field(default_factory=list)
    affiliations: list[Affiliation] = field(default_factory=list)
    countries_only: list[str] = field(default_factory=list)  # countries given without an institution

    @property
    def countries(self) -> set[str]:
        found = {a.country for a in self.affiliations if a.country}
        found.update(self.countries_only)
        return found


@dataclass(slots=True)
class Skipped:
    """A record that could not be used, and why (shown to the user; never silently dropped)."""

    source: str
    record: int
    reason: str

    def __str__(self) -> str:
        return f"{self.source}: record {self.record}: {self.reason}"


@dataclass(slots=True)
class LoadResult:
    works: list[Work] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    formats: dict[str, str] = field(default_factory=dict)  # file -> detected format

    def extend(self, other: LoadResult) -> None:
        self.works.extend(other.works)
        self.skipped.extend(other.skipped)
        self.warnings.extend(other.warnings)
        self.formats.update(other.formats)


def normalise_doi(value: str) -> str:
    """Lower-case DOI without the resolver prefix; "" when absent."""
    doi = value.strip().lower()
    for prefix in ("https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "http://dx.doi.org/", "doi:"):
        if doi.startswith(prefix):
            doi = doi[len(prefix):]
    return doi


def parse_year(value: object) -> int | None:
    text = str(value or "").strip()[:4]
    return int(text) if len(text) == 4 and text.isdigit() else None
