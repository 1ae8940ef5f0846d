"""The mails of an order, written to the outbox in the order's transaction (they leave after
its commit): to the buyer when it is placed or completed, to each attendee with an address
other than the buyer's, and to the event's owner."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from hallway.config import Settings
from hallway.events.models import Event
from hallway.mail import Attachment, queue_mail
from hallway.orders.models import Attendee, Order
from hallway.roles.models import Role, UsersEventsRoles
from hallway.tickets.models import Ticket
from hallway.tickets.money import minor_digits
from hallway.users.models import User


def money(amount: Decimal, currency: str | None) -> str:
    return str(amount.quantize(Decimal(1).scaleb(-minor_digits(currency))))


def _links(settings: Settings, event: Event, order: Order) -> dict[str, str]:
    base = settings.frontend_url.rstrip("/")
    return {
        "order_url": f"{base}/orders/{order.identifier}/view",
        "orders_url": f"{base}/events/{event.identifier}/tickets/orders/all",
    }


def _about(settings: Settings, event: Event, order: Order) -> dict[str, Any]:
    return {
        "app_name": settings.app_name,
        "event_name": event.name,
        "identifier": order.identifier,
        "status": order.status,
        "quantity": order.quantity,
        "amount": money(order.amount, event.payment_currency),
        "currency": event.payment_currency or "",
        "payment_mode": order.payment_mode or "",
        **_links(settings, event, order),
    }


async def _buyer(session: AsyncSession, order: Order) -> User | None:
    return None if order.user_id is None else await session.get(User, order.user_id)


async def confirm_to_buyer(
    session: AsyncSession,
    settings: Settings,
    event: Event,
    order: Order,
    attachments: Sequence[Attachment] = (),
) -> bool:
    buyer = await _buyer(session, order)
    if buyer is None:
        return False
    await queue_mail(
        session,
        to=buyer.email,
        template="order_confirmed",
        context=_about(settings, event, order),
        attachments=attachments,
    )
    return True


async def send_to_attendees(
    session: AsyncSession,
    settings: Settings,
    event: Event,
    order: Order,
    *,
    everyone: bool = False,
    tickets: Mapping[int, Attachment] | None = None,
) -> int:
    """One mail per attendee with an address (the buyer's own excepted, unless `everyone`),
    with their ticket (`tickets`: attendee id -> PDF) when given; how many were written."""
    buyer = await _buyer(session, order)
    rows = await session.execute(
        select(Attendee, Ticket.name)
        .join(Ticket, Ticket.id == Attendee.ticket_id)
        .where(Attendee.order_id == order.id, Attendee.deleted_at.is_(None))
        .order_by(Attendee.id)
    )
    sent = 0
    for attendee, ticket_name in rows:
        if not attendee.email:
            continue
        own = buyer is not None and attendee.email.lower() == buyer.email.lower()
        if own and not everyone:
            continue
        await queue_mail(
            session,
            to=attendee.email,
            template="ticket_holder",
            context={
                "app_name": settings.app_name,
                "event_name": event.name,
                "firstname": attendee.firstname or "",
                "buyer": buyer.email if buyer else "",
                "ticket_name": ticket_name,
                "code": f"{order.identifier}-{attendee.identifier}",
            },
            attachments=[tickets[attendee.id]] if tickets and attendee.id in tickets else (),
        )
        sent += 1
    return sent


async def tell_owner(session: AsyncSession, settings: Settings, event: Event, order: Order) -> None:
    owner = await session.scalar(
        select(User.email)
        .join(UsersEventsRoles, UsersEventsRoles.user_id == User.id)
        .join(Role, Role.id == UsersEventsRoles.role_id)
        .where(UsersEventsRoles.event_id == event.id, Role.name == "owner")
        .limit(1)
    )
    if owner is None:
        return
    buyer = await _buyer(session, order)
    context = {**_about(settings, event, order), "buyer": buyer.email if buyer else ""}
    await queue_mail(session, to=owner, template="new_order", context=context)


async def announce(session: AsyncSession, settings: Settings, event: Event, order: Order) -> None:
    """What an order that became placed sends in its own transaction: the buyer's
    confirmation and the owner's notice. A completed order's mails (the buyer's and the
    attendees' with the PDFs, the owner's notice) leave from the documents job: a rush of
    completions spends its requests on the buyers, not on mails."""
    if order.status == "completed":
        return
    await confirm_to_buyer(session, settings, event, order)
    await tell_owner(session, settings, event, order)
