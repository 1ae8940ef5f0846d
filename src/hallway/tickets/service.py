"""Ticket catalogue rules: what a stored ticket, tag, tax or fee must satisfy, and how many
tickets are still available."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import ColumnElement, case, select

from hallway.errors import Conflict, ObjectNotFound, ValidationFailed
from hallway.events.models import Event
from hallway.jsonapi import RequestContext
from hallway.tickets.fees import GLOBAL_FEE
from hallway.tickets.models import Tax, Ticket, TicketFee, TicketTag
from hallway.tickets.money import check_amount

FREE_TYPES = frozenset({"free", "freeRegistration"})
PAID_TYPES = frozenset({"paid", "paidRegistration"})
DONATION_TYPES = frozenset({"donation", "donationRegistration"})


def _wire(name: str) -> str:
    return name.replace("_", "-")


def _invalid(name: str, message: str) -> ValidationFailed:
    return ValidationFailed(f"{_wire(name)}: {message}", pointer=f"/data/attributes/{_wire(name)}")


def given_values(values: dict[str, Any]) -> dict[str, Any]:
    """An unsent or null attribute takes the column default on creation."""
    return {name: value for name, value in values.items() if value is not None}


def apply_values(obj: Any, values: dict[str, Any], required: Iterable[str]) -> None:
    """Set the changed attributes. A required one cannot be emptied; a null for one with a
    default sets the default (the web client sends whole records back, unset fields as null)."""
    needed = set(required)
    columns = type(obj).__table__.c
    for name, value in values.items():
        if value is None and name in needed:
            raise _invalid(name, "cannot be empty")
        column = columns[name]
        default = column.default
        if value is None and not column.nullable and default is not None and default.is_scalar:
            value = default.arg
        setattr(obj, name, value)


async def event_of(ctx: RequestContext, event_id: int | None) -> Event:
    event = None if event_id is None else await ctx.session.get(Event, event_id)
    if event is None:
        raise ObjectNotFound("event not found", pointer="/data/relationships/event")
    return event


# -- tickets -----------------------------------------------------------------------------------
TICKET_REQUIRED = ("name", "type", "sales_starts_at", "sales_ends_at")


async def build_ticket(ctx: RequestContext, values: dict[str, Any]) -> Ticket:
    return Ticket(**given_values(values))


async def apply_ticket(ctx: RequestContext, ticket: Ticket, values: dict[str, Any]) -> None:
    apply_values(ticket, values, TICKET_REQUIRED)


async def check_ticket(ctx: RequestContext, ticket: Ticket) -> None:
    """Everything a stored ticket satisfies; the first broken rule is reported."""
    event = await event_of(ctx, ticket.event_id)
    _check_prices(ticket, event.payment_currency)
    if ticket.type not in FREE_TYPES and not takes_payments(event):
        raise _invalid("type", "the event takes no payments: enable a payment method first")
    if ticket.sales_starts_at >= ticket.sales_ends_at:
        raise _invalid("sales_ends_at", "the sales must end after they start")
    if ticket.sales_ends_at > event.ends_at:
        raise _invalid("sales_ends_at", "the sales must end by the end of the event")
    if (ticket.min_order or 0) > (ticket.max_order or 0):
        raise _invalid("max_order", "must be at least min-order")
    if ticket.deleted_at is None:
        await _check_name_free(ctx, ticket)


def _check_prices(ticket: Ticket, currency: str | None) -> None:
    for name in ("price", "min_price", "max_price"):
        check_amount(getattr(ticket, name), currency, _wire(name))
    price = ticket.price or 0
    if ticket.type in FREE_TYPES and price != 0:
        raise _invalid("price", "a free ticket costs nothing")
    if ticket.type in PAID_TYPES and price <= 0:
        raise _invalid("price", "a paid ticket needs a price above zero")
    if ticket.max_price is not None and (ticket.min_price or 0) > ticket.max_price:
        raise _invalid("max_price", "must be at least min-price")
    if ticket.type in DONATION_TYPES and ticket.max_price is not None and ticket.max_price <= 0:
        raise _invalid("max_price", "a donation needs a maximum above zero")


PAYMENT_METHODS = (
    "can_pay_by_paypal",
    "can_pay_by_stripe",
    "can_pay_by_cheque",
    "can_pay_by_bank",
    "can_pay_by_invoice",
    "can_pay_by_omise",
    "can_pay_by_alipay",
    "can_pay_by_paytm",
    "can_pay_onsite",
)


def takes_payments(event: Event) -> bool:
    return any(getattr(event, method) for method in PAYMENT_METHODS)


async def _check_name_free(ctx: RequestContext, ticket: Ticket) -> None:
    stmt = select(Ticket.id).where(
        Ticket.event_id == ticket.event_id,
        Ticket.name == ticket.name,
        Ticket.deleted_at.is_(None),
    )
    if ticket.id is not None:
        stmt = stmt.where(Ticket.id != ticket.id)
    if await ctx.session.scalar(stmt.limit(1)) is not None:
        raise Conflict(
            "The event already has a ticket of this name", pointer="/data/attributes/name"
        )


async def check_tags(ctx: RequestContext, ticket: Ticket) -> None:
    """A ticket's tags and its codes are its own event's."""
    tags = await ctx.session.run_sync(lambda _: list(ticket.ticket_tags))
    if any(tag.event_id != ticket.event_id for tag in tags):
        raise ValidationFailed(
            "A ticket can only carry tags of its own event",
            pointer="/data/relationships/ticket-tags",
        )


async def check_stored_ticket(ctx: RequestContext, ticket: Ticket) -> None:
    await check_ticket(ctx, ticket)
    await check_tags(ctx, ticket)


# -- availability --------------------------------------------------------------------------------
def held(ticket: type[Ticket]) -> ColumnElement[int]:
    """How many of a ticket the live orders hold (the orders domain keeps the count)."""
    held: ColumnElement[int] = ticket.reserved.expression
    return held


def availability_statement(event_id: int, visible: ColumnElement[bool]) -> Any:
    left = Ticket.quantity - held(Ticket)
    available = case((left > 0, left), else_=0)
    return (
        select(Ticket.id, Ticket.name, Ticket.quantity, available.label("available"))
        .where(Ticket.event_id == event_id, Ticket.deleted_at.is_(None), visible)
        .order_by(Ticket.position, Ticket.id)
    )


# -- tags, taxes and fees --------------------------------------------------------------------------
async def build_tag(ctx: RequestContext, values: dict[str, Any]) -> TicketTag:
    return TicketTag(**given_values(values))


async def apply_tag(ctx: RequestContext, tag: TicketTag, values: dict[str, Any]) -> None:
    apply_values(tag, values, ("name",))


async def check_tag(ctx: RequestContext, tag: TicketTag) -> None:
    tickets = await ctx.session.run_sync(lambda _: list(tag.tickets))
    if any(ticket.event_id != tag.event_id for ticket in tickets):
        raise ValidationFailed(
            "A tag can only be put on tickets of its own event",
            pointer="/data/relationships/tickets",
        )


async def build_tax(ctx: RequestContext, values: dict[str, Any]) -> Tax:
    return Tax(**given_values(values))


async def apply_tax(ctx: RequestContext, tax: Tax, values: dict[str, Any]) -> None:
    apply_values(tax, values, ("name", "rate"))


async def check_tax(ctx: RequestContext, tax: Tax) -> None:
    """One live tax per event."""
    if tax.deleted_at is not None:
        return
    stmt = select(Tax.id).where(Tax.event_id == tax.event_id, Tax.deleted_at.is_(None))
    if tax.id is not None:
        stmt = stmt.where(Tax.id != tax.id)
    if await ctx.session.scalar(stmt.limit(1)) is not None:
        raise Conflict("The event has a tax already", pointer="/data/relationships/event")


async def build_fee(ctx: RequestContext, values: dict[str, Any]) -> TicketFee:
    return TicketFee(**given_values(values))


async def apply_fee(ctx: RequestContext, fee: TicketFee, values: dict[str, Any]) -> None:
    apply_values(fee, values, ("currency",))


def _same(column: Any, value: str | None) -> ColumnElement[bool]:
    same: ColumnElement[bool] = column.is_(None) if value is None else column == value
    return same


async def check_fee(ctx: RequestContext, fee: TicketFee) -> None:
    """One fee per currency and country; the cap is in the currency's minor unit. Only the
    global fee (country `global`) goes without a currency."""
    if fee.currency is None and fee.country != GLOBAL_FEE:
        raise _invalid("currency", f"required, unless the country is {GLOBAL_FEE!r}")
    check_amount(fee.maximum_fee, fee.currency, "maximum-fee")
    stmt = select(TicketFee.id).where(
        _same(TicketFee.currency, fee.currency), _same(TicketFee.country, fee.country)
    )
    if fee.id is not None:
        stmt = stmt.where(TicketFee.id != fee.id)
    if await ctx.session.scalar(stmt.limit(1)) is not None:
        raise Conflict(
            "A fee for this currency and country exists already",
            pointer="/data/attributes/currency",
        )
