"""The OpenAPI document's parts FastAPI cannot derive. The routes read their bodies themselves (off
the event loop, refusing a key given twice: :mod:`collabguard.service.body`), so the request bodies
are described here from the same models they are validated with; the screening body (a proposal,
or an envelope around one) is read by collabguard's own loader."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from pydantic import BaseModel
from pydantic.json_schema import models_json_schema

REF = "#/components/schemas/{model}"


def proposal_body_schema() -> dict[str, Any]:
    return {"required": True, "description": "a proposal, or an envelope with answers, publications and options",
            "content": {"application/json": {"schema": {"anyOf": [
                {"$ref": REF.format(model="ScreenRequest")}, {"$ref": REF.format(model="Proposal")}]}}}}


# the models the routes validate their bodies with, described under their own names
REQUEST_MODELS = ("ScreenRequest", "MatchRequest", "AreasRequest", "RescreenRequest", "StatsRequest")
BATCH_BODY: dict[str, Any] = {"required": True, "content": {"application/json": {"schema": {
    "items": {"additionalProperties": True, "type": "object"}, "title": "Proposals", "type": "array"}}}}


def model_body(model: str) -> dict[str, Any]:
    return {"required": True, "content": {"application/json": {"schema": {"$ref": REF.format(model=model)}}}}


def install(app: FastAPI, lists: list[str], taxonomies: list[str]) -> None:
    """Add the request bodies' schemas (with the models they use) to the document, and
    the ids of the lists and taxonomies this service has loaded as enumerations."""
    from collabguard.models import usecases
    from collabguard.models.proposal import Proposal

    build = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is not None:
            return app.openapi_schema
        doc = build()
        models: list[type[BaseModel]] = [Proposal, *(getattr(usecases, name) for name in REQUEST_MODELS)]
        _, defs = models_json_schema([(m, "validation") for m in models], ref_template=REF)
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
