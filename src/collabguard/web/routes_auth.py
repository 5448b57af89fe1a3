"""Signing in and out of the workbench (local accounts; behind a trusted proxy there is nothing to do here)."""

from __future__ import annotations

from fastapi import FastAPI
from starlette.requests import Request
from starlette.responses import Response

from collabguard.web.workbench import Workbench, here, one, safe_next


def add_auth_routes(app: FastAPI, wb: Workbench) -> None:
    @app.get("/login", include_in_schema=False, name="sign_in_page")
    async def sign_in_page(request: Request, next: str = "") -> Response:
        if wb.auth.trusted_user_header:
            return wb.error(request, 404, "Signing in is done by your organisation",
                            "This workbench takes who you are from the sign-in of your organisation's web server.")
        if wb.user_or_none(request):
            return wb.redirect(safe_next(request, next))
        no_accounts = not await wb.read(wb.register.users.names)
        return wb.page(request, "login.html", next_url=safe_next(request, next), name="", no_accounts=no_accounts)

    @app.post("/login", include_in_schema=False, name="sign_in")
    async def sign_in(request: Request) -> Response:
        if wb.auth.trusted_user_header:
            return wb.error(request, 404, "Signing in is done by your organisation", "Nothing to do here.")
        form = await wb.form(request)
        name, password, next_url = one(form, "name"), form.get("password"), safe_next(request, one(form, "next"))
        password = password if isinstance(password, str) else ""
        if wb.guard.locked(name):
            return wb.page(request, "login.html", status=429, next_url=next_url, name=name, no_accounts=False,
                           error="too many wrong passwords for this name; wait 15 minutes, or ask whoever runs the "
                                 "server to set a new one (collabguard cases users password NAME)")
        ok = bool(name) and await wb.read(lambda: wb.register.users.verify(name, password))
        if not ok:
            wb.guard.failed(name)
            return wb.page(request, "login.html", status=401, next_url=next_url, name=name, no_accounts=False,
                           error="wrong name or password")
        wb.guard.succeeded(name)
        request.session.clear()  # a new session on sign-in: a token planted before it is worthless
        request.session["user"] = name
        return wb.redirect(next_url)

    @app.post("/logout", include_in_schema=False, name="sign_out")
    async def sign_out(request: Request) -> Response:
        await wb.form(request)
        request.session.clear()
        return wb.redirect(here(request, "/login"), notice="signed_out")
