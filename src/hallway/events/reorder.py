"""Reordering an event's exhibitors or speakers (`POST /v1/events/{id}/reorder-…`): each named
row gets the number given for it, or with `reset` every row of the event gets 0. Every row
named must be the event's, or nothing changes. The caller decides who may."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pydantic import TypeAdapter, ValidationError
from sqlalchemy import select, update

from hallway.errors import BadRequest, ValidationFailed
from hallway.jsonapi import RequestContext


@dataclass(frozen=True)
class Ordering:
    model: Any  # a model with `event_id`
    noun: str  # the body's key naming a row ("exhibitor")
    column: str  # what is set ("position")
    items: TypeAdapter[list[Any]]  # validates `[{noun: id, column: n}]`


async def reorder(
    ctx: RequestContext, event_id: int, ordering: Ordering, body: Any, *, reset: bool
) -> dict[str, bool]:
    model, column = ordering.model, ordering.column
    if reset:
        await ctx.session.execute(
            update(model).where(model.event_id == event_id).values({column: 0})
        )
        return {"success": True}
    wanted = {
        getattr(item, ordering.noun): getattr(item, column) for item in _items(ordering, body)
    }
    found = await ctx.session.scalars(
        select(model).where(model.id.in_(wanted), model.event_id == event_id)
    )
    rows = {row.id: row for row in found}
    if set(rows) != set(wanted):
        raise ValidationFailed(f"every {ordering.noun} must be one of this event's", pointer="/")
    for row_id, value in wanted.items():
        setattr(rows[row_id], column, value)
    await ctx.session.flush()
    return {"success": True}


def _items(ordering: Ordering, body: Any) -> list[Any]:
    if not isinstance(body, list) or not body:
        raise BadRequest(f"expected a list of {{{ordering.noun}, {ordering.column}}}", pointer="/")
    try:
        return ordering.items.validate_python(body)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = "/" + "/".join(str(part) for part in first["loc"])
        raise ValidationFailed(f"{first['msg']}", pointer=where) from None
