"""`collabguard lists enrich --ror DUMP -o rules/lists/ror-aliases.csv`: link list entries to
Research Organization Registry records where identity is certain, and write the names ROR gives them.

The alias file is written with the links (one row per name); the links not made because they are
ambiguous go to a second file beside it (``…-ambiguous.csv``) and are counted in the summary; the acronyms
collabguard derives from entries' names that ROR gives other organisations go to a third
(``…-acronyms-elsewhere.csv``). The ``lists.yaml`` entries to ship the files are printed (their sha256 is
checked whenever the lists load).
"""

from __future__ import annotations

import os
from pathlib import Path

import typer

from collabguard.cli.common import echo, fail, handle_errors, write_output


@handle_errors
def enrich_cmd(
    ror: list[Path] = typer.Option(..., "--ror", help="A ROR data dump: the zip from Zenodo, its schema-2 JSON file, or "
                                   "JSON Lines of ROR records. Repeatable."),
    output: Path = typer.Option(..., "--output", "-o", help="The alias file to write (CSV), e.g. rules/lists/ror-aliases.csv."),
    ambiguous: Path | None = typer.Option(None, "--ambiguous", help="Where to write the ambiguous links "
                                          "(default: beside the output, ending -ambiguous.csv)."),
    acronyms: Path | None = typer.Option(None, "--acronyms", help="Where to write the acronyms derived from entries' "
                                         "names that ROR gives other organisations (default: beside the output, "
                                         "ending -acronyms-elsewhere.csv)."),
    names_elsewhere: Path | None = typer.Option(None, "--names-elsewhere", help="Where to write the aliases the lists "
                                                "give entries that ROR registers as other organisations (default: "
                                                "beside the output, ending -names-elsewhere.csv)."),
    namesakes: Path | None = typer.Option(None, "--namesakes", help="Where to write the organisations of other "
                                          "countries that ROR registers under listed institutions' names (default: "
                                          "beside the output, ending -namesakes.csv)."),
    release: str = typer.Option("", "--release", help="The ROR release, where the dump's file name does not say."),
    date: str = typer.Option("", "--date", help="The date of the ROR data (YYYY-MM-DD), where the file name does not say."),
    rules: Path | None = typer.Option(None, "--rules", help="Rules folder whose lists are linked (default: the shipped rules)."),
) -> None:
    """Link list entries to ROR records (same name or listed alias, same country; ambiguous links are
    reported, not made) and write the names ROR gives them and their units, with provenance."""
    from collabguard.io.tables import csv_text
    from collabguard.lists import load_lists, registry_acronyms, registry_names_elsewhere, registry_namesakes
    from collabguard.lists.enrich import AMBIGUOUS_COLUMNS, COLUMNS, enrich
    from collabguard.lists.registry_aliases import manifest_entry
    from collabguard.shipped import shipped_rules_dir

    side = ambiguous or output.with_name(f"{output.stem}-ambiguous.csv")
    taken_path = acronyms or output.with_name(f"{output.stem}-acronyms-elsewhere.csv")
    named_path = names_elsewhere or output.with_name(f"{output.stem}-names-elsewhere.csv")
    alike_path = namesakes or output.with_name(f"{output.stem}-namesakes.csv")
    for path in (output, side, taken_path, named_path, alike_path):  # before reading the dump, and writing any file
        if path.expanduser().is_dir():
            fail(f"{path}: is a folder; give a file name")
        if not path.expanduser().parent.is_dir():
            fail(f"{path}: folder {path.parent} does not exist; nothing written")
    folder = rules or (Path(env) if (env := os.environ.get("COLLABGUARD_RULES")) else shipped_rules_dir())
    lists = load_lists(folder / "lists", registry_names=False)  # the alias file itself is being written again
    result = enrich(lists.entities, ror, release=release, date=date)
    if not result.records_read:  # never replace an alias file with an empty one
        fail(f"{', '.join(str(p) for p in ror)}: no ROR record found (expected the ROR data dump: records with an "
             f"'id' such as https://ror.org/… and their names); {output} left as it was")
    rows = result.rows()
    text = csv_text(COLUMNS, rows)
    write_output(text, output)
    write_output(csv_text(AMBIGUOUS_COLUMNS, result.ambiguous_rows()), side)
    taken = result.acronym_rows()
    taken_text = csv_text(registry_acronyms.COLUMNS, taken)
    write_output(taken_text, taken_path)
    named = result.name_rows()
    named_text = csv_text(registry_names_elsewhere.COLUMNS, named)
    write_output(named_text, named_path)
    alike = result.namesake_rows()
    alike_text = csv_text(registry_namesakes.COLUMNS, alike)
    write_output(alike_text, alike_path)
    not_active = ", ".join(f"{n:,} {k}" for k, n in sorted(result.skipped.items()) if n)
    echo(f"ROR records read: {result.records_read:,} from {len(ror)} file(s)" + (f" (not used: {not_active})" if not_active else ""),
         err=True)
    echo(f"{'list':16} {'entries':>7} {'linked':>7} {'ambiguous':>9}", err=True)
    for list_id, (entries, linked, unclear) in result.per_list().items():
        echo(f"{list_id:16} {entries:7,} {linked:7,} {unclear:9,}", err=True)
    parts = sum(r["relation"] == "part" for r in rows)
    units = len({r["record_id"] for r in rows if r["relation"] == "part"})
    dropped = sum(len(v) for v in result.dropped.values())
    echo(f"{len(rows):,} names written to {output} ({len(rows) - parts:,} of {len(result.links):,} links, {parts:,} of "
         f"{units:,} units); {len(result.ambiguous):,} ambiguous links not made, listed in {side}; {dropped:,} names "
         "another record or entry also has left out.", err=True)
    echo(f"{len(taken):,} acronyms derived from {len({r['entity_id'] for r in taken}):,} entries' names that ROR gives "
         f"other organisations of their country written to {taken_path}.", err=True)
    echo(f"{len(named):,} aliases the lists give {len({r['entity_id'] for r in named}):,} entries that ROR registers as "
         f"other organisations of their country written to {named_path}.", err=True)
    echo(f"{len(alike):,} organisations of other countries that ROR registers under the names of "
         f"{len({r['entity_id'] for r in alike}):,} listed institutions written to {alike_path}.", err=True)
    echo("To ship them, record them in lists.yaml (beside `lists:`):", err=True)
    releases = sorted({f"{d.release} ({d.date})" if d.date else d.release for d in result.dumps if d.release})
    edition = ", ".join(releases) or (f"ROR data of {date}" if date else "ROR data, release not given")
    sources = [p.name for p in ror] + ["collabguard lists enrich"]
    echo(manifest_entry(output.name, text, edition, sources))
    echo(registry_acronyms.manifest_entry(taken_path.name, taken_text, edition, sources))
    echo(registry_names_elsewhere.manifest_entry(named_path.name, named_text, edition, sources))
    echo(registry_namesakes.manifest_entry(alike_path.name, alike_text, edition, sources))


def register(lists_app: typer.Typer) -> None:
    lists_app.command("enrich")(enrich_cmd)
