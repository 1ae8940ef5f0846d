"""`POST /v1/events/{id|identifier}/reorder-exhibitors[?reset]`."""

from __future__ import annotations

from typing import Any

import orjson
from fastapi import APIRouter
from starlette.requests import Request

from hallway.deps import DbSession, OptionalUser
from hallway.errors import BadRequest
from hallway.jsonapi import RequestContext
from hallway.sponsors import service
from hallway.transactions import TransactionalRoute

router = APIRouter(tags=["exhibitor"], route_class=TransactionalRoute)


@router.post("/v1/events/{event}/reorder-exhibitors")
async def reorder_exhibitors(
    event: str, request: Request, session: DbSession, actor: OptionalUser
) -> dict[str, bool]:
    """Positions of the event's exhibitors: a list of `{"exhibitor": id, "position": n}`;
    with `?reset`, every position goes back to 0."""
    reset = "reset" in request.query_params
    body: Any = None
    if not reset:
        try:
            body = orjson.loads(await request.body())
        except orjson.JSONDecodeError:
            raise BadRequest("the request body is not valid JSON", pointer="/") from None
    ctx = RequestContext(request, session, actor)
    return await service.reorder_exhibitors(ctx, event, body, reset=reset)
