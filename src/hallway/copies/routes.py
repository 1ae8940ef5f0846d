"""`POST /v1/events/{identifier}/copy`: copy an event (by identifier or id) as a new draft."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends
from starlette.requests import Request

from hallway.auth.actor import Actor
from hallway.copies.service import copy_event
from hallway.deps import DbSession, OptionalUser
from hallway.errors import Unauthorized
from hallway.jsonapi import RequestContext
from hallway.transactions import TransactionalRoute

router = APIRouter(tags=["event"], route_class=TransactionalRoute)


async def _signed_in(actor: OptionalUser) -> Actor:
    if actor is None:
        raise Unauthorized("Sign in first")
    return actor


SignedIn = Annotated[Actor, Depends(_signed_in)]


@router.post("/v1/events/{identifier}/copy")
async def copy(
    identifier: str, request: Request, session: DbSession, actor: SignedIn
) -> dict[str, Any]:
    """The new draft's id and identifier, as the client reads them (plain JSON, like the
    original's answer); the copy itself is at `/v1/events/{identifier}`."""
    event = await copy_event(RequestContext(request, session, actor), identifier)
    return {"copied": True, "id": event.id, "identifier": event.identifier}
