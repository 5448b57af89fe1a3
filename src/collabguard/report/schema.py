"""The JSON Schema of the report, generated from the pydantic models (``schemas/report.schema.json``)."""

from __future__ import annotations

import json

from collabguard.models.report import SCHEMA_VERSION, Report


def report_schema() -> dict[str, object]:
    schema = Report.model_json_schema(mode="serialization")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = f"https://collabguard.org/schemas/report-{SCHEMA_VERSION}.json"
    return schema


def report_schema_text() -> str:
    return json.dumps(report_schema(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
