"""``--redact``: a report, and its error messages, without the names of people.

The people are the researchers named in the proposal (``personnel[].name``) and the reviewers who
answered questions or made office decisions. A redacted report replaces each researcher's name with
``[person N]`` and each reviewer's name with ``[reviewer]`` in every value that came from the
proposal or from a reviewer: the title, the id (also one taken from a file name such as
``kari-nordmann-visit.yaml``), partner and affiliation names (a researcher's consultancy
"Kari Nordmann AS"), the names as compared (``query_normalized``), match reasons (a decision's
reviewer and reason are copied there), messages, questions, notes, warnings, the collaboration
context, and the keys of free-form maps. A name is found in another case, with other separators
(spaces, hyphens, underscores, full stops), as "Surname, Given" or "Surname Given", with or without
accents, and by a surname of four letters or more alone. Values that come from the lists, rule
packs and taxonomies (entry names and ids, list titles, URLs, digests, rule ids, area names) are
kept as they are: they are the evidence, and they name no one in the proposal. The report says
it was redacted (``redacted: true``).

An error met while screening with ``--redact`` (a name typed into a country field, a file named
after a person) is redacted the same way, and a value it quotes from the input is withheld
(``'[withheld]'``), since it can be a name that is not in ``personnel``.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from collabguard.models.proposal import Proposal
from collabguard.models.report import Report

if TYPE_CHECKING:
    from collabguard.decisions import Decisions
    from collabguard.engine.answers import AnswerFile

MIN_LETTERS = 3  # shorter names ("Li") are not searched for in running text: they are parts of too many words
MIN_SURNAME_LETTERS = 4  # a surname alone ("Nordmann") is searched for from this length
# values from reference data (lists, rule packs, taxonomies) or computed by collabguard, never the proposal's
KEEP = frozenset({
    "entity_id", "entity_name", "list", "list_id", "list_title", "list_cite", "matched_name", "matched_name_kind",
    "entity_country", "rating", "source_url", "source_date", "also_fits", "url", "url_nb", "checked", "sha256",
    "rule_id", "framework", "severity", "decision", "status", "subject", "area_id", "area_name", "taxonomy",
    "taxonomy_version", "term", "risk_level", "recommendation", "schema_version", "language", "screened_on",
    "algorithm", "scorer", "gate", "counting", "trend",
})
KEEP_SECTIONS = frozenset({"versions", "coverage"})  # the rules and lists in use: nothing from the proposal
FREE_MAPS = frozenset({"fields", "features", "files", "target"})  # maps whose keys are values too
_SEPARATOR = r"[\W_]+"  # spaces, hyphens, underscores, full stops, commas between the parts of a name
_QUOTED = re.compile(r"""(?<![\w'"])('(?:[^'\\\n]|\\.){1,500}'|"(?:[^"\\\n]|\\.){1,500}")(?![\w'"])""")
WITHHELD = "'[withheld]'"


def _letters(text: str) -> int:
    return sum(c.isalpha() for c in text)


# Latin letters Unicode does not decompose into a base letter and an accent, as they are written in ASCII
_UNDECOMPOSED = str.maketrans({"ø": "o", "Ø": "O", "æ": "ae", "Æ": "Ae", "ß": "ss", "ł": "l", "Ł": "L", "đ": "d",
                               "Đ": "D", "þ": "th", "Þ": "Th", "œ": "oe", "Œ": "Oe", "ı": "i"})


def _plain(text: str) -> str:
    """In ASCII letters ("Bjørn Ødegård" → "Bjorn Odegard"): names are often written so in file names and ids."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_UNDECOMPOSED))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _patterns(name: str) -> list[re.Pattern[str]]:
    """The ways a person's name is written in running text, longest first."""
    words = [w for w in re.split(r"[\s,]+", name.strip()) if w]
    if not words or _letters(name) < MIN_LETTERS:
        return []
    forms: list[list[str]] = [words]
    if len(words) >= 2:
        forms.append([words[-1], *words[:-1]])  # "Surname, Given", "SURNAME Given"
        if _letters(words[-1]) >= MIN_SURNAME_LETTERS:
            forms.append([words[-1]])  # the surname alone
    out = []
    for form in sorted(forms, key=len, reverse=True):
        parts = []
        for word in form:
            pieces = [p for p in re.split(_SEPARATOR, word) if p]  # "Sentinel-Nordmann" → Sentinel, Nordmann
            variants = {_SEPARATOR.join(re.escape(p) for p in pieces),
                        _SEPARATOR.join(re.escape(_plain(p)) for p in pieces)}
            parts.append("(?:" + "|".join(sorted(variants, key=len, reverse=True)) + ")")
        out.append(re.compile(r"(?<![^\W_])" + _SEPARATOR.join(parts) + r"(?![^\W_])", re.IGNORECASE))
    return out


def people_in(source: Proposal | Mapping[str, Any] | Path | str | None) -> list[str]:
    """The researchers' names in a proposal: a model, the proposal's data (also data that is not a
    valid proposal), or its file (read as YAML or JSON; an unreadable file has none)."""
    if isinstance(source, Proposal):
        return [p.name for p in source.personnel if p.name]
    if isinstance(source, Path | str):
        source = _read(Path(source))
    if not isinstance(source, Mapping):
        return []
    people = source.get("personnel")
    if not isinstance(people, list):
        return []
    names = [p.get("name") if isinstance(p, Mapping) else p for p in people]
    return [str(n).strip() for n in names if isinstance(n, str | int) and str(n).strip()]


def reviewers_in(decisions: Decisions | None, answers: AnswerFile | None) -> list[str]:
    """Everyone named as a reviewer in the decisions and the answers used for a screening."""
    names = [d.reviewer for d in decisions.items] if decisions is not None else []
    if answers is not None:
        names += [answers.reviewer] + [a.reviewer for a in answers.answers if a.reviewer]
    return names


def _read(path: Path) -> Any:
    from collabguard.errors import CollabguardError
    from collabguard.io.yaml_loader import loads_yaml, read_text

    try:
        text = read_text(path, "proposal file")
        if text.lstrip().startswith("{"):
            return json.loads(text)
        return loads_yaml(text, str(path)).data
    except (CollabguardError, ValueError, OSError, RecursionError):
        return None


class Redactor:
    """Replaces the names of researchers (``[person N]``, N as in ``personnel``) and reviewers
    (``[reviewer]``) in text, reports and messages."""

    def __init__(self, people: Iterable[str] = (), reviewers: Iterable[str] = ()) -> None:
        names: list[tuple[re.Pattern[str], str]] = []
        for i, person in enumerate(people):
            names += [(p, f"[person {i + 1}]") for p in _patterns(person)]
        for reviewer in sorted(set(reviewers)):
            names += [(p, "[reviewer]") for p in _patterns(reviewer)]
        names.sort(key=lambda n: -len(n[0].pattern))  # the longest form first: "Kari Nordmann" before "Nordmann"
        self.names = names

    def text(self, text: str) -> str:
        for pattern, placeholder in self.names:
            text = pattern.sub(placeholder, text)
        return text

    def message(self, message: str) -> str:
        """An error or warning: names replaced, and every value it quotes from the input withheld."""
        return _QUOTED.sub(WITHHELD, self.text(message))

    def _walk(self, value: Any, key: str = "") -> Any:
        if isinstance(value, dict):
            free = key in FREE_MAPS
            return {(self.text(k) if free and isinstance(k, str) else k):
                    ("[reviewer]" if k == "reviewer" and isinstance(v, str) and v else
                     v if k in KEEP and not free else self._walk(v, k))
                    for k, v in value.items()}
        if isinstance(value, list):
            return [self._walk(v, key) for v in value]
        if isinstance(value, str):
            return self.text(value)
        return value

    def report(self, report: Report) -> Report:
        data = report.model_dump(mode="json")
        out = {k: v if k in KEEP_SECTIONS or k in KEEP else self._walk(v, k) for k, v in data.items()}
        out["redacted"] = True
        return Report.model_validate(out)


def redact(report: Report, proposal: Proposal, reviewers: Iterable[str] = ()) -> Report:
    """``report`` without the names of the proposal's researchers, of the reviewers it shows, and of
    ``reviewers`` (everyone in the answers and decisions files used)."""
    shown = {a.reviewer for a in report.answers if a.reviewer} | {r.reviewer for r in report.reviews if r.reviewer}
    return Redactor(people_in(proposal), shown | set(reviewers)).report(report)


def redact_message(message: str, source: Proposal | Mapping[str, Any] | Path | str | None,
                   reviewers: Iterable[str] = ()) -> str:
    """An error met with ``--redact`` (a batch row's error, an id): without the researchers' names of
    ``source`` (the proposal, its data or its file) or ``reviewers``, and without quoted input values."""
    return Redactor(people_in(source), reviewers).message(message)
