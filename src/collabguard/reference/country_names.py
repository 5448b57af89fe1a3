"""Country short names in Norwegian Bokmål where pycountry's are formal or inverted (``country-names.yaml``):
"Russland", not "Den russiske føderasjon". Every other country keeps pycountry's name."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

NAMES_FILE = Path(__file__).with_name("country-names.yaml")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Source(_Strict):
    title: str
    url: str = Field(pattern=r"^https?://")
    read: str


class Name(_Strict):
    nb: str = Field(min_length=1)
    source: str | None  # None: not checked against a stored copy of an official list (unverified)


class NameFile(_Strict):
    source: str
    version: str
    sources: dict[str, Source]
    countries_nb: dict[str, Name]

    @model_validator(mode="after")
    def _codes_and_sources(self) -> NameFile:
        bad = sorted(code for code in self.countries_nb if len(code) != 2 or not code.isupper())
        if bad:
            raise ValueError(f"not ISO 3166-1 alpha-2 codes: {', '.join(bad)}")
        unknown = sorted({n.source for n in self.countries_nb.values() if n.source is not None} - set(self.sources))
        if unknown:
            raise ValueError(f"names cite unknown sources: {', '.join(unknown)}")
        return self


@lru_cache(maxsize=1)
def country_names() -> NameFile:
    """The data file, read and checked once per process."""
    raw = yaml.load(NAMES_FILE.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    try:
        return NameFile.model_validate(raw)
    except ValidationError as exc:  # a broken data file is a bug in the package, not user input
        raise ValueError(f"{NAMES_FILE}: {exc}") from None


def short_name(code: str, lang: str) -> str | None:
    """The short name of ``code`` in ``lang`` where the file gives one (Bokmål only), else None."""
    if lang != "nb":
        return None
    found = country_names().countries_nb.get(code)
    return found.nb if found is not None else None
