"""`collabguard serve`: every use case of :class:`~collabguard.Screener` over HTTP.

Routes (each a thin shell: parse, one call on the screener, render):

| route | use case |
|---|---|
| ``POST /v1/screen`` | screen a proposal (the proposal alone, or ``{"proposal", "answers", "publications", "options"}``); ``?format=html`` or ``markdown`` for the readable report |
| ``POST /v1/screen/batch`` | screen at most ``COLLABGUARD_MAX_BATCH`` proposals: one result each, in order |
| ``POST /v1/rescreen`` | stored reports against today's lists: the new matches |
| ``POST /v1/match`` | names against the lists |
| ``POST /v1/areas`` | the sensitive technology areas a text touches |
| ``POST /v1/stats`` | co-publication figures from publication exports |
| ``GET /v1/rules``, ``GET /v1/lists`` | the rule packs and lists in use |
| ``GET /healthz`` | liveness, without a token |

The OpenAPI document (``/openapi.json``) is typed end to end; ``/docs`` serves Swagger UI from an
installed package (no CDN). When ``COLLABGUARD_API_TOKEN`` is set, every ``/v1`` route needs
``Authorization: Bearer <token>`` (compared in constant time); the documentation pages are public and
take the token through their *Authorize* button. Bodies over ``COLLABGUARD_MAX_BODY`` bytes are
refused (413). Errors are ``{"error": "one line"}``: 401, 413, 422 (names the field), 500 (never a
stack trace).
"""

from __future__ import annotations

import gc
import hmac
import json
import os
from enum import Enum
from typing import Any

from fastapi import Depends, FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.security import HTTPBearer
from pydantic import ValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import Response

from collabguard.errors import CollabguardError
from collabguard.io.pydantic_errors import error_message, field_path
from collabguard.limits import DEFAULTS, limit
from collabguard.models.collaboration import CollaborationStats
from collabguard.models.report import Report
from collabguard.models.usecases import (
    AreasRequest,
    AreasResult,
    BatchResults,
    ErrorBody,
    ListsInfo,
    MatchRequest,
    MatchResults,
    RescreenRequest,
    RescreenResults,
    RulesInfo,
    ScreenRequest,
    StatsRequest,
)
from collabguard.screener import Screener
from collabguard.service.openapi import install as install_openapi
from collabguard.service.openapi import proposal_body_schema
from collabguard.version import __version__

MAX_BATCH = DEFAULTS["batch_requests"][1]
PUBLIC = ("/healthz", "/docs", "/openapi.json", "/docs/oauth2-redirect", "/docs-assets/")


class ReportFormat(str, Enum):
    json = "json"
    html = "html"
    markdown = "markdown"


def _errors(*codes: int) -> dict[int | str, dict[str, Any]]:
    text = {401: "missing or wrong API token", 413: "request body or batch too large",
            422: "the input is not valid: the message names the field", 500: "internal error (a bug)"}
    return {c: {"model": ErrorBody, "description": text[c]} for c in codes}


ERRORS = _errors(401, 413, 422, 500)


class Limits:
    """Token and body-size checks before any work is done (a plain ASGI middleware: the body is read
    chunk by chunk, stopped at the limit, and handed on to the endpoint)."""

    def __init__(self, app: Any, max_body: int, token: str | None) -> None:
        self.app = app
        self.max_body = max_body
        self.expected = f"Bearer {token}".encode() if token else None

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        path = scope.get("path", "")
        if self.expected is not None and not (path in PUBLIC or path.startswith("/docs-assets/")):
            if not hmac.compare_digest(headers.get(b"authorization", b""), self.expected):
                await JSONResponse({"error": "missing or wrong API token"}, status_code=401)(scope, receive, send)
                return
        too_big = JSONResponse({"error": f"request body larger than {self.max_body} bytes"}, status_code=413)
        length = headers.get(b"content-length", b"")
        if length.isdigit() and int(length) > self.max_body:
            await too_big(scope, receive, send)
            return
        body = bytearray()
        while True:  # a chunked upload has no length: stop reading at the limit
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            body += message.get("body", b"")
            if len(body) > self.max_body:
                await too_big(scope, receive, send)
                return
            if not message.get("more_body", False):
                break
        sent = False

        async def replay() -> dict[str, Any]:
            nonlocal sent
            if not sent:
                sent = True
                return {"type": "http.request", "body": bytes(body), "more_body": False}
            return await receive()

        await self.app(scope, replay, send)


async def _json_body(request: Request) -> Any:
    raw = await request.body()
    try:
        return json.loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise CollabguardError(f"the body is not valid JSON ({exc}); send a JSON object with content-type "
                               "application/json") from None
    except (RecursionError, ValueError) as exc:  # nested too deep, or a number too long to read
        raise CollabguardError(f"the body cannot be read as JSON ({type(exc).__name__})") from None


def _render(report: Report, fmt: ReportFormat) -> Response:
    if fmt is ReportFormat.html:
        from collabguard.report.html import render_html

        return HTMLResponse(render_html(report))
    if fmt is ReportFormat.markdown:
        from collabguard.report.markdown import render_markdown

        return Response(render_markdown(report), media_type="text/markdown; charset=utf-8")
    # the report is already a validated model: serialise it once (pydantic-core)
    return Response(report.model_dump_json(), media_type="application/json")


def create_app(screener: Screener | None = None, token: str | None = None, max_body: int | None = None) -> FastAPI:
    if screener is None:
        screener = Screener.from_defaults()
    else:
        screener.warm()
    token = token if token is not None else os.environ.get("COLLABGUARD_API_TOKEN") or None
    if max_body is None:
        max_body = limit("body_bytes")
    max_batch = limit("batch_requests")
    app = FastAPI(title="collabguard", version=__version__, docs_url=None, redoc_url=None,
                  description="Screen international research collaborations against research-security guidelines and "
                              "sensitivity lists. Every route is one use case of the Python API (collabguard.Screener).")
    app.add_middleware(Limits, max_body=max_body, token=token)
    bearer = HTTPBearer(auto_error=False, description="the API token (COLLABGUARD_API_TOKEN), when the service sets one")
    secured = [Depends(bearer)]  # documents the scheme; the check itself is the middleware's, before the body is read
    _docs(app)
    install_openapi(app, lists=sorted(screener.ruleset.lists.lists), taxonomies=list(screener.ruleset.catalog.taxonomies))

    @app.exception_handler(CollabguardError)
    async def _input_error(_: Request, exc: CollabguardError) -> JSONResponse:
        return JSONResponse({"error": str(exc)}, status_code=422)

    @app.exception_handler(RequestValidationError)
    async def _validation(_: Request, exc: RequestValidationError) -> JSONResponse:
        first = exc.errors()[0]
        if first.get("type") == "json_invalid":
            return JSONResponse({"error": f"the body is not valid JSON ({first.get('ctx', {}).get('error', 'syntax error')})"},
                                status_code=422)
        where = ".".join(str(p) for p in first.get("loc", ()) if p != "body")
        return JSONResponse({"error": f"{where or 'body'}: {first.get('msg')} (send a JSON object with content-type "
                                      "application/json)"}, status_code=422)

    @app.exception_handler(StarletteHTTPException)
    async def _http(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        if exc.status_code == 400:  # a body FastAPI could not parse (not UTF-8, not JSON): an input error like the others
            return JSONResponse({"error": "the body is not valid JSON (send UTF-8 JSON with content-type application/json)"},
                                status_code=422)
        return JSONResponse({"error": str(exc.detail)}, status_code=exc.status_code, headers=exc.headers)

    @app.exception_handler(Exception)
    async def _internal(_: Request, exc: Exception) -> JSONResponse:
        return JSONResponse({"error": f"internal error ({type(exc).__name__}); please report it"}, status_code=500)

    @app.get("/healthz", tags=["service"], summary="Liveness and version (no token needed)")
    def healthz() -> dict[str, str]:
        return {"status": "ok", "version": __version__}

    @app.post("/v1/screen", tags=["screening"], summary="Screen a proposal (optionally with answers and publications)", dependencies=secured, response_model=Report,
              responses={**ERRORS, 200: {"content": {"text/html": {"schema": {"type": "string"}},
                                                     "text/markdown": {"schema": {"type": "string"}}},
                                         "description": "the report: JSON, or HTML / Markdown with ?format="}},
              openapi_extra={"requestBody": proposal_body_schema()})
    async def screen_one(request: Request,
                         format: ReportFormat = Query(ReportFormat.json, description="json, html or markdown")) -> Response:
        """Screen one proposal. The body is the proposal itself, or an envelope that also carries
        answers to an earlier report's checklist (closing the case), publication exports and options."""
        body = await _json_body(request)
        if isinstance(body, dict) and isinstance(body.get("proposal"), dict):
            try:
                envelope = ScreenRequest.model_validate(body)
            except ValidationError as exc:  # one line naming the field, as for every other input error
                first = exc.errors()[0]
                raise CollabguardError(f"{field_path(tuple(first['loc']))}: {error_message(first)}") from None
            report = screener.screen(envelope.proposal, answers=envelope.answers, publications=envelope.publications,
                                     redact=envelope.options.redact, lang=envelope.options.lang, today=envelope.options.today)
        elif isinstance(body, dict):
            report = screener.screen(body)
        else:
            raise CollabguardError("the body must be a JSON object: a proposal, or {\"proposal\": {...}, ...}")
        return _render(report, format)

    @app.post("/v1/screen/batch", tags=["screening"], summary="Screen several proposals", dependencies=secured, response_model=BatchResults, responses=ERRORS)
    def screen_batch(proposals: list[dict[str, Any]]) -> Response:
        """Screen several proposals: one result per proposal, in order; a bad one gets an error result."""
        if len(proposals) > max_batch:
            return JSONResponse({"error": f"too many proposals in one batch: {len(proposals)} (limit {max_batch}, "
                                          "COLLABGUARD_MAX_BATCH)"}, status_code=413)
        results = BatchResults(results=list(screener.screen_many(proposals)))
        return Response(results.model_dump_json(), media_type="application/json")

    @app.post("/v1/rescreen", tags=["monitoring"], summary="Stored reports against today's lists", dependencies=secured, response_model=RescreenResults, responses=ERRORS)
    def rescreen(body: RescreenRequest) -> RescreenResults:
        """Stored reports against today's lists: which approved partnerships are newly listed?"""
        return RescreenResults(results=screener.rescreen(body.reports))

    @app.post("/v1/match", tags=["parts"], summary="Match names against the lists", dependencies=secured, response_model=MatchResults, responses=ERRORS)
    def match(body: MatchRequest) -> MatchResults:
        """Names (with their countries) against the lists: per name the strongest candidate and every list's result."""
        return MatchResults(results=screener.match_names(body.names, body.lists, kind=body.kind))

    @app.post("/v1/areas", tags=["parts"], summary="Sensitive technology areas in a text", dependencies=secured, response_model=AreasResult, responses=ERRORS)
    def areas(body: AreasRequest) -> AreasResult:
        """The sensitive technology areas a text touches, with the words and positions that made them."""
        return screener.find_areas(body.text, taxonomies=body.taxonomies)

    @app.post("/v1/stats", tags=["parts"], summary="Co-publication figures from publication exports", dependencies=secured, response_model=CollaborationStats, responses=ERRORS)
    def stats(body: StatsRequest) -> CollaborationStats:
        """Co-publication figures from publication exports (WoS, Scopus, OpenAlex, CSV), given by content."""
        return screener.statistics(body.publications, body.stats_options(), listed=body.listed)

    @app.get("/v1/rules", tags=["reference"], summary="The rule packs in use", dependencies=secured, response_model=RulesInfo, responses=_errors(401, 500))
    def rules() -> RulesInfo:
        return screener.rules_info()

    @app.get("/v1/lists", tags=["reference"], summary="The sensitivity lists in use", dependencies=secured, response_model=ListsInfo, responses=_errors(401, 500))
    def lists() -> ListsInfo:
        return screener.lists_info()

    return app


def _docs(app: FastAPI) -> None:
    """Swagger UI from the installed ``fastapi_offline`` package: the docs work with no network."""
    from pathlib import Path

    import fastapi_offline
    from fastapi.openapi.docs import get_swagger_ui_html
    from fastapi.staticfiles import StaticFiles

    app.mount("/docs-assets", StaticFiles(directory=Path(fastapi_offline.__file__).parent / "static"), name="docs-assets")

    @app.get("/docs", include_in_schema=False)
    def docs(request: Request) -> HTMLResponse:
        root = request.scope.get("root_path", "")
        return get_swagger_ui_html(openapi_url=f"{root}/openapi.json", title="collabguard API",
                                   swagger_js_url=f"{root}/docs-assets/swagger-ui-bundle.js",
                                   swagger_css_url=f"{root}/docs-assets/swagger-ui.css",
                                   swagger_favicon_url=f"{root}/docs-assets/favicon.png")


def app_from_env() -> FastAPI:
    """The app for ``serve --workers N`` (uvicorn imports it in every worker process): rules,
    decisions and policy come from COLLABGUARD_RULES, COLLABGUARD_DECISIONS and COLLABGUARD_POLICY."""
    app = create_app(Screener(os.environ.get("COLLABGUARD_RULES") or None, os.environ.get("COLLABGUARD_DECISIONS") or None,
                              os.environ.get("COLLABGUARD_POLICY") or None))
    # (a worker process of its own) the rules, lists and app live as long as it: out of the
    # garbage collector's full scans, which would walk them again at every one (~10% of a screening)
    gc.freeze()
    return app
