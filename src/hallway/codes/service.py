"""Rules every stored discount or access code satisfies, and the look-up by code.

How often a code was used (`tickets-number` caps it, `min-quantity`/`max-quantity` bound one
order) is counted from the orders that name it, when orders exist: `uses(code_model)` is the
place that count goes, as a correlated SQL expression."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, Integer, func, literal, select

from hallway.codes.models import AccessCode, DiscountCode
from hallway.errors import Conflict, ValidationFailed
from hallway.jsonapi import RequestContext
from hallway.tickets.money import check_amount
from hallway.tickets.service import apply_values, event_of, given_values

Code = DiscountCode | AccessCode


def _invalid(wire: str, message: str) -> ValidationFailed:
    return ValidationFailed(f"{wire}: {message}", pointer=f"/data/attributes/{wire}")


def uses(code: type[DiscountCode] | type[AccessCode]) -> ColumnElement[int]:
    """How many tickets were bought with a code: nothing before orders exist."""
    return literal(0, Integer)


async def build_discount_code(ctx: RequestContext, values: dict[str, Any]) -> DiscountCode:
    return DiscountCode(**given_values(values))


async def build_access_code(ctx: RequestContext, values: dict[str, Any]) -> AccessCode:
    return AccessCode(**given_values(values))


REQUIRED = ("code",)


async def apply_discount_code(
    ctx: RequestContext, code: DiscountCode, values: dict[str, Any]
) -> None:
    apply_values(code, values, (*REQUIRED, "type", "value"))


async def apply_access_code(ctx: RequestContext, code: AccessCode, values: dict[str, Any]) -> None:
    apply_values(code, values, REQUIRED)


def _check_common(code: Code) -> None:
    if code.valid_from and code.valid_till and code.valid_from >= code.valid_till:
        raise _invalid("valid-till", "the code must stop being valid after it starts")
    if code.max_quantity is not None and (code.min_quantity or 0) > code.max_quantity:
        raise _invalid("max-quantity", "must be at least min-quantity")


async def check_discount_code(ctx: RequestContext, code: DiscountCode) -> None:
    _check_common(code)
    if code.type == "percent" and code.value > 100:
        raise _invalid("value", "a percentage is at most 100")
    if code.value <= 0:
        raise _invalid("value", "a discount is above zero")
    if code.used_for == "event":
        if code.event_id is not None:
            raise ValidationFailed(
                "A platform discount code belongs to no event",
                pointer="/data/relationships/event",
            )
        await _check_tickets(ctx, code)
        return
    event = await event_of(ctx, code.event_id)
    if code.type == "amount":
        check_amount(code.value, event.payment_currency, "value")
    if code.valid_till is None:
        code.valid_till = event.ends_at
    _check_common(code)
    await _check_tickets(ctx, code)
    await _check_code_free(ctx, code, DiscountCode)


async def check_access_code(ctx: RequestContext, code: AccessCode) -> None:
    _check_common(code)
    await event_of(ctx, code.event_id)
    await _check_tickets(ctx, code)
    await _check_code_free(ctx, code, AccessCode)


async def _check_tickets(ctx: RequestContext, code: Code) -> None:
    tickets = await ctx.session.run_sync(lambda _: list(code.tickets))
    if any(ticket.event_id != code.event_id for ticket in tickets):
        raise ValidationFailed(
            "A code applies only to tickets of its own event",
            pointer="/data/relationships/tickets",
        )


async def _check_code_free(
    ctx: RequestContext, code: Code, model: type[DiscountCode] | type[AccessCode]
) -> None:
    """A code is taken once per event among live codes, whatever its letter case."""
    if code.deleted_at is not None:
        return
    stmt = select(model.id).where(
        model.event_id == code.event_id,
        func.lower(model.code) == code.code.lower(),
        model.deleted_at.is_(None),
    )
    if code.id is not None:
        stmt = stmt.where(model.id != code.id)
    if await ctx.session.scalar(stmt.limit(1)) is not None:
        raise Conflict("The event already has this code", pointer="/data/attributes/code")


def by_code(
    model: type[DiscountCode] | type[AccessCode], event_id: int, code: str
) -> list[ColumnElement[bool]]:
    """The live, active code `code` (any letter case) of the event."""
    return [
        model.event_id == event_id,
        func.lower(model.code) == code.lower(),
        model.is_active.is_(True),
    ]
