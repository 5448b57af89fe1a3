"""Answer only to the host names the service is meant to be reached by.

A web page on a hostile site can point its own host name at 127.0.0.1 (DNS rebinding) and then call
a service on the reader's machine as if it were the site itself; the request then carries the
hostile name in its ``Host`` header. Every request whose ``Host`` is not allowed gets 400 with
``{"error": …}``, before any other check (a plain ASGI middleware, like Starlette's
TrustedHostMiddleware but answering in the service's error shape).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from starlette.responses import JSONResponse


def host_name(header: bytes) -> str:
    """The host of a ``Host`` header, lower case, without port: ``[::1]:8000`` → ``::1``."""
    text = header.decode("latin-1").strip().lower()
    if text.startswith("["):  # an IPv6 address, with or without a port
        return text[1:text.find("]")] if "]" in text else text
    if text.count(":") == 1:
        text = text.split(":", 1)[0]
    return text.removesuffix(".")


class AllowedHosts:
    """400 for a request whose Host header names no allowed host (``*`` allows any; ``*.example.org``
    allows example.org's sub-domains)."""

    def __init__(self, app: Any, hosts: Iterable[str]) -> None:
        self.app = app
        hosts = [h.lower().removesuffix(".") for h in hosts]
        self.any = "*" in hosts
        self.names = frozenset(h for h in hosts if not h.startswith("*."))
        self.domains = tuple(h[1:] for h in hosts if h.startswith("*."))  # ".example.org"

    def allows(self, host: str) -> bool:
        return self.any or host in self.names or (bool(host) and host.endswith(self.domains))

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http" or self.any:
            await self.app(scope, receive, send)
            return
        header = next((value for name, value in scope.get("headers") or [] if name == b"host"), b"")
        host = host_name(header)
        if self.allows(host):
            await self.app(scope, receive, send)
            return
        shown = repr(host[:100]) if host else "(none)"
        await JSONResponse({"error": f"this service does not answer to the host name {shown}: add it with "
                                     "serve --allowed-host or COLLABGUARD_ALLOWED_HOSTS"},
                           status_code=400, headers={"connection": "close"})(scope, receive, send)
