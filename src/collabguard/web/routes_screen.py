"""A new screening: upload a proposal file or fill in its fields; saved as a case, then its page."""

from __future__ import annotations

import datetime as dt
import re
import tempfile
from pathlib import Path

import pycountry
from fastapi import FastAPI
from starlette.datastructures import UploadFile
from starlette.requests import Request
from starlette.responses import Response

from collabguard.cases.models import CaseVersion
from collabguard.errors import CollabguardError, InputError
from collabguard.limits import limit
from collabguard.models.proposal import ACTIVITIES, CATEGORIES
from collabguard.service.workers import Busy
from collabguard.web.forms import FUNDER_ROWS, PARTNER_ROWS, PERSON_ROWS, YES_NO_FIELDS, proposal_data, row_count
from collabguard.web.workbench import Workbench, as_lists, here

SUFFIXES = (".yaml", ".yml", ".json")
SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")


def add_screen_routes(app: FastAPI, wb: Workbench) -> None:
    frameworks = [p.info for p in wb.register.screener.ruleset.packs]
    countries = sorted(((c.alpha_2, c.name) for c in pycountry.countries), key=lambda c: c[1])

    def form_page(request: Request, sent: dict[str, list[str]], status: int = 200, error: str | None = None,
                  extra_rows: int = 0) -> Response:
        def v(name: str) -> str:
            return (sent.get(name) or [""])[0]

        def vs(name: str, i: int) -> str:
            values = sent.get(name) or []
            return values[i] if i < len(values) else ""

        return wb.page(request, "screen.html", status=status, nav="screen", error=error, v=v, vs=vs,
                       partner_rows=row_count(sent, "partner", "name", PARTNER_ROWS) + extra_rows,
                       funder_rows=row_count(sent, "funder", "name", FUNDER_ROWS) + extra_rows,
                       person_rows=row_count(sent, "person", "role", PERSON_ROWS) + extra_rows, more=PARTNER_ROWS,
                       activities=list(ACTIVITIES), categories=list(CATEGORIES), yes_no=YES_NO_FIELDS,
                       frameworks=frameworks, chosen_frameworks=sent.get("frameworks", []), countries=countries)

    @app.get("/screen", include_in_schema=False, name="screen_page")
    async def screen_page(request: Request) -> Response:
        wb.user(request)
        return form_page(request, {})

    @app.post("/screen", include_in_schema=False, name="screen_submit")
    async def screen_submit(request: Request) -> Response:
        user = wb.user(request)
        form = await wb.form(request)
        sent = as_lists(form)
        action = (sent.get("action") or [""])[0]
        if action == "more_rows":
            return form_page(request, sent, extra_rows=PARTNER_ROWS)
        try:
            upload = form.get("proposal_file")
            if action == "upload":
                if not isinstance(upload, UploadFile) or not upload.filename:
                    raise InputError("proposal file: choose a file to upload")
                saved = await _save_upload(wb, upload, user)
            else:
                data = proposal_data(sent, dt.date.today())
                saved = await wb.screen(lambda: wb.register.save(data, user))
        except Busy as exc:
            return form_page(request, sent, status=503, error=f"{exc} Nothing was saved.")
        except CollabguardError as exc:
            return form_page(request, sent, status=422, error=str(exc))
        notice = "saved" if saved.kind == "saved" else "screened_again"
        return wb.redirect(here(request, f"/cases/{saved.case_id}"), notice=notice)


async def _save_upload(wb: Workbench, upload: UploadFile, user: str) -> CaseVersion:
    """The uploaded file, read as a proposal file is (YAML or JSON, the same limits), under the name it
    was sent with: messages name it, never a temporary path."""
    given = Path(upload.filename or "proposal").name
    suffix = Path(given).suffix.lower()
    if suffix not in SUFFIXES:
        raise InputError(f"{given}: upload a proposal file ending in .yaml, .yml or .json")
    name = SAFE_NAME.sub("-", given)[-100:] or f"proposal{suffix}"
    content = await upload.read(limit("proposal_bytes") + 1)
    if len(content) > limit("proposal_bytes"):
        raise InputError(f"{given}: proposal file is larger than {limit('proposal_bytes'):,} bytes (COLLABGUARD_MAX_PROPOSAL_BYTES)")

    def save() -> CaseVersion:
        with tempfile.TemporaryDirectory(prefix="collabguard-upload-") as folder:
            path = Path(folder) / name
            path.write_bytes(content)
            try:
                return wb.register.save(path, user)
            except CollabguardError as exc:
                raise InputError(_renamed(str(exc), str(path), given)) from None

    return await wb.screen(save)


def _renamed(message: str, temporary: str, given: str) -> str:
    return message.replace(temporary, given)
