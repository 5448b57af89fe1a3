"""Typed records for sensitivity lists and their provenance."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from collabguard.models.common import Severity


class SeverityTable(BaseModel):
    """How a match on a list is weighted; encodes the list's own meaning."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    default: Severity | None = None
    rating_field: str | None = None
    by_rating: dict[str, Severity] = Field(default_factory=dict)
    unrated: Severity | None = None


class ListInfo(BaseModel):
    """Provenance and meaning of one shipped list (from ``rules/lists/lists.yaml``)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    file: str
    sha256: str
    title: str
    publisher: str
    url: str
    edition: str
    published: str | None = Field(default=None,
                                  description="when this edition was published, if the edition is not a date (e.g. FY2025)")
    copy_of: str
    licence: str
    kind: Literal["institutions", "companies", "programmes"]
    programme_category_prefix: str | None = None
    complete: bool
    legal_character: Literal["sanctions", "export-control", "designation", "advisory"] | None = Field(
        default=None, description=(
            "what kind of list it is: binding sanctions (asset freeze, bans), an export-control end-user list (a "
            "licence question), a government designation without a legal effect on collaboration, or an advisory "
            "list (a think tank's rating)"))
    meaning: str
    cite: str | None = Field(default=None, description=(
        "what a match means, in one line for messages: the list, its edition and what being on it means; "
        "{rating} is the entry's rating where the list rates"))
    cite_unrated: str | None = Field(default=None, description="the same for an entry the list leaves unrated")
    caveats: list[str] = Field(default_factory=list)
    severity: SeverityTable

    def cite_for(self, rating: str | None, entity: Entity | None = None) -> str:
        """One line: which list, which edition, and what being on it means; with the entry's own legal
        basis (a Federal Register citation, a regulation's annex, a UN reference) where the list gives one."""
        if rating in (None, "", "unrated") and self.cite_unrated:
            text = self.cite_unrated
        elif self.cite:
            text = self.cite.replace("{rating}", rating or "unrated")
        else:
            text = f"on {self.title} (edition {self.edition})"
        if entity is not None and entity.legal_basis:
            added = f", listed {entity.date_added}" if entity.date_added else ""
            text += f" (entry: {entity.legal_basis}{added})"
        return text

    def age_date(self) -> date | None:
        """The date a list's age is counted from: publication if known, else the edition date.
        ``YYYY-MM`` counts from the 1st of the month; a bare year from 1 January (never understating age)."""
        text = (self.published or self.edition).strip()
        try:
            if len(text) == 4 and text.isdigit():
                return date(int(text), 1, 1)
            if len(text) == 7:
                return date.fromisoformat(text + "-01")
            return date.fromisoformat(text[:10])
        except ValueError:
            return None


class NotCovered(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    title: str


EntryKind = Literal["institution", "company", "programme", "person"]


class Entity(BaseModel):
    """One list entry, with the provenance of that entry."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    entity_id: str
    list_id: str
    name: str
    name_local: str = ""
    aliases: tuple[str, ...] = ()
    acronyms: tuple[str, ...] = ()
    country: str = ""
    kind: EntryKind = "institution"
    risk_level: str = ""
    category: str = ""
    source_url: str = ""
    source_date: str = ""
    countries: tuple[str, ...] = Field(default=(), description="every country the entry's text gives (addresses included)")
    addresses: tuple[str, ...] = ()
    legal_basis: str = Field(default="", description="the entry's own citation: Federal Register, regulation and annex, UN reference")
    date_added: str = Field(default="", description="when the entry was listed (ISO date), where the list says")
    measure: str = Field(default="", description="what the listing does, in the list's words (asset freeze, licence requirement …)")


class ListSet(BaseModel):
    """Every loaded list with its entries."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    lists: dict[str, ListInfo]
    entities: tuple[Entity, ...]
    not_covered: tuple[NotCovered, ...] = ()
    retrieved: str = ""
    persons: tuple[Entity, ...] = Field(default=(), description=(
        "named individuals of the lists, kept apart: never indexed or matched, so a person on a list is never "
        "reported as a partner institution"))

    def severity_of(self, entity: Entity) -> Severity:
        """Severity a match on this entry carries, from its list's severity table."""
        table = self.lists[entity.list_id].severity
        if table.rating_field:
            rating = getattr(entity, table.rating_field, "") or ""
            if rating in table.by_rating:
                return table.by_rating[rating]
            if table.unrated is not None:
                return table.unrated
        if table.default is None:
            return "high"
        return table.default
