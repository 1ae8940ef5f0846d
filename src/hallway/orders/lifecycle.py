"""An order's status, moved by role, and what a PATCH of an order or an attendee may change.

The buyer moves their own order: initializing -> completed when nothing is due; with an
amount due, initializing -> pending (choosing how to pay, as the Open Event order page does)
and initializing or pending -> placed for an offline payment mode the event takes (bank,
cheque, on site, invoice); online payments complete through their gateway. The buyer cancels
the order while nothing has been paid. The event's co-organizers confirm offline payments
(placed -> completed) and cancel unpaid orders; they cancel a paid, completed order only
once a refund is recorded for it (payments/refunds.py), and the buyer never does. Cancelled
and expired are final. Every ORM write of an order is an UPDATE conditional on the status
it was read with (the mapper's version column, models.py), so two requests cannot both move
the same order; the stock's own counters (stock.py) are conditional UPDATEs of their own."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import bindparam, select

from hallway.auth.policy import actor_of
from hallway.config import Settings
from hallway.errors import Forbidden, ValidationFailed
from hallway.events.models import Event
from hallway.jsonapi import RequestContext
from hallway.jsonapi.writes import flush_session
from hallway.loading import load
from hallway.orders import mails, stock
from hallway.orders.attendees import check_attendee_answers
from hallway.orders.completion import mark_completed
from hallway.orders.models import FINAL_STATUSES, Attendee, Order
from hallway.orders.policy import holds
from hallway.orders.service import expiry_minutes
from hallway.roles.policy import COORGANIZERS
from hallway.tickets.models import Ticket
from hallway.users.models import User

OFFLINE = {"bank": "can_pay_by_bank", "cheque": "can_pay_by_cheque", "onsite": "can_pay_onsite"}
OFFLINE["invoice"] = "can_pay_by_invoice"
ONLINE = {
    "stripe": "can_pay_by_stripe",
    "paypal": "can_pay_by_paypal",
    "omise": "can_pay_by_omise",
    "alipay": "can_pay_by_alipay",
    "paytm": "can_pay_by_paytm",
}
BILLING = ("company", "address", "city", "zipcode", "country")
# A gateway's payment may take longer than the reservation: pending orders get this more.
PENDING_GRACE = timedelta(minutes=30)
_TRANSITION = "hallway.orders.transition"


def settings_of(ctx: RequestContext) -> Settings:
    assert ctx.request is not None
    settings: Settings = ctx.request.app.state.settings
    return settings


def _status_error(message: str) -> ValidationFailed:
    return ValidationFailed(message, pointer="/data/attributes/status")


def _changes(obj: Any, values: dict[str, Any]) -> dict[str, Any]:
    return {name: value for name, value in values.items() if getattr(obj, name) != value}


# -- orders -----------------------------------------------------------------------------------
async def apply_order(ctx: RequestContext, order: Order, values: dict[str, Any]) -> None:
    actor = actor_of(ctx)
    is_buyer = actor is not None and order.user_id == actor.id
    manager = await holds(ctx, order.event_id, COORGANIZERS)
    if not (is_buyer or manager):
        raise Forbidden("Only the buyer and the event's organizers change an order")
    changes = _changes(order, values)
    status = changes.pop("status", None)
    if order.status in FINAL_STATUSES and (changes or status):
        raise _status_error(f"an order that is {order.status} cannot change")
    details = set(changes) - {"order_notes", "cancel_note"}
    if details and not is_buyer:
        raise Forbidden("Only the buyer changes an order's billing and payment details")
    if details and order.status not in stock.UNPAID:
        raise ValidationFailed(
            "billing and payment details are given while the order is being made or paid",
            pointer="/data/attributes",
        )
    for name, value in changes.items():
        setattr(order, name, value)
    if status is not None:
        ctx.memo[(_TRANSITION, order.id)] = (order.status, status, is_buyer, manager)
        order.status = status


async def check_order(ctx: RequestContext, order: Order) -> None:
    """Runs after the change is applied and authorized: the status transition's rules."""
    transition = ctx.memo.pop((_TRANSITION, order.id), None)
    if transition is None:
        return
    seen, wanted, is_buyer, manager = transition
    event = await load(ctx.session, Event, order.event_id)
    assert event is not None
    now = datetime.now(UTC)
    overdue = seen in stock.UNPAID and order.expires_at and order.expires_at < now
    if overdue and wanted != "cancelled":
        raise _status_error("the order has expired")
    _check_transition(order, event, seen, wanted, is_buyer=is_buyer, manager=manager)
    if wanted in ("pending", "placed", "completed"):
        await _check_complete(ctx, order, event)
    await _enter(ctx, order, wanted, now)
    # The status change itself, guarded by the status the order was read with (the mapper's
    # version column): of two requests moving the same order, the second gets 409 and
    # changes nothing. Only the one whose UPDATE matched gives the stock back.
    await flush_session(ctx.session)
    if wanted == "cancelled":
        await stock.end_orders(ctx.session, [order.id])
    if wanted in ("placed", "completed"):
        await mails.announce(ctx.session, settings_of(ctx), event, order)


def _check_transition(
    order: Order, event: Event, seen: str, wanted: str, *, is_buyer: bool, manager: bool
) -> None:
    due = order.amount > 0
    if wanted == "cancelled":
        if seen == "completed" and due and not (manager and order.refunded_amount > 0):
            raise _status_error("a paid order is not cancelled without a refund record")
        return
    if wanted == "expired":
        raise _status_error("orders expire by themselves")
    if seen == "placed" and wanted == "completed":
        if not manager:
            raise Forbidden("The event's organizers confirm offline payments")
        return
    if seen not in stock.UNPAID or not is_buyer:
        raise _status_error(f"an order cannot go from {seen} to {wanted} here")
    mode = order.payment_mode or ("free" if not due else None)
    order.payment_mode = mode
    if wanted == "completed":
        if due:
            raise _status_error("an order with an amount due is completed by its payment")
        return
    if not due:
        raise _status_error(f"{wanted}: nothing is due; complete the order")
    if wanted == "pending":
        # Waiting for the buyer to choose how to pay (the order page's next step).
        if seen != "initializing" or (mode is not None and mode not in {**OFFLINE, **ONLINE}):
            raise _status_error(f"an order cannot go from {seen} to pending")
        return
    if mode not in OFFLINE:
        raise _status_error("placed: the order needs an offline payment mode")
    if not getattr(event, OFFLINE[mode]):
        raise ValidationFailed(
            f"the event does not take {mode} payments", pointer="/data/attributes/payment-mode"
        )


BUYER_NAMES = ("firstname", "lastname")


# With the form of each one's ticket: its answers are checked against it.
_ATTENDEES_OF = (
    select(Attendee, Ticket.form_id)
    .outerjoin(Ticket, Ticket.id == Attendee.ticket_id)
    .where(Attendee.order_id == bindparam("_order"), Attendee.deleted_at.is_(None))
)


async def _check_complete(ctx: RequestContext, order: Order, event: Event) -> None:
    """Every attendee reachable by mail, and billing details when the event asks for them.

    An attendee left blank holds the buyer's ticket: they take the buyer's name and address
    (the attendee form's own required fields come with custom forms)."""
    found = (await ctx.session.execute(_ATTENDEES_OF, {"_order": order.id})).all()
    blank = order.user_id is not None and any(not attendee.email for attendee, _ in found)
    buyer = await load(ctx.session, User, order.user_id) if blank else None
    for attendee, form_id in found:
        stands_in = buyer is not None and not attendee.email
        if buyer is not None and stands_in:
            attendee.email = buyer.email
            attendee.firstname = attendee.firstname or buyer.first_name
            attendee.lastname = attendee.lastname or buyer.last_name
            attendee.user_id = buyer.id
        if not attendee.email:
            raise ValidationFailed(
                "every attendee needs an e-mail address", pointer="/data/relationships/attendees"
            )
        # The buyer's own ticket goes by the buyer's account, named or not.
        skip = BUYER_NAMES if stands_in else ()
        await check_attendee_answers(ctx, attendee, skip=skip, form_id=form_id)
    if event.is_billing_info_mandatory and order.amount > 0:
        for name in BILLING:
            if not getattr(order, name):
                raise ValidationFailed(
                    f"{name}: the event asks for billing details",
                    pointer=f"/data/attributes/{name}",
                )
        order.is_billing_enabled = True


async def _enter(ctx: RequestContext, order: Order, status: str, now: datetime) -> None:
    """The order's columns for its new status."""
    if status == "cancelled":
        order.expires_at = None
    elif status == "completed":
        mark_completed(ctx.session, order, now)
    elif status == "placed":
        order.expires_at = None
    elif status == "pending":
        order.expires_at = now + timedelta(minutes=await expiry_minutes(ctx)) + PENDING_GRACE
