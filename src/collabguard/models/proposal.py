"""The proposal a research office screens, as read from YAML or JSON.

Countries may be given as ISO 3166 alpha-2 codes or common names ("Norway", "Peoples R China");
they are stored as alpha-2 codes. Unknown fields are refused so that a typo ("partner:" for
"partners:") is an error and not a silently empty list.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, model_validator

from collabguard.countries import country_code
from collabguard.identifiers import ror_id
from collabguard.limits import limit


def _country(value: str) -> str:
    code = country_code(value)
    if code is None:
        raise ValueError(f"unknown country {value!r} (use an ISO 3166 code such as NO, CN, or a country name)")
    return code


def _ror(value: str) -> str:
    found = ror_id(value)
    if found is None:
        raise ValueError(f"{value!r} is not a ROR id (write it as https://ror.org/ and nine characters, e.g. "
                         "https://ror.org/00wk2mp56; a mistyped character fails its checksum)")
    return found


def _text(value: Any) -> Any:
    # YAML may give numbers where text is meant (an id such as 2026, a code such as 3A001 is fine)
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return str(value)
    return value


def _str_list(value: Any) -> Any:
    if value is None:
        return []
    if isinstance(value, str):
        # keywords and codes are often written as one "a; b; c" string
        return [part.strip() for part in value.replace("\n", ";").split(";") if part.strip()]
    return value


def _day(value: Any) -> Any:
    # a number is not a date (pydantic would read 1700000000 as a Unix time)
    if isinstance(value, bool | int | float):
        raise ValueError(f"{value!r} is not a date; write it as YYYY-MM-DD")
    return value


def _within(count: int, what: str) -> None:
    most = limit("partners")
    if count > most:
        raise ValueError(f"{count:,} {what}: more than the limit of {most:,} in one proposal (COLLABGUARD_MAX_PARTNERS); "
                         "split the proposal or raise the limit")


# counted before the entries are read one by one: a generated proposal cannot hold a batch or the service
def _few_partners(value: Any) -> Any:
    if isinstance(value, list):
        _within(len(value), "partners")
    return value


def _few_funders(value: Any) -> Any:
    if isinstance(value, list):
        _within(len(value), "funders")
    return value


def _few_people(value: Any) -> Any:
    if isinstance(value, list):
        _within(len(value), "people")
        _within(sum(len(person.get(key) or []) for person in value if isinstance(person, dict)
                    for key in ("affiliations", "appointments") if isinstance(person.get(key), list)),
                "affiliations and appointments of people")
    return value


Day = Annotated[date, BeforeValidator(_day)]
# the JSON Schema states what the reader accepts: a number where text is meant, "a; b" for a list
Country = Annotated[str, BeforeValidator(_text, json_schema_input_type=str | int), AfterValidator(_country)]
Text = Annotated[str, BeforeValidator(_text, json_schema_input_type=str | int | float)]
RorId = Annotated[str, AfterValidator(_ror)]
TextList = Annotated[list[Text], BeforeValidator(_str_list, json_schema_input_type=list[str | int | float] | str | None)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class _OrName(_Model):
    """A model that may also be written as its name alone (``"NTNU"`` for ``{name: NTNU}``); the
    JSON Schema says so, so that the published contract accepts what the reader accepts."""

    @classmethod
    def __get_pydantic_json_schema__(cls, core_schema: Any, handler: Any) -> Any:
        schema = handler(core_schema)
        return {"anyOf": [{"type": "string", "minLength": 1, "description": "the name alone"}, schema]}


class Institution(_OrName):
    """An organisation with its country (home institution, affiliation, appointment)."""

    name: Text = Field(min_length=1)
    country: Country | None = None

    @model_validator(mode="before")
    @classmethod
    def _from_text(cls, value: Any) -> Any:
        return {"name": value} if isinstance(value, str) else value


class Partner(_Model):
    name: Text = Field(min_length=1)
    country: Country | None = None
    role: Text | None = None
    type: Text | None = Field(default=None, description="university, company, research institute, government body …")
    ror: RorId | None = Field(default=None, description=(
        "the partner's Research Organization Registry id (https://ror.org/…), where known: a list entry linked to "
        "that ROR record is matched by the identifier, whatever the name says"))


# What kind of activity a proposal is: rules that only make sense for research (IPR, publication,
# data management plans) do not fire on a student exchange, and HK-dir's higher-education section does.
Activity = Literal["research", "education", "recruitment", "visit", "industry_contract"]
ACTIVITIES: dict[str, str] = {
    "research": "a research or innovation project",
    "education": "education cooperation or student exchange",
    "recruitment": "recruiting or appointing a person",
    "visit": "hosting a guest researcher or a visit",
    "industry_contract": "contract research or a service for a company",
}

# The parts a person plays that policies turn on (see collabguard.models.roles for how a free-text
# role is read into one of them).
Category = Literal["key_personnel", "researcher", "postdoc", "student", "intern", "recruit", "guest"]
CATEGORIES: dict[str, str] = {
    "key_personnel": "senior or key personnel: principal investigator, co-investigator, (co-)applicant",
    "researcher": "other research staff named on the project",
    "postdoc": "postdoctoral fellow",
    "student": "student (PhD, master's, bachelor's)",
    "intern": "intern or trainee",
    "recruit": "a person being recruited or appointed",
    "guest": "a guest or visiting researcher",
}


class TalentProgramme(_OrName):
    """A talent or recruitment programme a person declares, with when the participation ran."""

    name: Text = Field(min_length=1)
    start: Day | None = None
    end: Day | None = Field(default=None, description="when the participation ended (or ends); none: it continues")
    status: Literal["current", "ended"] | None = Field(
        default=None, description="current or ended; when left out, read from `end` (no end date: current)")

    @model_validator(mode="before")
    @classmethod
    def _from_text(cls, value: Any) -> Any:
        return {"name": value} if isinstance(value, str) else value

    @model_validator(mode="after")
    def _dates_in_order(self) -> TalentProgramme:
        if self.start is not None and self.end is not None and self.end < self.start:
            raise ValueError(f"talent programme {self.name!r}: end {self.end} is before start {self.start}")
        return self

    def current_on(self, today: date) -> bool:
        """Whether the participation continues on ``today``: a declared programme without an end date
        counts as current (a proposal declares what holds now)."""
        if self.status is not None:
            return self.status == "current"
        return self.end is None or self.end >= today


def _programmes(value: Any) -> Any:
    if isinstance(value, str):
        return _str_list(value)
    return [] if value is None else value


class Person(_Model):
    name: Text | None = None
    role: Text | None = None
    category: Category | None = Field(
        default=None, description="the part the person plays that policies turn on; read from `role` when left out")
    nationality: Country | None = Field(
        default=None, description="Used only by legal gates defined by nationality (export control, ATAS-type)."
    )
    affiliations: list[Institution] = Field(default_factory=list)
    appointments: list[Institution] = Field(default_factory=list)
    talent_programmes: Annotated[list[TalentProgramme], BeforeValidator(
        _programmes, json_schema_input_type=list[TalentProgramme] | str | None)] = Field(default_factory=list)


class Funding(_Model):
    funder: Text = Field(min_length=1)
    country: Country | None = None
    programme: Text | None = None
    amount: float | None = None
    currency: Text | None = None


class ExportControl(_Model):
    codes: TextList = Field(default_factory=list)


class DataHandling(_Model):
    personal_data: bool | None = None
    data_management_plan: bool | None = None
    transfer_outside_eea: bool | None = None


class Agreement(_Model):
    written: bool | None = None
    ipr: bool | None = None
    publication: bool | None = None
    termination: bool | None = None


class Strac(_Model):
    """Canada's STRAC policy turns on the applicant's own determination (step 1 of the tri-agency
    guidance): does the research aim to advance a Sensitive Technology Research Area?"""

    advances_stra: bool | None = None


class Proposal(_Model):
    """One collaboration, visit or hire to screen."""

    @model_validator(mode="before")
    @classmethod
    def _empty_means_absent(cls, value: Any) -> Any:
        # "abstract:" or "funding:" with nothing after it is YAML null: treat it as not given
        if isinstance(value, dict):
            return {k: v for k, v in value.items() if v is not None or k in ("id", "title")}
        return value

    id: Text = Field(min_length=1)
    title: Text = Field(min_length=1)
    activity: Activity | None = Field(
        default=None, description="research (when left out), education, recruitment, visit or industry_contract")
    abstract: Text = ""
    keywords: TextList = Field(default_factory=list)
    home_institution: Institution | None = None
    partners: Annotated[list[Partner], BeforeValidator(_few_partners, json_schema_input_type=list[Partner])] = Field(
        default_factory=list)
    personnel: Annotated[list[Person], BeforeValidator(_few_people, json_schema_input_type=list[Person])] = Field(
        default_factory=list)
    funding: Annotated[list[Funding], BeforeValidator(_few_funders, json_schema_input_type=list[Funding])] = Field(
        default_factory=list)
    export_control: ExportControl = Field(default_factory=ExportControl)
    data: DataHandling = Field(default_factory=DataHandling)
    agreement: Agreement = Field(default_factory=Agreement)
    travel: list[Country] = Field(default_factory=list)
    start_date: Day | None = None
    duration_months: int | None = Field(default=None, ge=0, le=600)
    frameworks: TextList = Field(default_factory=list)
    strac: Strac = Field(default_factory=Strac)

    @model_validator(mode="after")
    def _someone_to_screen(self) -> Proposal:
        if not self.partners and not self.personnel:
            raise ValueError("no partners and no personnel: name at least one partner institution or one person")
        return self
