"""`collabguard areas FILE_OR_TEXT`: the sensitive technology areas a proposal or a text touches."""

from __future__ import annotations

import json
from enum import Enum
from pathlib import Path

import typer

from collabguard.cli.common import fail, handle_errors


class AreasFormat(str, Enum):
    text = "text"
    json = "json"


@handle_errors
def areas(
    source: str = typer.Argument(..., help="A proposal file (YAML/JSON), a text file, or a quoted text."),
    taxonomy: list[str] = typer.Option([], "--taxonomy", "-t", help="Only these taxonomies (e.g. ca-stra). Repeatable."),
    fmt: AreasFormat = typer.Option(AreasFormat.text, "--format", "-f"),
    rules: Path | None = typer.Option(None, "--rules", help="Rules folder (default: the shipped rules)."),
) -> None:
    """Show the sensitive technology areas found, with the words, fields and positions that made them."""
    from collabguard.api import get_ruleset
    from collabguard.areas.codes import find_areas
    from collabguard.areas.language import not_english
    from collabguard.io.proposal_loader import load_proposal
    from collabguard.io.yaml_loader import read_text

    catalog = get_ruleset(rules).catalog
    unknown = [t for t in taxonomy if t not in catalog.taxonomies]
    if unknown:
        fail(f"--taxonomy: unknown taxonomy {unknown[0]!r}; known: {', '.join(catalog.taxonomies)}")
    path = Path(source)
    codes: list[str] = []
    if len(source) < 4096 and path.is_file():
        if path.suffix.lower() in (".yaml", ".yml", ".json"):
            proposal = load_proposal(path)
            texts = {"title": proposal.title, "keywords": "; ".join(proposal.keywords), "abstract": proposal.abstract}
            codes = proposal.export_control.codes
        else:
            texts = {"abstract": read_text(path, "text file")}
    else:
        texts = {"abstract": source}
    hits = find_areas(texts, codes, catalog, taxonomy or None)
    notes = [note for text in texts.values() if (note := not_english(text))]
    if fmt is AreasFormat.json:
        rows = [{"area_id": h.area_id, "name": h.area_name, "taxonomy": h.taxonomy, "decision": h.decision, "score": h.score,
                 "evidence": [{"field": e.field, "term": e.term, "start": e.start, "end": e.end, "text": e.text} for e in h.evidence]}
                for h in hits]
        typer.echo(json.dumps(rows, indent=2, ensure_ascii=False))
    else:
        if not hits:
            typer.echo("no sensitive technology area found")
        for h in hits:
            words = ", ".join(dict.fromkeys(f'"{e.text}" ({e.field} {e.start}-{e.end})' for e in h.evidence))
            typer.echo(f"{h.decision:8} {h.score:3}  {h.area_name} [{h.area_id}]: {words}")
    for note in dict.fromkeys(notes):
        typer.echo(f"note: {note}", err=True)
