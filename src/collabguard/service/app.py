"""`collabguard serve`: the screening API for grant-management systems.

Endpoints: ``POST /v1/screen`` (one proposal → the same report JSON as the CLI),
``POST /v1/screen/batch`` (at most ``MAX_BATCH`` proposals → one result each, in order),
``GET /v1/rules``, ``GET /v1/lists``, ``GET /healthz``; OpenAPI docs at ``/docs``.
Limits: request bodies over ``COLLABGUARD_MAX_BODY`` bytes are refused (413). When
``COLLABGUARD_API_TOKEN`` is set, every request except ``/healthz`` needs ``Authorization: Bearer
<token>`` (compared in constant time). Errors never carry stack traces; input errors are 422 and
name the field.
"""

from __future__ import annotations

import hmac
import os
from typing import Any

from fastapi import Body, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import Response

from collabguard.limits import DEFAULTS, limit
from collabguard.errors import CollabguardError
from collabguard.models.report import Report
from collabguard.screener import Screener
from collabguard.version import __version__

MAX_BATCH = DEFAULTS["batch_requests"][1]
DEFAULT_MAX_BODY = DEFAULTS["body_bytes"][1]


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
        if self.expected is not None and scope.get("path") != "/healthz":
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


def create_app(screener: Screener | None = None, token: str | None = None, max_body: int | None = None) -> FastAPI:
    screener = screener or Screener.from_defaults()
    token = token if token is not None else os.environ.get("COLLABGUARD_API_TOKEN") or None
    if max_body is None:
        max_body = limit("body_bytes")
    max_batch = limit("batch_requests")
    app = FastAPI(title="collabguard", version=__version__,
                  description="Screen international research collaborations against research-security guidelines and sensitivity lists.")
    app.add_middleware(Limits, max_body=max_body, token=token)

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
        return JSONResponse({"error": f"{where or 'body'}: {first.get('msg')} (send a JSON object with content-type application/json)"},
                            status_code=422)

    @app.exception_handler(StarletteHTTPException)
    async def _http(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        return JSONResponse({"error": str(exc.detail)}, status_code=exc.status_code)

    @app.exception_handler(Exception)
    async def _internal(_: Request, exc: Exception) -> JSONResponse:
        return JSONResponse({"error": f"internal error ({type(exc).__name__}); please report it"}, status_code=500)

    @app.get("/healthz")
    def healthz() -> dict[str, str]:
        return {"status": "ok", "version": __version__}

    @app.post("/v1/screen", response_model=Report)
    def screen_one(proposal: dict[str, Any] = Body(..., description="A proposal in the proposal format (see README).")) -> Response:
        # the report is already a validated model: serialise it once (pydantic-core), not again
        # through the response model
        return Response(screener.screen(proposal).model_dump_json(), media_type="application/json")

    @app.post("/v1/screen/batch")
    def screen_batch(proposals: list[dict[str, Any]] = Body(..., description=f"At most {MAX_BATCH} proposals.")) -> JSONResponse:
        if len(proposals) > max_batch:
            return JSONResponse({"error": f"too many proposals in one batch: {len(proposals)} (limit {max_batch}, "
                                          "COLLABGUARD_MAX_BATCH)"}, status_code=413)
        results = [{"index": r.index, "status": "ok" if r.report else "error", "error": r.error,
                    "report": r.report.model_dump(mode="json") if r.report else None}
                   for r in screener.screen_many(proposals)]
        return JSONResponse({"results": results})

    @app.get("/v1/rules")
    def rules() -> dict[str, Any]:
        rs = screener.ruleset
        return {"packs": [{"id": p.info.id, "title": p.info.title, "version": p.info.version, "sha256": p.sha256,
                           "binding": p.info.binding,
                           "rules": [{"id": lr.rule.id, "title": lr.rule.title, "kind": lr.rule.kind, "severity": lr.rule.severity,
                                      "blocking": lr.rule.blocking} for lr in p.rules]} for p in rs.packs]}

    @app.get("/v1/lists")
    def lists() -> dict[str, Any]:
        rs = screener.ruleset
        return {"lists": [{"id": i.id, "title": i.title, "edition": i.edition, "sha256": i.sha256, "url": i.url,
                           "entries": rs.entry_counts.get(i.id, 0), "complete": i.complete} for i in rs.lists.lists.values()],
                "not_checked": [n.title for n in rs.lists.not_covered]}

    return app


def app_from_env() -> FastAPI:
    """The app for ``serve --workers N`` (uvicorn imports it in every worker process): rules,
    decisions and policy come from COLLABGUARD_RULES, COLLABGUARD_DECISIONS and COLLABGUARD_POLICY."""
    return create_app(Screener(os.environ.get("COLLABGUARD_RULES") or None, os.environ.get("COLLABGUARD_DECISIONS") or None,
                               os.environ.get("COLLABGUARD_POLICY") or None))
