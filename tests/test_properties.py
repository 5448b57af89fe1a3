"""Property-based tests (hypothesis) of every parser and of the matcher: for any input, a result or
a clear CollabguardError, never another exception; plus the matcher's invariants. Bounded for CI
(a few hundred examples each); a longer run for local use is in SECURITY.md."""

from __future__ import annotations

import json
import os
import random
import string
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from collabguard.areas.codes import find_areas
from collabguard.batch.readers import read_input
from collabguard.bibliometrics.load import load_export
from collabguard.errors import CollabguardError
from collabguard.io.proposal_loader import load_proposal
from collabguard.lists.loader import load_list_file
from collabguard.matching.normalize import normalize, segments, tokens
from collabguard.ruleset import get_ruleset
from tests.hostile_shapes import (
    CSV_EXPORTS,
    HOLE,
    OPENALEX_FIELDS,
    OPENALEX_WORK,
    PROPOSAL,
    PROPOSAL_FIELDS,
    Nesting,
    cell_values,
    csv_cell,
    field_name,
    json_values,
    kind_of,
    long_numbers,
    nestings,
    with_hole,
)

RULESET = get_ruleset()
MATCHER = RULESET.matcher
CATALOG = RULESET.catalog
# CI: 150 examples per property; a longer local run: COLLABGUARD_FUZZ_EXAMPLES=5000 pytest tests/test_properties.py
EXAMPLES_PER_PROPERTY = int(os.environ.get("COLLABGUARD_FUZZ_EXAMPLES", "150"))
# CI is deterministic (the same examples every run, so main stays green for the same code);
# COLLABGUARD_FUZZ_RANDOM=1 draws new examples each run, for a local search
DERANDOMIZE = not os.environ.get("COLLABGUARD_FUZZ_RANDOM")
BOUNDED = settings(max_examples=EXAMPLES_PER_PROPERTY, deadline=None, derandomize=DERANDOMIZE,
                   suppress_health_check=[HealthCheck.function_scoped_fixture])

# text that looks like what people paste: several scripts, punctuation, digits, odd spaces
SCRIPTS = st.sampled_from(["Latin", "Cyrillic", "Han", "Arabic", "Greek", "Hangul", "Hiragana"])
names = st.one_of(
    st.text(max_size=200),
    st.lists(st.sampled_from(["University", "Univ", "Inst", "Technol", "of", "&", "Harbin", "Beihang", "大学", "国防",
                              "университет", "دانشگاه", ",", "(", ")", "-", "  ", "\t", "Ⅻ", "ﬁ", "İ", "ß", "\u200b"]),
             max_size=12).map(" ".join),
)


@BOUNDED
@given(names)
def test_normalisation_is_idempotent(text: str) -> None:
    once = normalize(text)
    assert normalize(once) == once


@BOUNDED
@given(names, st.one_of(st.none(), st.sampled_from(["CN", "NO", "US", "IR", "RU", "HK", "XX", ""])))
def test_the_matcher_answers_every_string(text: str, country: str | None) -> None:
    for result in MATCHER.results(text, country):
        if result.best is not None:
            assert result.best.decision in ("match", "possible", "none")
            assert 0 <= result.best.score <= 100
    tokens(text)
    segments(text)


@BOUNDED
# (a name that is only a legal form names nothing: the 1286 list gives one entry's name as "Federal
# State Budgetary Educational Institution of Higher Education"; its aliases name it)
@given(st.sampled_from([e for e in RULESET.lists.entities if e.kind != "programme" and normalize(e.name)]))
def test_a_listed_name_always_finds_its_entry(entity) -> None:  # type: ignore[no-untyped-def]
    found = MATCHER.match(entity.name, entity.country or None)
    # itself, or named beside another entry of the very same name ("Chernomorneftegaz" is two entries of the
    # Entity List)
    ours = [c for c in found if c.entity.list_id == entity.list_id and entity.entity_id in
            {c.entity.entity_id, *(e.entity_id for e in c.also)}]
    assert ours, f"{entity.name!r} ({entity.list_id}) does not find itself"


@settings(max_examples=25, deadline=None, derandomize=DERANDOMIZE)
@given(st.randoms(use_true_random=False))
def test_results_do_not_depend_on_the_order_of_the_names(rng: random.Random) -> None:
    pool = ["Harbin Institute of Technology", "Harbin Engineering University", "Sichuan University", "Sichuan Normal University",
            "Northwestern Polytechnical University", "Northwestern University", "NUDT", "Beihang", "University of Oslo",
            "School of Automation, Northwestern Polytechnical University, Xi'an 710072, Shaanxi, China"]
    order = pool[:]
    rng.shuffle(order)
    def run(seq: list[str]) -> dict[str, list[tuple[str, str, int]]]:
        return {n: sorted((c.entity.entity_id, c.decision, c.score) for c in MATCHER.match(n, None)) for n in seq}
    assert run(order) == run(pool)


@BOUNDED
@given(st.text(max_size=3000), st.lists(st.text(max_size=20), max_size=4))
def test_area_detection_answers_every_text_with_exact_spans(text: str, codes: list[str]) -> None:
    texts = {"title": text[:200], "abstract": text}
    for hit in find_areas(texts, codes, CATALOG):
        for ev in hit.evidence:
            source = texts.get(ev.field, "; ".join(codes))
            assert source[ev.start:ev.end] == ev.text


def _write(tmp: Path, name: str, data: bytes) -> Path:
    path = tmp / name
    path.write_bytes(data)
    return path


yaml_like = st.one_of(
    st.binary(max_size=2000),
    st.text(alphabet=string.printable + "åæø大学", max_size=1500).map(lambda t: t.encode("utf-8")),
    st.builds(lambda k, v: f"id: x\ntitle: t\npartners:\n  - {{name: {k}, country: {v}}}\n{k}: {v}\n".encode(),
              st.text(max_size=30), st.text(max_size=30)),
)


@BOUNDED
@given(yaml_like)
def test_a_proposal_file_is_a_proposal_or_one_clear_error(tmp_path_factory: pytest.TempPathFactory, data: bytes) -> None:
    path = _write(tmp_path_factory.mktemp("p"), "proposal.yaml", data)
    try:
        load_proposal(path)
    except CollabguardError as exc:
        assert "\n" not in str(exc).strip() or str(exc).count("\n") < 50
        assert str(path) in str(exc)


csv_like = st.one_of(
    st.binary(max_size=2000),
    st.lists(st.lists(st.text(max_size=40), max_size=8), max_size=12).map(
        lambda rows: ("id,title,partners,partner_countries\n" + "\n".join(",".join(r) for r in rows)).encode("utf-8")),
)


@BOUNDED
@given(csv_like)
def test_a_batch_csv_gives_rows_or_one_clear_error(tmp_path_factory: pytest.TempPathFactory, data: bytes) -> None:
    path = _write(tmp_path_factory.mktemp("b"), "batch.csv", data)
    try:
        rows, _ = read_input(path, {})
    except CollabguardError as exc:
        assert str(path) in str(exc)
        return
    assert all(r.error is None or r.label in r.error for r in rows)


@BOUNDED
@given(st.one_of(st.binary(max_size=3000), st.text(max_size=3000).map(lambda t: ("PT J\nAU " + t + "\nER\n").encode()),
                 st.text(max_size=3000).map(lambda t: ("Authors,Title,Year,Affiliations\n" + t).encode())))
def test_a_publication_export_gives_records_or_one_clear_error(tmp_path_factory: pytest.TempPathFactory, data: bytes) -> None:
    path = _write(tmp_path_factory.mktemp("x"), "export.txt", data)
    try:
        load_export(path)
    except CollabguardError as exc:
        assert str(path) in str(exc)


@BOUNDED
@given(st.one_of(st.binary(max_size=2000), st.lists(st.text(max_size=30), max_size=11).map(
    lambda cells: ("entity_id,name,name_local,aliases,acronyms,country,list_source,risk_level,category,source_url,source_date\n"
                   + ",".join(cells)).encode())))
def test_a_list_file_gives_entries_or_clear_problems(tmp_path_factory: pytest.TempPathFactory, data: bytes) -> None:
    path = _write(tmp_path_factory.mktemp("l"), "mylist.csv", data)
    try:
        load_list_file(path)
    except CollabguardError as exc:
        assert str(path) in str(exc) or "mylist" in str(exc)


# ---- what the fuzzers found, kept as plain tests


def test_a_listed_sub_unit_written_in_full_finds_the_sub_unit_not_only_its_parent() -> None:
    # found by hypothesis: the shorter segment (the parent academy) used to win the tie at score 100
    name = "Academy of Military Medical Sciences, Field Blood Transfusion Institution"
    found = {(c.entity.list_id, c.entity.name) for c in MATCHER.match(name, "CN")}
    assert ("us-dod-1286", name) in found


def test_a_control_character_in_a_proposal_is_one_line_with_its_line(tmp_path: Path) -> None:
    # found by hypothesis: b"\x01" raised yaml.reader.ReaderError (a traceback)
    path = _write(tmp_path, "p.yaml", b"id: x\ntitle: t\x01\n")
    with pytest.raises(CollabguardError, match=r"p\.yaml:2: invalid YAML: character '\\x01' is not allowed"):
        load_proposal(path)


def test_a_stray_carriage_return_in_a_list_file_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    # found by hypothesis: a lone "\r" made the csv module raise
    path = _write(tmp_path, "mylist.csv", b"entity_id,name,name_local,aliases,acronyms,country,source_url,source_date\n\r0")
    with pytest.raises(CollabguardError, match=r"mylist\.csv"):
        load_list_file(path)


def test_an_institute_listed_on_its_own_and_as_its_parents_alias_is_reported_as_itself() -> None:
    # found by hypothesis: the NRO list names this centre as an entry and as an alias of CAEP
    found = {(c.entity.list_id, c.entity.name) for c in MATCHER.match("Chengdu Fine Optical Engineering Research Center", "CN")}
    assert ("ca-nro", "Chengdu Fine Optical Engineering Research Center") in found


def test_every_listed_name_alias_and_local_name_finds_its_entry() -> None:
    missing = []
    for e in RULESET.lists.entities:
        if e.kind == "programme":
            continue
        for text in (e.name, *e.aliases, *([e.name_local] if e.name_local else [])):
            if not normalize(text):
                # a legal form alone names nothing: the 1286 list gives one entry's name as
                # "Federal State Budgetary Educational Institution of Higher Education" (its aliases name it)
                continue
            found = MATCHER.match(text, e.country or None)
            if any(c.entity.entity_id == e.entity_id and c.entity.list_id == e.list_id for c in found):
                continue
            # one candidate per list: an alias that is also another entry's own name finds that entry
            # ("Peac Institute of Multiscale Science" is listed itself and as an alias of CAEP)
            if any(c.entity.list_id == e.list_id and normalize(c.entity.name) == normalize(text) for c in found):
                continue
            # a name form two entries of a list share finds one of them (the Entity List lists TsAGI twice and
            # gives "Stratos" to two parties; NS-CMIC gives "CHINA TELECOM" to two companies; issue 16)
            if any(c.entity.list_id == e.list_id and normalize(text) in {normalize(t) for t in (c.entity.name, *c.entity.aliases)}
                   for c in found):
                continue
            # ... and names the other beside it ("Druzhba": "OOO Druzhba", and the alias of "Druzhba, AO"; the
            # Entity List's two entries of the Mytishchi plant, one naming it in an "(a.k.a. …)" bracket)
            if any(c.entity.list_id == e.list_id and e.entity_id in {x.entity_id for x in c.also} for c in found):
                continue
            missing.append((e.list_id, e.name, text))
    assert missing == []


# ---- the other parsers: rule packs, list imports, JSON Lines and spreadsheets


pack_like = st.one_of(
    st.binary(max_size=1500),
    st.builds(lambda head, body: (f"schema_version: 1\npack: {head}\nrules:\n  - {body}\n").encode("utf-8", "surrogatepass"),
              st.text(max_size=60), st.text(max_size=200)),
)


@settings(max_examples=max(20, EXAMPLES_PER_PROPERTY // 3), deadline=None, derandomize=DERANDOMIZE,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(pack_like)
def test_a_rule_pack_loads_or_reports_its_problems(tmp_path_factory: pytest.TempPathFactory, data: bytes) -> None:
    from collabguard.errors import RuleFileError
    from collabguard.ruleset import load_ruleset
    from tests.conftest import RULES

    path = _write(tmp_path_factory.mktemp("r"), "xx-fuzz.yaml", data)
    try:
        load_ruleset(RULES, packs=[path])
    except RuleFileError as exc:
        assert exc.problems and all(isinstance(p, str) and p for p in exc.problems)


@BOUNDED
@given(st.sampled_from(["csl", "opensanctions", "aspi", "csv"]), st.one_of(
    st.binary(max_size=1500),
    st.text(max_size=1500).map(lambda t: t.encode("utf-8", "surrogatepass")),
    st.lists(st.dictionaries(st.sampled_from(["name", "id", "schema", "properties", "alt_names", "country", "caption"]),
                             st.one_of(st.text(max_size=20), st.integers(), st.lists(st.text(max_size=10), max_size=3)),
                             max_size=5), max_size=4).map(lambda rows: "\n".join(json.dumps(r) for r in rows).encode()),
))
def test_a_list_import_gives_rows_or_one_clear_error(tmp_path_factory: pytest.TempPathFactory, fmt: str, data: bytes) -> None:
    from collabguard.lists.importers import import_list

    path = _write(tmp_path_factory.mktemp("i"), "download.txt", data)
    try:
        import_list(path, fmt, "x")
    except CollabguardError as exc:
        assert str(path) in str(exc)


@BOUNDED
@given(st.lists(st.one_of(st.text(max_size=80), st.dictionaries(st.text(max_size=10), st.text(max_size=20), max_size=4).map(json.dumps),
                          st.just('{"id": "a", "title": "t", "partners": [{"name": "Aarhus University", "country": "DK"}]}')),
                max_size=8))
def test_a_jsonl_batch_gives_one_row_per_line_or_one_clear_error(tmp_path_factory: pytest.TempPathFactory, lines: list[str]) -> None:
    text = "\n".join(line.replace("\n", " ").replace("\r", " ") for line in lines)
    path = _write(tmp_path_factory.mktemp("j"), "batch.jsonl", text.encode("utf-8", "surrogatepass"))
    try:
        rows, _ = read_input(path, {})
    except CollabguardError as exc:
        assert str(path) in str(exc)
        return
    assert len(rows) == sum(1 for line in text.split("\n") if line.strip())


@settings(max_examples=max(10, EXAMPLES_PER_PROPERTY // 10), deadline=None, derandomize=DERANDOMIZE,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.lists(st.one_of(st.none(), st.text(max_size=30), st.integers(), st.floats(allow_nan=False)), max_size=6),
                max_size=6), st.binary(max_size=200))
def test_a_spreadsheet_gives_rows_or_one_clear_error(tmp_path_factory: pytest.TempPathFactory, cells: list[list[object]],
                                                      garbage: bytes) -> None:
    from openpyxl import Workbook

    folder = tmp_path_factory.mktemp("x")
    book = Workbook()
    sheet = book.active
    sheet.append(["id", "title", "partners", "partner_countries"])
    for row in cells:
        try:
            sheet.append(row)
        except Exception:  # noqa: BLE001 - openpyxl refuses some characters itself; skip such rows
            continue
    book.save(folder / "b.xlsx")
    for path in (folder / "b.xlsx", _write(folder, "broken.xlsx", garbage)):
        try:
            read_input(path, {})
        except CollabguardError as exc:
            assert str(path) in str(exc)


def test_a_stray_carriage_return_in_a_list_download_is_one_clear_error(tmp_path: Path) -> None:
    # found by hypothesis (a random run): the csv module raised on a lone "\r" in a CSL/ASPI download
    from collabguard.lists.importers import import_list

    path = _write(tmp_path, "download.csv", b"name,country\rx\"y\r")
    for fmt in ("csl", "aspi", "csv"):
        try:
            import_list(path, fmt, "x")
        except CollabguardError as exc:
            assert str(path) in str(exc)


# ---- issue 19: nesting in both YAML styles, numbers too long to read, every field of every export
# format given the wrong JSON type, cells longer than the csv module reads (strategies: tests/hostile_shapes.py)


@settings(max_examples=max(30, EXAMPLES_PER_PROPERTY // 3), deadline=None, derandomize=DERANDOMIZE,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(nestings)
def test_yaml_nested_in_either_style_is_read_or_refused_at_64_levels(tmp_path_factory: pytest.TempPathFactory,
                                                                    nesting: Nesting) -> None:
    path = _write(tmp_path_factory.mktemp("n"), "proposal.yaml", nesting.yaml().encode())
    with pytest.raises(CollabguardError) as exc:  # the abstract is a collection or there are no partners: never a proposal
        load_proposal(path)
    assert str(exc.value).startswith(f"{path}:")
    assert ("nesting deeper than 64 levels" in str(exc.value)) == (nesting.depth > 64), (nesting.depth, str(exc.value))


@BOUNDED
@given(st.sampled_from(PROPOSAL_FIELDS), long_numbers, st.booleans())
def test_a_number_too_long_anywhere_in_a_proposal_is_one_error(tmp_path_factory: pytest.TempPathFactory,
                                                             field: tuple[str | int, ...], number: str, as_yaml: bool) -> None:
    import yaml

    if as_yaml:
        text = yaml.safe_dump(json.loads(with_hole(PROPOSAL, field)), sort_keys=False).replace("__hole__", number)
    else:
        text = with_hole(PROPOSAL, field).replace(HOLE, number)
    path = _write(tmp_path_factory.mktemp("d"), "proposal.yaml" if as_yaml else "proposal.json", text.encode())
    with pytest.raises(CollabguardError, match=r"a number [\d,]+ digits long cannot be read \(at most 4,300 digits\)") as exc:
        load_proposal(path)
    assert str(exc.value).startswith(f"{path}:") and "\n" not in str(exc.value)


@BOUNDED
@given(st.sampled_from(PROPOSAL_FIELDS), json_values)
def test_any_json_type_at_any_field_of_a_proposal_is_a_proposal_or_one_error(tmp_path_factory: pytest.TempPathFactory,
                                                                            field: tuple[str | int, ...], raw: str) -> None:
    path = _write(tmp_path_factory.mktemp("t"), "proposal.json", with_hole(PROPOSAL, field).replace(HOLE, raw).encode())
    try:
        load_proposal(path)
    except CollabguardError as exc:
        assert str(exc).startswith(str(path)) and "\n" not in str(exc)


def _decodes(text: str) -> bool:
    try:
        json.loads(text)
    except RecursionError:
        return False
    return True


@BOUNDED
@given(st.sampled_from(list(OPENALEX_FIELDS)), json_values, st.sampled_from(["jsonl", "json"]))
def test_an_openalex_field_of_the_wrong_type_skips_that_work_and_names_the_field(
        tmp_path_factory: pytest.TempPathFactory, field: tuple[str | int, ...], raw: str, fmt: str) -> None:
    good, bad = json.dumps(OPENALEX_WORK), with_hole(OPENALEX_WORK, field).replace(HOLE, raw)
    data = f"{good}\n{bad}\n" if fmt == "jsonl" else f"[{good},\n{bad}]"
    path = _write(tmp_path_factory.mktemp("oa"), f"works.{fmt}", data.encode())
    kind = kind_of(raw)
    unreadable = "digits long cannot be read" if kind == "long number" else None if _decodes(bad) else "nesting is too deep"
    if fmt == "json" and unreadable:  # one JSON document: the file cannot be read
        with pytest.raises(CollabguardError, match=unreadable):
            load_export(path)
        return
    result = load_export(path)
    reasons = [s.reason for s in result.skipped]
    if unreadable:
        assert len(result.works) == 1 and len(reasons) == 1 and unreadable in reasons[0], reasons
    elif kind in OPENALEX_FIELDS[field] and raw not in ("[]", "{}") and kind in ("list", "object"):
        # a list or object where one belongs: what it holds is read (and checked) in turn
        named = len(reasons) == 1 and reasons[0].startswith((f"line 2: {field_name(field)}", f"work 2: {field_name(field)}"))
        assert (len(result.works), reasons) == (2, []) or (len(result.works) == 1 and named), reasons
    elif kind in OPENALEX_FIELDS[field]:
        assert len(result.works) == 2 and reasons == [], reasons
    else:  # counted, with the record and the field named
        assert len(result.works) == 1 and len(reasons) == 1, reasons
        assert reasons[0].startswith(("line 2: ", "work 2: ")) and f"{field_name(field)}: " in reasons[0], reasons


@settings(max_examples=max(30, EXAMPLES_PER_PROPERTY // 3), deadline=None, derandomize=DERANDOMIZE,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(st.sampled_from(list(CSV_EXPORTS)), st.data(), cell_values)
def test_a_cell_of_any_column_of_a_csv_export_is_read_up_to_the_cell_limit(
        tmp_path_factory: pytest.TempPathFactory, fmt: str, data: st.DataObject, value: str) -> None:
    header, row, delimiter = CSV_EXPORTS[fmt]
    column = data.draw(st.integers(0, len(row) - 1))
    cells = [csv_cell(value if i == column else cell, delimiter) for i, cell in enumerate(row)]
    text = "\n".join([header, delimiter.join(csv_cell(c, delimiter) for c in row), delimiter.join(cells)]) + "\n"
    path = _write(tmp_path_factory.mktemp("c"), "export.txt", text.encode("utf-8", "surrogatepass"))
    longest = max(len(c) for c in cells)
    if longest > 1_000_000:
        with pytest.raises(CollabguardError, match=r"export\.txt: line 3: a cell is longer than 1,000,000 characters"):
            load_export(path)
        return
    result = load_export(path)
    assert result.formats == {str(path): {"scopus": "scopus-csv", "plain": "plain-csv"}.get(fmt, fmt)}
    assert len(result.works) + len(result.skipped) == 2
