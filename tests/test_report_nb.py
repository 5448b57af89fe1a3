"""The whole report in Norwegian Bokmål (``--lang nb``, and ``--lang no``): headings, labels, the
recommendation, the headline, automatic questions, countries, the Norwegian HK-dir pages as
citations; the same findings and the same question ids as in English, which stays as it was."""

from __future__ import annotations

import io
import json
import re
from html import unescape
from pathlib import Path

import pytest
import yaml
from pydantic import ValidationError
from rich.console import Console
from typer.testing import CliRunner

from collabguard.cli.main import app
from collabguard.engine.answers import load_answers
from collabguard.engine.screen import screen
from collabguard.io.proposal_loader import load_proposal
from collabguard.models.proposal import Proposal
from collabguard.models.report import Report
from collabguard.reference.area_names import area_names
from collabguard.reference.report_text import TextFile, placeholders, reason, text, texts
from collabguard.report.html import render_html
from collabguard.report.markdown import render_markdown
from collabguard.report.terminal import render_terminal
from collabguard.ruleset import RuleSet
from tests.conftest import EXAMPLES, RULES, TODAY

runner = CliRunner()
EXAMPLES_NB = ["listed-partner-sensitive-area", "horizon-consortium"]
# every heading and label of collabguard's own making, in English: none may appear in a report in Bokmål
HEADING_KEYS = [
    "head.title", "head.recommendation", "head.why", "head.listed", "head.possibly", "head.areas", "head.next",
    "head.risk_level", "frameworks.apply", "frameworks.all", "frameworks.none_apply", "checklist.short",
    "record.answers", "record.reviews", "record.warnings", "coverage.heading", "coverage.short_note", "coverage.note",
    "md.areas_heading", "versions.heading", "versions.more_markdown",
    "html.own_verdict", "html.not_checked", "html.risk_level", "details.areas_heading", "details.near_heading",
    "framework.not_applicable", "flag.identity_to_confirm", "footer.more",
]
# English labels as the views write them (with their punctuation): a framework's or an area's own
# name may hold a word such as "Recommendation" ("EU: Council Recommendation of 23 May 2024 …")
ENGLISH_WORDS = re.compile(r"\b(Title|Recommendation|Why|Next|Listed|Possibly|Possibly listed|Areas|Proposal):|"
                           r"Frameworks that apply|Flags \(\d+\)|Checklist: open questions|Not applicable here|"
                           r"lists checked|the oldest edition|not checked:|risk level|blocking:|Guideline:|Mitigations|"
                           r"\(screened |does not apply|more listed names|\b(Coverage|Warnings|Versions)\b")


def views(report: Report) -> dict[str, str]:
    """Every human view of a report: the terminal at 80 and 120 columns (short and in full), Markdown, HTML."""
    out = {}
    for width in (80, 120):
        for details in (False, True):
            buf = io.StringIO()
            render_terminal(report, Console(file=buf, width=width, no_color=True, highlight=False), details=details,
                            all_frameworks=details)
            out[f"text {width} details={details}"] = buf.getvalue()
    out["markdown"] = render_markdown(report)
    out["markdown details"] = render_markdown(report, details=True, all_frameworks=True)
    out["html"] = unescape(re.sub(r"<[^>]+>", " ", render_html(report)))
    return out


def ours(report: Report) -> Report:
    """The report with the words collabguard did not write left out: rule texts (a pack without a
    Bokmål translation shows its English) and the sections they cite. Names, list and area names
    and the automatic questions stay: they are part of what the check reads."""
    flags = [f.model_copy(update={"title": "R", "message": "R", "mitigations": ["R"],
                                  "guideline": f.guideline.model_copy(update={"section": "R"})}) for f in report.flags]
    checklist = [q.model_copy(update={"question": "R"}) if q.reason == "judgement" else q for q in report.checklist]
    return report.model_copy(update={"flags": flags, "checklist": checklist, "mitigations": ["R"]})


@pytest.fixture(scope="module")
def reports(ruleset: RuleSet) -> dict[str, tuple[Report, Report]]:
    return {name: (screen(load_proposal(EXAMPLES / f"{name}.yaml"), ruleset, today=TODAY),
                   screen(load_proposal(EXAMPLES / f"{name}.yaml"), ruleset, today=TODAY, lang="nb"))
            for name in EXAMPLES_NB}


def test_every_report_text_has_english_and_bokmal_with_the_same_placeholders() -> None:
    data = texts()
    assert len(data.texts) > 200 and data.version and data.source
    for key, entry in data.texts.items():
        assert entry.en.strip() and entry.nb.strip(), key
        assert placeholders(entry.en) == placeholders(entry.nb), key
    for term in data.terms:  # each Norwegian term names the page it was checked against
        assert term.source.startswith("https://"), term.nb


def test_a_text_without_bokmal_or_with_other_placeholders_is_refused() -> None:
    base = {"source": "s", "version": "1", "terms": []}
    with pytest.raises(ValidationError, match="nb"):
        TextFile.model_validate({**base, "texts": {"x": {"en": "Flags ({n})"}}})
    with pytest.raises(ValidationError, match="placeholders differ"):
        TextFile.model_validate({**base, "texts": {"x": {"en": "Flags ({n})", "nb": "Flagg"}}})


@pytest.mark.parametrize("name", EXAMPLES_NB)
def test_no_english_heading_or_label_in_a_bokmal_report(reports: dict[str, tuple[Report, Report]], name: str) -> None:
    en, nb = reports[name]
    headings = [text(k, "en").strip(" ·—") for k in HEADING_KEYS]
    for view, mine in views(ours(nb)).items():
        for heading in headings:
            assert heading not in mine, (view, heading)
        assert not ENGLISH_WORDS.search(mine), (view, ENGLISH_WORDS.search(mine))
    # the English report has them (the check can fail)
    english = views(ours(en))["markdown"]
    assert "Frameworks that apply" in english and ENGLISH_WORDS.search(english)


@pytest.mark.parametrize("name", EXAMPLES_NB)
def test_the_recommendation_headline_and_next_step_are_in_bokmal(reports: dict[str, tuple[Report, Report]], name: str) -> None:
    en, nb = reports[name]
    assert (nb.recommendation, nb.risk_level, [f.rule_id for f in nb.flags]) == (en.recommendation, en.risk_level,
                                                                                [f.rule_id for f in en.flags])
    s = nb.summary
    assert s.recommendation_text == "Løft saken til den som har ansvar for forskningssikkerhet"
    assert s.next_step.startswith("send saken med denne rapporten") and "åpne spørsmålene i sjekklisten" in s.next_step
    assert s.headline.startswith(s.recommendation_text + ": ") and "; neste steg: " in s.headline
    assert "er den listeførte" in s.headline and "(høy)" in s.reason
    assert "Anbefaling:" in views(nb)["text 80 details=False"] and "**Anbefaling:**" in render_markdown(nb)


def test_automatic_questions_countries_and_evidence_are_in_bokmal(reports: dict[str, tuple[Report, Report]]) -> None:
    en, nb = reports["horizon-consortium"]
    area = next(q for q in nb.checklist if q.reason == "confirm_area")
    assert area.question.startswith("Bidrar forskningen til å fremme ") and "Teksten nevner bare" in area.question
    stra = next(q for q in nb.checklist if q.target.get("field") == "strac.advances_stra")
    assert stra.question.startswith("Tar forskningen sikte på") and "Teksten berører:" in stra.question
    assert any("Kina (CN)" in q.question for q in nb.checklist) and not any("China (CN)" in q.question for q in nb.checklist)
    assert any("China (CN)" in q.question for q in en.checklist)
    review = next(f for f in nb.flags if f.rule_id == "CG-NO-REVIEW-001")
    assert "(48 måneder)" in review.message
    _, listed = reports["listed-partner-sensitive-area"]
    match = next(m for f in listed.flags for m in f.evidence.matches if m.list == "ca-nro")
    assert match.list_cite.startswith("på Canadas liste Named Research Organizations (utgave 2024-04-18)")
    assert "navnetreff" in next(f for f in listed.flags if f.rule_id == "CG-NO-PARTNER-001").message
    assert listed.summary.matches[0].identity == "samme navn; landet CN stemmer"
    assert "Norske sanksjonsforskrifter" in listed.coverage.lists_not_checked[0]


def test_area_names_are_norwegian_only_where_an_official_source_names_them(ruleset: RuleSet) -> None:
    proposal = Proposal.model_validate({"id": "x", "title": "Wing flutter of small aircraft", "activity": "research",
                                        "home_institution": {"name": "NTNU", "country": "NO"},
                                        "partners": [{"name": "Tsinghua University", "country": "CN"}],
                                        "export_control": {"codes": ["ML10.a"]}})
    nb = screen(proposal, ruleset, today=TODAY, lang="nb")
    en = screen(proposal, ruleset, today=TODAY)
    names_nb = {a.area_id: a.area_name for a in nb.areas}
    names_en = {a.area_id: a.area_name for a in en.areas}
    assert names_nb["eu-cml.ml10"] == "ML10 - Luftfartøyer" and names_en["eu-cml.ml10"].startswith("ML10 - Aircraft")
    # an area no Norwegian source names keeps its publisher's English name
    assert {k: v for k, v in names_nb.items() if k != "eu-cml.ml10"} == {k: v for k, v in names_en.items() if k != "eu-cml.ml10"}
    catalog = {a.id: a.name for a in ruleset.catalog.areas.values()}
    for area_id, name in area_names().names.items():
        assert area_id in catalog, area_id
        assert name.nb.split(" - ")[0] == catalog[area_id].split(" - ")[0], area_id  # the same category number
        assert not name.own and name.source in area_names().sources


def test_citations_point_to_the_norwegian_hkdir_pages(reports: dict[str, tuple[Report, Report]]) -> None:
    en, nb = reports["listed-partner-sensitive-area"]
    export_en = next(f for f in en.flags if f.rule_id == "CG-NO-EXPORT-004")
    export_nb = next(f for f in nb.flags if f.rule_id == "CG-NO-EXPORT-004")
    assert export_en.guideline.url.startswith("https://hkdir.no/en/")
    assert export_nb.guideline.url == export_en.guideline.url_nb
    assert export_nb.guideline.section == "Eksportkontroll, lisens og oppholdstillatelse"
    partner_nb = next(f for f in nb.flags if f.rule_id == "CG-NO-PARTNER-001")
    assert partner_nb.guideline.url.endswith("/internasjonalt-forsknings-og-innovasjonssamarbeid/partnerskap-pa-forskningsfeltet")
    assert export_nb.guideline.url in render_html(nb) and partner_nb.guideline.url in render_markdown(nb, details=True)


def test_lang_no_is_bokmal_in_every_format() -> None:
    path = str(EXAMPLES / "listed-partner-sensitive-area.yaml")
    for fmt in ("text", "markdown", "html", "json"):
        no = runner.invoke(app, ["screen", path, "--lang", "no", "--format", fmt])
        nb = runner.invoke(app, ["screen", path, "--lang", "nb", "--format", fmt])
        assert no.exit_code == nb.exit_code == 0, no.output
        assert re.sub(r"\d{4}-\d\d-\d\d", "", no.output) == re.sub(r"\d{4}-\d\d-\d\d", "", nb.output), fmt
    report = json.loads(no.output)
    assert report["language"] == "nb" and report["recommendation"] == "escalate"  # the JSON keeps its enums
    assert report["summary"]["recommendation_text"].startswith("Løft saken")


def test_an_answer_to_a_bokmal_question_id_closes_the_english_question(ruleset: RuleSet, tmp_path: Path) -> None:
    proposal = Proposal.model_validate({"id": "x", "title": "Sonar arrays for fish counting", "activity": "research",
                                        "home_institution": {"name": "University of Bergen", "country": "NO"},
                                        "partners": [{"name": "Ocean Lab"}], "duration_months": 12})
    nb = screen(proposal, ruleset, today=TODAY, lang="nb")
    en = screen(proposal, ruleset, today=TODAY)
    assert sorted(q.id for q in nb.checklist) == sorted(q.id for q in en.checklist)
    country = next(q for q in nb.checklist if q.question.startswith("I hvilket land ligger"))
    written = next(q for q in nb.checklist if q.target.get("field") == "agreement.written")
    answers = tmp_path / "answers.yaml"
    answers.write_text(yaml.safe_dump({"schema_version": 1, "reviewer": "K. Nordmann", "date": "2026-11-28", "answers": [
        {"id": written.id, "answer": "yes"}, {"id": country.id, "answer": "unsure", "note": "spør prosjektleder"}]}))
    closed = screen(proposal, ruleset, today=TODAY, answers=load_answers(answers))
    assert written.id not in {q.id for q in closed.checklist}
    assert {a.id for a in closed.answers} == {written.id, country.id}
    assert next(a for a in closed.answers if a.id == written.id).question.startswith("Is there a written")


def test_the_english_report_is_unchanged_by_the_texts_file(reports: dict[str, tuple[Report, Report]]) -> None:
    en, _ = reports["listed-partner-sensitive-area"]
    assert en.summary.recommendation_text == "Escalate to the research-security function"
    assert en.summary.headline.startswith("Escalate to the research-security function: CG-NO-PARTNER-001 (high): ")
    assert "; next, refer the case to the research-security function with this report" in en.summary.headline
    assert en.summary.matches[0].identity == "same name; country CN agrees"
    assert reason("country CN agrees", "en") == "country CN agrees"


def test_framework_titles_in_the_texts_file_are_the_packs_own(ruleset: RuleSet) -> None:
    for pack in ruleset.packs:
        key = f"framework_title.{pack.info.id}"
        if key in texts().texts:
            assert text(key, "en") == pack.info.title, pack.info.id


def test_every_list_with_a_citation_has_one_in_bokmal() -> None:
    data = yaml.safe_load((RULES / "lists" / "lists.yaml").read_text(encoding="utf-8"))
    for entry in data["lists"]:
        nb = entry["translations"]["nb"]
        for key in ("meaning", "cite", "cite_unrated"):
            assert (key in entry) == (key in nb), (entry["id"], key)
        assert ("{rating}" in entry.get("cite", "")) == ("{rating}" in nb.get("cite", "")), entry["id"]
    assert all(n["translations"]["nb"]["title"] for n in data["not_covered"])


def test_matcher_reasons_are_shown_in_bokmal_and_unknown_ones_stay_as_written() -> None:
    assert reason("country CN (read from the address) differs from the listed RU", "nb") == \
        "landet CN (lest fra adressen) avviker fra det listeførte RU"
    assert reason("no country given: identity cannot be confirmed", "nb") == "ikke oppgitt land: identiteten kan ikke bekreftes"
    assert reason("a reason nobody wrote a pattern for", "nb") == "a reason nobody wrote a pattern for"


def test_formats_hold_no_placeholder_left_unfilled(reports: dict[str, tuple[Report, Report]]) -> None:
    _, nb = reports["horizon-consortium"]
    names = {n for entry in texts().texts.values() for n in placeholders(entry.nb)}
    for view, shown in views(nb).items():
        left = [n for n in names if "{" + n + "}" in shown]
        assert not left, (view, left)


@pytest.mark.parametrize(("name", "budget"), [("listed-partner-sensitive-area", 80), ("horizon-consortium", 140)])
def test_a_bokmal_report_keeps_the_length_budget_of_the_english_one(reports: dict[str, tuple[Report, Report]], name: str,
                                                                     budget: int) -> None:
    _, nb = reports[name]
    buf = io.StringIO()
    render_terminal(nb, Console(file=buf, width=100, no_color=True, highlight=False))
    assert len(buf.getvalue().splitlines()) <= budget


# -- second reading (#14 item 7): wording, country names, the context section and the batch page -------

EXAMPLE_EXPORT = EXAMPLES / "publications" / "wos_tabdelimited_scientopy_4071.txt"


@pytest.mark.parametrize("name", sorted(p.stem for p in EXAMPLES.glob("*.yaml")))
def test_no_english_label_in_the_bokmal_report_of_any_example(ruleset: RuleSet, name: str) -> None:
    nb = screen(load_proposal(EXAMPLES / f"{name}.yaml"), ruleset, today=TODAY, lang="nb")
    shown = views(ours(nb))
    for view in ("text 120 details=True", "markdown details", "html"):
        assert not ENGLISH_WORDS.search(shown[view]), (name, view, ENGLISH_WORDS.search(shown[view]))
        # the fields an area's words were found in read as Norwegian ("i sammendraget"), never as field names
        assert not re.search(r"» i (title|abstract|keywords|export_control)\b", shown[view]), (name, view)


def test_countries_have_their_common_norwegian_short_names() -> None:
    from collabguard.countries import country_name
    from collabguard.reference.country_names import country_names

    common = {"RU": "Russland", "US": "USA", "CN": "Kina", "IR": "Iran", "GB": "Storbritannia", "KR": "Sør-Korea",
              "KP": "Nord-Korea", "TW": "Taiwan", "HK": "Hongkong", "BY": "Belarus", "PS": "Palestina",
              "CD": "Den demokratiske republikken Kongo", "TR": "Tyrkia", "NO": "Norge"}
    assert {code: country_name(code, "nb") for code in common} == common
    # English keeps pycountry's names; an unknown code stays a code
    assert (country_name("RU"), country_name("US"), country_name("ZZ", "nb")) == ("Russian Federation", "United States", "ZZ")
    data = country_names()
    assert data.version and data.source
    for code, name in data.countries_nb.items():  # each says where it was checked, or that it was not
        assert name.source is None or name.source in data.sources, code


def test_a_bokmal_report_names_russia_and_the_usa_by_their_short_names(ruleset: RuleSet) -> None:
    russian = screen(load_proposal(EXAMPLES / "russian-partner.yaml"), ruleset, today=TODAY, lang="nb")
    shown = render_markdown(russian, details=True)
    assert "Russland (RU)" in shown and "føderasjon" not in shown
    english = render_markdown(screen(load_proposal(EXAMPLES / "russian-partner.yaml"), ruleset, today=TODAY))
    assert "Russian Federation (RU)" in english


@pytest.mark.parametrize(("fmt", "heading", "english"), [
    ("text", "Samarbeidsbakgrunn (fra publikasjonseksporter; bakgrunnsinformasjon, ikke et funn etter reglene)",
     "Collaboration context (from publication exports; context, not a rule finding)"),
    ("markdown", "## Samarbeidsbakgrunn (publikasjonsdata; bakgrunnsinformasjon, ikke et funn etter reglene)",
     "## Collaboration context (publication data; context, not a rule finding)"),
    ("html", "<h2>Samarbeidsbakgrunn <span", "<h2>Collaboration context <span"),
])
def test_the_collaboration_context_is_in_bokmal(tmp_path: Path, fmt: str, heading: str, english: str) -> None:
    path = str(EXAMPLES / "listed-partner-sensitive-area.yaml")
    shown = {}
    for lang in ("en", "nb"):
        out = tmp_path / f"{lang}.{fmt}"
        result = runner.invoke(app, ["screen", path, "--lang", lang, "--publications", str(EXAMPLE_EXPORT), "-f", fmt,
                                     "-o", str(out)])
        assert result.exit_code in (0, 1), result.output
        shown[lang] = out.read_text(encoding="utf-8")
    nb, en = shown["nb"], shown["en"]
    assert heading in nb and english not in nb and english in en
    context = unescape(nb[nb.index("Samarbeidsbakgrunn"):])
    for after in ("Råd fra rammeverk som ikke gjelder", "## Versjoner"):  # what follows the section, if anything
        context = context.split(after)[0]
    context = re.sub(r"\S*/\S*", "", re.sub(r"<[^>]+>", "", context))  # not the markup, nor file paths ("/work/…")
    assert "Partnerland Kina (CN)" in context and "7,4 %" in context and "utvikling: for få publikasjoner" in context
    assert "ingen publikasjon har en adresse ved Norwegian University of Science and Technology" in context
    for english in (r"Partner (country|institution)", r"\bworks?\b", r"\btrend:", r"Data quality", r"no work has an address",
                    r"China \(CN\)", r"Co-publications", r"\bcountry\b", r"\bshare\b"):
        assert not re.search(english, context), (fmt, english)
    assert "Partner country China (CN)" in en and "7.4%" in en  # the English section is as it was
    if fmt == "html":  # the charts too (their words are drawn as paths: the page holds no chart text to read)
        assert nb.count("<svg") == en.count("<svg") == 2 and nb != en


def test_the_batch_summary_is_in_the_language_of_its_reports(tmp_path: Path) -> None:
    pages = {}
    for lang in ("en", "nb"):
        result = runner.invoke(app, ["batch", str(EXAMPLES / "batch.csv"), "--lang", lang, "-o", str(tmp_path / f"{lang}.csv"),
                                     "--report", str(tmp_path / f"{lang}.html"), "--quiet"])
        assert result.exit_code == 0, result.output
        pages[lang] = (tmp_path / f"{lang}.html").read_text(encoding="utf-8")
    nb, en = pages["nb"], pages["en"]
    assert '<html lang="nb">' in nb and "<h1>Samlet screening: " in nb and "<h2>Risikonivåer</h2>" in nb
    assert "<th>høy</th>" in nb and "Løft saken til den som har ansvar for forskningssikkerhet" in nb
    assert "<th>hvorfor (flagget eller det åpne spørsmålet som avgjør)</th>" in nb
    for english in ("Batch screening", "Risk levels", "Recommendations", "Proposals (", "Entities matched most often",
                    "<th>why", "<th>high</th>", "Escalate to"):
        assert english not in nb, english
        assert english in en, english  # the English page is as it was
    assert '<html lang="en">' in en


def test_more_matcher_reasons_read_in_bokmal() -> None:
    assert reason("no distinctive word pairs", "nb") == "ingen av de kjennetegnende ordene passer sammen"
    assert reason("short name: only the beginning of 'Shaanxi Aero Electric Co., Ltd.'", "nb") == \
        "kort navn: bare begynnelsen av 'Shaanxi Aero Electric Co., Ltd.'"
    assert reason("words pair up (abbreviation, exact, typo)", "nb") == "ordene passer sammen (forkortelse, eksakt, skrivefeil)"
    # the close-spelling stage goes on after the list of pairs ("…, similarity 97"): the pairs read in Bokmål too
    assert reason("close spelling: words pair up (exact, place adjective), similarity 97, with 'Alagir Resistor Factory'",
                  "nb") == "nesten lik stavemåte: ordene passer sammen (eksakt, stedsadjektiv), likhet 97, med 'Alagir Resistor Factory'"
    assert reason("similarity 80 below 85", "nb") == "likhet 80 under 85"
    assert reason("words pair up (abbreviation, exact, typo)", "en") == "words pair up (abbreviation, exact, typo)"


@pytest.mark.parametrize(("english", "bokmal"), [
    ("same name as 'Hebei University' via ROR alias 'Tianjin Business Institute' (https://ror.org/01p884a79, ROR release "
     "v1.50); ROR's aliases include former and informal names, which another body may use today: confirm",
     "samme navn som 'Hebei University' via ROR-alternativnavnet 'Tianjin Business Institute' (https://ror.org/01p884a79, "
     "ROR-utgave v1.50); ROR-alternativnavnene omfatter tidligere og uformelle navn, som en annen institusjon kan bruke i dag: bekreft"),
    ("the name says 'Beijing', which the listed name 'China University of Mining and Technology' does not: a university of "
     "that name in another city may be a separate institution: confirm",
     "navnet sier 'Beijing', noe det listeførte navnet 'China University of Mining and Technology' ikke gjør: et universitet "
     "med det navnet i en annen by kan være en egen institusjon: bekreft"),
])
def test_the_cautions_on_registry_names_and_places_are_in_bokmal(english: str, bokmal: str) -> None:
    assert reason(english, "nb") == bokmal
