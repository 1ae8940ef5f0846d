"""Payment routes: `POST /v1/orders/{identifier}/charge` (the buyer starts paying),
`POST /v1/orders/{identifier}/verify` (is it paid? Stripe is asked),
`POST|GET /v1/orders/{identifier}/refunds` (money given back, refunds.py) and
`POST /v1/payments/stripe/webhook` (Stripe tells us, signed)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from starlette.requests import Request
from starlette.responses import Response

from hallway.auth.bodies import json_object
from hallway.config import Settings
from hallway.deps import DbSession, OptionalUser
from hallway.errors import BadRequest, Unauthorized
from hallway.jsonapi import RequestContext
from hallway.jsonapi.body import read_body
from hallway.jsonapi.http import MEDIA_TYPE
from hallway.jsonapi.serialize import encode
from hallway.orders.routes import idempotency_key
from hallway.payments import refunds, service, webhooks
from hallway.transactions import TransactionalRoute

router = APIRouter(tags=["order"], route_class=TransactionalRoute)
WEBHOOK_BYTES = 256 * 1024


@router.post("/v1/orders/{identifier}/charge")
async def charge(
    identifier: str, request: Request, session: DbSession, actor: OptionalUser
) -> Response:
    """Stripe only; the same PaymentIntent answers every retry (with or without the same
    `Idempotency-Key`)."""
    if actor is None:
        raise Unauthorized("Sign in first")
    idempotency_key(request)  # checked; every retry answers the order's one PaymentIntent
    ctx = RequestContext(request, session, actor)
    answer = await service.charge(ctx, identifier)
    path = f"/v1/orders/{identifier}/charge"
    document = {
        "data": {"type": "charge", "id": identifier, "attributes": answer,
                 "links": {"self": path}},
        "links": {"self": path},
        "jsonapi": {"version": "1.0"},
    }  # fmt: skip
    return Response(encode(document), media_type=MEDIA_TYPE)


@router.post("/v1/orders/{identifier}/verify")
async def verify(
    identifier: str, request: Request, session: DbSession, actor: OptionalUser
) -> dict[str, Any]:
    if actor is None:
        raise Unauthorized("Sign in first")
    return await service.verify(RequestContext(request, session, actor), identifier)


@router.post("/v1/orders/{identifier}/refunds")
async def refund(
    identifier: str, request: Request, session: DbSession, actor: OptionalUser
) -> dict[str, Any]:
    """The event's organizers give money back: `{"amount": "10.00", "reason": "…"}`. A retry
    with the same `Idempotency-Key` answers the first refund."""
    if actor is None:
        raise Unauthorized("Sign in first")
    key = idempotency_key(request)
    body = await json_object(request)
    return await refunds.record_refund(
        RequestContext(request, session, actor), identifier, body, key
    )


@router.get("/v1/orders/{identifier}/refunds")
async def list_refunds(
    identifier: str, request: Request, session: DbSession, actor: OptionalUser
) -> list[dict[str, Any]]:
    if actor is None:
        raise Unauthorized("Sign in first")
    return await refunds.list_refunds(RequestContext(request, session, actor), identifier)


@router.post("/v1/payments/stripe/webhook")
async def stripe_webhook(request: Request, session: DbSession) -> dict[str, Any]:
    payload = await read_body(request, WEBHOOK_BYTES)
    if not payload:
        raise BadRequest("The body is empty")
    signature = request.headers.get("stripe-signature")
    settings: Settings = request.app.state.settings
    return await webhooks.receive(session, settings, payload, signature)
