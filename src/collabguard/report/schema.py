"""The published contracts, generated from the pydantic models: the report, the proposal and the
answers file (JSON Schema, ``schemas/*.schema.json``) and the HTTP API (OpenAPI, ``schemas/openapi.json``).
A test checks that each published file is current."""

from __future__ import annotations

import json
from typing import Any, Literal

from collabguard.models.report import SCHEMA_VERSION, Report

Contract = Literal["report", "proposal", "answers", "openapi"]
CONTRACTS: tuple[Contract, ...] = ("report", "proposal", "answers", "openapi")
FILES: dict[Contract, str] = {"report": "report.schema.json", "proposal": "proposal.schema.json",
                              "answers": "answers.schema.json", "openapi": "openapi.json"}


def _json_schema(model: Any, mode: Literal["validation", "serialization"], name: str) -> dict[str, Any]:
    schema: dict[str, Any] = model.model_json_schema(mode=mode)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = f"https://collabguard.org/schemas/{name}-{SCHEMA_VERSION}.json"
    return schema


def report_schema() -> dict[str, Any]:
    return _json_schema(Report, "serialization", "report")


def contract(kind: Contract) -> dict[str, Any]:
    """One published contract as a JSON-ready mapping."""
    if kind == "report":
        return report_schema()
    if kind == "proposal":
        from collabguard.models.proposal import Proposal

        return _json_schema(Proposal, "validation", "proposal")
    if kind == "answers":
        from collabguard.engine.answers import AnswerFile

        return _json_schema(AnswerFile, "validation", "answers")
    from collabguard.service.app import create_app

    return create_app().openapi()


def contract_text(kind: Contract = "report") -> str:
    return json.dumps(contract(kind), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def report_schema_text() -> str:
    return contract_text("report")
