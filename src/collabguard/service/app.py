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
take the token through their *Authorize* button. Only requests whose Host header names an allowed host
are answered (400 otherwise: :mod:`collabguard.service.hosts`). Bodies over ``COLLABGUARD_MAX_BODY``
bytes are refused (413), bodies that arrive too slowly too (408: :mod:`collabguard.service.intake`).
Bodies are read as JSON (a key given twice is refused) and screened off the event loop, a bounded
number at a time (503 with Retry-After when busy: :mod:`collabguard.service.workers`); /healthz
never waits behind them. Errors are ``{"error": "one line"}``: 400, 401, 408, 413, 422 (names the
field), 500 (never a stack trace), 503.
"""

from __future__ import annotations

import gc
import os
import time
from collections.abc import Callable
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fastapi import Depends, FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.security import HTTPBearer
from pydantic import BaseModel, TypeAdapter
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import Response

from collabguard.errors import CollabguardError
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
    ScreenResult,
    StatsRequest,
)
from collabguard.screener import Screener
from collabguard.service.body import as_model, as_type, json_body
from collabguard.service.hosts import AllowedHosts
from collabguard.service.intake import Intake
from collabguard.service.openapi import BATCH_BODY, model_body, proposal_body_schema
from collabguard.service.openapi import install as install_openapi
from collabguard.service.settings import ServiceSettings
from collabguard.service.settings import allowed_hosts as hosts_in_force
from collabguard.service.workers import Busy, Job, Workers
from collabguard.version import __version__

if TYPE_CHECKING:
    from collabguard.cases.register import CaseRegister

MAX_BATCH = DEFAULTS["batch_requests"][1]
PROPOSALS: TypeAdapter[list[dict[str, Any]]] = TypeAdapter(list[dict[str, Any]])


class ReportFormat(str, Enum):
    json = "json"
    html = "html"
    markdown = "markdown"


def _errors(*codes: int) -> dict[int | str, dict[str, Any]]:
    text = {400: "the Host header names a host this service does not answer to (COLLABGUARD_ALLOWED_HOSTS)",
            401: "missing or wrong API token", 408: "the request body did not arrive in time (COLLABGUARD_BODY_SECONDS)",
            413: "request body or batch too large",
            422: "the input is not valid: the message names the field", 500: "internal error (a bug)",
            503: "busy: every screening slot stayed taken while the request waited (COLLABGUARD_QUEUE_SECONDS), or its "
                 "work ran past the time budget (COLLABGUARD_REQUEST_SECONDS); the Retry-After header says when to try again"}
    out: dict[int | str, dict[str, Any]] = {c: {"model": ErrorBody, "description": text[c]} for c in codes}
    if 503 in codes:
        out[503]["headers"] = {"Retry-After": {"description": "seconds to wait before trying again",
                                               "schema": {"type": "integer"}}}
    return out


ERRORS = _errors(400, 401, 408, 413, 422, 500, 503)  # the routes that read a body and do work


def _render(report: Report, fmt: ReportFormat) -> Response:
    if fmt is ReportFormat.html:
        from collabguard.report.html import render_html

        return HTMLResponse(render_html(report))
    if fmt is ReportFormat.markdown:
        from collabguard.report.markdown import render_markdown

        return Response(render_markdown(report), media_type="text/markdown; charset=utf-8")
    # the report is already a validated model: serialise it once (pydantic-core)
    return Response(report.model_dump_json(), media_type="application/json")


def _screen_batch(screener: Screener, proposals: list[dict[str, Any]], job: Job) -> BatchResults:
    """One result per proposal, in order. A proposal is not started when the slowest one so far would
    not finish within the request's time budget: it and the rest get an error result saying so."""
    results: list[ScreenResult] = []
    slowest = 0.0
    screened = screener.screen_many(proposals)
    for _ in proposals:
        began = time.monotonic()
        if began + slowest > job.deadline:
            break
        results.append(next(screened))
        slowest = max(slowest, time.monotonic() - began)
    late = (f"not screened: the request's time budget of {job.seconds:g} s (COLLABGUARD_REQUEST_SECONDS) ran out; "
            "send this proposal again")
    results += [ScreenResult(index=i, status="error", error=late) for i in range(len(results), len(proposals))]
    return BatchResults(results=results)


def create_app(screener: Screener | None = None, token: str | None = None, max_body: int | None = None,
               allowed_hosts: list[str] | None = None, register: CaseRegister | None = None,
               home: Path | None = None) -> FastAPI:
    """The service. ``allowed_hosts``: the host names it answers to (default: COLLABGUARD_ALLOWED_HOSTS, or
    localhost, 127.0.0.1 and ::1); the other settings come from the environment (:mod:`collabguard.service.settings`).
    ``register``: the case register the workbench's pages work on (no pages without one); ``home``: the
    register's folder, where the workbench keeps its session key."""
    if screener is None:
        screener = Screener.from_defaults()
    else:
        screener.warm()
    token = token if token is not None else os.environ.get("COLLABGUARD_API_TOKEN") or None
    if max_body is None:
        max_body = limit("body_bytes")
    max_batch = limit("batch_requests")
    settings = ServiceSettings.from_env()
    workers = Workers(settings.threads, settings.queue_seconds, settings.request_seconds)
    app = FastAPI(title="collabguard", version=__version__, docs_url=None, redoc_url=None,
                  description="Screen international research collaborations against research-security guidelines and "
                              "sensitivity lists. Every route is one use case of the Python API (collabguard.Screener).")
    if register is not None:
        from collabguard.cases.db import register_home
        from collabguard.web import mount_workbench

        mount_workbench(app, register, workers, home or register_home())
    app.add_middleware(Intake, max_body=max_body, token=token, body_seconds=settings.body_seconds)
    app.add_middleware(AllowedHosts, hosts=hosts_in_force(allowed_hosts))  # added last: checked first
    bearer = HTTPBearer(auto_error=False, description="the API token (COLLABGUARD_API_TOKEN), when the service sets one")
    secured = [Depends(bearer)]  # documents the scheme; the check itself is the middleware's, before the body is read
    _docs(app)
    install_openapi(app, lists=sorted(screener.ruleset.lists.lists), taxonomies=list(screener.ruleset.catalog.taxonomies))

    async def answer(request: Request, work: Callable[[Any, Job], BaseModel | Response]) -> Response:
        """The body read as JSON and ``work`` done on it in a screening slot, off the event loop."""
        raw = await request.body()

        def job(budget: Job) -> Response:
            out = work(json_body(raw), budget)
            return out if isinstance(out, Response) else Response(out.model_dump_json(), media_type="application/json")

        return await workers.run(job)

    @app.exception_handler(CollabguardError)
    async def _input_error(_: Request, exc: CollabguardError) -> JSONResponse:
        return JSONResponse({"error": str(exc)}, status_code=422)

    @app.exception_handler(Busy)
    async def _busy(_: Request, exc: Busy) -> JSONResponse:
        return JSONResponse({"error": str(exc)}, status_code=503, headers={"Retry-After": str(exc.retry_after)})

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

    @app.get("/healthz", tags=["service"], summary="Liveness and version (no token needed)", responses=_errors(400))
    async def healthz() -> dict[str, str]:
        # on the event loop itself: it never waits for a screening slot or a thread
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

        def work(body: Any, _: Job) -> Response:
            if isinstance(body, dict) and isinstance(body.get("proposal"), dict):
                envelope = as_model(body, ScreenRequest)
                report = screener.screen(envelope.proposal, answers=envelope.answers, publications=envelope.publications,
                                         redact=envelope.options.redact, lang=envelope.options.lang,
                                         today=envelope.options.today)
            elif isinstance(body, dict):
                report = screener.screen(body)
            else:
                raise CollabguardError("the body must be a JSON object: a proposal, or {\"proposal\": {...}, ...}")
            return _render(report, format)

        return await answer(request, work)

    @app.post("/v1/screen/batch", tags=["screening"], summary="Screen several proposals", dependencies=secured,
              response_model=BatchResults, responses=ERRORS, openapi_extra={"requestBody": BATCH_BODY})
    async def screen_batch(request: Request) -> Response:
        """Screen several proposals: one result per proposal, in order; a bad one gets an error result."""

        def work(body: Any, job: Job) -> BaseModel | Response:
            proposals = as_type(body, PROPOSALS)
            if len(proposals) > max_batch:
                return JSONResponse({"error": f"too many proposals in one batch: {len(proposals)} (limit {max_batch}, "
                                              "COLLABGUARD_MAX_BATCH)"}, status_code=413)
            return _screen_batch(screener, proposals, job)

        return await answer(request, work)

    @app.post("/v1/rescreen", tags=["monitoring"], summary="Stored reports against today's lists", dependencies=secured,
              response_model=RescreenResults, responses=ERRORS, openapi_extra={"requestBody": model_body("RescreenRequest")})
    async def rescreen(request: Request) -> Response:
        """Stored reports against today's lists: which approved partnerships are newly listed?"""
        return await answer(request, lambda body, _: RescreenResults(
            results=screener.rescreen(as_model(body, RescreenRequest).reports)))

    @app.post("/v1/match", tags=["parts"], summary="Match names against the lists", dependencies=secured,
              response_model=MatchResults, responses=ERRORS, openapi_extra={"requestBody": model_body("MatchRequest")})
    async def match(request: Request) -> Response:
        """Names (with their countries) against the lists: per name the strongest candidate and every list's result."""

        def work(body: Any, _: Job) -> MatchResults:
            query = as_model(body, MatchRequest)
            return MatchResults(results=screener.match_names(query.names, query.lists, kind=query.kind))

        return await answer(request, work)

    @app.post("/v1/areas", tags=["parts"], summary="Sensitive technology areas in a text", dependencies=secured,
              response_model=AreasResult, responses=ERRORS, openapi_extra={"requestBody": model_body("AreasRequest")})
    async def areas(request: Request) -> Response:
        """The sensitive technology areas a text touches, with the words and positions that made them."""

        def work(body: Any, _: Job) -> AreasResult:
            query = as_model(body, AreasRequest)
            return screener.find_areas(query.text, taxonomies=query.taxonomies)

        return await answer(request, work)

    @app.post("/v1/stats", tags=["parts"], summary="Co-publication figures from publication exports", dependencies=secured,
              response_model=CollaborationStats, responses=ERRORS, openapi_extra={"requestBody": model_body("StatsRequest")})
    async def stats(request: Request) -> Response:
        """Co-publication figures from publication exports (WoS, Scopus, OpenAlex, CSV), given by content."""

        def work(body: Any, _: Job) -> CollaborationStats:
            query = as_model(body, StatsRequest)
            return screener.statistics(query.publications, query.stats_options(), listed=query.listed)

        return await answer(request, work)

    @app.get("/v1/rules", tags=["reference"], summary="The rule packs in use", dependencies=secured, response_model=RulesInfo,
             responses=_errors(400, 401, 500))
    def rules() -> RulesInfo:
        return screener.rules_info()

    @app.get("/v1/lists", tags=["reference"], summary="The sensitivity lists in use", dependencies=secured,
             response_model=ListsInfo, responses=_errors(400, 401, 500))
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
    decisions and policy come from COLLABGUARD_RULES, COLLABGUARD_DECISIONS and COLLABGUARD_POLICY, the
    host names it answers to from COLLABGUARD_ALLOWED_HOSTS (set by ``serve``)."""
    screener = Screener(os.environ.get("COLLABGUARD_RULES") or None, os.environ.get("COLLABGUARD_DECISIONS") or None,
                        os.environ.get("COLLABGUARD_POLICY") or None)
    register = None
    if os.environ.get("COLLABGUARD_WORKBENCH") == "1":  # set by `serve` unless --no-workbench
        from collabguard.cases.register import CaseRegister

        register = CaseRegister(screener)  # COLLABGUARD_HOME / COLLABGUARD_DATABASE_URL, as `serve` set them
    app = create_app(screener, register=register)
    # (a worker process of its own) the rules, lists and app live as long as it: out of the
    # garbage collector's full scans, which would walk them again at every one (~10% of a screening)
    gc.freeze()
    return app
