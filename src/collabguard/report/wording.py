"""Proposal fields in words: an officer reads "the agreement does not say how the cooperation can be
ended" and "team member 1", never ``agreement.termination = False`` or ``personnel[0]``.

A rule's message names the facts it fired on (its ``{fields}``), and a question may name where a
value sits in the proposal (``partners[1]``). :func:`in_words` turns both into words for every
view of a report; :func:`fields_in_words` is the wording of a rule's ``{fields}`` on its own, for
the place that fills message templates.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Mapping
from typing import Any

from collabguard.reference.report_text import text, text_or

# a yes/no field of the proposal: its words when yes and when no are ``yes_no.<field>.yes`` / ``.no``
# in reference/report-text.yaml, like every other word below (by key, in the report's language)
YES_NO_FIELDS = ("agreement.written", "agreement.ipr", "agreement.publication", "agreement.termination",
                 "data.personal_data", "data.data_management_plan", "data.transfer_outside_eea", "strac.advances_stra")
YES_NO: dict[str, tuple[str, str]] = {f: (text(f"yes_no.{f}.yes"), text(f"yes_no.{f}.no")) for f in YES_NO_FIELDS}
ACTIVITY = {a: text(f"activity.{a}") for a in ("research", "education", "recruitment", "visit", "industry_contract")}
CATEGORY = {c: text(f"category.{c}") for c in ("key_personnel", "researcher", "postdoc", "student", "intern", "recruit", "guest")}
# where a value sits in a proposal, in words: "personnel[0].affiliations[1]" → "team member 1's affiliation 2"
PLACE = {p: text(f"place.{p}") for p in ("partners", "personnel", "funding", "travel", "affiliations", "appointments",
                                         "talent_programmes")}
FIELD_NAMES = {f: text(f"field_name.{f}") for f in ("home_institution", "duration_months", "start_date", "export_control.codes",
                                                     "partners.type", "personnel.nationality", "category", "programme")}

_PATH = re.compile(r"\b(partners|personnel|funding|travel)\[(\d+)\]((?:\.(?:affiliations|appointments|talent_programmes)\[\d+\]"
                   r"|\.programme|\.category)?)")
_STEP = re.compile(r"\.(\w+)(?:\[(\d+)\])?")
# a technology area as rules name it: "Quantum sensing (ca-stra.quantum.sensing, match)"; the id and the
# decision are for machines (the JSON has them), a reader needs the name and whether it is only possible
_AREA_ID = re.compile(r" \((?:[a-z]+-)+[a-z0-9]+\.[a-z0-9.-]*[a-z0-9](?:, (match|possible))?\)")
_PAIR = re.compile(r"\b(" + "|".join(re.escape(k) for k in [*YES_NO_FIELDS, "duration_months", "activity"]) + r") = (True|False|[\w.-]+)")
# values that are lists or people: "talent_programmes = ['personnel[0]']", "personnel = personnel[0] (PhD student): guest"
_LIST_PAIR = re.compile(r"\b(talent_programmes|partner_types) = (\[[^\[\]]*(?:\[\d+\][^\[\]]*)*\])")
_PERSON = r"personnel\[\d+\](?: \([^()]*\))?: [a-z_]+"
_PEOPLE = re.compile(rf"\bpersonnel = ({_PERSON}(?:; {_PERSON})*)")


def place(path: str, lang: str = "en") -> str:
    """``partners[1]`` → "partner 2"; ``personnel[0].affiliations[1]`` → "team member 1's affiliation 2"."""
    m = _PATH.fullmatch(path)
    if m is None:
        return text_or(f"field_name.{path}", path, lang)
    return _place(m, lang)


def _place(m: re.Match[str], lang: str = "en") -> str:
    words = f"{text(f'place.{m.group(1)}', lang)} {int(m.group(2)) + 1}"
    for step in _STEP.finditer(m.group(3) or ""):
        name, index = step.group(1), step.group(2)
        thing = text_or(f"place.{name}", text_or(f"field_name.{name}", name, lang), lang)
        words = text("place.of", lang, owner=words, thing=thing + (f" {int(index) + 1}" if index is not None else ""))
    return words


def _listed(value: Any) -> Any:
    """A list the message template was filled with as Python wrote it (``['personnel[0]']``), as a list."""
    if isinstance(value, str) and value.startswith("[") and value.endswith("]"):
        try:
            parsed = ast.literal_eval(value)
        except (ValueError, SyntaxError, MemoryError, RecursionError):
            return value
        return parsed if isinstance(parsed, list) else value
    return value


def _value(path: str, value: Any, lang: str = "en") -> str:
    value = _listed(value)
    if path in YES_NO_FIELDS and isinstance(value, bool):
        return text(f"yes_no.{path}.{'yes' if value else 'no'}", lang)
    if path == "duration_months":
        return text("duration_months", lang, n=value)
    if path == "activity":
        return text_or(f"activity.{value}", str(value), lang)
    if path == "personnel":  # "personnel[0] (visiting PhD student): guest; …"
        return "; ".join(_person(part, lang) for part in str(value).split("; "))
    if path == "talent_programmes" and isinstance(value, list):
        return text("declared_by", lang, who=", ".join(place(str(v), lang) for v in value))
    if isinstance(value, list):
        return "; ".join(in_words(str(v), lang=lang) for v in value)
    if isinstance(value, bool):
        return text(f"answer.{'yes' if value else 'no'}", lang)
    return in_words(str(value), lang=lang)


def _person(part: str, lang: str = "en") -> str:
    who, sep, category = part.rpartition(": ")
    if not sep:
        return in_words(part, lang=lang)
    return text("person_as", lang, who=in_words(who, lang=lang), category=text_or(f"category.{category}", category, lang))


def fields_in_words(fields: Mapping[str, Any], lang: str = "en") -> str:
    """The facts a rule fired on, in words, what is missing first: "the agreement does not say how the
    cooperation can be ended; a research cooperation; there is a written agreement" ("—" when none)."""
    # what is missing or false first: it is what the rule is about; the facts that set the scene after
    ordered = sorted(fields.items(), key=lambda kv: kv[1] is not False)
    words = list(dict.fromkeys(_value(k, v, lang) for k, v in ordered))
    return "; ".join(words) if words else "—"


def _as_engine_wrote(fields: Mapping[str, Any]) -> str:
    """A rule's ``{fields}`` as the message template was filled with them (``path = value``)."""
    return ", ".join(dict.fromkeys(f"{k} = {v}" for k, v in fields.items()))


def in_words(text_: str, fields: Mapping[str, Any] | None = None, lang: str = "en") -> str:
    """``text_`` with field paths and Python values put in words: the ``fields`` a message was filled
    with, any other ``path = value`` of a known field, and places (``partners[1]`` → "partner 2")."""
    if fields:
        raw = _as_engine_wrote(fields)
        if raw and raw in text_:
            text_ = text_.replace(raw, fields_in_words(fields, lang))
    if " = " in text_:
        text_ = _PEOPLE.sub(lambda m: _value("personnel", m.group(1), lang), text_)
        text_ = _LIST_PAIR.sub(lambda m: _value(m.group(1), m.group(2), lang), text_)
        text_ = _PAIR.sub(lambda m: _value(m.group(1), {"True": True, "False": False}.get(m.group(2), m.group(2)), lang), text_)
    if "[" in text_:
        text_ = _PATH.sub(lambda m: _place(m, lang), text_)
    if "-" in text_:
        text_ = _AREA_ID.sub(lambda m: text("possibly", lang) if m.group(1) == "possible" else "", text_)
    return text_
