"""One safe YAML loader for every file collabguard reads (proposals, rule packs, lists, taxonomies,
policies, decisions, answers).

Why not ``yaml.safe_load``:
- YAML 1.1's "Norway problem": ``country: NO`` would load as ``False``. Only ``true``/``false``
  are booleans here, and ``2026.10`` stays the string it looks like (no implicit floats).
- Anchors and aliases are refused (no "billion laughs"), as are duplicate keys and custom tags.
- Nesting stops at 64 levels, checked as the file is read (never a RecursionError, however deep).
- Every value keeps its line and column, so an error can say ``file:line:col``.

The data is built from the parser's events, one at a time (collabguard.io.yaml_events), never from
a composed tree of nodes. Speed: a file is first parsed with libyaml (``yaml.CSafeLoader``, several
times faster; its events carry the same lines and columns). When that parse has anything to report
(a syntax error, an alias, a duplicate key, a custom tag, too deep a nesting ...), when the text has
what libyaml accepts and the pure-Python parser refuses (a tab, a "?" inside a plain scalar of a
flow collection) or counts differently (a byte-order mark inside the text), or when libyaml is
missing, the text is parsed again with the pure-Python parser, which decides and says what and
where exactly as it always did (tests/test_yaml_loader.py compares the two).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml import SafeLoader as _PureLoader

try:  # libyaml, for the files that need no report (see _fast_load)
    from yaml import CSafeLoader as _FastLoader
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    _FastLoader = None

from collabguard.errors import InputError
from collabguard.io.yaml_events import MAX_DEPTH, Builder, Path_

__all__ = ["MAX_DEPTH", "MAX_YAML_BYTES", "YamlDocument", "load_yaml", "loads_yaml", "read_text"]

MAX_YAML_BYTES = 20 * 1024 * 1024


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


def _char(c: str | int) -> str:
    return chr(c) if isinstance(c, int) else c


def _fast_load(text: str, source: str) -> YamlDocument | None:
    """Parse with libyaml; None when there is anything to report or libyaml might not agree: the
    pure-Python parser then reads the text again (same results, same messages)."""
    if _FastLoader is None or "\t" in text or "\ufeff" in text:
        return None
    try:
        loader = _FastLoader(text)
        try:
            data, positions = Builder(loader, source, fast=True).build()
        finally:
            loader.dispose()
    except Exception:  # noqa: BLE001 - whatever it is, the pure-Python parser decides and words it
        return None
    return YamlDocument(data, source, positions)


def loads_yaml(text: str, source: str = "<string>") -> YamlDocument:
    """Parse one YAML document from text."""
    if len(text.encode("utf-8", "surrogatepass")) > MAX_YAML_BYTES:
        raise InputError(f"{source}: file is larger than {MAX_YAML_BYTES // (1024 * 1024)} MB")
    fast = _fast_load(text, source)
    return fast if fast is not None else _pure_load(text, source)


def _unreadable(text: str, source: str, exc: yaml.reader.ReaderError) -> InputError:
    line = text[: exc.position].count("\n") + 1
    return InputError(f"{source}:{line}: invalid YAML: character {_char(exc.character)!r} is not allowed in a YAML file")


def _pure_load(text: str, source: str) -> YamlDocument:
    """Parse with the pure-Python parser: the reference, and the one that words every error."""
    try:
        loader = _PureLoader(text)  # the reader refuses control characters already here
    except yaml.reader.ReaderError as exc:
        raise _unreadable(text, source, exc) from None
    loader.name = source
    try:
        data, positions = Builder(loader, source).build()
    except yaml.reader.ReaderError as exc:
        raise _unreadable(text, source, exc) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"{source}:{mark.line + 1}:{mark.column + 1}" if mark else source
        problem = exc.problem or exc.context or "invalid YAML"
        raise InputError(f"{where}: invalid YAML: {problem}") from None
    except yaml.YAMLError as exc:
        raise InputError(f"{source}: invalid YAML: {exc}") from None
    finally:
        loader.dispose()
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
