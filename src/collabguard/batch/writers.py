"""Writing batch results: CSV, XLSX, JSON Lines or JSON, chosen by extension; always atomically
(a temporary file, then a rename), so a crash never leaves a half-written file that looks complete."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from collabguard.errors import InputError
from collabguard.io.atomic import replace_atomically
from collabguard.io.tables import csv_text, safe_cell

COLUMNS = ["row", "id", "title", "status", "risk_level", "blocking", "recommendation", "flag_count", "checklist_count",
           "top_flags", "matched_entities", "frameworks", "error", "notes"]
FORMATS = {".csv": "csv", ".xlsx": "xlsx", ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "json"}


def output_format(path: Path) -> str:
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise InputError(f"{path}: unknown output type {path.suffix or '(none)'}; use .csv, .xlsx, .jsonl or .json")
    if path.is_dir():
        raise InputError(f"{path}: is a folder; give a file name for --output")
    if not path.parent.exists():
        raise InputError(f"{path}: folder {path.parent} does not exist")
    return fmt


_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _xlsx_cell(value: Any) -> Any:
    """Control characters cannot be stored in an .xlsx cell: shown as '?', then neutralised."""
    if isinstance(value, str):
        value = _ILLEGAL.sub("?", value)
    return safe_cell(value)


def _plain(result: dict[str, Any]) -> dict[str, Any]:
    out = {k: v for k, v in result.items() if k != "report"}
    report = result.get("report")
    if report is not None:
        out["report"] = json.loads(report)
    return out


def write_results(results: list[dict[str, Any]], path: Path) -> None:
    fmt = output_format(path)
    if fmt == "csv":
        text = csv_text(COLUMNS, results)
        replace_atomically(path, lambda p: p.write_text(text, encoding="utf-8-sig"))  # BOM: Excel opens UTF-8 correctly
    elif fmt == "jsonl":
        text = "".join(json.dumps(_plain(r), ensure_ascii=False, sort_keys=True) + "\n" for r in results)
        replace_atomically(path, lambda p: p.write_text(text, encoding="utf-8"))
    elif fmt == "json":
        text = json.dumps([_plain(r) for r in results], ensure_ascii=False, indent=2, sort_keys=True) + "\n"
        replace_atomically(path, lambda p: p.write_text(text, encoding="utf-8"))
    else:
        def xlsx(p: Path) -> None:
            from openpyxl import Workbook

            book = Workbook(write_only=True)
            sheet = book.create_sheet("results")
            sheet.append(COLUMNS)
            for r in results:
                sheet.append([_xlsx_cell(r.get(c, "")) for c in COLUMNS])
            book.save(p)

        replace_atomically(path, xlsx)
