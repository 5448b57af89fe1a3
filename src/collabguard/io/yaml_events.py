"""Plain data from a stream of YAML events, built one event at a time with every check made as it is read.

PyYAML's composer and libyaml's build a tree of nodes recursively, one call per level, before anything
can look at it: 10,000 ``[`` or 2,000 indented keys end in a RecursionError (or libyaml's own limit).
Here the parser's events (both parsers produce them without recursion) are read in a loop with an
explicit stack, and the 65th level is refused the moment its first event arrives, so no input can
make the loader recurse, and a file nested 10,000 deep costs no more than one nested 65 deep.

The same pass refuses what the loader never accepts (aliases, custom tags, merge keys, duplicate
keys, keys that are not plain text, numbers too long to read) and records the ``line, col`` of every
value by path, as :class:`~collabguard.io.yaml_loader.YamlDocument` keeps them.
"""

from __future__ import annotations

import re
from typing import Any

from yaml.events import (
    AliasEvent,
    CollectionStartEvent,
    DocumentStartEvent,
    Event,
    MappingStartEvent,
    ScalarEvent,
    StreamEndEvent,
    StreamStartEvent,
)
from yaml.nodes import ScalarNode

from collabguard.errors import InputError

Path_ = tuple[str | int, ...]

MAX_DEPTH = 64
# Python reads at most 4,300 digits by default (sys.int_info.default_max_str_digits): beyond that the
# conversion takes time that grows with the square of the length. Fixed here, so no setting lifts it.
MAX_DIGITS = 4300

_INT = re.compile(r"^[-+]?(0|[1-9][0-9_]*)$")
_NULL = {"", "~", "null", "Null", "NULL"}
_TRUE = {"true", "True", "TRUE"}
_FALSE = {"false", "False", "FALSE"}
STANDARD_TAGS = frozenset({
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:timestamp",
})


class Unsure(Exception):
    """The fast parser (libyaml) met something the pure-Python parser may read differently: parse again."""


def _field(path: Path_) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


class _Frame:
    """A mapping or sequence being filled, and (for a mapping) the key waiting for its value."""

    __slots__ = ("flow", "key", "path", "value")

    def __init__(self, value: dict[str, Any] | list[Any], path: Path_, flow: bool) -> None:
        self.value, self.path, self.flow = value, path, flow
        self.key: str | None = None


class Builder:
    """Reads the events of one YAML text (``loader`` is a PyYAML or libyaml loader on it) into plain data.

    ``fast``: the events come from libyaml; whatever the pure-Python parser might word or read
    differently (an alias, a "?" inside a plain scalar of a flow collection) raises :class:`Unsure`.
    """

    def __init__(self, loader: Any, source: str, fast: bool = False) -> None:
        self.loader, self.source, self.fast = loader, source, fast
        self.positions: dict[Path_, tuple[int, int]] = {}
        self.anchors: set[str] = set()

    def _at(self, event: Event) -> tuple[int, int]:
        return event.start_mark.line + 1, event.start_mark.column + 1

    def _refuse(self, event: Event, problem: str) -> InputError:
        line, col = self._at(event)
        return InputError(f"{self.source}:{line}:{col}: {problem}")

    def build(self) -> tuple[Any, dict[Path_, tuple[int, int]]]:
        """The document's data (None for an empty file) and the position of every value by path."""
        get = self.loader.get_event
        event = get()
        if isinstance(event, StreamStartEvent):
            event = get()
        data: Any = None
        documents = 0
        stack: list[_Frame] = []
        while not isinstance(event, StreamEndEvent):
            if isinstance(event, DocumentStartEvent):
                documents += 1
                if documents > 1:
                    raise self._refuse(event, "invalid YAML: a second document ('---'); a file holds one")
            elif isinstance(event, AliasEvent):
                if self.fast:
                    raise Unsure
                raise self._refuse(event, "YAML aliases (*name) are not allowed")
            elif isinstance(event, ScalarEvent | CollectionStartEvent):
                if stack:
                    self._node(event, stack)
                else:
                    data = self._node(event, stack)
            elif stack:  # the end of a sequence or mapping
                stack.pop()
                if stack:
                    stack[-1].key = None
            event = get()
        return data, self.positions

    def _node(self, event: Any, stack: list[_Frame]) -> Any:
        """Place one scalar or the start of one collection; returns its value."""
        parent = stack[-1] if stack else None
        flow = parent is not None and parent.flow
        if event.anchor is not None:  # aliases are refused, so an anchor names nothing, but only once
            if event.anchor in self.anchors:
                raise self._refuse(event, f"invalid YAML: the anchor &{event.anchor} is given twice")
            self.anchors.add(event.anchor)
        is_scalar = isinstance(event, ScalarEvent)
        if self.fast and is_scalar and flow and not event.style and "?" in event.value:
            raise Unsure
        if parent is not None and isinstance(parent.value, dict) and parent.key is None:
            return self._key(event, parent, is_scalar)
        if parent is None:
            path: Path_ = ()
        elif isinstance(parent.value, list):
            path = parent.path + (len(parent.value),)
        else:
            path = parent.path + (parent.key,)  # type: ignore[operator]
        if parent is None or isinstance(parent.value, list):
            self.positions[path] = self._at(event)  # a mapping's value keeps its key's position
        if len(path) > MAX_DEPTH:
            raise InputError(f"{self.source}:{event.start_mark.line + 1}: nesting deeper than {MAX_DEPTH} levels")
        tag = event.tag
        if tag is None or tag == "!":
            tag = self.loader.resolve(ScalarNode, event.value, event.implicit) if is_scalar else None
        if tag is not None and tag not in STANDARD_TAGS:
            raise self._refuse(event, f"custom YAML tag {tag!r} is not allowed")
        value: Any
        if is_scalar:
            value = self._scalar(event, path)
        else:
            value = {} if isinstance(event, MappingStartEvent) else []
            stack.append(_Frame(value, path, flow or bool(event.flow_style)))
        if parent is not None:
            if isinstance(parent.value, list):
                parent.value.append(value)
            else:
                parent.value[parent.key] = value  # type: ignore[index]
                if is_scalar:
                    parent.key = None
        return value

    def _key(self, event: Any, parent: _Frame, is_scalar: bool) -> None:
        if not is_scalar:
            raise self._refuse(event, "mapping keys must be plain text")
        key = event.value
        if key == "<<":
            raise self._refuse(event, "YAML merge keys (<<) are not allowed")
        if key in parent.value:
            first = self.positions.get(parent.path + (key,), (0, 0))[0]
            raise self._refuse(event, f"duplicate key {key!r} (first defined on line {first})")
        self.positions[parent.path + (key,)] = self._at(event)
        parent.key = key

    def _scalar(self, event: ScalarEvent, path: Path_) -> Any:
        value = event.value
        if event.style:  # quoted or block scalar: always a string
            return value
        if value in _NULL:
            return None
        if value in _TRUE:
            return True
        if value in _FALSE:
            return False
        if _INT.match(value):
            digits = len(value) if len(value) <= MAX_DIGITS else sum(c.isdigit() for c in value)
            if digits > MAX_DIGITS:
                raise self._refuse(event, f"{_field(path) or 'value'}: a number {digits:,} digits long cannot be read "
                                          f"(at most {MAX_DIGITS:,} digits); put it in quotes if it is a text such as an id")
            return int(value.replace("_", ""))
        return value

