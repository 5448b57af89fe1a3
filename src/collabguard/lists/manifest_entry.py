"""The `lists/lists.yaml` entry an imported list needs: its file and sha256, and what collabguard
knows of the format (title, publisher, page, legal character, meaning); the rest for a person to fill
in (marked …)."""

from __future__ import annotations

import hashlib
import json

from collabguard.lists.rows import reading


def _quoted(text: str) -> str:
    return json.dumps(" ".join(text.split()), ensure_ascii=False)


def manifest_entry(list_id: str, file_name: str, text: str, fmt: str, downloads: list[str],
                   rows: list[dict[str, str]], partial: str = "") -> str:
    """``partial``: why the list holds only part of the download (a topic or schema filter), which makes
    it incomplete: a name missing from it proves nothing."""
    spec = (reading().get("formats") or {}).get(fmt) or {}
    editions = sorted({r["source_date"] for r in rows if r.get("source_date")})
    companies = fmt in ("ofac-cmic",)
    lines = [
        f"  - id: {list_id}",
        f"    file: {file_name}",
        f"    sha256: {hashlib.sha256(text.encode('utf-8')).hexdigest()}",
        f"    title: {_quoted(spec['title']) if spec else '…'}",
        f"    publisher: {_quoted(spec['publisher']) if spec else '…'}",
        f"    url: {spec.get('url', '…')}",
        f"    edition: {_quoted(editions[-1]) if editions else '…'}",
        f"    copy_of: {_quoted('; '.join(downloads))}",
        "    licence: …",
        f"    kind: {'companies' if companies else 'institutions'}",
        f"    complete: {'false' if partial else 'true'}",
    ]
    if spec.get("legal_character"):
        lines.append(f"    legal_character: {spec['legal_character']}")
    lines.append(f"    meaning: {_quoted(spec['meaning']) if spec else '…'}")
    if partial:
        lines += ["    caveats:", f"      - {_quoted(f'PARTIAL: only the entities kept by {partial}; a name missing here may be listed in the full download.')}"]
    lines.append("    severity: {default: high}")
    return "\n".join(lines)
