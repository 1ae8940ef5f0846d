"""The custom order endpoints, in plain JSON as the Open Event client calls them:
`POST /v1/orders/calculate-amount` (the cart's price) and `POST /v1/orders/create-order`
(the order with its blank attendees, as a JSON:API document)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import Response

from hallway.auth.bodies import json_object
from hallway.deps import DbSession, OptionalUser
from hallway.errors import BadRequest, Unauthorized
from hallway.jsonapi import RequestContext
from hallway.jsonapi.dispatch import Dispatcher
from hallway.jsonapi.serialize import encode
from hallway.orders import service
from hallway.orders.cart import load_cart
from hallway.orders.pricing import as_json
from hallway.transactions import TransactionalRoute

router = APIRouter(tags=["order"], route_class=TransactionalRoute)
KEY_HEADER = "idempotency-key"


@router.post("/v1/orders/calculate-amount")
async def calculate_amount(
    request: Request, session: DbSession, actor: OptionalUser
) -> dict[str, Any]:
    ctx = RequestContext(request, session, actor)
    cart = await load_cart(ctx, await json_object(request), buying=False)
    return as_json(cart.price)


def idempotency_key(request: Request) -> str | None:
    key = request.headers.get(KEY_HEADER)
    if key is None:
        return None
    if not 1 <= len(key) <= 255 or not key.isprintable():
        raise BadRequest("Idempotency-Key: 1 to 255 printable characters")
    return key


@router.post("/v1/orders/create-order")
async def create_order(request: Request, session: DbSession, actor: OptionalUser) -> Response:
    """A retried request with the same `Idempotency-Key` answers the order the first made."""
    if actor is None:
        raise Unauthorized("Sign in to order tickets")
    ctx = RequestContext(request, session, actor)
    body = await json_object(request)
    key = idempotency_key(request)
    dispatcher: Dispatcher = request.app.state.dispatcher

    async def answer(order: Any) -> dict[str, Any]:
        return await dispatcher.document_in(ctx, "orders", str(order.id))

    order_id = await service.replayed(ctx, key, body)
    if order_id is None:
        # Nothing is written after the order: the route commits at once.
        _, document = await service.create_order(ctx, body, key, answer, commits_next=True)
    else:
        document = await dispatcher.document_in(ctx, "orders", str(order_id))
    return Response(encode(document), media_type="application/json")
