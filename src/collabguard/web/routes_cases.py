"""The case list, a case's page (report, checklist, decision, history) and what its forms send."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any
from urllib.parse import urlencode

from fastapi import FastAPI
from starlette.requests import Request
from starlette.responses import Response

from collabguard.cases.models import DECISIONS, STATUSES, CaseConflict, CaseDetail
from collabguard.errors import CollabguardError, InputError
from collabguard.models.common import RiskLevel
from collabguard.report.html import render_html, report_body_html
from collabguard.report.labels import RECOMMENDATION_TEXT
from collabguard.service.workers import Busy
from collabguard.web.forms import answer_file, expected_version
from collabguard.web.workbench import SECURITY_HEADERS, Workbench, as_lists, here, one

CASE_ID = re.compile(r"C-\d{4}-\d{4,9}", re.IGNORECASE)
PAGE_SIZE = 50
RISKS = tuple(RiskLevel.__args__)  # type: ignore[attr-defined]
DECISION_TEXT = {"proceed": "Proceed", "proceed_with_mitigations": "Proceed with mitigations", "do_not_proceed": "Do not proceed"}
STATUS_TEXT = {"open": "open", "waiting_for_answers": "waiting for answers", "decided": "decided", "closed": "closed"}


def add_case_routes(app: FastAPI, wb: Workbench) -> None:
    frameworks = [(p.info.id, p.info.title) for p in wb.register.screener.ruleset.packs]

    @app.get("/", include_in_schema=False, name="home")
    async def home(request: Request) -> Response:
        return wb.redirect(here(request, "/cases"))

    @app.get("/cases", include_in_schema=False, name="cases_page")
    async def cases_page(request: Request, status: str = "", risk: str = "", framework: str = "", partner: str = "",
                         text: str = "", page: int = 1) -> Response:
        wb.user(request)
        filters = {"status": status if status in STATUSES else "", "risk": risk if risk in RISKS else "",
                   "framework": framework if framework in dict(frameworks) else "", "partner": partner[:200], "text": text[:200]}
        page = max(1, min(page, 100_000))
        found = await wb.read(lambda: wb.register.list(**{k: v or None for k, v in filters.items()},
                                                       limit=PAGE_SIZE + 1, offset=(page - 1) * PAGE_SIZE))
        def page_url(n: int) -> str:
            return here(request, "/cases?" + urlencode({**{k: v for k, v in filters.items() if v}, "page": n}))

        return wb.page(request, "cases.html", nav="cases", cases=found[:PAGE_SIZE], more=len(found) > PAGE_SIZE, page=page,
                       page_url=page_url,
                       filters=filters, statuses=STATUSES, status_text=STATUS_TEXT, risks=RISKS, frameworks=frameworks,
                       rec_text=RECOMMENDATION_TEXT, decision_text=DECISION_TEXT, filtered=any(filters.values()))

    async def case_page(request: Request, case_id: str, status: int = 200, **extra: Any) -> Response:
        if not CASE_ID.fullmatch(case_id):
            return wb.error(request, 404, "No such case", "Case ids look like C-2026-0001.", back=here(request, "/cases"))
        try:
            detail: CaseDetail = await wb.read(lambda: wb.register.show(case_id))
        except InputError:
            return wb.error(request, 404, "No such case", f"There is no case {case_id.upper()} in this register.",
                            back=here(request, "/cases"))
        report = detail.report
        return wb.page(request, "case.html", status=status, nav="cases", detail=detail, case=detail.case, report=report,
                       report_html=report_body_html(report, checklist=False), rec_text=RECOMMENDATION_TEXT,
                       decisions=DECISIONS, decision_text=DECISION_TEXT, status_text=STATUS_TEXT,
                       events=list(reversed(detail.events)), previous=extra.pop("previous", {}), **extra)

    @app.get("/cases/{case_id}", include_in_schema=False, name="case_page")
    async def show_case(request: Request, case_id: str) -> Response:
        wb.user(request)
        return await case_page(request, case_id)

    async def write(request: Request, case_id: str, action: Any, done: str) -> Response:
        """Run a write on the case; its outcome as the next page (the case again, with what happened)."""
        if not CASE_ID.fullmatch(case_id):
            return wb.error(request, 404, "No such case", "Case ids look like C-2026-0001.")
        user = wb.user(request)
        form = await wb.form(request)
        previous = as_lists(form)
        try:
            await action(user, form)
        except CaseConflict as exc:
            return await case_page(request, case_id, status=409, previous=previous, conflict=(
                f"Someone else changed this case while you were looking at it (you saw version {exc.expected}; it is now "
                f"at version {exc.current}). Nothing you sent was saved. The page below shows the case as it is now, "
                "with what you typed kept in the forms: check it and send again."))
        except Busy as exc:
            return await case_page(request, case_id, status=503, previous=previous,
                                   error=f"{exc} Nothing was saved; what you typed is kept below.")
        except CollabguardError as exc:
            return await case_page(request, case_id, status=422, previous=previous, error=str(exc))
        return wb.redirect(here(request, f"/cases/{case_id.upper()}"), notice=done)

    @app.post("/cases/{case_id}/answers", include_in_schema=False, name="case_answers")
    async def answer(request: Request, case_id: str) -> Response:
        async def action(user: str, form: Any) -> None:
            answers = answer_file(as_lists(form), user, dt.date.today())
            version = expected_version(as_lists(form))
            await wb.screen(lambda: wb.register.answer(case_id, answers, user, version))

        return await write(request, case_id, action, "answered")

    @app.post("/cases/{case_id}/decision", include_in_schema=False, name="case_decision")
    async def decide(request: Request, case_id: str) -> Response:
        async def action(user: str, form: Any) -> None:
            decision, reason, version = one(form, "decision"), one(form, "reason"), expected_version(as_lists(form))
            if decision not in DECISIONS:
                raise InputError("decision: choose proceed, proceed with mitigations or do not proceed")
            await wb.read(lambda: wb.register.decide(case_id, decision, reason, user, version))

        return await write(request, case_id, action, "decided")

    @app.post("/cases/{case_id}/status", include_in_schema=False, name="case_status")
    async def set_status(request: Request, case_id: str) -> Response:
        form_action = ""

        async def action(user: str, form: Any) -> None:
            nonlocal form_action
            form_action = one(form, "action")
            if form_action not in ("close", "reopen"):
                raise InputError("choose to close or to reopen the case")
            version = expected_version(as_lists(form))
            status = "closed" if form_action == "close" else "open"
            await wb.read(lambda: wb.register.set_status(case_id, status, user, version, one(form, "reason")))

        response = await write(request, case_id, action, "closed")
        if form_action == "reopen" and response.status_code == 303:
            return wb.redirect(here(request, f"/cases/{case_id.upper()}"), notice="reopened")
        return response

    @app.get("/cases/{case_id}/report", include_in_schema=False, name="case_report")
    async def report(request: Request, case_id: str, version: int | None = None) -> Response:
        """The report as a standalone page, exactly as it is attached to the case file."""
        wb.user(request)
        if not CASE_ID.fullmatch(case_id):
            return wb.error(request, 404, "No such case", "Case ids look like C-2026-0001.")
        try:
            found = await wb.read(lambda: wb.register.report(case_id, version))
        except InputError:
            return wb.error(request, 404, "No such report", f"Case {case_id.upper()} has no such version.")
        headers = {**SECURITY_HEADERS, "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'"}
        return Response(render_html(found), media_type="text/html; charset=utf-8", headers=headers)

    @app.get("/cases/{case_id}/export.json", include_in_schema=False, name="case_export")
    async def export(request: Request, case_id: str) -> Response:
        """The case's whole record (every version, every event) as JSON, for the case file or another system."""
        wb.user(request)
        if not CASE_ID.fullmatch(case_id):
            return wb.error(request, 404, "No such case", "Case ids look like C-2026-0001.")
        try:
            record = await wb.read(lambda: wb.register.export(case_id))
        except InputError:
            return wb.error(request, 404, "No such case", f"There is no case {case_id.upper()} in this register.")
        headers = {**SECURITY_HEADERS, "Content-Disposition": f'attachment; filename="{record.case.case_id}.json"'}
        return Response(record.model_dump_json(indent=2), media_type="application/json", headers=headers)
