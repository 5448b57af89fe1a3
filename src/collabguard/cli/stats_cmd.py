"""`collabguard stats EXPORT...`: co-publication figures from Web of Science, Scopus, OpenAlex or CSV exports."""

from __future__ import annotations

from enum import Enum
from pathlib import Path

import typer

from collabguard.cli.common import fail, handle_errors, write_output


class StatsFormat(str, Enum):
    text = "text"
    json = "json"
    csv = "csv"


def parse_columns(spec: str | None) -> dict[str, str] | None:
    """``Land=countries,Årstall=year`` (THEIRS=ours, as for ``batch --columns``) → {"countries": "Land",
    "year": "Årstall"}. The other direction (``countries=Land``, as earlier releases documented) is
    still read: the side that names one of our columns is ours."""
    if not spec:
        return None
    from collabguard.bibliometrics.plain_csv import COLUMNS

    mapping = {}
    for part in spec.split(","):
        theirs, sep, ours = (p.strip() for p in part.partition("="))
        if sep and theirs in COLUMNS and ours not in COLUMNS:
            theirs, ours = ours, theirs
        if not sep or ours not in COLUMNS or not theirs:
            fail(f"--columns: {part!r} should be YOUR_HEADER=NAME with NAME one of {', '.join(COLUMNS)}")
        mapping[ours] = theirs
    return mapping


@handle_errors
def stats(
    exports: list[Path] = typer.Argument(..., help="Export files; the format is read from the content."),
    home: str | None = typer.Option(None, "--home", help="Your institution: shares become ÷ its international works."),
    partner: list[str] = typer.Option([], "--partner", help="Partner institution to count co-publications with. Repeatable."),
    country: list[str] = typer.Option([], "--country", help="Partner country (ISO code or name): by year, trend, fields. Repeatable."),
    year_from: int | None = typer.Option(None, "--from", help="First publication year counted."),
    year_to: int | None = typer.Option(None, "--to", help="Last publication year counted."),
    all_types: bool = typer.Option(False, "--all-types", help="Count every document type (default: Article and Review)."),
    max_countries: int = typer.Option(25, "--max-countries", min=1, help="Leave out works with more countries."),
    bilateral: bool = typer.Option(False, "--bilateral", help="Only works with exactly two countries."),
    fractional: bool = typer.Option(False, "--fractional", help="Also give fractional counts."),
    greater_china: bool = typer.Option(False, "--group-hk-mo", help="Count Hong Kong and Macau as China (never Taiwan)."),
    columns: str | None = typer.Option(None, "--columns", help="Plain CSV column mapping, THEIRS=ours as for batch, e.g. Land=countries,Årstall=year."),
    fmt: StatsFormat = typer.Option(StatsFormat.text, "--format", "-f"),
    output: Path | None = typer.Option(None, "--output", "-o", help="Write here instead of standard output."),
    listed: bool = typer.Option(False, "--listed", help="Also count co-publications with organisations on the sensitivity lists (match decisions only)."),
    rules: Path | None = typer.Option(None, "--rules", help="Rules folder whose lists --listed uses (default: the shipped rules)."),
    chart: Path | None = typer.Option(None, "--chart", help="Also draw a chart to FILE.png or FILE.svg (by year with the partners, else top countries)."),
) -> None:
    """How much do we publish with a partner country or institution, in which fields, and is it growing?"""
    from collabguard.bibliometrics.indicators import StatsOptions
    from collabguard.countries import country_code
    from collabguard.screener import Screener

    codes = []
    for name in country:
        code = country_code(name)
        if code is None:
            fail(f"--country: {name!r} is not a country name or ISO code")
        codes.append(code)
    options = StatsOptions(home=home, partners=tuple(partner), countries=tuple(dict.fromkeys(codes)), year_from=year_from, year_to=year_to,
                           doc_types=None if all_types else ("article", "review"), max_countries=max_countries,
                           bilateral_only=bilateral, fractional=fractional, group_greater_china=greater_china)
    result = Screener(rules).statistics(exports, options, listed=listed, columns=parse_columns(columns))
    if fmt is StatsFormat.json:
        text = result.model_dump_json(indent=2) + "\n"
    elif fmt is StatsFormat.csv:
        from collabguard.report.stats_text import render_stats_csv

        text = render_stats_csv(result)
    else:
        from collabguard.report.stats_text import render_stats_text

        text = render_stats_text(result)
    write_output(text, output)
    if chart is not None:
        from collabguard.report.charts import write_chart

        write_chart(result, chart)
