"""`collabguard areas FILE_OR_TEXT`: the sensitive technology areas a proposal or a text touches."""

from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path

import typer

from collabguard.cli.common import handle_errors, write_output
from collabguard.errors import InputError


class AreasFormat(str, Enum):
    text = "text"
    json = "json"


PATH_SUFFIXES = (".yaml", ".yml", ".json", ".txt", ".md", ".csv")


def _looks_like_a_path(source: str) -> bool:
    """One word that names a file (a proposal or text suffix, or a folder part): a misspelt file name
    must not be screened as a text and found harmless."""
    word = source.strip()
    return (bool(word) and len(word) < 4096 and not any(c.isspace() for c in word)
            and (word.lower().endswith(PATH_SUFFIXES) or "/" in word or "\\" in word))


@handle_errors
def areas(
    source: str = typer.Argument(..., help="A proposal file (YAML/JSON), a text file, a quoted text, or - (a text on stdin)."),
    taxonomy: list[str] = typer.Option([], "--taxonomy", "-t", help="Only these taxonomies (e.g. ca-stra). Repeatable."),
    fmt: AreasFormat = typer.Option(AreasFormat.text, "--format", "-f"),
    rules: Path | None = typer.Option(None, "--rules", help="Rules folder (default: the shipped rules)."),
) -> None:
    """Show the sensitive technology areas found, with the words, fields and positions that made them."""
    from collabguard.io.yaml_loader import read_text
    from collabguard.screener import Screener

    if source == "-":
        source = sys.stdin.read()
    elif _looks_like_a_path(source) and not Path(source).exists():
        raise InputError(f"{source}: file not found (to check a text rather than a file, give more than a file name, "
                         "or pipe it in with -)")
    screener = Screener(rules)
    path = Path(source)
    if len(source) < 4096 and path.is_file():
        if path.suffix.lower() in (".yaml", ".yml", ".json"):
            result = screener.find_areas(proposal=path, taxonomies=taxonomy)
        else:
            result = screener.find_areas(read_text(path, "text file"), taxonomies=taxonomy)
    else:
        result = screener.find_areas(source, taxonomies=taxonomy)
    if fmt is AreasFormat.json:
        rows = [{"area_id": h.area_id, "name": h.area_name, "taxonomy": h.taxonomy, "decision": h.decision, "score": h.score,
                 "evidence": [{"field": e.field, "term": e.term, "start": e.start, "end": e.end, "text": e.text} for e in h.evidence]}
                for h in result.areas]
        text = json.dumps(rows, indent=2, ensure_ascii=False) + "\n"
    else:
        lines = [] if result.areas else ["no sensitive technology area found"]
        for h in result.areas:
            words = ", ".join(dict.fromkeys(f'"{e.text}" ({e.field} {e.start}-{e.end})' for e in h.evidence))
            lines.append(f"{h.decision:8} {h.score:3}  {h.area_name} [{h.area_id}]: {words}")
        text = "\n".join(lines) + "\n"
    write_output(text, None)
    for note in result.notes:
        typer.echo(f"note: {note}", err=True)
