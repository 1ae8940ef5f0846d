"""The order desk's use cases behind the custom routes (actions.py): mails
sent again, the attendee search and on-site sales."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, select

from hallway.auth.policy import actor_of
from hallway.codes.models import DiscountCode
from hallway.errors import BadRequest, Forbidden, ObjectNotFound, ValidationFailed
from hallway.events.models import Event
from hallway.events.service import find_visible_event
from hallway.jsonapi import RequestContext
from hallway.orders import mails
from hallway.orders.completion import mark_completed
from hallway.orders.documents import stored_tickets
from hallway.orders.lifecycle import settings_of
from hallway.orders.models import Attendee, Order
from hallway.orders.policy import STAFF_ROLES, holds
from hallway.orders.service import create_order
from hallway.roles.policy import COORGANIZERS

SEARCH_LIMIT = 100
SEARCH_FIELDS = (
    "firstname", "lastname", "email", "address", "city", "state", "country", "job_title",
    "phone", "company", "work_address", "work_phone", "billing_address", "home_address",
    "shipping_address", "tax_business_info", "website", "blog", "twitter", "facebook",
    "github", "gender", "birth_date", "is_checked_in", "checkin_times", "is_checked_out",
    "checkout_times", "is_registered", "register_times", "attendee_notes", "pdf_url",
    "deleted_at",
)  # fmt: skip


async def _order(ctx: RequestContext, identifier: str) -> Order:
    order = await ctx.session.scalar(select(Order).where(Order.identifier == identifier))
    if order is None:
        raise ObjectNotFound("order not found")
    return order


async def _may(ctx: RequestContext, order: Order, roles: tuple[str, ...], buyer: bool) -> None:
    """Who is not the buyer (when that counts) nor holds one of `roles` learns nothing."""
    actor = actor_of(ctx)
    if buyer and actor is not None and order.user_id == actor.id:
        return
    if await holds(ctx, order.event_id, roles):
        return
    raise ObjectNotFound("order not found")


async def resend(ctx: RequestContext, identifier: str) -> dict[str, str]:
    """The buyer's confirmation again, by the event's co-organizers."""
    order = await _order(ctx, identifier)
    await _may(ctx, order, COORGANIZERS, buyer=False)
    if order.status not in ("placed", "completed"):
        raise ValidationFailed("Only placed or completed orders are confirmed", pointer="/data")
    event = await ctx.session.get(Event, order.event_id)
    assert event is not None
    if not await mails.confirm_to_buyer(ctx.session, settings_of(ctx), event, order):
        raise ValidationFailed("The order has no buyer to write to", pointer="/data")
    return {"message": "Email confirmation sent"}


async def receipts(ctx: RequestContext, identifier: str) -> dict[str, str]:
    """Each attendee's ticket mail again (with their ticket PDF once it is made), by the
    buyer or the event's staff."""
    order = await _order(ctx, identifier)
    await _may(ctx, order, STAFF_ROLES, buyer=True)
    if order.status != "completed":
        raise ValidationFailed(
            "Receipts are sent for completed orders", pointer="/order-identifier"
        )
    event = await ctx.session.get(Event, order.event_id)
    assert event is not None
    tickets = await stored_tickets(ctx.session, order)
    await mails.send_to_attendees(
        ctx.session, settings_of(ctx), event, order, everyone=True, tickets=tickets
    )
    return {"message": "receipt sent to attendees"}


async def search(ctx: RequestContext, event_key: str, name: str, email: str) -> dict[str, Any]:
    event_id = await find_visible_event(ctx, event_key)
    if not await holds(ctx, event_id, STAFF_ROLES):
        raise Forbidden("Only the event's staff search its attendees")
    where = [Attendee.event_id == event_id, Attendee.deleted_at.is_(None)]
    if name:
        pattern = f"%{name.lower()}%"
        full = func.lower(
            func.coalesce(Attendee.firstname, "") + " " + func.coalesce(Attendee.lastname, "")
        )
        where.append(full.like(pattern))
    if email:
        where.append(func.lower(Attendee.email).like(f"%{email.lower()}%"))
    rows = await ctx.session.scalars(
        select(Attendee).where(*where).order_by(Attendee.id).limit(SEARCH_LIMIT)
    )
    return {"attendees": [_plain(attendee) for attendee in rows]}


def _plain(attendee: Attendee) -> dict[str, Any]:
    found: dict[str, Any] = {"id": str(attendee.id), "ticket-id": str(attendee.ticket_id)}
    for name in SEARCH_FIELDS:
        value = getattr(attendee, name)
        found[name.replace("_", "-")] = value.isoformat() if isinstance(value, datetime) else value
    return found


async def delete_unused_codes(ctx: RequestContext, event_key: str) -> dict[str, Any]:
    """Trash the event's discount codes that no order names, by its co-organizers."""
    event_id = await find_visible_event(ctx, event_key)
    if not await holds(ctx, event_id, COORGANIZERS):
        raise Forbidden("Only the event's organizers delete its codes")
    named = select(Order.id).where(Order.discount_code_id == DiscountCode.id)
    unused = await ctx.session.scalars(
        select(DiscountCode).where(
            DiscountCode.event_id == event_id,
            DiscountCode.deleted_at.is_(None),
            DiscountCode.used == 0,
            ~named.exists(),
        )
    )
    now = datetime.now(UTC)
    deleted = [code.id for code in unused]
    for code in await ctx.session.scalars(select(DiscountCode).where(DiscountCode.id.in_(deleted))):
        code.deleted_at = now
    return {"deleted": [str(code_id) for code_id in deleted]}


# -- on-site sales ---------------------------------------------------------------------------------
ON_SITE_STATUSES = ("initializing", "placed", "completed")


def _on_site_lines(attributes: dict[str, Any]) -> list[dict[str, Any]]:
    """`on-site-tickets`: `[{id, quantity}]`, or each wrapped as `{data: {attributes: …}}` (how
    the Blueprint shows it)."""
    given = attributes.get("on-site-tickets", attributes.get("on_site_tickets"))
    if not isinstance(given, list) or not given:
        raise ValidationFailed(
            "on-site-tickets: give at least one {id, quantity}",
            pointer="/data/attributes/on-site-tickets",
        )
    lines = []
    for item in given:
        inner = item.get("data", {}).get("attributes") if isinstance(item, dict) else None
        lines.append(inner if isinstance(inner, dict) else item)
    return lines


async def sell_on_site(ctx: RequestContext, document: Any) -> Order:
    data = document.get("data") if isinstance(document, dict) else None
    if not isinstance(data, dict) or data.get("type") != "order":
        raise BadRequest('The body must be {"data": {"type": "order", …}}', pointer="/data")
    attributes = data.get("attributes") or {}
    if not isinstance(attributes, dict):
        raise BadRequest("attributes must be an object", pointer="/data/attributes")
    cart = {"tickets": _on_site_lines(attributes)}
    if attributes.get("amount") is not None:
        cart["amount"] = attributes["amount"]
    status = attributes.get("status") or "initializing"
    if status not in ON_SITE_STATUSES:
        raise ValidationFailed(
            f"status: one of {', '.join(ON_SITE_STATUSES)}", pointer="/data/attributes/status"
        )
    order, _ = await create_order(ctx, cart)
    if not await holds(ctx, order.event_id, COORGANIZERS):
        raise Forbidden("Only the event's organizers sell on site")
    mode = attributes.get("payment-mode") or ("free" if order.amount == 0 else "onsite")
    order.payment_mode = str(mode)[:20]
    order.order_notes = (
        attributes.get("order-notes") if isinstance(attributes.get("order-notes"), str) else None
    )
    if status != "initializing":
        order.status = status
        order.expires_at = None
        if status == "completed":
            mark_completed(ctx.session, order)
    await ctx.session.flush()
    return order
