"""The exports that are not one event's lists, as jobs like the others (`{"task_url": …}`):
`POST /v1/admin/export/sales/csv` (admins; body `{"status": "all" | "live" | "past"}`),
`POST /v1/group/{id}/export/followers/csv` (the group's owner) and
`POST /v1/export/user-check-in/csv` (the event's staff; body `{"event_id": …}`, optionally
`"session_id"` and `"date": "YYYY-MM-DD"`). A file of no event is read at
`GET /v1/exports/{job}/{filename}`."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import Response

from hallway.deps import DbSession, OptionalUser
from hallway.errors import Forbidden, ValidationFailed
from hallway.exports import access, service
from hallway.exports.platform import EVENT_STATES
from hallway.exports.routes import SignedIn, _json_body, serve_file
from hallway.jsonapi import RequestContext
from hallway.transactions import TransactionalRoute

router = APIRouter(tags=["export"], route_class=TransactionalRoute)
MAX_ID = 2**31


@router.post("/v1/admin/export/sales/csv")
async def export_sales(request: Request, session: DbSession, actor: SignedIn) -> dict[str, str]:
    ctx = RequestContext(request, session, actor)
    access.require_admin(ctx)
    status = (await _json_body(request)).get("status") or "all"
    if status not in EVENT_STATES:
        raise ValidationFailed("status is all, live or past", pointer="/status")
    return service.task_url(await service.start(ctx, access.SALES, event_id=None, options=status))


@router.post("/v1/group/{group_id}/export/followers/csv")
async def export_followers(
    group_id: str, request: Request, session: DbSession, actor: SignedIn
) -> dict[str, str]:
    ctx = RequestContext(request, session, actor)
    found = await access.followers_group(ctx, group_id)
    if found is None:
        raise Forbidden("Only the group's owner may export its followers")
    options = json.dumps({"group_id": found})
    job = await service.start(ctx, access.FOLLOWERS, event_id=None, options=options)
    return service.task_url(job)


def _check_in_filters(body: dict[str, Any]) -> dict[str, Any]:
    session_id, day = body.get("session_id"), body.get("date")
    if session_id is not None and (
        isinstance(session_id, bool)
        or not isinstance(session_id, int)
        or not 0 < session_id < MAX_ID
    ):
        raise ValidationFailed("session_id is a session's id", pointer="/session_id")
    if day is not None:
        try:
            day = date.fromisoformat(str(day)).isoformat()
        except ValueError:
            raise ValidationFailed("date is YYYY-MM-DD", pointer="/date") from None
    return {"session_id": session_id, "date": day}


@router.post("/v1/export/user-check-in/csv")
async def export_check_ins(request: Request, session: DbSession, actor: SignedIn) -> dict[str, str]:
    body = await _json_body(request)
    event_key = body.get("event_id")
    if not isinstance(event_key, int | str) or isinstance(event_key, bool) or event_key == "":
        raise ValidationFailed("event_id names the event", pointer="/event_id")
    filters = _check_in_filters(body)
    ctx = RequestContext(request, session, actor)
    event_id = await access.staffed_event(ctx, str(event_key))
    options = json.dumps(filters)
    job = await service.start(ctx, access.CHECK_INS, event_id=event_id, options=options)
    return service.task_url(job)


@router.get("/v1/exports/{job_id}/{filename}")
async def download(
    job_id: str,
    filename: str,
    request: Request,
    session: DbSession,
    actor: OptionalUser,
    token: str = "",
) -> Response:
    """An export of no event: with the link's token, or as someone who may fetch it."""
    ctx = RequestContext(request, session, actor)
    return await serve_file(request, ctx, None, job_id, filename, token)
