"""The officer's workbench: web pages over the case register, served by ``collabguard serve``.

| page | what it does |
|---|---|
| ``/cases`` | the case list, with filters (status, risk, framework, partner, text) |
| ``/screen`` | a new screening: upload a proposal file or fill in its fields; saved as a case |
| ``/cases/{id}`` | the report, the checklist to answer (screened again with the answers), the decision, the history |
| ``/cases/{id}/report``, ``/cases/{id}/export.json`` | the report as attached to the case file; the whole record |
| ``/monitor`` | the lists and rules in use; screen every open and decided case again; what that found |
| ``/login`` | sign-in with a local account (not used behind a trusted proxy) |

Each page is a thin shell over :class:`~collabguard.cases.CaseRegister`; screening work runs in the
service's bounded pool, like the API's. No JavaScript, no external assets: everything works offline.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from starlette.middleware.sessions import SessionMiddleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.staticfiles import StaticFiles

from collabguard.cases.register import CaseRegister
from collabguard.service.workers import Workers
from collabguard.web.auth import AuthSettings, session_secret
from collabguard.web.routes_auth import add_auth_routes
from collabguard.web.routes_cases import add_case_routes
from collabguard.web.routes_monitor import add_monitor_routes
from collabguard.web.routes_screen import add_screen_routes
from collabguard.web.workbench import HERE, FormExpired, NotSignedIn, Workbench, sign_in_redirect

SESSION_HOURS = 8  # a signed-in session lasts a working day


def mount_workbench(app: FastAPI, register: CaseRegister, workers: Workers, home: Path) -> Workbench:
    """Add the workbench's pages to the service. ``home``: where the session key is kept (unless
    ``COLLABGUARD_SECRET_KEY`` gives one)."""
    auth = AuthSettings.from_env()
    wb = Workbench(register, workers, auth)
    app.add_middleware(SessionMiddleware, secret_key=session_secret(home), session_cookie="collabguard_session",
                       max_age=SESSION_HOURS * 3600, same_site="lax", https_only=auth.secure_cookies)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

    @app.exception_handler(NotSignedIn)
    async def _not_signed_in(request: Request, _: NotSignedIn) -> Response:
        if auth.trusted_user_header:
            return wb.error(request, 401, "Not signed in",
                            "This workbench takes who you are from your organisation's sign-in, and none came with "
                            "this request. Open it through your organisation's address for it.")
        return sign_in_redirect(request)

    @app.exception_handler(FormExpired)
    async def _form_expired(request: Request, _: FormExpired) -> Response:
        return wb.error(request, 403, "The form has expired",
                        "The form was older than your sign-in, or was sent from another site. Nothing was saved. "
                        "Go back, reload the page and send it again.")

    add_auth_routes(app, wb)
    add_case_routes(app, wb)
    add_screen_routes(app, wb)
    add_monitor_routes(app, wb)
    return wb
