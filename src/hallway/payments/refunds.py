"""Refunds: the event's organizers give back part or all of a completed order's amount.

A refund is recorded with its amount (never more than what is left of the order's amount,
checked by one conditional UPDATE so two refunds cannot both pass), its reason, who made it
and when. An order paid through Stripe is refunded through Stripe, on the event's connected
account, with an idempotency key: a retried request (the same `Idempotency-Key`, or none
after a failed commit) never refunds twice. An order paid offline records the refund made
outside. Once refunded, the order may be cancelled (lifecycle.py)."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import func, select, update

from hallway.auth.policy import actor_of
from hallway.errors import Conflict, Forbidden, ValidationFailed
from hallway.events.models import Event
from hallway.jsonapi import RequestContext
from hallway.orders.lifecycle import settings_of
from hallway.orders.models import Order, OrderRefund
from hallway.orders.policy import holds
from hallway.payments import gateway
from hallway.payments.accounts import account_of
from hallway.payments.service import visible_order
from hallway.roles.policy import COORGANIZERS
from hallway.tickets.money import LARGEST, check_amount, minor_digits

REASON_CHARS = 2000
FAILED = ("failed", "canceled")


def as_json(refund: OrderRefund, order: Order, currency: str | None) -> dict[str, Any]:
    unit = _unit(currency)
    return {
        "id": refund.id,
        "order": order.identifier,
        "amount": str(refund.amount.quantize(unit)),
        "reason": refund.reason,
        "status": refund.status,
        "refunded-by": refund.refunded_by_id,
        "created-at": refund.created_at.isoformat(),
        "gateway-refund-id": refund.gateway_refund_id,
    }


def _unit(currency: str | None) -> Decimal:
    return Decimal(1).scaleb(-minor_digits(currency))


def _asked(body: dict[str, Any], currency: str | None) -> tuple[Decimal, str]:
    raw, reason = body.get("amount"), body.get("reason")
    try:
        amount = Decimal(str(raw)) if isinstance(raw, str | int) else None
    except InvalidOperation:
        amount = None
    if amount is None or not amount.is_finite() or not 0 < amount <= LARGEST:
        raise ValidationFailed("amount: a positive amount, as a string", pointer="/amount")
    check_amount(amount, currency, "amount")
    if (
        not isinstance(reason, str)
        or not reason.strip()
        or len(reason) > REASON_CHARS
        or "\x00" in reason
    ):
        raise ValidationFailed(
            f"reason: why the money goes back, 1 to {REASON_CHARS} characters", pointer="/reason"
        )
    return amount, reason.strip()


async def _managed(ctx: RequestContext, identifier: str) -> Order:
    order = await visible_order(ctx, identifier, staff=True)
    if not await holds(ctx, order.event_id, COORGANIZERS):
        raise Forbidden("The event's owner, organizers and co-organizers refund orders")
    return order


async def _replayed(ctx: RequestContext, order: Order, key: str | None) -> OrderRefund | None:
    if key is None:
        return None
    return await ctx.session.scalar(
        select(OrderRefund).where(OrderRefund.order_id == order.id, OrderRefund.key == key)
    )


async def _take(ctx: RequestContext, order: Order, amount: Decimal, currency: str | None) -> None:
    """Count the refund against the order's amount, or 422 when that would go past it."""
    stmt = (
        update(Order)
        .where(
            Order.id == order.id,
            Order.status == "completed",
            Order.refunded_amount + amount <= Order.amount,
        )
        .values(refunded_amount=Order.refunded_amount + amount)
        .execution_options(synchronize_session=False)
    )
    if (await ctx.session.execute(stmt)).rowcount != 1:  # type: ignore[attr-defined]
        await ctx.session.refresh(order)
        left = (order.amount - order.refunded_amount).quantize(_unit(currency))
        raise ValidationFailed(
            f"amount: at most {left} is left to refund on this order", pointer="/amount"
        )
    await ctx.session.refresh(order, ["refunded_amount"])


async def _through_stripe(
    ctx: RequestContext, order: Order, event: Event, amount: Decimal, key: str
) -> dict[str, Any]:
    account = await account_of(ctx.session, event.id)
    if account is None or not order.transaction_id:
        raise gateway.PaymentsOff("the event is no longer linked to its Stripe account")
    currency = (event.payment_currency or "USD").lower()
    refund = await gateway.create_refund(
        settings_of(ctx),
        account=account,
        intent=order.transaction_id,
        amount=gateway.minor_units(amount, currency),
        order=order.identifier,
        key=f"hallway-refund-{order.identifier}-{key}",
    )
    if refund.get("status") in FAILED:
        raise ValidationFailed("Stripe did not refund the payment", pointer="/amount")
    return refund


async def record_refund(
    ctx: RequestContext, identifier: str, body: dict[str, Any], key: str | None
) -> dict[str, Any]:
    order = await _managed(ctx, identifier)
    event = await ctx.session.get(Event, order.event_id)
    assert event is not None
    amount, reason = _asked(body, event.payment_currency)
    earlier = await _replayed(ctx, order, key)
    if earlier is not None:
        if (earlier.amount, earlier.reason) != (amount, reason):
            raise Conflict("Idempotency-Key: it was used for another refund of this order")
        return as_json(earlier, order, event.payment_currency)
    if order.status != "completed" or order.amount <= 0:
        raise ValidationFailed(
            f"an order that is {order.status} with {order.amount} paid is not refunded",
            pointer="/data",
        )
    await _take(ctx, order, amount, event.payment_currency)
    if key is None:
        made = select(func.count()).where(OrderRefund.order_id == order.id)
        key = f"refund-{(await ctx.session.scalar(made) or 0) + 1}"
    status, refund_id = "recorded", None
    if order.paid_via == "stripe":
        answer = await _through_stripe(ctx, order, event, amount, key)
        status, refund_id = str(answer.get("status") or "pending"), str(answer["id"])
    actor = actor_of(ctx)
    refund = OrderRefund(
        order_id=order.id,
        amount=amount,
        reason=reason,
        status=status,
        gateway_refund_id=refund_id,
        key=key,
        refunded_by_id=actor.id if actor else None,
    )
    ctx.session.add(refund)
    await ctx.session.flush()
    return as_json(refund, order, event.payment_currency)


async def list_refunds(ctx: RequestContext, identifier: str) -> list[dict[str, Any]]:
    """The order's refunds, to its buyer and the event's staff."""
    order = await visible_order(ctx, identifier, staff=True)
    event = await ctx.session.get(Event, order.event_id)
    assert event is not None
    found = await ctx.session.scalars(
        select(OrderRefund).where(OrderRefund.order_id == order.id).order_by(OrderRefund.id)
    )
    return [as_json(refund, order, event.payment_currency) for refund in found]
