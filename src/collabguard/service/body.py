"""Read a request body: JSON (a key given twice in one object is refused, as in proposal files),
then the route's model, with one-line errors naming the field (422)."""

from __future__ import annotations

import json
from typing import Any, TypeVar

from pydantic import BaseModel, TypeAdapter, ValidationError

from collabguard.errors import CollabguardError
from collabguard.io.json_text import DuplicateKey, json_problem, no_duplicates
from collabguard.io.pydantic_errors import error_message, field_path

M = TypeVar("M", bound=BaseModel)
T = TypeVar("T")


def json_body(raw: bytes) -> Any:
    """The body as JSON data; a key twice in one object, or text that is not JSON, is a
    :class:`~collabguard.errors.CollabguardError` (422)."""
    try:
        return json.loads(raw, object_pairs_hook=no_duplicates)
    except DuplicateKey as exc:
        shown = json.dumps(str(exc), ensure_ascii=False)[:200]
        raise CollabguardError(f"the body gives the key {shown} twice in one object; give each key once") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise CollabguardError(f"the body is not valid JSON ({exc}); send a JSON object with content-type "
                               "application/json") from None
    except (RecursionError, ValueError) as exc:  # nested too deep, or a number too long to read
        where, problem = json_problem(exc, raw.decode("utf-8", errors="replace"))
        raise CollabguardError(f"the body{' at ' + where if where else ''}: {problem}") from None


def _invalid(exc: ValidationError, where: str = "") -> CollabguardError:
    first = exc.errors()[0]
    path = field_path(tuple(first["loc"]))
    return CollabguardError(f"{where}{'.' if where and path else ''}{path or ('' if where else 'body')}: {error_message(first)}")


def as_model(data: Any, model: type[M], where: str = "") -> M:
    """``data`` validated as ``model``; the first problem in one line naming the field."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise _invalid(exc, where) from None


def as_type(data: Any, adapter: TypeAdapter[T]) -> T:
    try:
        return adapter.validate_python(data)
    except ValidationError as exc:
        raise _invalid(exc) from None
