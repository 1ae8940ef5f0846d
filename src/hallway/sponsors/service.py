"""`POST /v1/events/{id|identifier}/reorder-exhibitors`: the order exhibitors are shown in."""

from __future__ import annotations

from typing import Any

from pydantic import TypeAdapter, ValidationError
from sqlalchemy import select, update

from hallway.errors import BadRequest, Forbidden, ValidationFailed
from hallway.events.models import Event
from hallway.events.service import find_visible_event
from hallway.jsonapi import RequestContext
from hallway.sponsors.models import Exhibitor
from hallway.sponsors.policy import manages_event
from hallway.sponsors.schemas import ReorderItem

_ITEMS = TypeAdapter(list[ReorderItem])


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
    if reset:
        await ctx.session.execute(
            update(Exhibitor).where(Exhibitor.event_id == event_id).values(position=0)
        )
        return {"success": True}
    items = _items(body)
    ids = {item.exhibitor for item in items}
    found = await ctx.session.scalars(
        select(Exhibitor).where(Exhibitor.id.in_(ids), Exhibitor.event_id == event_id)
    )
    exhibitors = {exhibitor.id: exhibitor for exhibitor in found}
    if set(exhibitors) != ids:
        raise ValidationFailed("every exhibitor must be one of this event's", pointer="/")
    for item in items:
        exhibitors[item.exhibitor].position = item.position
    await ctx.session.flush()
    return {"success": True}


def _items(body: Any) -> list[ReorderItem]:
    if not isinstance(body, list) or not body:
        raise BadRequest("expected a list of {exhibitor, position}", pointer="/")
    try:
        return _ITEMS.validate_python(body)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = "/" + "/".join(str(part) for part in first["loc"])
        raise ValidationFailed(f"{first['msg']}", pointer=where) from None
