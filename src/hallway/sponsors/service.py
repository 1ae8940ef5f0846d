"""An exhibitor's sessions are its event's; `POST /v1/events/{id|identifier}/reorder-exhibitors`:
the order exhibitors are shown in."""

from __future__ import annotations

from typing import Any

from pydantic import TypeAdapter

from hallway.errors import Forbidden, ValidationFailed
from hallway.events.models import Event
from hallway.events.reorder import Ordering, reorder
from hallway.events.service import find_visible_event
from hallway.jsonapi import RequestContext
from hallway.sponsors.models import Exhibitor
from hallway.sponsors.policy import manages_event
from hallway.sponsors.schemas import ReorderItem

EXHIBITORS = Ordering(Exhibitor, "exhibitor", "position", TypeAdapter(list[ReorderItem]))


async def reorder_exhibitors(
    ctx: RequestContext, key: str, body: Any, *, reset: bool
) -> dict[str, bool]:
    """Set each named exhibitor's position (`[{"exhibitor": id, "position": n}]`), or with
    `reset` every exhibitor's position of the event back to 0. Only the event's co-organizers
    (and admins) may; every exhibitor named must be the event's, or nothing changes."""
    event_id = await find_visible_event(ctx, key)
    event = await ctx.session.get(Event, event_id)
    if not await manages_event.allows(ctx, event):
        raise Forbidden("You are not allowed to reorder this event's exhibitors")
    return await reorder(ctx, event_id, EXHIBITORS, body, reset=reset)


async def check_exhibitor_sessions(ctx: RequestContext, exhibitor: Exhibitor) -> None:
    """The sessions an exhibitor presents are sessions of its own event."""
    sessions = await ctx.session.run_sync(lambda _: list(exhibitor.sessions))
    if any(session.event_id != exhibitor.event_id for session in sessions):
        raise ValidationFailed(
            "a session belongs to another event", pointer="/data/relationships/sessions"
        )
