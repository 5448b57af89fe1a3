"""The rule-pack format (``rules/<framework-id>.yaml``), as pydantic models.

Unknown keys are errors (a typo must never silently disable a rule). The ``when`` condition is
validated separately by :mod:`collabguard.rules.conditions`, which knows every predicate.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator

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


def _codes(value: list[str]) -> list[str]:
    bad = [c for c in value if country_code(c) != c]
    if bad:
        raise ValueError(f"not ISO 3166 alpha-2 codes: {', '.join(bad)}")
    return value


class AppliesWhen(_Strict):
    """A pack applies when any of these hold (an empty block never applies by itself)."""

    home_countries: Annotated[list[str], AfterValidator(_codes)] = Field(default_factory=list)
    funders: list[str] = Field(default_factory=list, description="funder names or acronyms, e.g. NSERC")
    funder_countries: Annotated[list[str], AfterValidator(_codes)] = Field(default_factory=list)
    programmes: list[str] = Field(default_factory=list)
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
    legal_gate: bool = Field(False, description="a legal requirement (licence, certificate, eligibility), not risk advice; "
                                                "only such rules may use nationality")
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


class PackFile(_Strict):
    """A whole pack file. Loading validates the header with ``rules`` left raw, then each rule on
    its own, so that every problem in every rule is reported in one pass."""

    schema_version: Literal[1]
    pack: PackInfo
    example_base: dict[str, Any] = Field(default_factory=dict)
    rules: list[Any] = Field(min_length=1)
