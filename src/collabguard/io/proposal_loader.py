"""Read a proposal from a YAML or JSON file into a validated :class:`Proposal`.

Errors name the file, the line (YAML) and the field: ``p.yaml:7:14: partners[0].country: unknown country 'Narnia'``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import ValidationError

from collabguard.errors import InputError, several
from collabguard.io.json_text import loads_json
from collabguard.io.pydantic_errors import error_message, field_path
from collabguard.io.yaml_loader import YamlDocument, loads_yaml, read_text
from collabguard.limits import limit
from collabguard.models.proposal import Proposal


def proposal_from_data(data: Any, source: str, doc: YamlDocument | None = None) -> Proposal:
    """Validate plain data as a proposal; the first problem (and how many more) in one line."""
    if not isinstance(data, dict):
        raise InputError(f"{source}: a proposal must be a mapping of fields (title, partners, …)")
    if "id" not in data or data.get("id") in (None, ""):
        data = {**data, "id": Path(source).stem}
    try:
        return Proposal.model_validate(data)
    except ValidationError as exc:
        raise InputError(_problems(exc, source, doc)) from None


def _problems(exc: ValidationError, source: str, doc: YamlDocument | None) -> str:
    """Every problem in one line, the first few in full: the first with its file (and line), the next with
    their line; a hint already given ("(use an ISO 3166 code …)") is not repeated."""
    out: list[str] = []
    hints: set[str] = set()
    for n, err in enumerate(exc.errors()):
        loc = tuple(err["loc"])
        message = error_message(err)
        hint = message[message.rfind(" ("):] if message.endswith(")") and " (" in message else ""
        if hint and hint in hints:
            message = message[: -len(hint)]
        hints.add(hint)
        where = doc.where(loc) if doc is not None else source
        if n and doc is not None:
            where = f"line {where[len(doc.source) + 1:].split(':')[0]}"
        out.append(f"{where}: {field_path(loc) or 'proposal'}: {message}" if not n or doc is not None
                   else f"{field_path(loc) or 'proposal'}: {message}")
    return several(out)


def load_proposal(path: Path) -> Proposal:
    """Load a ``.yaml``/``.yml`` or ``.json`` proposal file (JSON is detected by content too)."""
    most = limit("proposal_bytes")
    if path.is_file() and path.stat().st_size > most:  # refused before it is read
        raise InputError(f"{path}: proposal file is larger than {most:,} bytes (COLLABGUARD_MAX_PROPOSAL_BYTES)")
    text = read_text(path, "proposal file")
    stripped = text.lstrip()
    if path.suffix.lower() == ".json" or stripped.startswith("{"):
        return proposal_from_data(loads_json(text, str(path)), str(path))
    doc = loads_yaml(text, str(path))
    return proposal_from_data(doc.data, str(path), doc)
