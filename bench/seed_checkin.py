"""Seed the check-in benchmark: a published event running now with one free ticket, PEOPLE
attendees in completed orders (one each), and a registrar with an access token made
beforehand. Prints {"event": id, "token": …, "codes": [..], "attendees": [..]} as JSON: the
QR codes (`<order identifier>-<attendee identifier>`) and the attendee ids, in the same order.

    DATABASE_URL=… SECRET_KEY=… python bench/seed_checkin.py PEOPLE"""

from __future__ import annotations

import asyncio
import json
import os
import sys
from datetime import UTC, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from hallway.auth import tokens
from hallway.config import normalize_database_url
from hallway.db import Database
from hallway.events.models import Event
from hallway.events.service import random_identifier
from hallway.orders.models import Attendee, Order
from hallway.roles.models import Role, UsersEventsRoles
from hallway.tickets.models import Ticket
from hallway.users.models import User

UNUSABLE_HASH = "!"  # no password verifies against it: the registrar uses a token made here


async def _event(session: AsyncSession, now: datetime) -> tuple[Event, User, Ticket]:
    owner = User(email="gate-owner@example.com", password_hash=UNUSABLE_HASH, is_verified=True)
    registrar = User(email="gate@example.com", password_hash=UNUSABLE_HASH, is_verified=True)
    event = Event(
        identifier=random_identifier(),
        name="Doors Open Conf",
        state="published",
        starts_at=now - timedelta(hours=1),
        ends_at=now + timedelta(days=1),
        timezone="UTC",
    )
    session.add_all([owner, registrar, event])
    await session.flush()
    roles = dict((await session.execute(select(Role.name, Role.id))).all())
    ticket = Ticket(
        name="Day pass",
        type="free",
        price=0,
        quantity=10**6,
        sales_starts_at=now - timedelta(days=10),
        sales_ends_at=now,
        event_id=event.id,
    )
    session.add_all(
        [
            UsersEventsRoles(event_id=event.id, user_id=owner.id, role_id=roles["owner"]),
            UsersEventsRoles(event_id=event.id, user_id=registrar.id, role_id=roles["registrar"]),
            ticket,
        ]
    )
    await session.flush()
    return event, registrar, ticket


async def seed(people: int) -> dict[str, object]:
    db = Database(normalize_database_url(os.environ["DATABASE_URL"]))
    now = datetime.now(UTC)
    try:
        async with db.sessions() as session, session.begin():
            event, registrar, ticket = await _event(session, now)
            orders = [
                Order(
                    status="completed",
                    payment_mode="free",
                    event_id=event.id,
                    quantity=1,
                    completed_at=now,
                )
                for _ in range(people)
            ]
            session.add_all(orders)
            await session.flush()
            attendees = [
                Attendee(
                    firstname="Ada",
                    lastname=f"Guest {n}",
                    email=f"guest{n}@example.com",
                    ticket_id=ticket.id,
                    order_id=order.id,
                    event_id=event.id,
                )
                for n, order in enumerate(orders)
            ]
            session.add_all(attendees)
            ticket.reserved = people
            await session.flush()
            codes = [
                f"{o.identifier}-{a.identifier}" for o, a in zip(orders, attendees, strict=True)
            ]
            ids = [a.id for a in attendees]
            event_id, registrar_id = event.id, registrar.id
    finally:
        await db.dispose()
    token = tokens.issue(
        os.environ["SECRET_KEY"], registrar_id, type_="access", fresh=True, seconds=7200
    )
    return {"event": event_id, "token": token, "codes": codes, "attendees": ids}


if __name__ == "__main__":
    print(json.dumps(asyncio.run(seed(int(sys.argv[1])))))
