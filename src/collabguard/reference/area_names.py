"""Technology-area names in another language (``area-names.yaml``): a Norwegian name only where a
Norwegian official source gives one for the same category; else the publisher's own name."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

NAMES_FILE = Path(__file__).with_name("area-names.yaml")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Source(_Strict):
    title: str
    url: str = Field(pattern=r"^https?://")
    read: str


class Name(_Strict):
    nb: str = Field(min_length=1)
    source: str
    own: bool = False  # collabguard's own translation, not a source's


class NameFile(_Strict):
    source: str
    version: str
    sources: dict[str, Source]
    names: dict[str, Name]

    @model_validator(mode="after")
    def _sources_known(self) -> NameFile:
        unknown = sorted({n.source for n in self.names.values()} - set(self.sources))
        if unknown:
            raise ValueError(f"names cite unknown sources: {', '.join(unknown)}")
        return self


@lru_cache(maxsize=1)
def area_names() -> NameFile:
    raw = yaml.load(NAMES_FILE.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    try:
        return NameFile.model_validate(raw)
    except ValidationError as exc:  # a broken data file is a bug in the package, not user input
        raise ValueError(f"{NAMES_FILE}: {exc}") from None


def area_name(area_id: str, name: str, lang: str = "en") -> str:
    """The name of area ``area_id`` in ``lang``: ``name`` (the publisher's) unless the file has one."""
    if lang != "nb":
        return name
    found = area_names().names.get(area_id)
    return found.nb if found is not None else name
