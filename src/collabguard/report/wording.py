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

# a yes/no field of the proposal: (what it means when yes, when no)
YES_NO: dict[str, tuple[str, str]] = {
    "agreement.written": ("there is a written agreement", "there is no written agreement"),
    "agreement.ipr": ("the agreement settles intellectual property rights",
                      "the agreement does not settle intellectual property rights"),
    "agreement.publication": ("the agreement settles publication and authorship",
                              "the agreement does not settle publication and authorship"),
    "agreement.termination": ("the agreement says how the cooperation can be ended",
                              "the agreement does not say how the cooperation can be ended"),
    "data.personal_data": ("the proposal says it collects or processes personal data",
                           "the proposal says it processes no personal data"),
    "data.data_management_plan": ("there is a data management plan", "there is no data management plan"),
    "data.transfer_outside_eea": ("personal data will be transferred to or accessed from outside the EU/EEA",
                                  "personal data stay inside the EU/EEA"),
    "strac.advances_stra": ("the applicant says the research aims to advance a Sensitive Technology Research Area",
                            "the applicant says the research does not aim to advance a Sensitive Technology Research Area"),
}
ACTIVITY = {"research": "a research cooperation", "education": "an education cooperation", "recruitment": "a recruitment",
            "visit": "a visit", "industry_contract": "an industry contract"}
CATEGORY = {"key_personnel": "senior or key personnel", "researcher": "research staff", "postdoc": "a postdoc",
            "student": "a student", "intern": "an intern", "recruit": "a recruit", "guest": "a guest"}
# where a value sits in a proposal, in words: "personnel[0].affiliations[1]" → "team member 1's affiliation 2"
PLACE = {"partners": "partner", "personnel": "team member", "funding": "funder", "travel": "trip",
         "affiliations": "affiliation", "appointments": "appointment", "talent_programmes": "talent programme"}
FIELD_NAMES = {"home_institution": "the home institution", "duration_months": "the duration", "start_date": "the start date",
               "export_control.codes": "the export-control entries", "partners.type": "the partner's type",
               "personnel.nationality": "a team member's nationality", "category": "role", "programme": "programme"}

_PATH = re.compile(r"\b(partners|personnel|funding|travel)\[(\d+)\]((?:\.(?:affiliations|appointments|talent_programmes)\[\d+\]"
                   r"|\.programme|\.category)?)")
_STEP = re.compile(r"\.(\w+)(?:\[(\d+)\])?")
# a technology area as rules name it: "Quantum sensing (ca-stra.quantum.sensing, match)"; the id and the
# decision are for machines (the JSON has them), a reader needs the name and whether it is only possible
_AREA_ID = re.compile(r" \((?:[a-z]+-)+[a-z0-9]+\.[a-z0-9.-]*[a-z0-9](?:, (match|possible))?\)")
_PAIR = re.compile(r"\b(" + "|".join(re.escape(k) for k in [*YES_NO, "duration_months", "activity"]) + r") = (True|False|[\w.-]+)")
# values that are lists or people: "talent_programmes = ['personnel[0]']", "personnel = personnel[0] (PhD student): guest"
_LIST_PAIR = re.compile(r"\b(talent_programmes|partner_types) = (\[[^\[\]]*(?:\[\d+\][^\[\]]*)*\])")
_PERSON = r"personnel\[\d+\](?: \([^()]*\))?: [a-z_]+"
_PEOPLE = re.compile(rf"\bpersonnel = ({_PERSON}(?:; {_PERSON})*)")


def place(path: str) -> str:
    """``partners[1]`` → "partner 2"; ``personnel[0].affiliations[1]`` → "team member 1's affiliation 2"."""
    m = _PATH.fullmatch(path)
    if m is None:
        return FIELD_NAMES.get(path, path)
    return _place(m)


def _place(m: re.Match[str]) -> str:
    words = f"{PLACE[m.group(1)]} {int(m.group(2)) + 1}"
    for step in _STEP.finditer(m.group(3) or ""):
        name, index = step.group(1), step.group(2)
        thing = PLACE.get(name, FIELD_NAMES.get(name, name))
        words += f"'s {thing}" + (f" {int(index) + 1}" if index is not None else "")
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


def _value(path: str, value: Any) -> str:
    value = _listed(value)
    if path in YES_NO and isinstance(value, bool):
        return YES_NO[path][0 if value else 1]
    if path == "duration_months":
        return f"{value} months"
    if path == "activity":
        return ACTIVITY.get(str(value), str(value))
    if path == "personnel":  # "personnel[0] (visiting PhD student): guest; …"
        return "; ".join(_person(part) for part in str(value).split("; "))
    if path == "talent_programmes" and isinstance(value, list):
        return "declared by " + ", ".join(place(str(v)) for v in value)
    if isinstance(value, list):
        return "; ".join(in_words(str(v)) for v in value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    return in_words(str(value))


def _person(part: str) -> str:
    who, sep, category = part.rpartition(": ")
    if not sep:
        return in_words(part)
    return f"{in_words(who)} as {CATEGORY.get(category, category)}"


def fields_in_words(fields: Mapping[str, Any]) -> str:
    """The facts a rule fired on, in words, what is missing first: "the agreement does not say how the
    cooperation can be ended; a research cooperation; there is a written agreement" ("—" when none)."""
    # what is missing or false first: it is what the rule is about; the facts that set the scene after
    ordered = sorted(fields.items(), key=lambda kv: kv[1] is not False)
    words = list(dict.fromkeys(_value(k, v) for k, v in ordered))
    return "; ".join(words) if words else "—"


def _as_engine_wrote(fields: Mapping[str, Any]) -> str:
    """A rule's ``{fields}`` as the message template was filled with them (``path = value``)."""
    return ", ".join(dict.fromkeys(f"{k} = {v}" for k, v in fields.items()))


def in_words(text: str, fields: Mapping[str, Any] | None = None) -> str:
    """``text`` with field paths and Python values put in words: the ``fields`` a message was filled
    with, any other ``path = value`` of a known field, and places (``partners[1]`` → "partner 2")."""
    if fields:
        raw = _as_engine_wrote(fields)
        if raw and raw in text:
            text = text.replace(raw, fields_in_words(fields))
    if " = " in text:
        text = _PEOPLE.sub(lambda m: _value("personnel", m.group(1)), text)
        text = _LIST_PAIR.sub(lambda m: _value(m.group(1), m.group(2)), text)
        text = _PAIR.sub(lambda m: _value(m.group(1), {"True": True, "False": False}.get(m.group(2), m.group(2))), text)
    if "[" in text:
        text = _PATH.sub(_place, text)
    if "-" in text:
        text = _AREA_ID.sub(lambda m: " (possibly)" if m.group(1) == "possible" else "", text)
    return text
