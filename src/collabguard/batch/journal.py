"""The journal of a batch run, so that an interrupted run loses nothing (``batch --resume``).

While a batch runs, every result is appended to ``OUTPUT.partial.jsonl`` as soon as it is known
(one JSON line each, flushed). The first line records what the results depend on: the input file's
digest, the rules (packs, lists, taxonomies and policy, with their digests), the options that change
results (decisions, language) and the row count. ``--resume`` reads the journal, checks that none of
these has changed, keeps the rows already screened and screens only the others; the finished output
is then written at once (atomically) and the journal removed. A line cut off by the interruption (a
kill, a full disk: even inside a character) is dropped (that row is screened again), so every input
row ends with exactly one result.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from pathlib import Path
from typing import Any

from collabguard.errors import UsageError
from collabguard.io.atomic import cannot
from collabguard.models.report import Report

JOURNAL_VERSION = 1


def journal_path(output: Path) -> Path:
    return output.with_name(output.name + ".partial.jsonl")


PROPOSAL_SUFFIXES = (".yaml", ".yml", ".json")


def digest_input(path: Path) -> str:
    """The input's content digest (a folder: the names and contents of the proposal files a batch
    reads from it, so an output or journal written into the folder does not count)."""
    h = hashlib.sha256()
    files = (sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() in PROPOSAL_SUFFIXES)
             if path.is_dir() else [path])
    for p in files:
        h.update(str(p.relative_to(path) if path.is_dir() else p.name).encode())
        try:
            with open(p, "rb") as fh:
                for block in iter(lambda: fh.read(1 << 20), b""):
                    h.update(block)
        except OSError as exc:
            raise cannot("read", p, exc) from None
    return h.hexdigest()


def settings(input_digest: str, versions: dict[str, Any], rows: int, decisions: str | None, options: str) -> dict[str, Any]:
    """What the results depend on; ``options``: the command-line options that change results
    (language, redaction, whether full reports are kept)."""
    return {"journal": JOURNAL_VERSION, "input_sha256": input_digest, "versions": versions, "rows": rows,
            "decisions_sha256": decisions, "options": options}


def _encode(result: dict[str, Any]) -> str:
    # the report's JSON text is kept as it is (a string inside the line), so a resumed run writes
    # exactly the bytes an uninterrupted one does
    return json.dumps({"result": {k: v for k, v in result.items() if k != "report"}, "report": result.get("report")},
                      ensure_ascii=False, sort_keys=True)


def _decode(line: bytes) -> tuple[int, dict[str, Any]]:
    data = json.loads(line.decode("utf-8"))
    result = data["result"]
    result["report"] = data.get("report")
    if result["report"] is not None:
        Report.model_validate_json(result["report"])  # a damaged line is screened again
    return int(result["row"]), result


def read_journal(path: Path, expected: dict[str, Any]) -> dict[int, dict[str, Any]]:
    """Results already screened, by row number; refuses a journal from another input or rules. A line
    the interruption cut off (even inside a character) is dropped: that row is screened again."""
    try:
        lines = path.read_bytes().split(b"\n")
    except OSError as exc:
        raise cannot("read", path, exc) from None
    try:
        header = json.loads(lines[0].decode("utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError):
        header = None
    if not isinstance(header, dict):
        raise UsageError(f"{path}: not a collabguard batch journal; delete it and run again without --resume")
    for key in ("journal", "input_sha256", "versions", "rows", "decisions_sha256", "options"):
        if header.get(key) != expected[key]:
            what = {"input_sha256": "the input file", "versions": "the rules, lists or policy", "rows": "the number of rows",
                    "decisions_sha256": "the decisions file", "options": "the options (--lang, --redact, --report, --columns, the output format, the policy) or the "
                                      "screening date",
                    "journal": "the journal format"}[key]
            raise UsageError(f"{path}: {what} changed since the interrupted run; delete the journal and run again "
                             "without --resume")
    done: dict[int, dict[str, Any]] = {}
    for line in lines[1:]:
        if not line.strip():
            continue
        try:
            number, result = _decode(line)
        except (json.JSONDecodeError, UnicodeDecodeError, ValueError, KeyError, TypeError, AttributeError):
            continue  # the line the interruption cut off: that row is screened again
        done[number] = result
    return done


def _drop_torn_tail(path: Path) -> None:
    """Cut a last line left without its line end (a kill, a full disk) off the journal."""
    with open(path, "r+b") as fh:
        end = fh.seek(0, os.SEEK_END)
        position = end
        while position > 0:
            start = max(0, position - (1 << 16))
            fh.seek(start)
            block = fh.read(position - start)
            cut = block.rfind(b"\n")
            if cut >= 0:
                keep = start + cut + 1
                break
            position = start
        else:
            keep = 0
        if keep < end:
            fh.truncate(keep)


class Journal:
    """Appends results as they come; opened fresh (header first) or to continue a resumed run. Each
    result is one write of one whole line; a write the system refuses raises ``OSError``."""

    def __init__(self, path: Path, header: dict[str, Any], resume: bool) -> None:
        self.path = path
        try:
            if resume:
                _drop_torn_tail(path)
                self._fd = os.open(path, os.O_WRONLY | os.O_APPEND)
            else:
                self._fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o666)
                self._write(json.dumps(header, sort_keys=True) + "\n")
        except OSError as exc:
            raise cannot("write", path, exc) from None

    def _write(self, text: str) -> None:
        data = memoryview(text.encode("utf-8"))
        while data:
            data = data[os.write(self._fd, data):]

    def add(self, result: dict[str, Any]) -> None:
        self._write(_encode(result) + "\n")

    def close(self, remove: bool) -> None:
        if self._fd < 0:
            return
        fd, self._fd = self._fd, -1
        with contextlib.suppress(OSError):  # every line was written by os.write already: nothing is buffered
            os.close(fd)
        if remove:
            self.path.unlink(missing_ok=True)
