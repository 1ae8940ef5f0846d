"""Making an order: the cart checked and priced, its stock and code uses taken atomically
(stock.py), the order and its blank attendees written, all in the request's transaction."""

from __future__ import annotations

import hashlib
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import orjson
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from hallway.auth.policy import actor_of
from hallway.codes.models import AccessCode, DiscountCode
from hallway.errors import Conflict, Unauthorized, ValidationFailed
from hallway.jsonapi import RequestContext
from hallway.orders import stock
from hallway.orders.cart import Cart, load_cart
from hallway.orders.models import Attendee, IdempotencyKey, Order
from hallway.settings.models import DEFAULT_ORDER_EXPIRY_MINUTES, Setting
from hallway.tickets.money import check_amount
from hallway.tickets.service import takes_payments

Answer = Callable[[Order], Awaitable[Any]]
KEY_SCOPE = "create-order"


_EXPIRY = select(Setting.order_expiry_time).limit(1)


async def expiry_minutes(ctx: RequestContext) -> int:
    minutes = await ctx.session.scalar(_EXPIRY)
    return int(minutes or DEFAULT_ORDER_EXPIRY_MINUTES)


def fingerprint(body: dict[str, Any]) -> str:
    return hashlib.sha256(orjson.dumps(body, option=orjson.OPT_SORT_KEYS)).hexdigest()


async def replayed(ctx: RequestContext, key: str | None, body: dict[str, Any]) -> int | None:
    """The order an earlier request with this `Idempotency-Key` made, if any."""
    actor = actor_of(ctx)
    if key is None or actor is None:
        return None
    found = await ctx.session.scalar(
        select(IdempotencyKey).where(
            IdempotencyKey.user_id == actor.id,
            IdempotencyKey.scope == KEY_SCOPE,
            IdempotencyKey.key == key,
        )
    )
    if found is None:
        return None
    if found.fingerprint != fingerprint(body):
        raise ValidationFailed(
            "This Idempotency-Key was used for another request", pointer="/tickets"
        )
    return found.order_id


async def create_order(
    ctx: RequestContext,
    body: dict[str, Any],
    key: str | None = None,
    answer: Answer | None = None,
    *,
    commits_next: bool = False,
) -> tuple[Order, Any]:
    """The order and its blank attendees, then (`answer` rendered in between) the stock.

    The stock and code uses are hot rows every buyer of the event updates: they are taken
    last, just before the commit, so each buyer holds their lock as briefly as possible. A
    refusal there rolls everything back. A cart whose tickets looked sold out when read is
    taken first instead: the late buyers of a sold-out event are refused before anything is
    written or rendered for them. `commits_next`: the caller commits as soon as this
    returns, writing nothing more, so on PostgreSQL the stock may be taken with the commit
    itself (stock.py `take_and_commit`)."""
    actor = actor_of(ctx)
    if actor is None:
        raise Unauthorized("Sign in to order tickets")
    cart = await load_cart(ctx, body, buying=True)
    amount = _amount(cart, body)
    if amount > 0 and not takes_payments(cart.event):
        raise ValidationFailed("the event takes no payments", pointer="/tickets")
    looked_sold_out = any(
        line.ticket.reserved + line.quantity > line.ticket.quantity for line in cart.lines
    )
    if looked_sold_out:
        await _take(ctx, cart)
    now = datetime.now(UTC)
    order = Order(
        amount=amount,
        status="initializing",
        event_id=cart.event.id,
        user_id=actor.id,
        discount_code_id=cart.discount.id if cart.discount else None,
        access_code_id=cart.access.id if cart.access else None,
        expires_at=now + timedelta(minutes=cart.expiry_minutes),
        quantity=sum(line.quantity for line in cart.lines),
        created_at=now,
    )
    # One flush writes the order, then its attendees (linked through the relationship).
    ctx.session.add_all([order, *_blank_attendees(cart, order)])
    if key is not None:
        await ctx.session.flush()
        ctx.session.add(
            IdempotencyKey(
                user_id=actor.id,
                scope=KEY_SCOPE,
                key=key,
                fingerprint=fingerprint(body),
                order_id=order.id,
            )
        )
    try:
        await ctx.session.flush()
    except IntegrityError:
        raise Conflict("A request with this Idempotency-Key is being handled") from None
    rendered = None if answer is None else await answer(order)
    if looked_sold_out:
        return order, rendered
    if not (commits_next and await _take_and_commit(ctx, cart)):
        await _take(ctx, cart)
    return order, rendered


def _amount(cart: Cart, body: dict[str, Any]) -> Decimal:
    """The computed total; the event's co-organizers and admins may set another."""
    given = body.get("amount")
    if not cart.manager or given is None or isinstance(given, bool):
        return cart.price.total
    if not isinstance(given, int | float | str):
        raise ValidationFailed("amount: must be a number", pointer="/amount")
    try:
        amount = Decimal(str(given))
    except ArithmeticError:
        raise ValidationFailed("amount: must be a number", pointer="/amount") from None
    if not amount.is_finite() or amount < 0:
        raise ValidationFailed("amount: must be an amount from 0", pointer="/amount")
    check_amount(amount, cart.event.payment_currency, "amount")
    return amount


async def _take_and_commit(ctx: RequestContext, cart: Cart) -> bool:
    """The common cart (one ticket, no code) on PostgreSQL: its stock taken and the order
    committed in one round trip (stock.py); False when it was not (then `_take`)."""
    if len(cart.lines) != 1 or cart.discount is not None or cart.access is not None:
        return False
    (line,) = cart.lines
    return bool(await stock.take_and_commit(ctx.session, line.ticket.id, line.quantity))


async def _take(ctx: RequestContext, cart: Cart) -> None:
    """Stock, then code uses; when a ticket looks sold out, the event's overdue unpaid orders
    are ended first (the expiry job may not have run yet) and the ticket is tried again."""
    session = ctx.session
    swept = False
    for index, line in sorted(enumerate(cart.lines), key=lambda pair: pair[1].ticket.id):
        wanted = [(line.ticket.id, line.quantity)]
        if await stock.take_tickets(session, wanted) is None:
            continue
        if not swept:
            swept = True
            await stock.expire_overdue(session, event_id=cart.event.id)
            if await stock.take_tickets(session, wanted) is None:
                continue
        raise Conflict("This ticket is sold out", pointer=f"/tickets/{index}/quantity")
    if cart.discount is not None and not await stock.use_code(
        session, DiscountCode, cart.discount.id, cart.discounted_quantity()
    ):
        raise Conflict("discount-code: the code has been used up", pointer="/discount-code")
    if cart.access is not None and not await stock.use_code(
        session, AccessCode, cart.access.id, cart.unlocked_quantity()
    ):
        raise Conflict("access-code: the code has been used up", pointer="/access-code")


def _blank_attendees(cart: Cart, order: Order) -> list[Attendee]:
    return [
        Attendee(
            ticket_id=line.ticket.id,
            order=order,
            event_id=cart.event.id,
            is_discount_applied=line.discounted,
            is_access_code_applied=line.ticket.id in cart.access_tickets,
        )
        for line in cart.lines
        for _ in range(line.quantity)
    ]
