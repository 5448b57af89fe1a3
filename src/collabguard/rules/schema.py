"""The rule-pack format (``rules/<framework-id>.yaml``), as pydantic models.

Unknown keys are errors (a typo must never silently disable a rule). The ``when`` condition is
validated separately by :mod:`collabguard.rules.conditions`, which knows every predicate.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator, model_validator

from collabguard.countries import country_code
from collabguard.models.common import Severity

RULE_ID_PATTERN = r"^CG-[A-Z]{2}(-[A-Z0-9]+)+-[0-9]{3}$"
PACK_ID_PATTERN = r"^[a-z]{2}-[a-z0-9-]+$"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class GuidelineRef(_Strict):
    framework: str
    section: str = Field(min_length=1)
    url: str = Field(pattern=r"^https?://")
    url_nb: str | None = Field(None, pattern=r"^https?://", description="the same section in Norwegian (reports with --lang nb)")
    checked: str | None = Field(None, description="the date the cited page was read to write the rule; none: not checked")


def _codes(value: list[str]) -> list[str]:
    bad = [c for c in value if country_code(c) != c]
    if bad:
        raise ValueError(f"not ISO 3166 alpha-2 codes: {', '.join(bad)}")
    return value


class FundingTrigger(_Strict):
    """A funding row that applies the pack: a named funder of one country, optionally only in one of
    ``programmes`` (NSERC's Alliance grants) and only with a partner of one of ``partner_types``."""

    funders: list[str] = Field(default_factory=list, description="the funder's names and acronyms, e.g. NSERC "
                                                                 "(empty: any funder of one of the programmes)")
    country: Annotated[str | None, AfterValidator(lambda c: c if c is None else _codes([c])[0])] = Field(
        None, description="the funder's country: a row stating another country is another funder ('Swiss National "
                          "Science Foundation' is not the US NSF); none for a supranational funder (the European Commission)")
    programmes: list[str] = Field(default_factory=list, description="only these programmes of the funder (empty: any)")
    partner_types: list[str] = Field(default_factory=list, description=(
        "only when a partner's type names one of these words (e.g. company); when no partner gives a type, the pack "
        "applies and the reason says that it depends on it"))

    @model_validator(mode="after")
    def _something(self) -> FundingTrigger:
        if not self.funders and not self.programmes:
            raise ValueError("name funders, programmes or both")
        return self


class AppliesWhen(_Strict):
    """A pack applies when any of these hold (an empty block never applies by itself)."""

    home_countries: Annotated[list[str], AfterValidator(_codes)] = Field(default_factory=list)
    funding: list[FundingTrigger] = Field(default_factory=list)
    funder_countries: Annotated[list[str], AfterValidator(_codes)] = Field(default_factory=list)
    partner_countries: Annotated[list[str], AfterValidator(_codes)] = Field(
        default_factory=list, description="a partner in one of these countries will apply this framework to the project")
    always: bool = Field(False, description="always applies (an institution's own policy)")


class PackInfo(_Strict):
    id: str = Field(pattern=PACK_ID_PATTERN)
    title: str
    publisher: str
    url: str = Field(pattern=r"^https?://")
    version: str = Field(description="this pack's own version (calendar version)")
    guideline_version: str = Field(description="the guideline's own date or version")
    accessed: str
    binding: Literal["advisory", "mandatory"]
    description: str = ""
    applies_when: AppliesWhen


class Examples(_Strict):
    must_fire: list[dict[str, Any]] = Field(min_length=1)
    must_not_fire: list[dict[str, Any]] = Field(min_length=1)


LANGUAGES = ("en", "nb")  # English (the rule's own text) and Norwegian Bokmål


class RuleText(_Strict):
    """A rule's words in another language; what is left out stays in English."""

    title: str | None = None
    message: str | None = None
    question: str | None = None
    mitigations: list[str] | None = None


class Rule(_Strict):
    id: str = Field(pattern=RULE_ID_PATTERN)
    title: str = Field(min_length=1)
    kind: Literal["flag", "question"] = "flag"
    status: Literal["stable", "experimental", "deprecated", "disabled"] = "stable"  # disabled: by an institution policy
    guideline: GuidelineRef
    severity: Severity
    severity_from: Literal["rule", "matches"] = "rule"
    blocking: bool = False
    legal_gate: bool = Field(False, description="a legal requirement (licence, certificate, sanctions), not risk advice; "
                                                "only such rules may use nationality")
    funding_condition: bool = Field(False, description="a condition of a funder's money (eligibility), not law: "
                                                       "it bars the funding as proposed, not the cooperation")
    when: dict[str, Any]
    message: str | None = None
    question: str | None = None
    mitigations: list[str] = Field(default_factory=list)
    falsepositives: list[str] = Field(default_factory=list)
    translations: dict[Literal["nb"], RuleText] = Field(default_factory=dict)
    examples: Examples

    @field_validator("mitigations")
    @classmethod
    def _non_empty(cls, value: list[str]) -> list[str]:
        if any(not m.strip() for m in value):
            raise ValueError("mitigations must not be empty strings")
        return value

    @model_validator(mode="after")
    def _gate(self) -> Rule:
        if self.legal_gate and self.funding_condition:
            raise ValueError("a rule is either law (legal_gate) or a funding condition (funding_condition), not both")
        if self.blocking and not (self.legal_gate or self.funding_condition):
            raise ValueError("a blocking rule must say what bars the project: legal_gate: true (law) or "
                             "funding_condition: true (a funder's eligibility condition)")
        return self


class PackFile(_Strict):
    """A whole pack file. Loading validates the header with ``rules`` left raw, then each rule on
    its own, so that every problem in every rule is reported in one pass."""

    schema_version: Literal[1]
    pack: PackInfo
    example_base: dict[str, Any] = Field(default_factory=dict)
    rules: list[Any] = Field(min_length=1)
