"""`POST /v1/events/{identifier}/copy`: copy an event (by identifier or id) as a new draft."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends
from starlette.requests import Request
from starlette.responses import Response

from hallway.auth.actor import Actor
from hallway.copies.service import copy_event
from hallway.deps import DbSession, OptionalUser
from hallway.errors import Unauthorized
from hallway.jsonapi import RequestContext
from hallway.jsonapi.dispatch import Dispatcher
from hallway.jsonapi.serialize import encode
from hallway.transactions import TransactionalRoute

router = APIRouter(tags=["event"], route_class=TransactionalRoute)


async def _signed_in(actor: OptionalUser) -> Actor:
    if actor is None:
        raise Unauthorized("Sign in first")
    return actor


SignedIn = Annotated[Actor, Depends(_signed_in)]


@router.post("/v1/events/{identifier}/copy")
async def copy(identifier: str, request: Request, session: DbSession, actor: SignedIn) -> Response:
    """The new draft's id and identifier at the top, where the client reads them (the Open
    Event answer), and beside them the new event as a JSON:API document (`data`, `links`)."""
    ctx = RequestContext(request, session, actor)
    event = await copy_event(ctx, identifier)
    dispatcher: Dispatcher = request.app.state.dispatcher
    document = await dispatcher.document_in(ctx, "events", str(event.id))
    answer = {"copied": True, "id": event.id, "identifier": event.identifier, **document}
    return Response(encode(answer), media_type="application/json")
