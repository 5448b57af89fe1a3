"""Inputs and results of the front door's use cases (:class:`collabguard.Screener`), beside the
proposal and the report: the same models are the Python API, the HTTP contract (OpenAPI) and what
the CLI renders."""

from __future__ import annotations

import builtins
import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from collabguard.engine.answers import AnswerFile
from collabguard.models.report import AreaFinding, Report

Kind = Literal["organisation", "programme"]


class _In(BaseModel):
    model_config = ConfigDict(extra="forbid")


class _Out(BaseModel):
    model_config = ConfigDict(extra="ignore")


class PublicationExport(_In):
    """A publication export given by content (over HTTP): the format is read from the content."""

    filename: str = Field(min_length=1, max_length=255, description="the file's name, for messages")
    content: str = Field(min_length=1, description="the export as text: WoS, Scopus, OpenAlex or a plain CSV")


class ScreenOptions(_In):
    lang: Literal["en", "nb", "no"] = Field(default="en", description="language of rule texts ('no' is Bokmål)")
    redact: bool = Field(default=False, description="replace researchers' and reviewers' names in the report")
    today: dt.date | None = Field(default=None, description="screen as of this date (default: today)")


class ScreenRequest(_In):
    """A proposal with what closes its case: answers to an earlier report's checklist, publication
    exports for the collaboration context, and options."""

    proposal: dict[str, Any] = Field(description="a proposal in the proposal format (schemas/proposal.schema.json)")
    answers: AnswerFile | None = Field(default=None, description="answers to the checklist of an earlier report of this proposal")
    publications: list[PublicationExport] = Field(default_factory=list, max_length=20)
    options: ScreenOptions = Field(default_factory=ScreenOptions)


class ScreenResult(_Out):
    """One proposal's outcome in a batch: a report, or the reason there is none."""

    index: int = Field(description="the proposal's position in the request, from 0")
    status: Literal["ok", "error"]
    error: str | None = None
    report: Report | None = None


class BatchResults(_Out):
    results: list[ScreenResult]


class NameQuery(_In):
    name: str = Field(min_length=1, max_length=10_000)
    country: str | None = Field(default=None, description="ISO code or English name; a wrong country lowers confidence")


class MatchRequest(_In):
    names: list[NameQuery | str] = Field(min_length=1, max_length=10_000, description="names, or {name, country}")
    lists: list[str] = Field(default_factory=list, description="only these shipped lists (default: all)")
    kind: Kind = Field(default="organisation", description="institutions, or talent programmes")


class Candidate(_Out):
    entity_id: str
    entity_name: str


class Rejected(_Out):
    """The nearest entry of a list that was rejected, and why: defends a 'none'."""

    entity_id: str
    entity_name: str
    score: int
    why: str


class ListResult(_Out):
    """One list's result for one name."""

    list: str
    decision: Literal["match", "possible", "none"]
    entity_id: str | None = None
    entity_name: str | None = None
    score: int | None = None
    matched_name: str | None = None
    query_normalized: str | None = None
    reasons: builtins.list[str] = Field(default_factory=builtins.list)
    features: dict[str, str] = Field(default_factory=dict)
    also_fits: builtins.list[Candidate] = Field(default_factory=builtins.list)
    rejected: Rejected | None = None


class NameMatch(_Out):
    """One input name: the strongest candidate over all lists, and every list's own result."""

    row: int = Field(description="the name's position in the input, from 1 (its line or row)")
    name: str
    country: str = ""
    decision: Literal["match", "possible", "none"]
    entity_id: str = ""
    entity_name: str = ""
    list: str = ""
    score: int | None = None
    matched_name: str = ""
    lists_matched: str = Field(default="", description="every list with a match or possible, joined by '|'")
    status: Literal["ok", "error"] = Field(default="ok", description="error: the row could not be read or its name "
                                           "cannot be trusted (empty, characters lost in saving); it was not matched, see note")
    note: str = ""
    results: builtins.list[ListResult] = Field(default_factory=builtins.list)


class MatchResults(_Out):
    results: list[NameMatch]


class AreasRequest(_In):
    text: str = Field(min_length=1, max_length=1_000_000, description="a title, abstract or any text")
    taxonomies: list[str] = Field(default_factory=list, description="only these taxonomies (e.g. ca-stra)")


class AreasResult(_Out):
    areas: list[AreaFinding]
    notes: list[str] = Field(default_factory=list, description="what limits the search (e.g. a text that is not English)")


class NewMatch(_Out):
    name: str
    subject: str
    entity_id: str
    entity_name: str
    list: str
    decision: Literal["match", "possible"]


class RescreenResult(_Out):
    """A stored report's names against today's lists: the matches it did not have."""

    proposal_id: str
    screened_on: str
    new_matches: list[NewMatch]


class RescreenRequest(_In):
    reports: list[Report] = Field(min_length=1, max_length=1000, description="stored JSON reports")


class RescreenResults(_Out):
    results: list[RescreenResult]


class ListInfo(_Out):
    id: str
    title: str
    edition: str
    age_days: int | None
    entries: int
    complete: bool
    url: str
    sha256: str


class ListsInfo(_Out):
    lists: list[ListInfo]
    not_checked: list[str] = Field(description="lists a research office may expect that collabguard does not check")


class RuleInfo(_Out):
    id: str
    title: str
    kind: str
    severity: str
    blocking: bool
    status: str
    section: str
    url: str


class PackSummary(_Out):
    id: str
    title: str
    version: str
    sha256: str
    binding: str
    rules: list[RuleInfo]


class RulesInfo(_Out):
    packs: list[PackSummary]


class ErrorBody(_Out):
    """Every error the service returns: one line a person can act on."""

    error: str


class StatsRequest(_In):
    """Publication exports by content, and what to count (the options of ``collabguard stats``)."""

    publications: list[PublicationExport] = Field(min_length=1, max_length=20)
    home: str | None = Field(default=None, description="your institution: shares become ÷ its international works")
    partners: list[str] = Field(default_factory=list, max_length=100)
    countries: list[str] = Field(default_factory=list, max_length=100, description="ISO codes or English names")
    year_from: int | None = Field(default=None, ge=1900, le=2100)
    year_to: int | None = Field(default=None, ge=1900, le=2100)
    all_types: bool = Field(default=False, description="count every document type (default: article and review)")
    max_countries: int = Field(default=25, ge=1, le=1000, description="leave out works with more countries")
    bilateral_only: bool = False
    fractional: bool = False
    group_greater_china: bool = Field(default=False, description="count Hong Kong and Macau as China (never Taiwan)")
    listed: bool = Field(default=False, description="also count co-publications with listed organisations")

    def stats_options(self) -> Any:
        """The :class:`~collabguard.bibliometrics.indicators.StatsOptions` these fields ask for."""
        from collabguard.bibliometrics.indicators import StatsOptions
        from collabguard.countries import country_code
        from collabguard.errors import InputError

        codes = []
        for i, name in enumerate(self.countries):
            code = country_code(name)
            if code is None:
                raise InputError(f"countries[{i}]: {name!r} is not a country name or ISO code")
            codes.append(code)
        return StatsOptions(home=self.home, partners=tuple(self.partners), countries=tuple(dict.fromkeys(codes)),
                            year_from=self.year_from, year_to=self.year_to,
                            doc_types=None if self.all_types else ("article", "review"), max_countries=self.max_countries,
                            bilateral_only=self.bilateral_only, fractional=self.fractional,
                            group_greater_china=self.group_greater_china)
