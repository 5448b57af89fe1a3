"""The collaboration statistics a report carries (JSON key ``context`` in a screening report)."""

from __future__ import annotations

from pydantic import BaseModel, Field


class CountryCount(BaseModel):
    country: str = Field(description="ISO 3166-1 alpha-2")
    name: str
    works: int = Field(description="whole counting: works with at least one address in this country")
    share: float = Field(description="works with this country ÷ the denominator named in `denominator`")
    fractional: float | None = Field(None, description="fractional counting: each work shared equally among "
                                                       "its countries (only with --fractional)")


class YearCount(BaseModel):
    year: int
    works: int = Field(description="works counted that year (after filters)")
    with_country: int | None = Field(None, description="of which with the --country partner country")
    with_partner: int | None = Field(None, description="of which with the --partner institution")


class FieldCount(BaseModel):
    field: str
    works: int


class PartnerFigures(BaseModel):
    name: str
    works: int = Field(description="works with an address matching the partner institution")
    matched_affiliations: list[str] = Field(description="the distinct address strings that matched, for audit")


class DataQuality(BaseModel):
    loaded: int = Field(description="records read from all files")
    skipped: list[str] = Field(description="records that could not be read, with file and record")
    duplicates: int = Field(description="records dropped as the same DOI or accession number as an earlier one")
    excluded_type: int = Field(description="records of other document types (default keeps Article and Review)")
    excluded_years: int
    excluded_many_countries: int = Field(description="works with more countries than --max-countries")
    no_country: int = Field(description="works counted with no known country (no address, or unknown country)")
    warnings: list[str]


class CollaborationStats(BaseModel):
    """Co-publication figures from the exports given, as context for a screening (not a rule finding)."""

    files: dict[str, str] = Field(description="each file and the format detected from its content")
    counting: str = Field(description="whole or fractional")
    works: int = Field(description="distinct works counted after the filters")
    denominator: str
    denominator_works: int
    home: str | None = None
    bilateral_only: bool = False
    group_greater_china: bool = False
    years: tuple[int | None, int | None]
    by_country: list[CountryCount]
    by_year: list[YearCount]
    top_fields: list[FieldCount]
    country: str | None = None
    country_works: int | None = None
    country_trend: str | None = Field(None, description="growing, stable or shrinking over the last --trend-years")
    partner: PartnerFigures | None = None
    data_quality: DataQuality
