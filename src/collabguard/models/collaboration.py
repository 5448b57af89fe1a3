"""The collaboration statistics a report carries (JSON key ``context`` in a screening report).

Context, not a rule finding: figures from publication exports about how much an institution already
publishes with a partner country or institution.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class _Out(BaseModel):
    model_config = ConfigDict(extra="forbid")


class CountryCount(_Out):
    country: str = Field(description="ISO 3166-1 alpha-2")
    name: str
    works: int = Field(description="whole counting: works with at least one address in this country")
    share: float = Field(description="works with this country ÷ the denominator named in `denominator`")
    fractional: float | None = Field(default=None, description="fractional counting: each work shared equally among "
                                                       "its countries (only with --fractional)")


class YearCount(_Out):
    year: int
    works: int


class FieldCount(_Out):
    field: str
    works: int


class CountryFigures(_Out):
    """Co-publications with one partner country (--country, or a proposal partner's country)."""

    country: str
    name: str
    works: int
    share: float
    by_year: list[YearCount]
    trend: str = Field(description="growing, stable or shrinking over the last years, or too few works to tell")
    top_fields: list[FieldCount]


class PartnerFigures(_Out):
    """Co-publications with one partner institution, matched with the collabguard name matcher."""

    name: str
    works: int = Field(description="works with an address matching the partner institution")
    by_year: list[YearCount]
    top_fields: list[FieldCount]
    matched_affiliations: list[str] = Field(description="the distinct address strings that matched, for audit")


class ListedFigures(_Out):
    """Co-publications with an organisation on a sensitivity list: address strings the matcher calls a
    ``match`` (never ``possible``), listed for a person to check."""

    list_id: str
    entity_id: str
    name: str
    country: str
    works: int
    matched_affiliations: list[str]


class DataQuality(_Out):
    loaded: int = Field(description="records read from all files")
    skipped: list[str] = Field(description="records that could not be read, with file and record")
    duplicates: int = Field(description="records dropped as the same DOI or accession number as an earlier one")
    excluded_type: int = Field(description="records of other document types (default keeps Article and Review)")
    excluded_years: int
    excluded_many_countries: int = Field(description="works with more countries than the maximum")
    excluded_not_bilateral: int = Field(default=0, description="works left out by the bilateral-only view")
    excluded_not_home: int = Field(default=0, description="works with no address matching the home institution (with --home)")
    no_country: int = Field(description="works counted with no known country (no address, or unknown country)")
    all_types_counted: list[str] = Field(default_factory=list, description="files with no document type on any record "
                                         "(e.g. a Cristin/NVA table without such a column): all their works are counted, "
                                         "while the other files count their articles and reviews only (without --all-types)")
    warnings: list[str]


class CollaborationStats(_Out):
    """Co-publication figures from the exports given."""

    files: dict[str, str] = Field(description="each file and the format detected from its content")
    counting: str = Field(description="whole, or whole and fractional")
    works: int = Field(description="distinct works counted after the filters")
    denominator: str = Field(description="what shares are a fraction of")
    denominator_works: int
    home: str | None = None
    home_country: str | None = None
    bilateral_only: bool = False
    group_hong_kong_macau: bool = False
    years: tuple[int | None, int | None]
    by_country: list[CountryCount]
    by_year: list[YearCount]
    top_fields: list[FieldCount]
    countries: list[CountryFigures] = Field(default_factory=list)
    partners: list[PartnerFigures] = Field(default_factory=list)
    listed: list[ListedFigures] | None = Field(default=None, description="co-publications with listed organisations "
                                               "(match decisions only); None when not checked")
    data_quality: DataQuality
