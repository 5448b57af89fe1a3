"""The documented spreadsheet layout: one proposal per row, several values in a cell separated by ";".

| column | proposal field |
|---|---|
| id | id (defaults to the row number) |
| title, abstract | title, abstract |
| activity | activity (research, education, recruitment, visit, industry_contract) |
| keywords | keywords |
| home_institution, home_country | home_institution {name, country} |
| partners, partner_countries, partner_types | partners (countries and types aligned with partners; one value applies to all) |
| funders, funder_countries | funding (aligned like partners) |
| personnel_affiliations, personnel_affiliation_countries | one person per affiliation (aligned) |
| talent_programmes | one person per programme (their part on the project is not known: rules that need it ask) |
| export_control_codes | export_control.codes |
| personal_data, data_transfer_outside_eea, data_management_plan | data (yes / no / empty) |
| written_agreement, agreement_ipr, agreement_publication, agreement_termination | agreement (yes / no / empty) |
| travel | travel (countries) |
| duration_months, start_date | duration_months, start_date |
| frameworks | frameworks |
| advances_stra | strac.advances_stra (yes / no / empty): the applicant's STRAC determination |

Column names are matched case-insensitively (spaces and hyphens count as "_"); ``--columns
their_name=our_name`` maps other names. Cells are text: "NA" is Namibia, never a missing value.
"""

from __future__ import annotations

from typing import Any

from collabguard.errors import InputError

COLUMNS = (
    "id", "title", "abstract", "keywords", "home_institution", "home_country", "partners", "partner_countries",
    "partner_types", "funders", "funder_countries", "personnel_affiliations", "personnel_affiliation_countries",
    "talent_programmes", "export_control_codes", "personal_data", "data_transfer_outside_eea",
    "data_management_plan", "written_agreement", "agreement_ipr", "agreement_publication", "agreement_termination",
    "travel", "duration_months", "start_date", "frameworks", "activity", "advances_stra",
)
YES = {"yes", "y", "true", "1", "ja", "x"}
NO = {"no", "n", "false", "0", "nei"}


def key(name: str) -> str:
    return "_".join(name.strip().lower().replace("-", " ").split())


def parse_mapping(pairs: list[str]) -> dict[str, str]:
    """``--columns "Project title=title"`` → {"project_title": "title"}."""
    out: dict[str, str] = {}
    for pair in pairs:
        theirs, sep, ours = pair.partition("=")
        if not sep or key(ours) not in COLUMNS:
            raise InputError(f"--columns {pair!r}: expected THEIR_COLUMN=OUR_COLUMN, with OUR_COLUMN one of: {', '.join(COLUMNS)}")
        out[key(theirs)] = key(ours)
    return out


def _split(cell: str) -> list[str]:
    return [part.strip() for part in cell.split(";") if part.strip()]


def _lost_characters(name: str) -> bool:
    """A name whose letters were lost when the file was saved: runs of "?" (a spreadsheet saving
    Chinese, Cyrillic or Persian text as Windows-1252) or U+FFFD (bytes that were not text)."""
    return "\ufffd" in name or "??" in name


def _names(cell: str, column: str) -> list[str]:
    """The names in a cell; a name with lost characters makes the row an error (it would be screened
    as an unknown name and come out harmless)."""
    names = _split(cell)
    for name in names:
        if _lost_characters(name):
            raise ValueError(f"{column}: {name!r} has lost its characters (the file was saved in an encoding that "
                             "cannot hold them): save it as 'CSV UTF-8' and run again")
    return names


def _aligned(values: list[str], other: str, what: str) -> list[str | None]:
    extra = _split(other)
    if not extra:
        return [None] * len(values)
    if len(extra) == 1:
        return [extra[0]] * len(values)
    if len(extra) != len(values):
        raise ValueError(f"{what}: {len(extra)} values for {len(values)} names (give one, or one per name)")
    return list(extra)


def _yes_no(cell: str, column: str) -> bool | None:
    value = cell.strip().lower()
    if not value:
        return None
    if value in YES:
        return True
    if value in NO:
        return False
    raise ValueError(f"{column}: {cell!r} is not yes or no")


def row_to_proposal(cells: dict[str, str], row_number: int) -> dict[str, Any]:
    """Plain proposal data from one row (validated afterwards by the Proposal model)."""
    get = lambda name: (cells.get(name) or "").strip()  # noqa: E731 - a local shorthand
    data: dict[str, Any] = {"id": get("id") or f"row-{row_number}", "title": get("title")}
    if get("abstract"):
        data["abstract"] = get("abstract")
    if get("keywords"):
        data["keywords"] = _split(get("keywords"))
    _names(get("home_institution"), "home_institution")
    if get("home_institution") or get("home_country"):
        data["home_institution"] = {"name": get("home_institution") or "(not given)", "country": get("home_country") or None}
    partners = _names(get("partners"), "partners")
    if partners:
        countries = _aligned(partners, get("partner_countries"), "partner_countries")
        types = _aligned(partners, get("partner_types"), "partner_types")
        data["partners"] = [{"name": n, "country": c, "type": t} for n, c, t in zip(partners, countries, types, strict=True)]
    funders = _names(get("funders"), "funders")
    if funders:
        countries = _aligned(funders, get("funder_countries"), "funder_countries")
        data["funding"] = [{"funder": n, "country": c} for n, c in zip(funders, countries, strict=True)]
    people: list[dict[str, Any]] = []
    affiliations = _names(get("personnel_affiliations"), "personnel_affiliations")
    if affiliations:
        countries = _aligned(affiliations, get("personnel_affiliation_countries"), "personnel_affiliation_countries")
        people += [{"affiliations": [{"name": n, "country": c}]} for n, c in zip(affiliations, countries, strict=True)]
    # a spreadsheet does not say who holds a programme: rules that turn on the person's part ask
    people += [{"talent_programmes": [p]} for p in _names(get("talent_programmes"), "talent_programmes")]
    if people:
        data["personnel"] = people
    if get("export_control_codes"):
        data["export_control"] = {"codes": _split(get("export_control_codes"))}
    data_block = {field: _yes_no(get(column), column) for field, column in (
        ("personal_data", "personal_data"), ("transfer_outside_eea", "data_transfer_outside_eea"),
        ("data_management_plan", "data_management_plan"))}
    data["data"] = {k: v for k, v in data_block.items() if v is not None}
    agreement = {field: _yes_no(get(column), column) for field, column in (
        ("written", "written_agreement"), ("ipr", "agreement_ipr"), ("publication", "agreement_publication"),
        ("termination", "agreement_termination"))}
    data["agreement"] = {k: v for k, v in agreement.items() if v is not None}
    if get("travel"):
        data["travel"] = _split(get("travel"))
    if get("duration_months"):
        data["duration_months"] = get("duration_months")
    if get("start_date"):
        data["start_date"] = get("start_date")
    if get("frameworks"):
        data["frameworks"] = _split(get("frameworks"))
    if get("activity"):
        data["activity"] = get("activity").strip().lower()
    advances = _yes_no(get("advances_stra"), "advances_stra")
    if advances is not None:
        data["strac"] = {"advances_stra": advances}
    return data
