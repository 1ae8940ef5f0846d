"""`GET /v1/states?event_id=&attendee_id=`: whether an attendee has registered at a
registration station, and when last, as the Open Event check-in app reads it. For the
event's staff only: the event is found (404) and its staff checked (403) before the attendee
is looked up, so nobody else learns which attendee ids exist."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from hallway.errors import BadRequest, Forbidden, ObjectNotFound
from hallway.events.service import find_visible_event
from hallway.jsonapi import RequestContext
from hallway.orders.models import Attendee
from hallway.orders.policy import STAFF_ROLES, holds


def id_param(name: str, given: str | None) -> int:
    if given is None or not given.strip():
        raise BadRequest(f"{name} is required", pointer="/")
    value = given.strip()
    if not value.isdigit() or len(value) > 9:
        raise BadRequest(f"{name}: {given!r} is not an id", pointer="/")
    return int(value)


async def attendee_state(ctx: RequestContext, event_key: int, attendee_id: int) -> dict[str, Any]:
    event_id = await find_visible_event(ctx, str(event_key))
    if not await holds(ctx, event_id, STAFF_ROLES):
        raise Forbidden("Only the event's staff read its attendees' registration")
    stmt = select(Attendee.is_registered, Attendee.register_times).where(
        Attendee.id == attendee_id,
        Attendee.event_id == event_id,
        Attendee.deleted_at.is_(None),
    )
    row = (await ctx.session.execute(stmt)).first()
    if row is None:
        raise ObjectNotFound(f"attendee {attendee_id} not found in event {event_id}")
    registered, times = row
    stamps = [stamp for stamp in (times or "").split(",") if stamp]
    return {"is_registered": bool(registered), "register_times": stamps[-1] if stamps else None}
