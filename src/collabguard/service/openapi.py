"""The OpenAPI document's parts FastAPI cannot derive: the screening body (a proposal, or an envelope
around one) is read by collabguard's own loader, so its schema is added here from the same models."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from pydantic.json_schema import models_json_schema

REF = "#/components/schemas/{model}"


def proposal_body_schema() -> dict[str, Any]:
    return {"required": True, "description": "a proposal, or an envelope with answers, publications and options",
            "content": {"application/json": {"schema": {"anyOf": [
                {"$ref": REF.format(model="ScreenRequest")}, {"$ref": REF.format(model="Proposal")}]}}}}


def install(app: FastAPI, lists: list[str], taxonomies: list[str]) -> None:
    """Add the Proposal and ScreenRequest schemas (with the models they use) to the document, and
    the ids of the lists and taxonomies this service has loaded as enumerations."""
    from collabguard.models.proposal import Proposal
    from collabguard.models.usecases import ScreenRequest

    build = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is not None:
            return app.openapi_schema
        doc = build()
        _, defs = models_json_schema([(Proposal, "validation"), (ScreenRequest, "validation")], ref_template=REF)
        schemas = doc.setdefault("components", {}).setdefault("schemas", {})
        for name, schema in defs.get("$defs", {}).items():
            schemas.setdefault(name, schema)
        # the envelope's proposal is a proposal (read by collabguard's loader, whose errors name the field)
        schemas["ScreenRequest"]["properties"]["proposal"] = {"$ref": REF.format(model="Proposal"),
                                                              "description": "the proposal to screen"}
        schemas["MatchRequest"]["properties"]["lists"]["items"] = {"type": "string", "enum": lists}
        schemas["AreasRequest"]["properties"]["taxonomies"]["items"] = {"type": "string", "enum": taxonomies}
        app.openapi_schema = doc
        return doc

    app.openapi = openapi  # type: ignore[method-assign]
