"""Issuing the month's invoices, and what an admin's change of one implies.

On the first run after a month ends, every event whose orders completed during that month
gets one invoice: the platform's service fee (the ticket fee of the event's currency, and of
its country when one is set for it) on the gross of those orders, capped at the fee's maximum.
No invoice is issued under 2.00. Each is due at the start of the following month and billed to
the event's owner (the job then makes its PDF and mails it: documents.py). The run is
idempotent (one invoice per event and month), so a job that runs every hour issues each
invoice once, whenever it first runs in the new month."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from hallway.events.models import Event
from hallway.invoices.models import EventInvoice
from hallway.jsonapi import RequestContext
from hallway.orders.models import Order
from hallway.roles.models import Role, UsersEventsRoles
from hallway.tickets.fees import fee_for
from hallway.tickets.models import TicketFee
from hallway.users.models import User

MIN_AMOUNT = Decimal("2.00")
CENT = Decimal("0.01")


def month_start(when: datetime, months_back: int = 0) -> datetime:
    index = when.year * 12 + when.month - 1 - months_back
    return datetime(index // 12, index % 12 + 1, 1, tzinfo=UTC)


def next_month(start: datetime) -> datetime:
    return month_start(start, -1)


async def _gross(session: AsyncSession, start: datetime, end: datetime) -> list[Any]:
    """Per event, the gross of the orders completed in [start, end), with no invoice yet."""
    billed = select(EventInvoice.event_id).where(EventInvoice.month == start.strftime("%Y-%m"))
    return list(
        await session.execute(
            select(Order.event_id, func.sum(Order.amount))
            .where(
                Order.status == "completed",
                Order.completed_at >= start,
                Order.completed_at < end,
                Order.amount > 0,
                Order.event_id.not_in(billed),
            )
            .group_by(Order.event_id)
            .order_by(Order.event_id)
        )
    )


def fee_amount(gross: Decimal, fee: TicketFee) -> Decimal:
    amount = gross * fee.service_fee / 100
    if fee.maximum_fee:
        amount = min(amount, fee.maximum_fee)
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


async def issue_invoices(session: AsyncSession, now: datetime) -> list[int]:
    """The invoices of the month before `now`'s, for events without one: their ids."""
    start = month_start(now, 1)
    end = month_start(now)
    rows = await _gross(session, start, end)
    if not rows:
        return []
    fees = list(await session.scalars(select(TicketFee)))
    events = {
        e.id: e
        for e in await session.scalars(select(Event).where(Event.id.in_([r[0] for r in rows])))
    }
    owners = await _owners(session, list(events))
    number = int(await session.scalar(select(func.count(EventInvoice.id))) or 0)
    issued = []
    for event_id, gross in rows:
        event = events[event_id]
        fee = fee_for(fees, event.payment_currency, event.payment_country)
        amount = fee_amount(Decimal(gross), fee) if fee is not None else Decimal(0)
        if amount < MIN_AMOUNT:
            continue
        number += 1
        owner = owners.get(event_id)
        invoice = EventInvoice(
            identifier=f"{start:%Y%m}U-{number:06d}",
            month=start.strftime("%Y-%m"),
            amount=amount,
            currency=event.payment_currency,
            status="due",
            issued_at=now,
            due_at=next_month(end),
            event_id=event_id,
            user_id=None if owner is None else owner.id,
        )
        session.add(invoice)
        await session.flush()
        issued.append(invoice.id)
    return issued


async def _owners(session: AsyncSession, event_ids: list[int]) -> dict[int, User]:
    rows = await session.execute(
        select(UsersEventsRoles.event_id, User)
        .join(Role, Role.id == UsersEventsRoles.role_id)
        .join(User, User.id == UsersEventsRoles.user_id)
        .where(UsersEventsRoles.event_id.in_(event_ids), Role.name == "owner")
    )
    return {event_id: user for event_id, user in rows}


async def apply_invoice(ctx: RequestContext, invoice: EventInvoice, values: dict[str, Any]) -> None:
    """An invoice marked paid is completed then, unless the admin says when."""
    for name, value in values.items():
        setattr(invoice, name, value)
    if values.get("status") == "paid" and invoice.completed_at is None:
        invoice.completed_at = datetime.now(UTC)
