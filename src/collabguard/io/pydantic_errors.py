"""Turn pydantic validation errors into the wording and field paths collabguard shows users."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar

from pydantic import BaseModel, ValidationError

from collabguard.errors import RuleFileError

if TYPE_CHECKING:
    from collabguard.io.yaml_loader import YamlDocument

M = TypeVar("M", bound=BaseModel)


def field_path(loc: tuple[Any, ...]) -> str:
    """``("partners", 0, "country")`` → ``partners[0].country``."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def error_message(err: Any) -> str:
    """pydantic's message without its internal prefixes, in plain words for common cases."""
    if err["type"] == "missing":
        return "is required but missing"
    if err["type"] == "extra_forbidden":
        return "is not a known field (check the spelling)"
    if err["type"] == "string_too_short" and err.get("ctx", {}).get("min_length") == 1:
        return "is empty"
    msg = str(err["msg"])
    for prefix in ("Value error, ", "Assertion failed, "):
        msg = msg.removeprefix(prefix)
    return msg


def validate_document(doc: YamlDocument, model: type[M]) -> M:
    """Validate a loaded YAML file against ``model``; every problem at once, each as ``file:line:col: field: message``."""
    try:
        return model.model_validate(doc.data)
    except ValidationError as exc:
        raise RuleFileError([f"{doc.where(tuple(e['loc']))}: {field_path(tuple(e['loc']))}: {error_message(e)}"
                             for e in exc.errors()]) from None
