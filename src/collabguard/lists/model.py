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


class ListTexts(BaseModel):
    """A list's words in another language (``translations: {nb: …}``); what is left out stays in English."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    title: str | None = None
    meaning: str | None = None
    cite: str | None = None
    cite_unrated: str | None = None


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
    translations: dict[str, ListTexts] = Field(default_factory=dict, description=(
        "meaning and citation in another language (nb: Norwegian Bokmål), for reports in that language"))
    caveats: list[str] = Field(default_factory=list)
    severity: SeverityTable

    def cite_for(self, rating: str | None, entity: Entity | None = None, lang: str = "en") -> str:
        """One line: which list, which edition, and what being on it means; with the entry's own legal
        basis (a Federal Register citation, a regulation's annex, a UN reference) where the list gives one.
        In ``lang``, the list's translation where it has one (else its English)."""
        from collabguard.reference.report_text import text as words

        own = self.translations.get(lang) if lang != "en" else None
        cite, unrated = (own.cite or self.cite, own.cite_unrated or self.cite_unrated) if own else (self.cite, self.cite_unrated)
        if rating in (None, "", "unrated") and unrated:
            text = unrated
        elif cite:
            text = cite.replace("{rating}", rating or "unrated")
        else:
            text = words("list.on", lang, title=self.title, edition=self.edition)
        if entity is not None and entity.legal_basis:
            added = words("list.entry_added", lang, date=entity.date_added) if entity.date_added else ""
            text += words("list.entry", lang, basis=entity.legal_basis, added=added)
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
    translations: dict[str, ListTexts] = Field(default_factory=dict, description="the title in another language")

    def title_in(self, lang: str = "en") -> str:
        own = self.translations.get(lang) if lang != "en" else None
        return (own.title if own is not None else None) or self.title


EntryKind = Literal["institution", "company", "programme", "person"]


class RegistryName(BaseModel):
    """A name an organisation registry (ROR) gives a list entry, or one of its units (relation ``part``)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    text: str
    kind: Literal["ror_display", "label", "alias", "acronym"]
    lang: str = ""
    relation: Literal["same", "part"] = "same"
    record_id: str = Field(description="the ROR record the name is of: the linked record, or a child of it (a unit)")
    record_name: str = ""
    release: str = Field(default="", description="the ROR data release the name was read from (v1.58)")
    date: str = ""


class RegistryLink(BaseModel):
    """An entry's link to its ROR record (``collabguard lists enrich``): how it was made, and the names it brings."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    ror_id: str
    linked_by: str = Field(description="the entry's own name or alias that equals a name of the ROR record")
    linked_on: Literal["name", "alias"]
    file: str = Field(description="the alias file (rules/lists) the link was read from")
    names: tuple[RegistryName, ...] = ()


class RegistryFile(BaseModel):
    """Provenance of an alias file shipped beside the lists (``registry_aliases`` in ``lists.yaml``)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    file: str
    sha256: str
    title: str
    publisher: str
    url: str
    edition: str
    copy_of: str
    licence: str


class OtherRecord(BaseModel):
    """A ROR record of another organisation that a file beside the lists names for an entry (written by ``lists
    enrich``), with where it was read."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    record_id: str = Field(description="the ROR record of the other organisation")
    record_name: str
    release: str = Field(default="", description="the ROR data release the record was read from")
    date: str = ""
    file: str = Field(default="", description="the file (rules/lists) it was read from")


class AcronymElsewhere(OtherRecord):
    """An acronym collabguard derives from an entry's name (the list does not give it) that ROR gives another
    organisation of the entry's country: "CAS", derived from China Avionics Systems Company Limited, is ROR's
    acronym of the Chinese Academy of Sciences."""

    acronym: str


class NameElsewhere(OtherRecord):
    """A name a list gives an entry as an alias that ROR registers as another organisation of the entry's country:
    the DoD 1286 list gives Xi'an Technological University the alias "Xi'an University of Technology", the name
    of another university (https://ror.org/038avdt50)."""

    name: str = Field(description="the entry's alias, as the list writes it")


class Namesake(OtherRecord):
    """An organisation of another country that ROR registers under a name of a listed institution: the ASPI tracker's
    Northeastern University is in Shenyang; ROR registers another Northeastern University in Boston, US
    (https://ror.org/04t5xt781). An address there names that one, not the listed one (matching/address_elsewhere.py)."""

    name: str = Field(description="the entry's name or alias the other organisation bears, as the list writes it")
    country: str = Field(description="the other organisation's country (ISO 3166-1 alpha-2)")
    town: str = Field(default="", description="where it is, as ROR gives it (GeoNames)")


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
    ror: str = Field(default="", description="the entry's Research Organization Registry id (https://ror.org/…), where known")
    wikidata: str = Field(default="", description="the entry's Wikidata item (Q…), where known")
    registry: RegistryLink | None = Field(default=None, description="the entry's link to its ROR record and the names it brings")
    acronyms_elsewhere: tuple[AcronymElsewhere, ...] = Field(default=(), description=(
        "acronyms derived from the entry's name that ROR gives other organisations of its country"))
    names_elsewhere: tuple[NameElsewhere, ...] = Field(default=(), description=(
        "aliases the list gives the entry that ROR registers as other organisations of its country"))
    namesakes: tuple[Namesake, ...] = Field(default=(), description=(
        "organisations of other countries that ROR registers under the entry's name or an alias"))


class ListSet(BaseModel):
    """Every loaded list with its entries."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    lists: dict[str, ListInfo]
    entities: tuple[Entity, ...]
    not_covered: tuple[NotCovered, ...] = ()
    retrieved: str = ""
    registry: tuple[RegistryFile, ...] = Field(default=(), description="alias files read with the lists (ROR names)")
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
