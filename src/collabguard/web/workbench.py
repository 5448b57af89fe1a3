"""What every workbench page shares: the register, the templates, who is signed in, the form token,
the security headers, and running work off the event loop.

Pages are rendered on the server (Jinja2, autoescaped) with no JavaScript; every answer carries a
Content-Security-Policy that allows the page's own stylesheet and nothing else, forbids framing,
and sends forms only to this server. Case pages hold personal data: they are never cached.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import quote

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.templating import Jinja2Templates

from collabguard.cases.register import CaseRegister
from collabguard.service.workers import Job, Workers
from collabguard.version import __version__
from collabguard.web.auth import CSRF_FIELD, AuthSettings, SignInGuard, csrf_ok, csrf_token, signed_in_user

T = TypeVar("T")
HERE = Path(__file__).parent
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
                               "frame-ancestors 'none'; base-uri 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Cache-Control": "no-store",
}


# what a page says after a form was sent and the browser was sent on (by code: a link cannot make a page say anything else)
NOTICES = {
    "signed_out": "You are signed out.",
    "saved": "Screened and saved as a new case.",
    "screened_again": "Screened and saved as a new version of the open case for this proposal.",
    "answered": "Your answers are saved and the proposal was screened again with them.",
    "decided": "The decision is recorded.",
    "closed": "The case is closed.",
    "reopened": "The case is open again.",
}


class NotSignedIn(Exception):
    """The page needs a signed-in officer: answered by the sign-in page (or 401 behind a proxy)."""


class FormExpired(Exception):
    """A form without this session's token, or sent from another site: refused (403)."""


class Workbench:
    """The pages' shared state: one per app."""

    def __init__(self, register: CaseRegister, workers: Workers, auth: AuthSettings) -> None:
        self.register = register
        self.workers = workers
        self.auth = auth
        self.guard = SignInGuard()
        self.templates = Jinja2Templates(directory=str(HERE / "templates"))
        self.templates.env.globals["tool_version"] = __version__

    # -- who ---------------------------------------------------------------------------------------

    def user(self, request: Request) -> str:
        """The signed-in officer, or :class:`NotSignedIn`."""
        user = signed_in_user(request, self.auth)
        if user is None:
            raise NotSignedIn()
        return user

    def user_or_none(self, request: Request) -> str | None:
        return signed_in_user(request, self.auth)

    async def form(self, request: Request) -> FormData:
        """The posted form, once its token is checked (:class:`FormExpired` otherwise)."""
        form = await request.form()
        sent = form.get(CSRF_FIELD)
        if not csrf_ok(request, sent if isinstance(sent, str) else None):
            raise FormExpired()
        return form

    # -- answers -----------------------------------------------------------------------------------

    def page(self, request: Request, template: str, status: int = 200, **context: Any) -> HTMLResponse:
        user = signed_in_user(request, self.auth)
        base = {"user": user, "csrf": csrf_token(request), "can_sign_out": user is not None and not self.auth.trusted_user_header,
                "nav": "", "error": None, "error_title": None, "notice": NOTICES.get(request.query_params.get("notice", ""))}
        response = self.templates.TemplateResponse(request, template, {**base, **context}, status_code=status)
        response.headers.update(SECURITY_HEADERS)
        return response

    def error(self, request: Request, status: int, heading: str, message: str, back: str | None = None) -> HTMLResponse:
        return self.page(request, "error.html", status=status, heading=heading, message=message, back=back)

    @staticmethod
    def redirect(url: str, notice: str | None = None) -> RedirectResponse:
        """See other (303): the browser fetches ``url`` with GET, so a reload never sends a form twice.
        ``notice``: a key of :data:`NOTICES`, what the next page says."""
        if notice:
            assert notice in NOTICES, notice
            url += ("&" if "?" in url else "?") + "notice=" + notice
        response = RedirectResponse(url, status_code=303)
        response.headers.update(SECURITY_HEADERS)
        return response

    # -- work --------------------------------------------------------------------------------------

    async def read(self, work: Callable[[], T]) -> T:
        """Reading the register, off the event loop."""
        return await run_in_threadpool(work)

    async def screen(self, work: Callable[[], T]) -> T:
        """Work that screens (saving, answering, re-screening): in the service's bounded pool, like
        the API's screenings, so pages and API share one limit (:class:`~collabguard.service.workers.Busy` when full)."""

        def job(_: Job) -> T:
            return work()

        return await self.workers.run(job)


def one(form: FormData | Mapping[str, Any], name: str) -> str:
    """A text field's value (an upload or a missing field: empty)."""
    value = form.get(name)
    return value.strip() if isinstance(value, str) else ""


def as_lists(form: FormData) -> dict[str, list[str]]:
    """Every text field's values, in the order sent (uploads left out)."""
    out: dict[str, list[str]] = {}
    for name, value in form.multi_items():
        if isinstance(value, str):
            out.setdefault(name, []).append(value)
    return out


def here(request: Request, path: str) -> str:
    """``path`` on this server, behind the path prefix the service runs under (uvicorn ``--root-path``)."""
    return request.scope.get("root_path", "").rstrip("/") + path


def safe_next(request: Request, url: str | None) -> str:
    """Where to go after signing in: a page of this server, never another site."""
    root = request.scope.get("root_path", "").rstrip("/")
    if not url or not url.startswith(root + "/") or url.startswith("//") or "\\" in url or any(ord(c) < 32 for c in url):
        return here(request, "/cases")
    return url


def sign_in_redirect(request: Request) -> Response:
    path = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    response = RedirectResponse(here(request, f"/login?next={quote(path)}"), status_code=303)
    response.headers.update(SECURITY_HEADERS)
    return response
