"""The report's own words in each language it is written in (``report-text.yaml``).

Every heading, label, sentence and automatic question collabguard writes around the values of a
screening lives in that data file, by key, in English and in Norwegian Bokmål; code looks a text up
by key and language (:func:`text`, :func:`plural`) and fills its ``{placeholders}``. The file is
read once and checked by a pydantic model: every key has both languages, with the same
placeholders. Rule texts live in the rule packs (``translations:``), list meanings in
``rules/lists/lists.yaml`` and area names in ``area-names.yaml``; this file holds the rest.

The matcher's reasons ("country CN agrees") are the matcher's own English record, kept as they are
in the JSON; a view in another language shows them through ``reasons:`` (regular expressions with
their Bokmål wording), and a reason no pattern knows stays in English. ``messages:`` does the same
for the notes of the publication-export readers ("no work has an address at …").
"""

from __future__ import annotations

import re
import string
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

TEXT_FILE = Path(__file__).with_name("report-text.yaml")
LANGUAGES = ("en", "nb")


def placeholders(template: str) -> frozenset[str]:
    """The ``{names}`` a template fills (``{{`` and ``}}`` are literal braces)."""
    return frozenset(name for _, name, _, _ in string.Formatter().parse(template) if name)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Text(_Strict):
    """One text in every language, with the same placeholders in each."""

    en: str = Field(min_length=1)
    nb: str = Field(min_length=1)

    @model_validator(mode="after")
    def _same_placeholders(self) -> Text:
        if placeholders(self.en) != placeholders(self.nb):
            raise ValueError(f"placeholders differ: en {sorted(placeholders(self.en))}, nb {sorted(placeholders(self.nb))}")
        return self


class Term(_Strict):
    """A Norwegian term the Bokmål texts use, and the page of the source it was checked against."""

    nb: str
    en: str
    source: str = Field(pattern=r"^https?://")
    note: str = ""


class Reason(_Strict):
    """A matcher reason (a regular expression over the English) and its Bokmål wording (groups as \\1)."""

    en: str
    nb: str

    @field_validator("en")
    @classmethod
    def _compiles(cls, value: str) -> str:
        re.compile(value)
        return value


class GuidelinePage(_Strict):
    """A Norwegian page of the HK-dir guidance: what a report in Bokmål cites, under its own title. ``en``:
    the English page of the same section, for rules that give no ``url_nb`` of their own."""

    nb: str = Field(pattern=r"^https://hkdir\.no/")
    title: str
    en: str | None = Field(default=None, pattern=r"^https?://")
    read: str = Field(description="how the title was checked: the stored copy of the page read on a date")


class TextFile(_Strict):
    source: str
    version: str
    terms: list[Term]
    texts: dict[str, Text]
    reasons: list[Reason] = Field(default_factory=list)
    messages: list[Reason] = Field(default_factory=list)
    guideline_pages: list[GuidelinePage] = Field(default_factory=list)


@lru_cache(maxsize=1)
def texts() -> TextFile:
    """The data file, read and checked once per process."""
    raw = yaml.load(TEXT_FILE.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    try:
        return TextFile.model_validate(raw)
    except ValidationError as exc:  # a broken data file is a bug in the package, not user input
        raise ValueError(f"{TEXT_FILE}: {exc}") from None


def text(key: str, lang: str = "en", /, **values: Any) -> str:
    """The text ``key`` in ``lang`` with its placeholders filled from ``values``."""
    entry = texts().texts[key]
    return (entry.nb if lang == "nb" else entry.en).format_map(values)


def has(key: str) -> bool:
    """Whether the data file has a text ``key`` (for open sets such as a matcher's name kinds)."""
    return key in texts().texts


def text_or(key: str, default: str, lang: str = "en", /, **values: Any) -> str:
    """The text ``key`` in ``lang``, or ``default`` as it is where the file has no such key."""
    return text(key, lang, **values) if has(key) else default


def plural(key: str, n: int, lang: str = "en", /, **values: Any) -> str:
    """``key.one`` when ``n`` is 1, else ``key.other``; ``{n}`` is ``n``."""
    return text(f"{key}.one" if n == 1 else f"{key}.other", lang, n=n, **values)


@lru_cache(maxsize=1)
def _reasons() -> tuple[tuple[re.Pattern[str], str], ...]:
    return tuple((re.compile(r.en), r.nb) for r in texts().reasons)


def guideline_page(url: str, url_nb: str | None, lang: str = "en") -> tuple[str, str] | None:
    """(page, title) a report in ``lang`` cites for a guideline section: the rule's own Norwegian page
    (``url_nb``), or the Norwegian page of its English one where the data file knows it; None in
    English, or where no Norwegian page is known."""
    if lang != "nb":
        return None
    pages = texts().guideline_pages
    found = next((p for p in pages if url_nb and p.nb == url_nb), None) or next((p for p in pages if p.en == url), None)
    if found is not None:
        return found.nb, found.title
    return (url_nb, "") if url_nb else None


@lru_cache(maxsize=1)
def _messages() -> tuple[tuple[re.Pattern[str], str], ...]:
    return tuple((re.compile(r.en), r.nb) for r in texts().messages)


def message(words: str, lang: str = "en") -> str:
    """A note of the publication-export readers in ``lang``: as written, or in Bokmål where a pattern of
    ``messages:`` knows it (else the English)."""
    if lang == "en":
        return words
    for pattern, wording in _messages():
        words = pattern.sub(wording, words)
    return words


def reason(words: str, lang: str = "en") -> str:
    """A matcher reason in ``lang``: the English as the matcher wrote it, or its Bokmål wording where a
    pattern of the data file knows it (else the English)."""
    if lang == "en":
        return words
    for pattern, wording in _reasons():
        words = pattern.sub(wording, words)
    return words
