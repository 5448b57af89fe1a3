"""What the workbench's forms send, as the models the library takes: a proposal from the fields of
the screening form, answers from the checklist form, a decision from the decision form.

The proposal form asks for what the rules read and nothing more: partners, funders, the people's
roles, affiliations and talent programmes, the text, and the yes/no facts. It never asks for a
researcher's name (names are not used for matching; see the README's "Personal data").
Repeated rows (partners, funders, people) arrive as parallel lists; an empty row is skipped, a row
with a country or type but no name is an error naming the row.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from typing import Any, Literal

from collabguard.engine.answers import Answer, AnswerFile
from collabguard.errors import InputError

PARTNER_ROWS = 5  # empty rows the form offers; "More rows" adds as many again
FUNDER_ROWS = 2
PERSON_ROWS = 3
MAX_ROWS = 200  # rows of one kind a form may hold (a bigger consortium is uploaded as a file)

YES_NO_FIELDS = (
    ("data.personal_data", "The project processes personal data"),
    ("data.transfer_outside_eea", "Data will be transferred outside the EU/EEA"),
    ("data.data_management_plan", "There is a data management plan"),
    ("agreement.written", "There is a written agreement with the partners"),
    ("agreement.ipr", "The agreement covers intellectual property"),
    ("agreement.publication", "The agreement covers the right to publish"),
    ("agreement.termination", "The agreement can be ended if risks change"),
    ("strac.advances_stra", "The research advances a Canadian sensitive technology research area (STRAC)"),
)

Form = Mapping[str, Sequence[str]]  # every field's values, in the order sent
AnswerValue = Literal["yes", "no", "unsure"]
_QUESTION_ID = re.compile(r"Q-[0-9a-f]{10}")


def _one(form: Form, name: str) -> str:
    values = form.get(name) or [""]
    return values[0].strip()


def _rows(form: Form, prefix: str, columns: Sequence[str], label: str) -> list[dict[str, str]]:
    lists = {c: [v.strip() for v in form.get(f"{prefix}_{c}", [])] for c in columns}
    length = max((len(v) for v in lists.values()), default=0)
    if length > MAX_ROWS:
        raise InputError(f"{label}: {length} rows; the form takes at most {MAX_ROWS} (upload a file for more)")
    rows = []
    for i in range(length):
        row = {c: (lists[c][i] if i < len(lists[c]) else "") for c in columns}
        if any(row.values()):
            rows.append(row)
    return rows


def row_count(form: Form, prefix: str, column: str, offered: int) -> int:
    """How many rows of a repeated group to show again: what was sent, at least ``offered``."""
    return min(MAX_ROWS, max(offered, len(form.get(f"{prefix}_{column}", []))))


def proposal_data(form: Form, today: dt.date) -> dict[str, Any]:
    """The proposal (as the JSON a file would hold) from the screening form's fields. Validation is
    the proposal model's, as for a file: its errors name the field (``partners[1].country``)."""
    data: dict[str, Any] = {}
    title = _one(form, "title")
    if not title:
        raise InputError("title: give the project's title")
    data["id"] = _one(form, "id") or f"web-{today.isoformat()}"
    data["title"] = title
    for name in ("activity", "abstract", "keywords", "start_date", "duration_months"):
        value = _one(form, name)
        if value:
            data[name] = value
    home = _one(form, "home_institution")
    if home:
        data["home_institution"] = {"name": home, "country": _one(form, "home_country") or None}
    elif _one(form, "home_country"):
        raise InputError("home_institution: give the home institution's name with its country")

    partners = []
    for i, row in enumerate(_rows(form, "partner", ("name", "country", "type"), "partners")):
        if not row["name"]:
            raise InputError(f"partners, row {i + 1}: give the partner's name")
        partners.append({k: v for k, v in row.items() if v})
    data["partners"] = partners

    funding = []
    for i, row in enumerate(_rows(form, "funder", ("name", "country", "programme"), "funders")):
        if not row["name"]:
            raise InputError(f"funders, row {i + 1}: give the funder's name")
        funding.append({"funder": row["name"], **{k: v for k, v in row.items() if v and k != "name"}})
    data["funding"] = funding

    people = []
    columns = ("role", "category", "affiliation", "affiliation_country", "talent_programme")
    for i, row in enumerate(_rows(form, "person", columns, "people")):
        person: dict[str, Any] = {}
        if row["role"]:
            person["role"] = row["role"]
        if row["category"]:
            person["category"] = row["category"]
        if row["affiliation"]:
            person["affiliations"] = [{"name": row["affiliation"], "country": row["affiliation_country"] or None}]
        elif row["affiliation_country"]:
            raise InputError(f"people, row {i + 1}: give the affiliation's name with its country")
        if row["talent_programme"]:
            person["talent_programmes"] = [row["talent_programme"]]
        people.append(person)
    data["personnel"] = people

    codes = _one(form, "export_control_codes")
    if codes:
        data["export_control"] = {"codes": codes}
    travel = _one(form, "travel")
    if travel:
        data["travel"] = [c.strip() for c in travel.replace("\n", ";").split(";") if c.strip()]
    frameworks = [f for f in form.get("frameworks", []) if f.strip()]
    if frameworks:
        data["frameworks"] = frameworks
    for path, _label in YES_NO_FIELDS:
        value = _one(form, path)
        if value in ("yes", "no"):
            section, _, field = path.partition(".")
            data.setdefault(section, {})[field] = value == "yes"
        elif value:
            raise InputError(f"{path}: choose yes, no or not known")
    return data


def answer_file(form: Form, reviewer: str, today: dt.date) -> AnswerFile:
    """The checklist form: ``answer_<question id>`` = yes | no | unsure (unanswered ones are left
    open), ``note_<question id>`` the reason."""
    answers = []
    for name, values in form.items():
        if not name.startswith("answer_") or not values or not values[0]:
            continue
        qid = name.removeprefix("answer_")
        if not _QUESTION_ID.fullmatch(qid):
            raise InputError(f"{name}: not a question of this report; reload the case")
        value = values[0]
        if value == "yes":
            answer: AnswerValue = "yes"
        elif value == "no":
            answer = "no"
        elif value == "unsure":
            answer = "unsure"
        else:
            raise InputError(f"answer to {qid}: choose yes, no or unsure")
        answers.append(Answer(id=qid, answer=answer, note=_one(form, f"note_{qid}"), reviewer=reviewer, date=today))
    if not answers:
        raise InputError("no question answered: choose yes, no or unsure for at least one question")
    return AnswerFile(reviewer=reviewer, date=today, answers=answers)


def expected_version(form: Form) -> int:
    """The case version the officer was looking at when they sent the form."""
    raw = _one(form, "expected_version")
    if not raw.isdigit():
        raise InputError("expected_version: the form lost the case version it was made for; reload the case")
    return int(raw)
