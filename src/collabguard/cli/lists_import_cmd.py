"""`collabguard lists import DOWNLOAD... --format F -o LIST.csv`: an official download in the list schema.

Every format the importers read, with the OpenSanctions filters (``--dataset``, ``--topic``,
``--schema``) for ``opensanctions`` and ``ftm-json``.
"""

from __future__ import annotations

from pathlib import Path

import typer

from collabguard.cli.common import echo, handle_errors, write_output

FORMAT_HELP = ("csl | opensanctions | ftm-json | aspi | bis-entity | bis-meu | ofac-cmic | state-isn | un-xml | eu-annex | csv")


@handle_errors
def import_cmd(
    downloads: list[Path] = typer.Argument(..., help="An official download (for eu-annex: a consolidated act, then the acts amending it)."),
    fmt: str = typer.Option(..., "--format", "-f", help=FORMAT_HELP),
    output: Path = typer.Option(..., "--output", "-o", help="The list CSV to write (use it with `match --list`, `lists install`, or a rules folder)."),
    list_id: str | None = typer.Option(None, "--id", help="List id (default: the output file's name)."),
    edition: str = typer.Option("", "--edition", help="The edition's date, where the download does not say (eu-annex: the consolidated version)."),
    datasets: list[str] = typer.Option([], "--dataset", help="opensanctions, ftm-json: only entities in this dataset (ftm-json: "
                                       "its name, e.g. us_trade_csl; opensanctions: its title, as the dataset column has it). Repeatable."),
    topics: list[str] = typer.Option([], "--topic", help="opensanctions, ftm-json: only entities with this topic (e.g. "
                                     "export.control, sanction). Repeatable."),
    schemas: list[str] = typer.Option([], "--schema", help="opensanctions, ftm-json: only entities of this FollowTheMoney "
                                      "schema (Organization, Company, PublicBody, LegalEntity). Repeatable."),
) -> None:
    """Convert an official download into collabguard's list schema, and print the manifest entry."""
    from collabguard.lists.entity_filter import EntityFilter
    from collabguard.lists.importers import import_files, list_csv_text
    from collabguard.lists.manifest_entry import manifest_entry

    ident = list_id or output.stem
    filters = EntityFilter(tuple(datasets), tuple(topics), tuple(schemas))
    rows = import_files(downloads, fmt, ident, edition, filters)
    text = list_csv_text(rows)
    write_output(text, output)
    persons = sum(r.get("entity_kind") == "person" for r in rows)
    if filters.active:
        echo(filters.summary(), err=True)
    echo(f"{len(rows)} entries written to {output} ({len(rows) - persons} organisations, {persons} persons kept apart, "
         "never matched). To screen with it, add to your rules folder's lists/lists.yaml:", err=True)
    copies = [d.name for d in downloads]
    if filters.active:  # the list is a part of the download: its provenance says which
        copies[-1] += f" (only {filters.describe()})"
    # a dataset filter keeps that dataset whole; a topic or schema filter keeps part of it
    partial = filters.describe(("topic", "schema")) if filters.active else ""
    echo(manifest_entry(ident, output.name, text, fmt, copies, rows, partial))


def register(lists_app: typer.Typer) -> None:
    """Make this the `lists import` command (the first one, without filters, is taken off)."""
    lists_app.registered_commands[:] = [c for c in lists_app.registered_commands if c.name != "import"]
    lists_app.command("import")(import_cmd)
