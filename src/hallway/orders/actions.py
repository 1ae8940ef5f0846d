"""Custom order and attendee routes (plain JSON, as the Open Event clients call them):
`POST /v1/orders/resend-email`,
`POST /v1/attendees/send-receipt`, `GET /v1/events/{id}/attendees/search`, scanners' batches
`POST /v1/events/{id}/check-in-scans` (scans.py) and on-site sales,
`POST /v1/orders?onsite=true` (a JSON:API document)."""

from __future__ import annotations

from typing import Annotated, Any

import orjson
from fastapi import APIRouter, Depends
from starlette.requests import Request
from starlette.responses import Response

from hallway.auth.actor import Actor
from hallway.auth.bodies import json_object
from hallway.auth.ratelimit import enforce
from hallway.deps import DbSession, OptionalUser
from hallway.errors import BadRequest, Forbidden, Unauthorized
from hallway.jsonapi import RequestContext
from hallway.jsonapi.body import read_body, read_document
from hallway.jsonapi.dispatch import Dispatcher
from hallway.jsonapi.http import MEDIA_TYPE
from hallway.jsonapi.serialize import encode
from hallway.orders import desk, scans
from hallway.transactions import TransactionalRoute

router = APIRouter(tags=["order"], route_class=TransactionalRoute)
attendee_router = APIRouter(tags=["attendee"], route_class=TransactionalRoute)
RESENDS_PER_MINUTE = 5
SCANS_BYTES = 512 * 1024  # 500 scans with room to spare


async def _signed_in(actor: OptionalUser) -> Actor:
    if actor is None:
        raise Unauthorized("Sign in first")
    return actor


SignedIn = Annotated[Actor, Depends(_signed_in)]


def _text(body: dict[str, Any], *path: str) -> str:
    value: Any = body
    for key in path:
        value = value.get(key) if isinstance(value, dict) else None
    if not isinstance(value, str) or not value:
        raise BadRequest(f"'{path[-1]}' is required", pointer="/" + "/".join(path))
    return value


@router.post("/v1/orders/resend-email")
async def resend_email(request: Request, session: DbSession, actor: SignedIn) -> dict[str, str]:
    await enforce(request, f"orders:resend:{actor.id}", RESENDS_PER_MINUTE, 60)
    identifier = _text(await json_object(request), "data", "order")
    return await desk.resend(RequestContext(request, session, actor), identifier)


@attendee_router.post("/v1/attendees/send-receipt")
async def send_receipt(request: Request, session: DbSession, actor: SignedIn) -> Response:
    identifier = _text(await json_object(request), "order-identifier")
    answer = await desk.receipts(RequestContext(request, session, actor), identifier)
    return Response(encode(answer), media_type=MEDIA_TYPE)


@attendee_router.get("/v1/events/{event}/attendees/search")
async def search(
    event: str, request: Request, session: DbSession, actor: SignedIn
) -> dict[str, Any]:
    params = request.query_params
    ctx = RequestContext(request, session, actor)
    return await desk.search(ctx, event, params.get("name", ""), params.get("email", ""))


@attendee_router.post("/v1/events/{event}/check-in-scans")
async def check_in_scans(
    event: str, request: Request, session: DbSession, actor: SignedIn
) -> dict[str, Any]:
    try:
        body = orjson.loads(await read_body(request, SCANS_BYTES))
    except orjson.JSONDecodeError:
        body = None
    if not isinstance(body, dict):
        raise BadRequest("The body must be a JSON object", pointer="/")
    return await scans.receive(RequestContext(request, session, actor), event, body)


@attendee_router.delete("/v1/events/{event}/discount-codes/delete-unused", tags=["discount-code"])
async def delete_unused_codes(
    event: str, request: Request, session: DbSession, actor: SignedIn
) -> dict[str, Any]:
    return await desk.delete_unused_codes(RequestContext(request, session, actor), event)


@router.post("/v1/orders", status_code=201)
async def on_site(request: Request, session: DbSession, actor: SignedIn) -> Response:
    """Only on-site sales are made here; buyers use create-order."""
    if request.query_params.get("onsite") != "true":
        raise Forbidden("Orders are made with POST /v1/orders/create-order")
    ctx = RequestContext(request, session, actor)
    order = await desk.sell_on_site(ctx, await read_document(request))
    dispatcher: Dispatcher = request.app.state.dispatcher
    document = await dispatcher.document_in(ctx, "orders", str(order.id))
    return Response(encode(document), status_code=201, media_type=MEDIA_TYPE)
