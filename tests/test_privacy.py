"""Privacy: nothing leaves the machine, error messages never carry a researcher's name, tracebacks
never show local variables, and --redact removes names from reports."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
from typer.testing import CliRunner

from collabguard.cli.main import app
from tests.conftest import EXAMPLES

runner = CliRunner()
SENTINEL = "Kari Sentinel-Nordmann"


@pytest.fixture()
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"network access attempted: {args[:2]}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


def test_the_main_commands_run_with_the_network_blocked(no_network: None, tmp_path: Path) -> None:
    runs = [
        ["screen", str(EXAMPLES / "horizon-consortium.yaml"), "-f", "json"],
        ["screen", str(EXAMPLES / "listed-partner-sensitive-area.yaml"), "-f", "html", "-o", str(tmp_path / "r.html")],
        ["screen", str(EXAMPLES / "innocent-lookalike.yaml"), "--publications",
         str(EXAMPLES / "publications" / "wos_tabdelimited_scientopy_4071.txt")],
        ["batch", str(EXAMPLES / "batch.csv"), "-o", str(tmp_path / "out.jsonl"), "-q"],
        ["stats", str(EXAMPLES / "publications" / "wos_tabdelimited_scientopy_4071.txt")],
        ["areas", "Quantum key distribution over fibre"],
        ["lists", "search", "Beihang University"],
        ["rules", "validate"],
    ]
    for args in runs:
        result = runner.invoke(app, args)
        assert result.exit_code in (0, 1), (args, result.output[-500:])
        assert "network access attempted" not in result.output


def _proposal(tmp_path: Path, person_extra: str) -> Path:
    path = tmp_path / "p.yaml"
    path.write_text(
        "id: PRIV-1\ntitle: Visiting researcher\nhome_institution: {name: University of Bergen, country: NO}\n"
        f"personnel:\n  - name: {SENTINEL}\n    role: visiting researcher\n{person_extra}", encoding="utf-8")
    return path


@pytest.mark.parametrize("extra", [
    "    nationality: Narnia\n",
    "    affiliations: [{name: Beihang University, country: Atlantis}]\n",
    "    favourite_colour: blue\n",
    "    affiliations: 7\n",
    "    talent_programmes: {a: 1}\n",
])
def test_errors_name_the_field_never_the_researcher(tmp_path: Path, extra: str) -> None:
    result = runner.invoke(app, ["screen", str(_proposal(tmp_path, extra))])
    assert result.exit_code == 2
    assert "personnel[0]" in result.output and SENTINEL not in result.output
    assert "Traceback" not in result.output


def test_no_command_shows_local_variables_in_a_traceback() -> None:
    assert app.pretty_exceptions_show_locals is False


def test_redact_replaces_researchers_and_reviewers_everywhere(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(
        f"id: PRIV-2\ntitle: Research stay of {SENTINEL} on underwater acoustics\n"
        "home_institution: {name: University of Bergen, country: NO}\n"
        f"personnel:\n  - name: {SENTINEL}\n    role: visiting researcher\n"
        "    affiliations: [{name: Harbin Engineering University, country: CN}]\n", encoding="utf-8")
    plain = runner.invoke(app, ["screen", str(path), "-f", "json"]).output
    assert SENTINEL in plain  # the title names the researcher
    redacted = runner.invoke(app, ["screen", str(path), "-f", "json", "--redact"]).output
    assert SENTINEL not in redacted and "Research stay of [person 1]" in redacted and '"redacted": true' in redacted
    html = runner.invoke(app, ["screen", str(path), "-f", "html", "--redact"]).output
    assert SENTINEL not in html


def test_redacted_batch_results_carry_no_names(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text('{"id": "A", "title": "Stay of ' + SENTINEL + '", "personnel": [{"name": "' + SENTINEL + '"}]}\n',
                   encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert runner.invoke(app, ["batch", str(src), "-o", str(out), "-q", "--redact"]).exit_code == 0
    assert SENTINEL not in out.read_text(encoding="utf-8")


def test_redact_replaces_the_reviewer_of_an_office_decision() -> None:
    args = ["screen", str(EXAMPLES / "lookalike-same-name-other-country.yaml"), "--decisions",
            str(EXAMPLES / "office" / "decisions.yaml"), "-f", "json"]
    assert "Research office (example)" in runner.invoke(app, args).output
    redacted = runner.invoke(app, [*args, "--redact"]).output
    assert "Research office (example)" not in redacted and '"reviewer": "[reviewer]"' in redacted


def test_redact_finds_a_name_in_another_case_or_order_and_leaves_other_words_alone(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(
        "id: PRIV-3\ntitle: Stay of KARI NORDMANN (Nordmann, Kari) with Li on lithium batteries\n"
        "home_institution: {name: University of Bergen, country: NO}\n"
        "personnel:\n  - name: Kari Nordmann\n  - name: Li\n"
        "    affiliations: [{name: Liaoning Technical University, country: CN}]\n", encoding="utf-8")
    out = runner.invoke(app, ["screen", str(path), "-f", "json", "--redact"]).output
    assert "NORDMANN" not in out and "Nordmann" not in out and "Kari" not in out
    assert "Stay of [person 1] ([person 1]) with Li on lithium batteries" in out  # "Li" alone is too short to search
    assert "Liaoning Technical University" in out and '"CN"' in out


def test_a_short_reviewer_name_does_not_replace_country_codes() -> None:
    from collabguard.io.proposal_loader import load_proposal
    from collabguard.models.report import ReviewRecord
    from collabguard.report.redact import redact
    from collabguard.screener import Screener

    report = Screener().screen(EXAMPLES / "listed-partner-sensitive-area.yaml")
    review = ReviewRecord.model_construct(**{**dict.fromkeys(ReviewRecord.model_fields, ""), "reviewer": "CN",
                                             "decision": "cleared", "status": "applied"})
    redacted = redact(report.model_copy(update={"reviews": [review]}),
                      load_proposal(EXAMPLES / "listed-partner-sensitive-area.yaml")).model_dump_json()
    assert '"reviewer":"[reviewer]"' in redacted and '"entity_country":"CN"' in redacted


def test_publication_context_names_institutions_not_authors(tmp_path: Path) -> None:
    from collabguard.bibliometrics.indicators import without_authors

    assert without_authors("[Nordmann, Kari; Wang, Li] Harbin Inst Technol, Harbin, Peoples R China") == \
        "Harbin Inst Technol, Harbin, Peoples R China"
    export = tmp_path / "savedrecs.txt"
    export.write_text(
        "FN Clarivate Analytics Web of Science\nVR 1.0\nPT J\nAU Nordmann, K\nTI Sonar arrays\nDT Article\nPY 2024\n"
        "C1 [Nordmann, Kari; Wang, Li] Harbin Engn Univ, Coll Underwater Acoust Engn, Harbin 150001, Peoples R China.\n"
        "   [Nordmann, Kari] Norwegian Univ Sci & Technol, Dept Elect Syst, N-7491 Trondheim, Norway.\nER\n\nEF\n",
        encoding="utf-8")
    out = runner.invoke(app, ["screen", str(EXAMPLES / "listed-partner-sensitive-area.yaml"), "--publications", str(export),
                              "-f", "json"]).output
    assert "Harbin Engn Univ" in out  # the listed partner's address is reported ...
    assert "Nordmann" not in out and "Wang, Li" not in out  # ... without its authors
