"""Monitoring: the lists and rule packs in use, screening every open and decided case again, and what
re-screening has found (kept in the register as events, so the page shows it to everyone, later too)."""

from __future__ import annotations

from fastapi import FastAPI
from starlette.requests import Request
from starlette.responses import Response

from collabguard.cases.models import CaseChange
from collabguard.errors import CollabguardError
from collabguard.service.workers import Busy
from collabguard.web.routes_cases import STATUS_TEXT
from collabguard.web.workbench import Workbench

RECENT = 50  # events of earlier re-screenings shown


def add_monitor_routes(app: FastAPI, wb: Workbench) -> None:
    screener = wb.register.screener

    async def monitor(request: Request, status: int = 200, changes: list[CaseChange] | None = None,
                      error: str | None = None, notice: str | None = None) -> Response:
        recent = await wb.read(lambda: wb.register.recent_events(limit=RECENT))
        counts = await wb.read(wb.register.counts)
        watched = counts["open"] + counts["waiting_for_answers"] + counts["decided"]
        return wb.page(request, "monitor.html", status=status, nav="monitor", lists=screener.lists_info(),
                       packs=screener.rules_info().packs, policy=screener.ruleset.policy, recent=recent, changes=changes,
                       watched=watched, status_text=STATUS_TEXT, error=error, **({"notice": notice} if notice else {}))

    @app.get("/monitor", include_in_schema=False, name="monitor_page")
    async def monitor_page(request: Request) -> Response:
        wb.user(request)
        return await monitor(request)

    @app.post("/monitor/rescreen", include_in_schema=False, name="monitor_rescreen")
    async def rescreen(request: Request) -> Response:
        user = wb.user(request)
        await wb.form(request)
        try:
            changes = await wb.screen(lambda: wb.register.rescreen_all(user))
        except Busy as exc:
            return await monitor(request, status=503, error=(
                f"{exc} Cases already screened again keep their new versions; whatever is still running finishes "
                "in the background: reload this page in a minute to see what it found."))
        except CollabguardError as exc:
            return await monitor(request, status=422, error=str(exc))
        found = sum(1 for c in changes if c.error is None)
        notice = (f"Every open and decided case was screened again with the lists and rules below: {found} changed"
                  + (f", {len(changes) - found} could not be screened" if len(changes) > found else "") + ".")
        return await monitor(request, changes=changes, notice=notice)
