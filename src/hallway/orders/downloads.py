"""Downloading a completed order's PDFs: `GET /v1/orders/{identifier}/tickets-pdf` (every
ticket), `GET /v1/orders/attendees/{id}.pdf` (one ticket) and
`GET /v1/orders/invoices/{identifier}` (the invoice). The buyer and the event's staff get
them all; an attendee's holder gets their own ticket; anyone else learns nothing (404)."""

from __future__ import annotations

from fastapi import APIRouter
from sqlalchemy import select
from starlette.requests import Request
from starlette.responses import Response

from hallway.auth.actor import Actor
from hallway.deps import DbSession, OptionalUser
from hallway.errors import ObjectNotFound, Unauthorized
from hallway.jsonapi import RequestContext
from hallway.orders.models import Attendee, Order, OrderDocument
from hallway.orders.policy import STAFF_ROLES, holds
from hallway.transactions import TransactionalRoute

router = APIRouter(tags=["order"], route_class=TransactionalRoute)
PDF = "application/pdf"


def _signed_in(actor: Actor | None) -> Actor:
    if actor is None:
        raise Unauthorized("Sign in first")
    return actor


async def _order(ctx: RequestContext, actor: Actor, identifier: str) -> Order:
    order = await ctx.session.scalar(select(Order).where(Order.identifier == identifier))
    if order is None or not (
        order.user_id == actor.id or await holds(ctx, order.event_id, STAFF_ROLES)
    ):
        raise ObjectNotFound("order not found")
    return order


async def _document(
    ctx: RequestContext, order_id: int, kind: str, attendee_id: int | None = None
) -> bytes:
    content = await ctx.session.scalar(
        select(OrderDocument.content).where(
            OrderDocument.order_id == order_id,
            OrderDocument.kind == kind,
            OrderDocument.attendee_id.is_(None)
            if attendee_id is None
            else OrderDocument.attendee_id == attendee_id,
        )
    )
    if content is None:
        raise ObjectNotFound("The document is not made yet: the order is not completed")
    return bytes(content)


def _pdf(content: bytes, filename: str) -> Response:
    disposition = f'inline; filename="{filename}"'
    return Response(content, media_type=PDF, headers={"Content-Disposition": disposition})


async def _order_pdf(
    request: Request, session: DbSession, actor: Actor | None, identifier: str, kind: str
) -> Response:
    """One of an order's documents (its tickets or its invoice), for those who may read it."""
    who = _signed_in(actor)
    ctx = RequestContext(request, session, who)
    order = await _order(ctx, who, identifier)
    return _pdf(await _document(ctx, order.id, kind), f"{kind}-{order.identifier}.pdf")


@router.get("/v1/orders/{identifier}/tickets-pdf")
async def tickets(
    identifier: str, request: Request, session: DbSession, actor: OptionalUser
) -> Response:
    return await _order_pdf(request, session, actor, identifier, "tickets")


@router.get("/v1/orders/invoices/{identifier}")
async def invoice(
    identifier: str, request: Request, session: DbSession, actor: OptionalUser
) -> Response:
    return await _order_pdf(request, session, actor, identifier, "invoice")


@router.get("/v1/orders/attendees/{attendee_id}.pdf")
async def attendee_ticket(
    attendee_id: str, request: Request, session: DbSession, actor: OptionalUser
) -> Response:
    who = _signed_in(actor)
    if not attendee_id.isdigit() or len(attendee_id) > 18:
        raise ObjectNotFound("attendee not found")
    ctx = RequestContext(request, session, who)
    row = (
        await session.execute(
            select(Attendee, Order)
            .join(Order, Order.id == Attendee.order_id)
            .where(Attendee.id == int(attendee_id), Attendee.deleted_at.is_(None))
        )
    ).first()
    if row is None:
        raise ObjectNotFound("attendee not found")
    attendee, order = row
    holder = attendee.user_id == who.id or (
        who.is_verified and (attendee.email or "").lower() == who.email.lower()
    )
    if not (holder or order.user_id == who.id or await holds(ctx, order.event_id, STAFF_ROLES)):
        raise ObjectNotFound("attendee not found")
    content = await _document(ctx, order.id, "ticket", attendee.id)
    return _pdf(content, f"ticket-{order.identifier}-{attendee.identifier}.pdf")
