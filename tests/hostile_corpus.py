"""The hostile corpus: files built to break collabguard's readers (issues 19 and earlier rounds).

Small files are committed in ``tests/data/hostile/`` (see its README.md); large or repetitive ones
are generated here, the same bytes every run, into a test's temporary folder. Each file has a
*kind* that says which commands read it (tests/test_hostile_corpus.py runs them all, on the command
line and over HTTP).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from tests.conftest import REPO

HOSTILE = REPO / "tests" / "data" / "hostile"

LONG_CELL = 200_000  # a long abstract or keyword cell: beyond the csv module's 131,072, within collabguard's 1,000,000
OVER_LIMIT = 1_000_001  # one more than COLLABGUARD_MAX_CELL_CHARS
DIGITS = 5_000  # beyond Python's 4,300-digit integer-string limit
LISTED_HEADER = "entity_id,name,name_local,aliases,acronyms,country,list_source,risk_level,category,source_url,source_date\n"
SCOPUS_HEADER = "Authors,Title,Year,Source title,EID,Affiliations,Abstract\n"


def _partner() -> str:
    return "partners: [{name: Aarhus University, country: DK}]\n"


def _block_mappings(depth: int) -> bytes:
    return ("title: Sonar\n" + _partner() + "abstract:\n"
            + "".join(" " * (i + 1) + f"k{i}:\n" for i in range(depth)) + " " * (depth + 1) + "end\n").encode()


def _block_sequences(depth: int) -> bytes:
    return ("title: Sonar\n" + _partner() + "keywords:\n"
            + "".join("  " * i + "-\n" for i in range(depth)) + "  " * depth + "- end\n").encode()


def _long_number() -> str:
    return "9" * DIGITS


def _proposal_json(**extra: object) -> bytes:
    return json.dumps({"title": "Sonar", "partners": [{"name": "Aarhus University", "country": "DK"}], **extra}).encode()


def _deep_json(depth: int) -> str:
    return "[" * depth + "]" * depth


def _work(**extra: object) -> str:
    return json.dumps({"id": "https://openalex.org/W1", "display_name": "Sonar", "publication_year": 2024,
                       "type": "article", "authorships": [{"institutions": [{"display_name": "NTNU", "country_code": "NO"}]}],
                       **extra})


# name -> (kind, bytes); kinds: proposal (YAML or JSON), yaml (also every other YAML reader), export,
# names, listcsv, aspi, opensanctions, batch, report
GENERATED: dict[str, tuple[str, Callable[[], bytes]]] = {
    "proposal-deep-flow-sequence.yaml": ("yaml", lambda: b"title: Sonar\nkeywords: " + b"[" * 10_000 + b"]" * 10_000 + b"\n"
                                         + _partner().encode()),
    "proposal-deep-flow-mapping.yaml": ("yaml", lambda: b"title: Sonar\nabstract: " + b"{a: " * 5_000 + b"1" + b"}" * 5_000
                                        + b"\n" + _partner().encode()),
    "proposal-deep-block-mapping.yaml": ("yaml", lambda: _block_mappings(2_000)),
    "proposal-deep-block-sequence.yaml": ("yaml", lambda: _block_sequences(1_000)),
    "proposal-long-number.yaml": ("yaml", lambda: ("title: Sonar\n" + _partner() + f"duration_months: {_long_number()}\n").encode()),
    "proposal-long-id.yaml": ("yaml", lambda: (f"id: {_long_number()}\ntitle: Sonar\n" + _partner()).encode()),
    "proposal-deep.json": ("proposal", lambda: b'{"title": "Sonar", "partners": ' + _deep_json(5_000).encode() + b"}"),
    "proposal-long-number.json": ("proposal", lambda: _proposal_json()[:-1] + f', "duration_months": {_long_number()}}}'.encode()),
    "proposal-long-id.json": ("proposal", lambda: f'{{"id": {_long_number()}, "title": "Sonar", "partners": []}}'.encode()),
    "proposal-too-many-partners.json": ("proposal", lambda: json.dumps({"title": "Sonar", "partners": [
        {"name": f"Institute {i} of Applied Marine Research"} for i in range(2_001)]}).encode()),
    "proposal-too-large.yaml": ("proposal", lambda: b"title: Sonar\n" + _partner().encode() + b"abstract: " + b"x" * (6 * 2**20) + b"\n"),
    "openalex-deep.json": ("export", lambda: _deep_json(5_000).encode()),
    "openalex-long-number.json": ("export", lambda: f'{{"id": "W1", "cited_by_count": {_long_number()}}}'.encode()),
    "openalex-hostile-lines.jsonl": ("export", lambda: "\n".join([
        _work(), '{"id": "W2", "cited_by_count": ' + _long_number() + "}",
        '{"id": "W3", "x": ' + _deep_json(5_000) + "}", _work(authorships="NTNU"), _work(primary_topic="Acoustics"),
    ]).encode() + b"\n"),
    "scopus-long-cell.csv": ("export", lambda: (SCOPUS_HEADER + f'A,Sonar,2024,J,2-s2.0-1,"NTNU, Trondheim, Norway","{"x" * LONG_CELL}"\n').encode()),
    "scopus-cell-over-limit.csv": ("export", lambda: (SCOPUS_HEADER + f'A,Sonar,2024,J,2-s2.0-1,"NTNU, Norway","{"x" * OVER_LIMIT}"\n').encode()),
    "wos-tab-long-cell.txt": ("export", lambda: ("PT\tAU\tTI\tPY\tUT\tC1\tAB\nJ\tA\tSonar\t2024\tWOS:1\t[A] NTNU, Trondheim, Norway\t"
                                                  + "x" * LONG_CELL + "\n").encode()),
    "plain-long-cell.csv": ("export", lambda: ("id,year,title,countries\n1,2024," + "x" * LONG_CELL + ",NO;CN\n").encode()),
    "plain-unknown-countries.csv": ("export", lambda: ("id,year,title,countries\n1,2024,Sonar,"
                                                       + ";".join(f"Land {i}" for i in range(20_000)) + "\n").encode()),
    "names-long-cell.csv": ("names", lambda: ('name,country\n"' + "x" * LONG_CELL + '",CN\n').encode()),
    "names-cell-over-limit.csv": ("names", lambda: ('name,country\n"' + "x" * OVER_LIMIT + '",CN\n').encode()),
    "list-long-cell.csv": ("listcsv", lambda: (LISTED_HEADER + '1,Harbin Engineering University,,,,CN,x,high,c,"https://example.org/'
                                               + "x" * LONG_CELL + '",2024-01-01\n').encode()),
    "aspi-deep.json": ("aspi", lambda: _deep_json(5_000).encode()),
    "aspi-long-number.json": ("aspi", lambda: f'[{{"name": "x", "id": {_long_number()}}}]'.encode()),
    "batch-long-cell.csv": ("batch", lambda: ('id,title,partners,partner_countries\nP1,"' + "x" * LONG_CELL + '",Aarhus University,DK\n').encode()),
    "batch-cell-over-limit.csv": ("batch", lambda: ('id,title,partners,partner_countries\nP1,"' + "x" * OVER_LIMIT + '",Aarhus University,DK\n').encode()),
    "batch-hostile-lines.jsonl": ("batch", lambda: b"\n".join([
        b'{"title": "Sonar", "partners": ' + _deep_json(5_000).encode() + b"}", _proposal_json()[:-1] + f', "duration_months": {_long_number()}}}'.encode(),
        json.dumps({"title": "Sonar", "partners": [{"name": f"P{i}"} for i in range(2_001)]}).encode(), _proposal_json()]) + b"\n"),
    "report-deep.json": ("report", lambda: _deep_json(5_000).encode()),
    "report-long-number.json": ("report", lambda: f'{{"schema_version": {_long_number()}}}'.encode()),
}

# the committed files' kinds (by name)
COMMITTED_KINDS = {"proposal": "proposal", "openalex": "export", "wos": "export", "scopus": "export", "batch": "batch",
                   "names": "names", "report": "report"}


# committed proposals also given to every other YAML reader (decisions, answers, policy, rule packs)
EVERY_YAML_READER = ("proposal-aliases.yaml", "proposal-custom-tag.yaml", "proposal-duplicate-key.yaml")


def committed() -> dict[str, tuple[str, Path]]:
    """The committed files: name -> (kind, path)."""
    out = {}
    for path in sorted(HOSTILE.iterdir()):
        if path.name == "README.md":
            continue
        kind = "yaml" if path.name in EVERY_YAML_READER else COMMITTED_KINDS[path.name.split("-")[0]]
        out[path.name] = (kind, path)
    return out


def corpus(folder: Path) -> dict[str, tuple[str, Path]]:
    """Every file of the corpus, name -> (kind, path): the committed ones where they are, the generated
    ones in ``folder`` (written there by :func:`materialise`)."""
    return committed() | {name: (kind, folder / name) for name, (kind, _) in GENERATED.items()}


def materialise(folder: Path) -> dict[str, tuple[str, Path]]:
    """Write the generated files into ``folder``; every file of the corpus, as :func:`corpus`."""
    for name, (_, make) in GENERATED.items():
        (folder / name).write_bytes(make())
    return corpus(folder)


def http_requests(files: dict[str, tuple[str, Path]], most: int = 2 * 2**20) -> list[tuple[str, str, bytes]]:
    """(name, route, body) for every file the service can be sent (bodies under ``most`` bytes, the
    service's default body limit): proposals as the body and in a batch, exports by content to
    /v1/stats and with a proposal to /v1/screen."""
    out = []
    for name, (kind, path) in files.items():
        data = path.read_bytes()
        if len(data) >= most:
            continue
        if kind in ("proposal", "yaml"):
            out += [(name, "/v1/screen", data), (name, "/v1/screen/batch", b"[" + data + b"]")]
        if kind == "export":
            publication = json.dumps([{"filename": name, "content": data.decode("utf-8", "replace")}]).encode()
            out += [(name, "/v1/stats", b'{"publications": ' + publication + b"}"),
                    (name, "/v1/screen", b'{"proposal": {"title": "Sonar", "partners": [{"name": "Aarhus University", '
                                         b'"country": "DK"}]}, "publications": ' + publication + b"}")]
    return out
