"""One safe YAML loader for every file collabguard reads (proposals, rule packs, lists, taxonomies).

Why not ``yaml.safe_load``:
- YAML 1.1's "Norway problem": ``country: NO`` would load as ``False``. Only ``true``/``false``
  are booleans here, and ``2026.10`` stays the string it looks like (no implicit floats).
- Anchors and aliases are refused (no "billion laughs"), as are duplicate keys and custom tags.
- Every node keeps its line and column, so an error can say ``file:line:col``.

Speed: a file is first parsed with libyaml (``yaml.CSafeLoader``, several times faster; its nodes
carry the same lines and columns). When that parse has anything to report (a syntax error, an
alias, a duplicate key, a custom tag, too deep a nesting ...), when the text has what libyaml
accepts and the pure-Python loader refuses (a tab, a "?" inside a plain scalar of a flow
collection) or counts differently (a byte-order mark inside the text), or when libyaml is missing,
the text is parsed again with the pure-Python loader below, which decides and says what and where
exactly as it always did (tests/test_yaml_loader.py compares the two).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

# The pure-Python loader: the C loader composes nodes in C, where aliases cannot be refused.
from yaml import SafeLoader as _BaseLoader
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

try:  # libyaml, for the files that need no report (see _fast_load)
    from yaml import CSafeLoader as _FastLoader
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    _FastLoader = None

from collabguard.errors import InputError

Path_ = tuple[str | int, ...]

MAX_YAML_BYTES = 20 * 1024 * 1024
MAX_DEPTH = 64

_INT = re.compile(r"^[-+]?(0|[1-9][0-9_]*)$")
_NULL = {"", "~", "null", "Null", "NULL"}
_TRUE = {"true", "True", "TRUE"}
_FALSE = {"false", "False", "FALSE"}
_STANDARD_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:timestamp",
}


@dataclass
class YamlDocument:
    """Plain data loaded from YAML plus the position of every value, by path."""

    data: Any
    source: str
    positions: dict[Path_, tuple[int, int]] = field(default_factory=dict)

    def where(self, path: Path_) -> str:
        """``file:line:col`` of the deepest known node on ``path`` (1-based)."""
        probe = tuple(path)
        while probe and probe not in self.positions:
            probe = probe[:-1]
        line, col = self.positions.get(probe, (1, 1))
        return f"{self.source}:{line}:{col}"


class _NoAliasLoader(_BaseLoader):
    """Composes nodes only; aliases are rejected while composing."""

    def compose_node(self, parent: Node | None, index: Any) -> Node:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            mark = event.start_mark
            raise InputError(
                f"{self.name}:{mark.line + 1}:{mark.column + 1}: YAML aliases (*name) are not allowed"
            )
        return super().compose_node(parent, index)


def _scalar(node: ScalarNode) -> Any:
    value = node.value
    if node.style:  # quoted or block scalar: always a string
        return value
    if value in _NULL:
        return None
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    if _INT.match(value):
        return int(value.replace("_", ""))
    return value


def _build(node: Node, path: Path_, positions: dict[Path_, tuple[int, int]], source: str) -> Any:
    positions[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if len(path) > MAX_DEPTH:
        raise InputError(f"{source}:{node.start_mark.line + 1}: nesting deeper than {MAX_DEPTH} levels")
    if node.tag not in _STANDARD_TAGS:
        raise InputError(
            f"{source}:{node.start_mark.line + 1}:{node.start_mark.column + 1}: "
            f"custom YAML tag {node.tag!r} is not allowed"
        )
    if isinstance(node, ScalarNode):
        return _scalar(node)
    if isinstance(node, SequenceNode):
        return [_build(item, path + (i,), positions, source) for i, item in enumerate(node.value)]
    if isinstance(node, MappingNode):
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                raise InputError(
                    f"{source}:{key_node.start_mark.line + 1}:{key_node.start_mark.column + 1}: "
                    "mapping keys must be plain text"
                )
            if key_node.value == "<<":
                raise InputError(
                    f"{source}:{key_node.start_mark.line + 1}:{key_node.start_mark.column + 1}: "
                    "YAML merge keys (<<) are not allowed"
                )
            key = key_node.value
            if key in out:
                first = positions.get(path + (key,), (0, 0))[0]
                raise InputError(
                    f"{source}:{key_node.start_mark.line + 1}:{key_node.start_mark.column + 1}: "
                    f"duplicate key {key!r} (first defined on line {first})"
                )
            positions[path + (key,)] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            out[key] = _build(value_node, path + (key,), positions, source)
            # keep the key's own position: it is what a reader looks for
            positions[path + (key,)] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
        return out
    raise InputError(f"{source}: unsupported YAML node")  # pragma: no cover


def _char(c: str | int) -> str:
    return chr(c) if isinstance(c, int) else c


def _plain_nodes(root: Node) -> bool:
    """libyaml's nodes hold nothing the pure-Python loader would refuse: no alias (libyaml gives
    the anchored node itself again) and no "?" inside a plain scalar of a flow collection."""
    seen: set[int] = set()
    stack: list[tuple[Node, bool]] = [(root, False)]
    while stack:
        node, in_flow = stack.pop()
        if id(node) in seen:
            return False
        seen.add(id(node))
        if isinstance(node, ScalarNode):
            if in_flow and not node.style and "?" in node.value:
                return False
        elif isinstance(node, SequenceNode):
            flow = in_flow or bool(node.flow_style)
            stack.extend((item, flow) for item in node.value)
        elif isinstance(node, MappingNode):
            flow = in_flow or bool(node.flow_style)
            for key_node, value_node in node.value:
                stack.append((key_node, flow))
                stack.append((value_node, flow))
    return True


def _fast_load(text: str, source: str) -> YamlDocument | None:
    """Parse with libyaml; None when there is anything to report or libyaml might not agree: the
    pure-Python loader then parses the text again (same results, same messages)."""
    if _FastLoader is None or "\t" in text or "\ufeff" in text:
        return None
    try:
        loader = _FastLoader(text)
        try:
            node = loader.get_single_node()
        finally:
            loader.dispose()
        positions: dict[Path_, tuple[int, int]] = {}
        if node is None:
            return YamlDocument(None, source, positions)
        if not _plain_nodes(node):
            return None
        return YamlDocument(_build(node, (), positions, source), source, positions)
    except Exception:  # noqa: BLE001 - whatever it is, the pure-Python loader decides and words it
        return None


def loads_yaml(text: str, source: str = "<string>") -> YamlDocument:
    """Parse one YAML document from text."""
    if len(text.encode("utf-8", "surrogatepass")) > MAX_YAML_BYTES:
        raise InputError(f"{source}: file is larger than {MAX_YAML_BYTES // (1024 * 1024)} MB")
    fast = _fast_load(text, source)
    return fast if fast is not None else _pure_load(text, source)


def _pure_load(text: str, source: str) -> YamlDocument:
    """Parse with the pure-Python loader: the reference, and the one that words every error."""
    try:
        loader = _NoAliasLoader(text)  # the reader refuses control characters already here
    except yaml.reader.ReaderError as exc:
        line = text[: exc.position].count("\n") + 1
        raise InputError(f"{source}:{line}: invalid YAML: character {_char(exc.character)!r} is not allowed in a YAML file") from None
    loader.name = source
    try:
        node = loader.get_single_node()
    except InputError:
        raise
    except yaml.reader.ReaderError as exc:
        line = text[: exc.position].count("\n") + 1
        raise InputError(f"{source}:{line}: invalid YAML: character {_char(exc.character)!r} is not allowed in a YAML file") from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"{source}:{mark.line + 1}:{mark.column + 1}" if mark else source
        problem = exc.problem or exc.context or "invalid YAML"
        raise InputError(f"{where}: invalid YAML: {problem}") from None
    except yaml.YAMLError as exc:
        raise InputError(f"{source}: invalid YAML: {exc}") from None
    finally:
        loader.dispose()
    positions: dict[Path_, tuple[int, int]] = {}
    if node is None:
        return YamlDocument(None, source, positions)
    try:
        data = _build(node, (), positions, source)
    except RecursionError:
        raise InputError(f"{source}: nesting is too deep") from None
    return YamlDocument(data, source, positions)


def read_text(path: Path, what: str = "file") -> str:
    """Read a UTF-8 text file with one-line errors for missing, empty or binary files."""
    if not path.exists():
        raise InputError(f"{path}: {what} not found")
    if path.is_dir():
        raise InputError(f"{path}: is a folder, expected a {what}")
    raw = path.read_bytes()
    if not raw.strip():
        raise InputError(f"{path}: {what} is empty")
    if b"\x00" in raw[:8192]:
        raise InputError(f"{path}: looks like a binary file, expected a text {what}")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError(f"{path}:{line}: not valid UTF-8 text (byte {exc.start})") from None


def load_yaml(path: Path, what: str = "YAML file") -> YamlDocument:
    """Read and parse a YAML file."""
    return loads_yaml(read_text(path, what), str(path))
