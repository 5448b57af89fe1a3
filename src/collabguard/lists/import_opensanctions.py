"""OpenSanctions' ``targets.simple.csv`` (``--format opensanctions``; layout in OpenSanctions'
exporter ``zavod/exporters/simplecsv.py``: id, schema, name, aliases, birth_date, countries,
addresses, identifiers, sanctions, phones, emails, program_ids, dataset, first_seen, last_seen,
last_change; the ``targets.simple-02.csv`` variant adds ``topics``).

One row per listed entity. Multi-value cells are joined with ``;``, a value holding ``;`` or ``"``
quoted CSV-style. Countries are FollowTheMoney codes: a territory (``ua-cri``) counts as its country,
a former state (``suhh``) as unknown. Organisations (Organization, Company, PublicBody, and a
LegalEntity without person evidence) become entries; persons (Person, a LegalEntity with a birth
date or a ``role.`` topic) and things (vessels, aircraft) are left out, as they always were for this
format. ``--dataset`` filters on the ``dataset`` column, which holds dataset *titles*; ``--topic``
needs a ``topics`` column (the plain ``targets.simple.csv`` has none).
"""

from __future__ import annotations

from collabguard.errors import InputError
from collabguard.lists.csv_records import CsvRecords
from collabguard.lists.entity_filter import EntityFilter
from collabguard.lists.followthemoney import countries, has_person_evidence, iso_date, kind_of, split_cell
from collabguard.lists.rows import make_row


def import_opensanctions(text: str, prefix: str, filters: EntityFilter | None = None) -> list[dict[str, str]]:
    filters = filters if filters is not None else EntityFilter()
    reader = CsvRecords(text)
    has_topics = "topics" in reader.fieldnames
    if filters.given("topic") and not has_topics:
        raise InputError("--topic: this targets.simple.csv has no topics column, so it cannot be filtered by topic; "
                         "download entities.ftm.json and import it with --format ftm-json")
    out = []
    for rec in reader:
        schema = (rec.get("schema") or "").strip()
        topics = split_cell(rec.get("topics")) if has_topics else []
        if not filters.admits(split_cell(rec.get("dataset")), topics, schema):
            continue
        name = (rec.get("name") or "").strip()
        evidence = bool((rec.get("birth_date") or "").strip()) or has_person_evidence({}, topics)
        if kind_of(schema, evidence) != "organisation" or not name:
            continue
        found = countries(split_cell(rec.get("countries")))
        ident = rec.get("id") or name
        out.append(make_row(prefix, ident, name, split_cell(rec.get("aliases")), found[0] if found else "",
                            "; ".join(split_cell(rec.get("dataset"))) or "OpenSanctions", (rec.get("program_ids") or "").strip(),
                            f"https://www.opensanctions.org/entities/{ident}/",
                            iso_date(rec.get("last_change") or rec.get("last_seen")), countries=found,
                            addresses=split_cell(rec.get("addresses"))))
    filters.check_known("")
    return out
