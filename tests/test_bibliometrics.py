"""Publication exports: every shared sample loads with its stated record count; country counts are the
hand-counted ones; bad exports give a one-line message and keep the rest."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from typer.testing import CliRunner

from collabguard.bibliometrics.address import parse_scopus_affiliation, parse_wos_address, split_wos_addresses
from collabguard.bibliometrics.indicators import StatsOptions, compute_stats, trend
from collabguard.bibliometrics.load import detect_format, load_export, load_exports
from collabguard.cli.main import app
from collabguard.errors import InputError
from tests.conftest import SHARED, needs_shared

BIB = SHARED / "data" / "bibliometrics"
runner = CliRunner()

# Record counts and formats as SOURCES.md states them.
SAMPLES = [
    ("wos_plaintext_bibliometrix_sample.txt", "wos-plain", 8),
    ("wos_plaintext_oldformat_metaknowledge_savedrecs.txt", "wos-plain", 32),
    ("wos_tabdelimited_scientopy_4071.txt", "wos-tab", 71),
    ("scopus_bibliometrix_sample.csv", "scopus-csv", 8),
    ("openalex_ui_export_bibliometrix_sample.csv", "openalex-csv", 8),
    ("openalex_work_svp_harvester_various_locations.json", "openalex-json", 1),
]


@needs_shared
@pytest.mark.parametrize(("name", "fmt", "records"), SAMPLES)
def test_every_sample_loads_with_its_stated_record_count(name: str, fmt: str, records: int) -> None:
    result = load_export(BIB / name)
    assert result.formats == {str(BIB / name): fmt}
    assert len(result.works) == records and result.skipped == []


def _country_counts(name: str) -> Counter[str]:
    return Counter(c for w in load_export(BIB / name).works for c in w.countries)


@needs_shared
def test_wos_plain_text_country_counts_match_a_hand_count() -> None:
    # Read off the C1 lines: Malaysia, Turkey, Italy ×2 (one work), India, China, Spain, China, and one work
    # with Brazil ×5, Germany, England.
    assert _country_counts("wos_plaintext_bibliometrix_sample.txt") == Counter(
        {"CN": 2, "MY": 1, "TR": 1, "IT": 1, "IN": 1, "ES": 1, "BR": 1, "DE": 1, "GB": 1})


@needs_shared
def test_scopus_country_counts_match_a_hand_count() -> None:
    assert _country_counts("scopus_bibliometrix_sample.csv") == Counter({"CN": 4, "TR": 2, "GH": 1, "SA": 1})


@needs_shared
def test_old_wos_records_without_c1_fall_back_to_the_reprint_address() -> None:
    works = load_export(BIB / "wos_plaintext_oldformat_metaknowledge_savedrecs.txt").works
    assert sum(1 for w in works if not w.countries) == 1  # the Yugoslav address: historical, left unknown
    yugoslav = [a for w in works for a in w.affiliations if "YUGOSLAVIA" in a.raw]
    assert yugoslav and all(a.country is None for a in yugoslav)


@needs_shared
def test_openalex_work_countries_are_the_union_of_institutions_and_authorship_countries() -> None:
    (work,) = load_export(BIB / "openalex_work_svp_harvester_various_locations.json").works
    assert work.countries == {"FR", "IT"} and work.year == 2019 and work.fields[0] == "Materials Science"


@pytest.mark.parametrize(("address", "institution", "country"), [
    ("[Toh, Ming Liang] Univ Technol Sarawak, Sch Built Environm, Sibu 96000, Sarawak, Malaysia.",
     "Univ Technol Sarawak", "MY"),
    ("UNIV TRONDHEIM,INST THEORET PHYS,N-7034 TRONDHEIM,NORWAY.", "UNIV TRONDHEIM", "NO"),
    ("OAK RIDGE NATL LAB,OAK RIDGE,TN 37830.", "OAK RIDGE NATL LAB", "US"),  # old record, no country
    ("[A, B] Univ Calif Los Angeles, Dept Comp Sci, Los Angeles, CA 90095 USA", "Univ Calif Los Angeles", "US"),
    ("[C] Natl Taiwan Univ, Taipei 10617, Taiwan.", "Natl Taiwan Univ", "TW"),  # never China
    ("[D] Univ Hong Kong, Pokfulam, Hong Kong, Peoples R China.", "Univ Hong Kong", "CN"),
    ("[E] City Univ Hong Kong, Kowloon, Hong Kong.", "City Univ Hong Kong", "HK"),
    ("[F] Univ Glasgow, Glasgow, Lanark, Scotland.", "Univ Glasgow", "GB"),
    ("[G] Queens Univ Belfast, Belfast, Antrim, North Ireland.", "Queens Univ Belfast", "GB"),
    ("[H] Khalifa Univ, Abu Dhabi, U Arab Emirates.", "Khalifa Univ", "AE"),
    ("[I] Moscow MV Lomonosov State Univ, Moscow, Russia.", "Moscow MV Lomonosov State Univ", "RU"),
    ("LEBEDEV PHYS INST,MOSCOW,USSR.", "LEBEDEV PHYS INST", None),  # historical: kept raw, no successor
    ("[J] Paris 75005, France.", "Paris 75005", "FR"),  # a bare postcode is not a US address
])
def test_wos_addresses(address: str, institution: str, country: str | None) -> None:
    parsed = parse_wos_address(address)
    assert (parsed.institution, parsed.country) == (institution, country)


def test_tab_delimited_c1_splits_addresses_not_the_authors_inside_brackets() -> None:
    cell = "[Li, A; Wang, B] Tsinghua Univ, Beijing, Peoples R China; [Berg, K] Univ Oslo, Oslo, Norway"
    assert [parse_wos_address(a).country for a in split_wos_addresses(cell)] == ["CN", "NO"]


def test_scopus_affiliation_prefers_the_university_over_the_school() -> None:
    parsed = parse_scopus_affiliation("School of Optometry, University of Cape Coast, Cape Coast, Ghana")
    assert (parsed.institution, parsed.country) == ("University of Cape Coast", "GH")


@pytest.mark.parametrize(("text", "fmt"), [
    ("FN Clarivate Analytics Web of Science\nVR 1.0\nPT J\n", "wos-plain"),
    ("PT\tAU\tTI\tC1\tUT\n", "wos-tab"),
    ('"Authors","Title","Year","Affiliations","EID"\n', "scopus-csv"),
    ('{"id": "https://openalex.org/W1"}\n{"id": "https://openalex.org/W2"}\n', "openalex-jsonl"),
    ('{"meta": {}, "results": []}', "openalex-json"),
    ("id;year;title;countries\n", "plain-csv"),
    ("hello world\n", None),
])
def test_format_is_detected_from_content(text: str, fmt: str | None) -> None:
    assert detect_format(text) == fmt


def _stats(tmp_path: Path, text: str, **options: object) -> object:
    path = tmp_path / "works.csv"
    path.write_text(text, encoding="utf-8")
    return compute_stats(load_exports([path]), StatsOptions(**options))  # type: ignore[arg-type]


PLAIN = ("id;year;title;doc_type;countries;institutions\n"
         "1;2021;A;Article;Norway|China;Univ Oslo|Tsinghua Univ\n"
         "2;2022;B;\"Article; Proceedings Paper\";Norway|Peoples R China;Univ Oslo|Tsinghua University\n"
         "3;2022;C;Editorial Material;Norway|China;Univ Oslo\n"
         "4;2023;D;Review;Norway|Hong Kong;Univ Oslo\n"
         "5;2023;E;Article;Norway|Taiwan|Germany;Univ Oslo\n"
         "1;2021;A again;Article;Norway|China;Univ Oslo\n")


def test_indicators_filter_types_dedupe_and_keep_taiwan_and_hong_kong_apart(tmp_path: Path) -> None:
    stats = _stats(tmp_path, PLAIN, countries=("CN",), partners=("Tsinghua University", "Peking University"))
    counts = {c.country: c.works for c in stats.by_country}
    assert stats.works == 4 and counts == {"NO": 4, "CN": 2, "HK": 1, "TW": 1, "DE": 1}
    assert stats.data_quality.duplicates == 1 and stats.data_quality.excluded_type == 1
    tsinghua, peking = stats.partners
    assert (tsinghua.works, peking.works) == (2, 0)
    assert tsinghua.matched_affiliations == ["Tsinghua Univ", "Tsinghua University"]
    (china,) = stats.countries
    assert [(y.year, y.works) for y in china.by_year] == [(2021, 1), (2022, 1), (2023, 0)] and china.share == 0.5


def test_hong_kong_and_macau_group_with_china_only_on_request_and_never_taiwan(tmp_path: Path) -> None:
    counts = {c.country: c.works for c in _stats(tmp_path, PLAIN, group_greater_china=True).by_country}
    assert counts["CN"] == 3 and "HK" not in counts and counts["TW"] == 1


def test_home_institution_shares_are_of_its_international_works(tmp_path: Path) -> None:
    stats = _stats(tmp_path, PLAIN, home="University of Oslo", bilateral_only=True)
    assert stats.home_country == "NO" and stats.data_quality.excluded_not_bilateral == 1
    assert stats.denominator_works == 3 and {c.country: c.share for c in stats.by_country} == {"CN": 0.6667,
                                                                                                 "HK": 0.3333}


def test_fractional_counts_split_each_work_among_its_countries(tmp_path: Path) -> None:
    stats = _stats(tmp_path, PLAIN, fractional=True)
    assert {c.country: c.fractional for c in stats.by_country}["DE"] == 0.33


@pytest.mark.parametrize(("counts", "expected"), [
    ({2019: 2, 2020: 4, 2021: 6, 2022: 8, 2023: 10}, "growing"),
    ({2019: 10, 2020: 8, 2021: 6, 2022: 4, 2023: 2}, "shrinking"),
    ({2019: 6, 2020: 6, 2021: 6, 2022: 6, 2023: 6}, "stable"),
    ({2019: 1, 2020: 2, 2021: 1, 2022: 0, 2023: 1}, "too few works to tell"),
])
def test_trend(counts: dict[int, int], expected: str) -> None:
    assert trend(counts, list(range(2019, 2024))) == expected


def test_a_truncated_wos_file_keeps_the_records_before_the_cut_and_says_so(tmp_path: Path) -> None:
    path = tmp_path / "cut.txt"
    path.write_text("FN Clarivate Analytics Web of Science\nVR 1.0\nPT J\nTI One\nC1 [A] Univ Oslo, Oslo, Norway.\n"
                    "UT WOS:1\nER\n\nPT J\nTI Two\nC1 [B] Tsinghua Univ, Beijing, Peopl", encoding="utf-8")
    result = load_export(path)
    assert len(result.works) == 2 and "may be truncated" in result.warnings[0]


def test_a_truncated_jsonl_line_is_skipped_and_named(tmp_path: Path) -> None:
    path = tmp_path / "w.jsonl"
    path.write_text('{"id": "W1", "authorships": [{"countries": ["NO", "CN"]}]}\n{"id": "W2", "authorsh',
                    encoding="utf-8")
    result = load_export(path)
    assert len(result.works) == 1 and "line 2: not valid JSON" in str(result.skipped[0])


def test_a_cp1252_csv_from_norwegian_excel_is_read_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "cristin.csv"
    path.write_bytes("Id;Årstall;Tittel;Land\n7;2022;Sjø og is;Norge|Kina\n".encode("cp1252"))
    result = load_export(path, {"id": "Id", "year": "Årstall", "title": "Tittel", "countries": "Land"})
    assert result.works[0].countries == {"NO", "CN"} and "Windows-1252" in result.warnings[0]


@pytest.mark.parametrize(("content", "message"), [
    ("", "the file is empty"),
    ("hello\nworld\n", "line 1: not a format collabguard reads"),
    ('{"results": [', "not valid JSON"),
])
def test_bad_exports_are_one_line_errors(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=message):
        load_export(path)
    result = runner.invoke(app, ["stats", str(path)])
    assert result.exit_code == 2 and message in result.output and "Traceback" not in result.output


@needs_shared
def test_stats_cli_json_has_the_documented_keys() -> None:
    result = runner.invoke(app, ["stats", str(BIB / "wos_tabdelimited_scientopy_4071.txt"), "--country", "China",
                                 "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["works"] == 27 and data["countries"][0]["country"] == "CN" and data["by_country"][0]["country"] == "US"
    assert {"country", "works", "share"} <= data["by_country"][0].keys() and data["by_year"]


EXAMPLE_EXPORT = Path(__file__).resolve().parent.parent / "examples" / "publications" / "wos_tabdelimited_scientopy_4071.txt"
PROPOSAL = Path(__file__).resolve().parent.parent / "examples" / "listed-partner-sensitive-area.yaml"


def test_screen_with_publications_adds_a_context_section_that_the_schema_accepts() -> None:
    import jsonschema

    result = runner.invoke(app, ["screen", str(PROPOSAL), "--publications", str(EXAMPLE_EXPORT), "-f", "json"])
    report = json.loads(result.output)
    schema = json.loads((PROPOSAL.parent.parent / "schemas" / "report.schema.json").read_text())
    jsonschema.validate(report, schema)
    context = report["context"]
    assert context["works"] == 27 and [c["country"] for c in context["countries"]] == ["CN"]
    assert context["partners"][0]["name"] == "Harbin Engineering University"
    # the export is a topic search, not NTNU's own output: said, and shares fall back to all works
    assert any("no work has an address at Norwegian University" in w for w in context["data_quality"]["warnings"])


@pytest.mark.parametrize(("fmt", "marker"), [
    ("markdown", "## Collaboration context (publication data; context, not a rule finding)"),
    ("html", "<h2>Collaboration context"),
    ("text", "Collaboration context (from publication exports; context, not a rule finding)"),
])
def test_every_report_format_labels_the_context_as_context(tmp_path: Path, fmt: str, marker: str) -> None:
    out = tmp_path / f"report.{fmt}"
    result = runner.invoke(app, ["screen", str(PROPOSAL), "--publications", str(EXAMPLE_EXPORT), "-f", fmt,
                                 "-o", str(out)])
    assert result.exit_code in (0, 1), result.output
    assert marker in out.read_text(encoding="utf-8")


def test_html_report_embeds_charts_that_are_identical_on_a_rerun(tmp_path: Path) -> None:
    pages = []
    for name in ("a.html", "b.html"):
        runner.invoke(app, ["screen", str(PROPOSAL), "--publications", str(EXAMPLE_EXPORT), "-f", "html",
                            "-o", str(tmp_path / name)])
        pages.append((tmp_path / name).read_text(encoding="utf-8"))
    assert pages[0] == pages[1] and pages[0].count("<svg") == 2 and "<dc:date>" not in pages[0]


@pytest.mark.parametrize("suffix", [".png", ".svg"])
def test_stats_chart_files_are_reproducible(tmp_path: Path, suffix: str) -> None:
    files = [tmp_path / f"one{suffix}", tmp_path / f"two{suffix}"]
    for f in files:
        result = runner.invoke(app, ["stats", str(EXAMPLE_EXPORT), "--country", "CN", "--chart", str(f)])
        assert result.exit_code == 0, result.output
    assert files[0].read_bytes() == files[1].read_bytes() and files[0].stat().st_size > 1000


def test_a_chart_needs_a_png_or_svg_name(tmp_path: Path) -> None:
    result = runner.invoke(app, ["stats", str(EXAMPLE_EXPORT), "--chart", str(tmp_path / "c.jpg")])
    assert result.exit_code == 2 and "give a .png or .svg file name" in result.output


def test_mixed_encodings_keep_both_the_utf8_and_the_cp1252_lines(tmp_path: Path) -> None:
    path = tmp_path / "mixed.csv"
    path.write_bytes("id;year;title;countries\n1;2021;Tromsø;Norge|Kina\n".encode()
                     + "2;2022;Ålesund;Norge\n".encode("cp1252"))
    result = load_export(path)
    assert [w.title for w in result.works] == ["Tromsø", "Ålesund"]
    assert result.warnings == [f"{path}: line 3: not UTF-8; read as Windows-1252 (Excel's Western European "
                               "encoding). Check names with letters like æ, ø, å"]


def test_listed_copublications_use_match_decisions_and_name_the_addresses() -> None:
    result = runner.invoke(app, ["stats", str(EXAMPLE_EXPORT), "--listed", "--all-types", "-f", "json"])
    listed = {(e["list_id"], e["name"]): e for e in json.loads(result.output)["listed"]}
    assert set(listed) == {("aspi-cdut", "Fuzhou University"),
                           ("aspi-cdut", "University of Science and Technology of China"),
                           ("us-dod-1286", "University of Science and Technology of China"),
                           ("us-bis-entity", "University of Science and Technology of China")}  # on the Entity List too (issue 16)
    assert listed[("us-dod-1286", "University of Science and Technology of China")]["matched_affiliations"] == [
        "Univ Sci & Technol China, Dept Automat, Hefei 230027, Peoples R China"]
    # Chinese co-authors at unlisted institutions (Fujian Med Univ, Wuyi Coll, Shenzhen Univ Town) stay unlisted


def test_without_listed_the_key_says_not_checked() -> None:
    result = runner.invoke(app, ["stats", str(EXAMPLE_EXPORT), "-f", "json"])
    assert json.loads(result.output)["listed"] is None


def test_an_unknown_country_is_one_warning_however_many_rows_carry_it(tmp_path: Path) -> None:
    path = tmp_path / "w.csv"
    path.write_text("id,year,title,countries\n" + "".join(f"{i},2020,T{i},Norway;Atlantis\n" for i in range(500)),
                    encoding="utf-8")
    result = load_export(path)
    assert len(result.works) == 500 and all(w.countries == {"NO"} for w in result.works)
    assert result.warnings == [f"{path}: line 2 and 499 more lines: countries: 'Atlantis' is not a known country; "
                               "those works count without it"]
