"""`GET /v1/events/{id|identifier}/tickets/availability`: how many of each ticket are left,
as plain JSON `[{id, name, quantity, available}]`, in one query; and `GET /v1/tax/{id}/event`,
the Open Event server's singular alias of `/v1/taxes/{id}/event`."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import Response

from hallway.deps import DbSession, OptionalUser
from hallway.events.service import find_visible_event
from hallway.jsonapi import RequestContext
from hallway.jsonapi.dispatch import reroute
from hallway.tickets.models import Ticket
from hallway.tickets.policy import ticket_policy
from hallway.tickets.service import availability_statement
from hallway.transactions import TransactionalRoute

router = APIRouter(tags=["ticket"], route_class=TransactionalRoute)


@router.get("/v1/events/{event}/tickets/availability")
async def availability(
    event: str, request: Request, session: DbSession, actor: OptionalUser
) -> list[dict[str, Any]]:
    """The tickets the caller may see (hidden ones only for those who manage the event)."""
    ctx = RequestContext(request, session, actor)
    event_id = await find_visible_event(ctx, event)
    visible = await ticket_policy.rule_for("list").scope(ctx, Ticket)
    rows = await session.execute(availability_statement(event_id, visible))
    return [
        {"id": row.id, "name": row.name, "quantity": row.quantity, "available": row.available}
        for row in rows
    ]


@router.get("/v1/tax/{tax_id}/event", include_in_schema=False)
async def event_of_tax(tax_id: str, request: Request) -> Response:
    return await reroute(request, f"taxes/{tax_id}/event")
