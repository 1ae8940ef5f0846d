"""The exports of an event's published schedule and the overlaps its team should look at:

- `GET /v1/events/{identifier}.ics`: the event as iCalendar; `include_sessions` adds the
  sessions of its published schedule, `my_schedule` keeps the caller's favourites among them,
  `download` answers it as a file;
- `GET /v1/events/{identifier}.xcs`: the published schedule as xCal;
- `GET /v1/events/{identifier}.xml`: the published schedule as Pentabarf XML;
- `GET /v1/events/{identifier}/sessions/overlaps`: sessions overlapping in one room (team).

The event may be named by identifier or id; the event's `ical-url`, `xcal-url` and
`pentabarf-url` name these URLs once its schedule is published."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import Response

from hallway.deps import DbSession, OptionalUser
from hallway.jsonapi import RequestContext
from hallway.schedules import exports, ical, pentabarf, xcal
from hallway.schedules.service import overlaps, published_event, schedule_of
from hallway.transactions import TransactionalRoute

router = APIRouter(tags=["event"], route_class=TransactionalRoute)


def _file(body: str | bytes, media: str, name: str, download: bool) -> Response:
    headers = {"Content-Disposition": f'attachment; filename="{name}"'} if download else {}
    return Response(body, media_type=media, headers=headers)


@router.get("/v1/events/{identifier}.ics")
async def calendar(
    identifier: str, request: Request, session: DbSession, actor: OptionalUser
) -> Response:
    ctx = RequestContext(request, session, actor)
    flags = request.query_params
    event, schedule = await exports.calendar_of(
        ctx, identifier, sessions="include_sessions" in flags, mine="my_schedule" in flags
    )
    text = ical.render(event, schedule)
    return _file(text, "text/calendar", f"{event.identifier}.ics", "download" in flags)


@router.get("/v1/events/{identifier}.xcs")
async def xcal_schedule(
    identifier: str, request: Request, session: DbSession, actor: OptionalUser
) -> Response:
    ctx = RequestContext(request, session, actor)
    schedule = await schedule_of(ctx, await published_event(ctx, identifier))
    name = f"{schedule.event.identifier}.xcs"
    return _file(
        xcal.render(schedule), "application/calendar+xml", name, "download" in request.query_params
    )


@router.get("/v1/events/{identifier}.xml")
async def pentabarf_schedule(
    identifier: str, request: Request, session: DbSession, actor: OptionalUser
) -> Response:
    ctx = RequestContext(request, session, actor)
    schedule = await schedule_of(ctx, await published_event(ctx, identifier))
    name = f"{schedule.event.identifier}.xml"
    return _file(
        pentabarf.render(schedule), "application/xml", name, "download" in request.query_params
    )


@router.get("/v1/events/{identifier}/sessions/overlaps")
async def session_overlaps(
    identifier: str, request: Request, session: DbSession, actor: OptionalUser
) -> dict[str, Any]:
    """Accepted or confirmed sessions overlapping in one room, for the event's team."""
    found = await overlaps(RequestContext(request, session, actor), identifier)
    return {"overlaps": found, "count": len(found)}
