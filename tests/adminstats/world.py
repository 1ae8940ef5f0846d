"""A platform with sales to count: seeded events (each with its host, a discount code, a
ticket and a completed order) plus orders of every status, places, a fee and a deleted
event; and the figures computed from the stored rows in Python, apart from the app's SQL."""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from hallway.db import Database
from hallway.events.models import Event
from hallway.orders.models import Order
from hallway.roles.models import Role, UsersEventsRoles
from hallway.tickets.models import TicketFee
from hallway.users.models import User
from tests.seeding import accounts, events, seed

STATUSES = ("completed", "placed", "pending")
# (status, amount, quantity) of the orders each event gets besides its seeded one
ORDERS = [
    ("completed", Decimal("100"), 2),
    ("completed", Decimal("40.5"), 1),
    ("placed", Decimal("30"), 3),
    ("pending", Decimal("12.25"), 1),
    ("cancelled", Decimal("500"), 5),
    ("initializing", Decimal("7"), 1),
]
PLACES = ["Berlin", "Berlin", "Paris", None]


async def build(session: AsyncSession, n: int) -> dict[str, Any]:
    rows = await events(session, n)
    [marketer] = await accounts(session, 1)
    for i, event in enumerate(rows):
        await session.execute(
            update(Event)
            .where(Event.id == event.id)
            .values(location_name=PLACES[i % len(PLACES)], payment_currency="USD")
        )
        session.add_all(
            Order(
                event_id=event.id,
                status=status,
                amount=amount * (i + 1),
                quantity=quantity,
                marketer_id=marketer.id if status != "pending" else None,
            )
            for status, amount, quantity in ORDERS
        )
    session.add(TicketFee(currency="USD", service_fee=Decimal(10), maximum_fee=Decimal(5)))
    await session.execute(
        update(Event).where(Event.id == rows[-1].id).values(deleted_at=datetime.now(UTC))
    )
    await session.flush()
    return {"events": [e.id for e in rows], "deleted": rows[-1].id, "marketer": marketer.id}


async def make_world(db: Database, n: int = 5) -> dict[str, Any]:
    return dict(await seed(db, build, n))


def _empty() -> dict[str, dict[str, Any]]:
    return {s: {"sales_total": 0, "ticket_count": 0} for s in STATUSES}


def _add(into: dict[str, dict[str, Any]], order: Any) -> None:
    if order.status in STATUSES:
        into[order.status]["sales_total"] += order.amount
        into[order.status]["ticket_count"] += order.quantity


def _plain(block: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    def num(v: Any) -> Any:
        d = Decimal(v)
        return int(d) if d == d.to_integral_value() else float(d)

    return {s: {k: num(v) for k, v in f.items()} for s, f in block.items()}


async def expected(db: Database) -> dict[str, Any]:
    """Each sales view as {id: sales block}, from the rows."""
    async with db.sessions() as session:
        live = {
            e.id: e for e in await session.scalars(select(Event).where(Event.deleted_at.is_(None)))
        }
        orders = [o for o in await session.scalars(select(Order)) if o.event_id in live]
        grants = (
            await session.execute(
                select(UsersEventsRoles.user_id, UsersEventsRoles.event_id, Role.name).join(
                    Role, Role.id == UsersEventsRoles.role_id
                )
            )
        ).all()
        users = {u.id: u for u in await session.scalars(select(User))}
    by_event: dict[int, Any] = defaultdict(_empty)
    by_marketer: dict[int, Any] = defaultdict(_empty)
    by_code: dict[tuple[Any, ...], Any] = defaultdict(_empty)
    for order in orders:
        _add(by_event[order.event_id], order)
        if order.marketer_id is not None:
            _add(by_marketer[order.marketer_id], order)
        if order.discount_code_id is not None:
            _add(by_code[(order.event_id, order.discount_code_id, order.marketer_id)], order)
    hosted: dict[int, set[int]] = defaultdict(set)
    for user_id, event_id, role in grants:
        if role in ("owner", "organizer") and event_id in live:
            hosted[user_id].add(event_id)
    by_host = {}
    for user_id, event_ids in hosted.items():
        block = _empty()
        for event_id in event_ids:
            for status in STATUSES:
                for key in ("sales_total", "ticket_count"):
                    block[status][key] += by_event[event_id][status][key]
        by_host[user_id] = block
    by_place: dict[str, Any] = defaultdict(_empty)
    for event_id, event in live.items():
        if event.location_name:
            for order in orders:
                if order.event_id == event_id:
                    _add(by_place[event.location_name], order)
            by_place.setdefault(event.location_name, _empty())
    return {
        "events": {eid: _plain(by_event[eid]) for eid in live},
        "marketers": {uid: _plain(b) for uid, b in by_marketer.items()},
        "hosts": {uid: _plain(b) for uid, b in by_host.items()},
        "places": {name: _plain(b) for name, b in by_place.items()},
        "codes": {key: _plain(b) for key, b in by_code.items()},
        "orders": orders,
        "live": live,
        "users": users,
    }
