"""Country groups: named, versioned, sourced data (``rules/groups.yaml``)."""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from collabguard.countries import country_code
from collabguard.errors import RuleFileError
from collabguard.io.pydantic_errors import error_message, field_path
from collabguard.io.yaml_loader import load_yaml


class CountryGroup(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    title: str
    countries: list[str] = Field(min_length=1)
    source: str = Field(min_length=1)
    url: str = Field(pattern=r"^https?://")
    as_of: str
    why: str = ""

    @field_validator("countries")
    @classmethod
    def _codes(cls, value: list[str]) -> list[str]:
        bad = [c for c in value if country_code(c) != c]
        if bad:
            raise ValueError(f"not ISO 3166 alpha-2 codes: {', '.join(bad)}")
        return value


def load_groups(path: Path) -> dict[str, CountryGroup]:
    doc = load_yaml(path, "country-group file")
    data = doc.data if isinstance(doc.data, dict) else {}
    problems: list[str] = []
    groups: dict[str, CountryGroup] = {}
    for name, raw in (data.get("groups") or {}).items():
        try:
            groups[name] = CountryGroup.model_validate(raw)
        except ValidationError as exc:
            for err in exc.errors():
                loc = ("groups", name) + tuple(err["loc"])
                problems.append(f"{doc.where(loc)}: {field_path(loc)}: {error_message(err)}")
    if problems:
        raise RuleFileError(problems)
    return groups
