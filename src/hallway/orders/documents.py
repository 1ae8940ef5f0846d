"""The documents job of a completed order: its ticket PDFs (one per attendee, and all of them
in one), its invoice, then the mails that carry them, in one transaction. A claim on the
order (`tickets-pdf-url` set once) makes a second run of the job do nothing."""

from __future__ import annotations

import asyncio
from collections import Counter
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from hallway.config import Settings
from hallway.events.models import Event
from hallway.mail import Attachment
from hallway.orders import mails
from hallway.orders.models import Attendee, Order, OrderDocument
from hallway.orders.pdfs import OrderFacts, TicketFacts, invoice_pdf, tickets_pdf
from hallway.tickets.models import Ticket
from hallway.users.models import User

PDF = "application/pdf"
SWEEP_WINDOW = timedelta(days=1)


def api_base(settings: Settings) -> str:
    return (settings.public_url or "").rstrip("/")


def tickets_url(settings: Settings, order: Order) -> str:
    return f"{api_base(settings)}/v1/orders/{order.identifier}/tickets-pdf"


def attendee_url(settings: Settings, attendee_id: int) -> str:
    return f"{api_base(settings)}/v1/orders/attendees/{attendee_id}.pdf"


async def _claim(session: AsyncSession, settings: Settings, order: Order) -> bool:
    """Only one run makes an order's documents (the row stays locked until commit)."""
    result = await session.execute(
        update(Order)
        .where(Order.id == order.id, Order.status == "completed", Order.tickets_pdf_url.is_(None))
        .values(tickets_pdf_url=tickets_url(settings, order))
        .execution_options(synchronize_session=False)
    )
    return bool(result.rowcount == 1)  # type: ignore[attr-defined]


def _when(event: Event) -> str:
    try:
        zone = ZoneInfo(event.timezone or "UTC")
    except (ValueError, KeyError):
        zone = ZoneInfo("UTC")
    return event.starts_at.astimezone(zone).strftime("%Y-%m-%d %H:%M ") + (event.timezone or "")


def _name(attendee: Attendee) -> str:
    return " ".join(part for part in (attendee.firstname, attendee.lastname) if part)


async def _facts(
    session: AsyncSession, settings: Settings, order: Order, event: Event
) -> tuple[OrderFacts, list[TicketFacts], list[Attendee]]:
    rows = list(
        await session.execute(
            select(Attendee, Ticket)
            .join(Ticket, Ticket.id == Attendee.ticket_id)
            .where(Attendee.order_id == order.id, Attendee.deleted_at.is_(None))
            .order_by(Attendee.id)
        )
    )
    buyer = None if order.user_id is None else await session.get(User, order.user_id)
    counts = Counter(ticket.name for _, ticket in rows)
    prices = {ticket.name: ticket.price or Decimal(0) for _, ticket in rows}
    currency = event.payment_currency or ""
    facts = OrderFacts(
        identifier=order.identifier,
        event_name=event.name,
        event_when=_when(event),
        event_where=event.location_name or "",
        buyer=buyer.email if buyer else "",
        currency=currency,
        amount=mails.money(order.amount, currency),
        payment_mode=order.payment_mode or "free",
        completed_at=(order.completed_at or order.created_at).strftime("%Y-%m-%d"),
        lines=[
            (name, count, mails.money(prices[name] * count, currency))
            for name, count in counts.items()
        ],
        billing=[str(value) for value in (order.company, order.address, order.city,
                                          order.zipcode, order.country) if value],
        app_name=settings.app_name,
    )  # fmt: skip
    tickets = [
        TicketFacts(
            attendee_id=attendee.id,
            holder=_name(attendee),
            email=attendee.email or "",
            ticket_name=ticket.name,
            code=f"{order.identifier}-{attendee.identifier}",
        )
        for attendee, ticket in rows
    ]
    return facts, tickets, [attendee for attendee, _ in rows]


async def make_documents(session: AsyncSession, settings: Settings, order_id: int) -> bool:
    """Make and store the PDFs and queue their mails; False when there is nothing to do."""
    order = await session.get(Order, order_id)
    if order is None or not await _claim(session, settings, order):
        return False
    event = await session.get(Event, order.event_id)
    assert event is not None
    facts, tickets, attendees = await _facts(session, settings, order, event)
    everything, invoice, singles = await asyncio.to_thread(_render, facts, tickets)
    session.add(OrderDocument(order_id=order.id, kind="tickets", content=everything))
    session.add(OrderDocument(order_id=order.id, kind="invoice", content=invoice))
    for attendee, single in zip(attendees, singles, strict=True):
        session.add(
            OrderDocument(order_id=order.id, attendee_id=attendee.id, kind="ticket", content=single)
        )
        attendee.pdf_url = attendee_url(settings, attendee.id)
    await session.flush()
    await _mail(session, settings, event, order, everything, invoice, attendees, singles)
    return True


def _render(facts: OrderFacts, tickets: list[TicketFacts]) -> tuple[bytes, bytes, list[bytes]]:
    singles = [tickets_pdf(facts, [ticket]) for ticket in tickets]
    everything = singles[0] if len(singles) == 1 else tickets_pdf(facts, tickets)
    return everything, invoice_pdf(facts), singles


async def _mail(
    session: AsyncSession,
    settings: Settings,
    event: Event,
    order: Order,
    everything: bytes,
    invoice: bytes,
    attendees: list[Attendee],
    singles: list[bytes],
) -> None:
    await mails.confirm_to_buyer(
        session,
        settings,
        event,
        order,
        [
            Attachment(f"tickets-{order.identifier}.pdf", PDF, everything),
            Attachment(f"invoice-{order.identifier}.pdf", PDF, invoice),
        ],
    )
    per_attendee = {
        attendee.id: Attachment(f"ticket-{order.identifier}-{attendee.identifier}.pdf", PDF, pdf)
        for attendee, pdf in zip(attendees, singles, strict=True)
    }
    await mails.send_to_attendees(session, settings, event, order, tickets=per_attendee)
    await mails.tell_owner(session, settings, event, order)


async def undocumented(session: AsyncSession, limit: int) -> list[int]:
    """Recently completed orders whose documents job was lost (the sweep's work); older ones
    are left alone, so no old order is mailed again."""
    since = datetime.now(UTC) - SWEEP_WINDOW
    found = await session.scalars(
        select(Order.id)
        .where(
            Order.status == "completed",
            Order.tickets_pdf_url.is_(None),
            Order.completed_at > since,
        )
        .order_by(Order.id)
        .limit(limit)
    )
    return list(found)


async def stored_tickets(session: AsyncSession, order: Order) -> dict[int, Attachment]:
    """The order's ticket PDFs made so far, by attendee id."""
    rows = await session.execute(
        select(OrderDocument.attendee_id, OrderDocument.content, Attendee.identifier)
        .join(Attendee, Attendee.id == OrderDocument.attendee_id)
        .where(OrderDocument.order_id == order.id, OrderDocument.kind == "ticket")
    )
    return {
        attendee_id: Attachment(f"ticket-{order.identifier}-{identifier}.pdf", PDF, bytes(content))
        for attendee_id, content, identifier in rows
        if attendee_id is not None
    }
