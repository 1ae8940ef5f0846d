"""Paying an order with Stripe: a PaymentIntent on the event's connected account (`charge`),
then the order completed when Stripe says it succeeded — by the signed webhook, or by the
buyer's page polling `verify`. Both read the PaymentIntent back from Stripe and complete
the order with one conditional UPDATE, so a replay or a race completes it once."""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from hallway.auth.policy import actor_of
from hallway.config import Settings
from hallway.errors import ObjectNotFound, ValidationFailed
from hallway.events.models import Event
from hallway.jsonapi import RequestContext
from hallway.orders.completion import complete_payment
from hallway.orders.lifecycle import settings_of
from hallway.orders.models import Order
from hallway.orders.policy import STAFF_ROLES, holds
from hallway.payments import gateway
from hallway.payments.accounts import account_of

log = logging.getLogger("hallway.payments")
MAX_IDENTIFIER = 36


async def visible_order(ctx: RequestContext, identifier: str, *, staff: bool) -> Order:
    """The order, to its buyer (and, when `staff`, the event's staff); others get 404."""
    if len(identifier) > MAX_IDENTIFIER or "\x00" in identifier:
        raise ObjectNotFound("order not found")
    order = await ctx.session.scalar(select(Order).where(Order.identifier == identifier))
    actor = actor_of(ctx)
    if order is None or actor is None:
        raise ObjectNotFound("order not found")
    if order.user_id == actor.id:
        return order
    if staff and await holds(ctx, order.event_id, STAFF_ROLES):
        return order
    raise ObjectNotFound("order not found")


async def charge(ctx: RequestContext, identifier: str) -> dict[str, Any]:
    """The buyer starts paying a pending order by card: a PaymentIntent (the same one for
    every retry of the order) whose client secret the payment page confirms."""
    order = await visible_order(ctx, identifier, staff=False)
    event = await ctx.session.get(Event, order.event_id)
    assert event is not None
    if order.status != "pending":
        raise ValidationFailed(
            f"an order that is {order.status} is not charged; move it to pending first",
            pointer="/data",
        )
    if order.expires_at is not None and order.expires_at < datetime.now(UTC):
        raise ValidationFailed("the order has expired", pointer="/data")
    if order.payment_mode not in (None, "stripe") or not event.can_pay_by_stripe:
        raise ValidationFailed("the order is not paid with Stripe", pointer="/data")
    account = await account_of(ctx.session, event.id)
    if account is None:
        raise gateway.PaymentsOff("the event is not linked to a Stripe account")
    settings = settings_of(ctx)
    if order.transaction_id:
        intent = await gateway.retrieve_intent(
            settings, account=account, intent=order.transaction_id
        )
    else:
        currency = (event.payment_currency or "USD").lower()
        intent = await gateway.create_intent(
            settings,
            account=account,
            amount=gateway.minor_units(order.amount, currency),
            currency=currency,
            order=order.identifier,
            key=f"hallway-charge-{order.identifier}",
        )
        order.transaction_id = str(intent["id"])
        order.payment_mode = "stripe"
    return {"status": True, "message": str(intent.get("client_secret") or "")}


def _card(intent: dict[str, Any]) -> dict[str, Any]:
    charge = intent.get("latest_charge")
    details = charge.get("payment_method_details") if isinstance(charge, dict) else None
    card = details.get("card") if isinstance(details, dict) else None
    if not isinstance(card, dict):
        return {}
    return {
        "brand": card.get("brand"),
        "last4": card.get("last4"),
        "exp_month": card.get("exp_month"),
        "exp_year": card.get("exp_year"),
    }


def _matches(order: Order, event: Event, intent: dict[str, Any]) -> bool:
    currency = (event.payment_currency or "USD").lower()
    return (
        intent.get("id") == order.transaction_id
        and intent.get("amount") == gateway.minor_units(order.amount, currency)
        and str(intent.get("currency", "")).lower() == currency
    )


async def settle(session: AsyncSession, settings: Settings, order: Order) -> bool:
    """Ask Stripe about the order's PaymentIntent; complete the order if it succeeded."""
    if order.status != "pending" or not order.transaction_id or order.payment_mode != "stripe":
        return False
    event = await session.get(Event, order.event_id)
    assert event is not None
    account = await account_of(session, event.id)
    if account is None:
        return False
    intent = await gateway.retrieve_intent(settings, account=account, intent=order.transaction_id)
    if intent.get("status") != "succeeded" or not _matches(order, event, intent):
        return False
    payment = {"paid_via": "stripe", **_card(intent)}
    return await complete_payment(session, settings, order, payment)


async def verify(ctx: RequestContext, identifier: str) -> dict[str, Any]:
    """The buyer's payment page asks whether the order is paid: Stripe is polled first."""
    order = await visible_order(ctx, identifier, staff=True)
    if order.status == "pending" and order.payment_mode == "stripe":
        await settle(ctx.session, settings_of(ctx), order)
    return {"status": order.status, "paid": order.status == "completed"}
