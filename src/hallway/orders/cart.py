"""The cart of `calculate-amount` and `create-order` (plain JSON, as the Open Event client
sends it): read, loaded and checked against every sales rule before anything is priced.

    {"tickets": [{"id": 5, "quantity": 1, "price": 10}], "discount-code": 3, "access-code": 7}

A code is given by id (what the client sends) or by the code itself; `discount_code` and
`access_code` are accepted too (the API Blueprint spells them so)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import String, bindparam, func, select

from hallway.auth.policy import actor_of
from hallway.codes.models import AccessCode, DiscountCode
from hallway.errors import Conflict, Forbidden, ObjectNotFound, ValidationFailed
from hallway.events.models import Event
from hallway.jsonapi import RequestContext
from hallway.orders.policy import holds
from hallway.orders.pricing import Line, Price, price_cart
from hallway.roles.policy import COORGANIZERS
from hallway.settings.models import DEFAULT_ORDER_EXPIRY_MINUTES, Setting
from hallway.tickets.fees import fee_for, may_apply
from hallway.tickets.models import Tax, Ticket, TicketFee
from hallway.tickets.money import LARGEST, check_amount
from hallway.tickets.service import DONATION_TYPES

MAX_LINES = 100
MAX_QUANTITY = 10_000


def _bad(message: str, pointer: str) -> ValidationFailed:
    return ValidationFailed(message, pointer=pointer)


@dataclass(frozen=True)
class Wanted:
    ticket_id: int
    quantity: int
    price: Decimal | None


@dataclass
class Cart:
    event: Event
    lines: list[Line]
    price: Price
    manager: bool
    discount: DiscountCode | None = None
    discount_tickets: frozenset[int] = frozenset()
    access: AccessCode | None = None
    access_tickets: frozenset[int] = frozenset()
    # How long an order made of it holds its tickets (setting `order-expiry-time`).
    expiry_minutes: int = DEFAULT_ORDER_EXPIRY_MINUTES

    def discounted_quantity(self) -> int:
        return sum(line.quantity for line in self.lines if line.discounted)

    def unlocked_quantity(self) -> int:
        return sum(line.quantity for line in self.lines if line.ticket.id in self.access_tickets)


def _integer(value: Any, pointer: str, *, low: int, high: int) -> int:
    if isinstance(value, bool):
        raise _bad("must be a whole number", pointer)
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value)
    if not isinstance(value, int) or not low <= value <= high:
        raise _bad(f"must be a whole number from {low} to {high}", pointer)
    return value


def _decimal(value: Any, pointer: str) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise _bad("must be a number", pointer)
    try:
        amount = Decimal(str(value))
    except InvalidOperation:
        raise _bad("must be a number", pointer) from None
    if not amount.is_finite() or not 0 <= amount <= LARGEST:
        raise _bad("must be an amount from 0", pointer)
    return amount


def read_wanted(body: dict[str, Any]) -> list[Wanted]:
    lines = body.get("tickets")
    if not isinstance(lines, list) or not lines:
        raise _bad("tickets: give at least one ticket", "/tickets")
    if len(lines) > MAX_LINES:
        raise _bad(f"tickets: at most {MAX_LINES} lines", "/tickets")
    wanted: list[Wanted] = []
    seen: set[int] = set()
    for index, line in enumerate(lines):
        where = f"/tickets/{index}"
        if not isinstance(line, dict):
            raise _bad("each ticket is an object {id, quantity}", where)
        ticket_id = _integer(line.get("id"), f"{where}/id", low=1, high=2**31 - 1)
        if ticket_id in seen:
            raise _bad("a ticket is listed once", f"{where}/id")
        seen.add(ticket_id)
        quantity = _integer(line.get("quantity", 1), f"{where}/quantity", low=0, high=MAX_QUANTITY)
        price = line.get("price")
        amount = None if price is None else _decimal(price, f"{where}/price")
        if quantity:
            wanted.append(Wanted(ticket_id, quantity, amount))
    if not wanted:
        raise _bad("tickets: order at least one ticket", "/tickets")
    return wanted


def code_given(body: dict[str, Any], name: str) -> tuple[str, Any]:
    for key in (name, name.replace("-", "_")):
        value = body.get(key)
        if value not in (None, ""):
            return f"/{key}", value
    return "", None


async def load_cart(ctx: RequestContext, body: dict[str, Any], *, buying: bool) -> Cart:
    wanted = read_wanted(body)
    tickets, event, expiry = await _tickets(ctx, wanted)
    if event is None or event.deleted_at is not None:
        raise ObjectNotFound("event not found", pointer="/tickets/0/id")
    manager = await holds(ctx, event.id, COORGANIZERS)
    if not manager and event.state != "published":
        raise ObjectNotFound("ticket not found", pointer="/tickets/0/id")
    now = datetime.now(UTC)
    access, access_tickets = await _access_code(ctx, body, event, now)
    lines = [
        _line(ticket, want, index, event)
        for index, (ticket, want) in enumerate(zip(tickets, wanted, strict=True))
    ]
    for index, line in enumerate(lines):
        _check_line(line, index, manager=manager, unlocked=access_tickets, now=now, buying=buying)
    discount, discount_tickets = await _discount_code(ctx, body, event, now, lines)
    # Only a line with a price pays a fee: a free cart reads none.
    price = price_cart(
        lines,
        event.payment_currency,
        code=discount,
        code_tickets=discount_tickets,
        fee=await _fee(ctx, event) if any(line.price > 0 for line in lines) else None,
        tax=await _tax(ctx, event),
    )
    minutes = int(expiry or DEFAULT_ORDER_EXPIRY_MINUTES)
    cart = Cart(
        event, lines, price, manager, discount, discount_tickets, access, access_tickets, minutes
    )
    _check_code_quantities(cart)
    return cart


# Every buyer's cart reads these: built once (see loading.py). The tickets come with their
# event and the reservation's length: one round trip.
_TICKETS = (
    select(
        Ticket,
        Event,
        select(Setting.order_expiry_time).limit(1).scalar_subquery(),
    )
    .outerjoin(Event, Event.id == Ticket.event_id)
    .where(Ticket.id.in_(bindparam("_ids", expanding=True)), Ticket.deleted_at.is_(None))
)
# A missing country is compared as NULL (`= NULL` matches no row): `may_apply` already lets
# the fees of no country through.
_FEES = select(TicketFee).where(
    may_apply(bindparam("_currency", type_=String), bindparam("_country", type_=String))
)
_TAX = select(Tax).where(Tax.event_id == bindparam("_event"), Tax.deleted_at.is_(None)).limit(1)


async def _tickets(
    ctx: RequestContext, wanted: list[Wanted]
) -> tuple[list[Ticket], Event | None, int | None]:
    """The tickets wanted, the first one's event and the setting `order-expiry-time`."""
    ids = [want.ticket_id for want in wanted]
    rows = (await ctx.session.execute(_TICKETS, {"_ids": ids})).all()
    found = {ticket.id: (ticket, event) for ticket, event, _expiry in rows}
    for index, ticket_id in enumerate(ids):
        if ticket_id not in found:
            raise ObjectNotFound("ticket not found", pointer=f"/tickets/{index}/id")
    tickets = [found[ticket_id][0] for ticket_id in ids]
    for index, ticket in enumerate(tickets):
        if ticket.event_id != tickets[0].event_id:
            raise _bad("all tickets of an order belong to one event", f"/tickets/{index}/id")
    return tickets, found[ids[0]][1], rows[0][2]


def _line(ticket: Ticket, want: Wanted, index: int, event: Event) -> Line:
    price = ticket.price or Decimal(0)
    if ticket.type in DONATION_TYPES:
        where = f"/tickets/{index}/price"
        if want.price is None:
            raise _bad("a donation needs a price", where)
        check_amount(want.price, event.payment_currency, where.rsplit("/", 1)[-1])
        low, high = ticket.min_price or Decimal(0), ticket.max_price
        if want.price < low or (high is not None and want.price > high):
            bounds = f"from {low}" + (f" to {high}" if high is not None else "")
            raise _bad(f"the donation must be {bounds}", where)
        price = want.price
    return Line(ticket, want.quantity, price)


def _check_line(
    line: Line, index: int, *, manager: bool, unlocked: frozenset[int], now: datetime, buying: bool
) -> None:
    ticket, where = line.ticket, f"/tickets/{index}"
    if ticket.is_hidden and not manager and ticket.id not in unlocked:
        raise ObjectNotFound("ticket not found", pointer=f"{where}/id")
    if not buying or manager:
        return
    if now < ticket.sales_starts_at:
        raise _bad("the sale of this ticket has not started", f"{where}/id")
    if now > ticket.sales_ends_at:
        raise _bad("the sale of this ticket has ended", f"{where}/id")
    low, high = ticket.min_order or 0, ticket.max_order or 0
    if not low <= line.quantity <= high:
        raise _bad(f"order from {low} to {high} of this ticket", f"{where}/quantity")


async def _code(
    ctx: RequestContext, body: dict[str, Any], name: str, model: Any, event: Event
) -> tuple[str, Any]:
    pointer, given = code_given(body, name)
    if given is None:
        return "", None
    if isinstance(given, bool) or not isinstance(given, int | str):
        raise _bad(f"{name}: give the code's id or the code", pointer)
    text = str(given).strip()
    where = [model.event_id == event.id, model.deleted_at.is_(None)]
    if text.isdigit() and len(text) < 10:
        found = await ctx.session.scalar(select(model).where(model.id == int(text), *where))
    else:
        found = None
    if found is None:
        found = await ctx.session.scalar(
            select(model).where(func.lower(model.code) == text.lower(), *where).limit(1)
        )
    if found is None or not found.is_active:
        raise ObjectNotFound(f"{name}: no such code for this event", pointer=pointer)
    return pointer, found


def _check_window(code: Any, now: datetime, pointer: str, event: Event) -> None:
    till = code.valid_till or event.ends_at
    if code.valid_from is not None and now < code.valid_from:
        raise _bad("the code is not valid yet", pointer)
    if now > till:
        raise _bad("the code has expired", pointer)


async def _code_tickets(ctx: RequestContext, code: Any) -> frozenset[int]:
    tickets = await ctx.session.run_sync(lambda _: list(code.tickets))
    return frozenset(ticket.id for ticket in tickets)


async def _access_code(
    ctx: RequestContext, body: dict[str, Any], event: Event, now: datetime
) -> tuple[AccessCode | None, frozenset[int]]:
    pointer, code = await _code(ctx, body, "access-code", AccessCode, event)
    if code is None:
        return None, frozenset()
    _check_window(code, now, pointer, event)
    return code, await _code_tickets(ctx, code)


async def _discount_code(
    ctx: RequestContext, body: dict[str, Any], event: Event, now: datetime, lines: list[Line]
) -> tuple[DiscountCode | None, frozenset[int]]:
    pointer, code = await _code(ctx, body, "discount-code", DiscountCode, event)
    if code is None:
        return None, frozenset()
    _check_window(code, now, pointer, event)
    tickets = await _code_tickets(ctx, code)
    if not any(line.ticket.id in tickets for line in lines):
        raise _bad("the code applies to none of these tickets", pointer)
    return code, tickets


def _check_code_quantities(cart: Cart) -> None:
    for code, count, name in (
        (cart.discount, cart.discounted_quantity(), "discount-code"),
        (cart.access, cart.unlocked_quantity(), "access-code"),
    ):
        if code is None:
            continue
        low, high = code.min_quantity or 0, code.max_quantity
        if count < low or (high is not None and count > high):
            bounds = f"at least {low}" + (f" and at most {high}" if high is not None else "")
            raise _bad(f"{name}: the code needs {bounds} of its tickets", f"/{name}")
        left = None if code.tickets_number is None else code.tickets_number - code.used
        if left is not None and count > left:
            raise Conflict(f"{name}: the code has been used up", pointer=f"/{name}")


async def _fee(ctx: RequestContext, event: Event) -> TicketFee | None:
    if not event.payment_currency:
        return None
    currency, country = event.payment_currency, event.payment_country
    found = await ctx.session.scalars(_FEES, {"_currency": currency, "_country": country})
    return fee_for(found, currency, country)


async def _tax(ctx: RequestContext, event: Event) -> Tax | None:
    if not event.is_tax_enabled:
        return None
    found: Tax | None = await ctx.session.scalar(_TAX, {"_event": event.id})
    return found


def forbid_anonymous(ctx: RequestContext) -> None:
    if actor_of(ctx) is None:
        raise Forbidden("Sign in to order tickets")
