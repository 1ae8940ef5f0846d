"""Seed the ticket-rush benchmark: a published event on sale with two free tickets of STOCK
each (one for the create-only run, one for the whole flow), BUYERS verified accounts, and an
access token for each, made beforehand. Prints {"tickets": [..], "tokens": [..]} as JSON.

    DATABASE_URL=… SECRET_KEY=… python bench/seed_rush.py BUYERS STOCK"""

from __future__ import annotations

import asyncio
import json
import os
import sys
from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from hallway.auth import tokens
from hallway.config import normalize_database_url
from hallway.db import Database
from hallway.events.models import Event
from hallway.events.service import random_identifier
from hallway.roles.models import Role, UsersEventsRoles
from hallway.tickets.models import Ticket
from hallway.users.models import User

# No password verifies against it: the buyers use tokens made here.
UNUSABLE_HASH = "!"


async def seed(buyers: int, stock: int) -> dict[str, list[object]]:
    db = Database(normalize_database_url(os.environ["DATABASE_URL"]))
    now = datetime.now(UTC)
    try:
        async with db.sessions() as session, session.begin():
            owner = User(
                email="rush-owner@example.com", password_hash=UNUSABLE_HASH, is_verified=True
            )
            people = [
                User(email=f"rush-{i}@example.com", password_hash=UNUSABLE_HASH, is_verified=True)
                for i in range(buyers)
            ]
            event = Event(
                identifier=random_identifier(),
                name="Sold Out Conf",
                state="published",
                starts_at=now + timedelta(days=30),
                ends_at=now + timedelta(days=31),
                timezone="UTC",
            )
            session.add_all([owner, *people, event])
            await session.flush()
            role_id = await session.scalar(select(Role.id).where(Role.name == "owner"))
            session.add(UsersEventsRoles(event_id=event.id, user_id=owner.id, role_id=role_id))
            on_sale = [
                Ticket(
                    name=name,
                    type="free",
                    price=0,
                    quantity=stock,
                    max_order=1,
                    sales_starts_at=now - timedelta(days=1),
                    sales_ends_at=now + timedelta(days=29),
                    event_id=event.id,
                )
                for name in ("Create only", "Whole flow")
            ]
            session.add_all(on_sale)
            await session.flush()
            ids = [person.id for person in people]
            ticket_ids = [ticket.id for ticket in on_sale]
    finally:
        await db.dispose()
    secret = os.environ["SECRET_KEY"]
    issued = [tokens.issue(secret, i, type_="access", fresh=True, seconds=7200) for i in ids]
    return {"tickets": list(ticket_ids), "tokens": list(issued)}


if __name__ == "__main__":
    print(json.dumps(asyncio.run(seed(int(sys.argv[1]), int(sys.argv[2])))))
