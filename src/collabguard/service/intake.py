"""What every request passes before a route sees it: the token, then the body, read whole, within
a size limit and a time limit (a plain ASGI middleware: the body is read chunk by chunk, stopped at
the limit, and handed on to the endpoint).

A client that sends its body too slowly (a byte every few seconds keeps a connection, and its
memory, busy for as long as it likes) gets 408 once ``COLLABGUARD_BODY_SECONDS`` have passed since
the route was reached; a body over ``COLLABGUARD_MAX_BODY`` gets 413. Both answers close the
connection, so the rest of the body is never read.
"""

from __future__ import annotations

import asyncio
import hmac
import time
from typing import Any

from starlette.responses import JSONResponse

SECURED = "/v1"  # the API: machine clients with the token (the workbench's pages have their own sign-in)
PUBLIC = ("/healthz", "/docs", "/openapi.json", "/docs/oauth2-redirect")
PUBLIC_PREFIXES = ("/docs-assets/",)


def _refuse(status: int, message: str) -> JSONResponse:
    # the connection is closed after the answer: whatever the client still sends is never read
    return JSONResponse({"error": message}, status_code=status, headers={"connection": "close"})


class Intake:
    """Token, body size and body read time, checked before any work is done."""

    def __init__(self, app: Any, max_body: int, token: str | None, body_seconds: float) -> None:
        self.app = app
        self.max_body = max_body
        self.expected = f"Bearer {token}".encode() if token else None
        self.body_seconds = body_seconds

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        path = scope.get("path", "")
        if self.expected is not None and path.startswith(SECURED) and not (path in PUBLIC or path.startswith(PUBLIC_PREFIXES)):
            if not hmac.compare_digest(headers.get(b"authorization", b""), self.expected):
                await _refuse(401, "missing or wrong API token")(scope, receive, send)
                return
        too_big = _refuse(413, f"request body larger than {self.max_body} bytes")
        length = headers.get(b"content-length", b"")
        if length.isdigit() and int(length) > self.max_body:
            await too_big(scope, receive, send)
            return
        body = bytearray()
        deadline = time.monotonic() + self.body_seconds
        while True:  # a chunked upload has no length: stop reading at the limit
            try:
                async with asyncio.timeout(max(0.0, deadline - time.monotonic())):
                    message = await receive()
            except TimeoutError:
                await _refuse(408, f"the request body did not arrive within {self.body_seconds:g} s "
                                   "(COLLABGUARD_BODY_SECONDS)")(scope, receive, send)
                return
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
