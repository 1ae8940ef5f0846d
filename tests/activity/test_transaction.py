"""Activities share the transaction of the change: an order refused after its rows were
flushed (the stock is taken last, just before the commit) leaves no activity behind."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from hallway.activity.models import Activity
from hallway.activity.recorder import bind
from hallway.db import Database
from hallway.orders.models import Order
from hallway.pages.models import Page
from tests.activity.helpers import count, stored
from tests.orders.helpers import buy, cart, order, shop
from tests.tickets.helpers import count as count_rows


async def test_an_attendees_order_is_recorded_with_its_attendees(client, app_db: Database):
    s = await shop(client, app_db)

    made = await buy(client, s.c.tokens["user"], cart((s.free, 2)))

    rows = await stored(app_db, object_type="order")
    assert [(verb, oid) for _, verb, _, oid in rows] == [("create", made["id"])]
    attendees = await stored(app_db, object_type="attendee")
    assert len(attendees) == 2 and {r[1] for r in attendees} == {"create"}
    assert rows[0][0] == attendees[0][0] is not None


async def test_an_order_refused_after_its_flush_leaves_no_activity(client, app_db: Database):
    s = await shop(client, app_db)
    await buy(client, s.c.tokens["user"], cart((s.free, 5)))
    await buy(client, s.c.tokens["organizer"], cart((s.free, 5)))
    before = await count(app_db)

    refused = await order(client, s.c.tokens["registrar"], cart((s.free, 1)))

    assert refused.status_code == 409, refused.text
    assert await count_rows(app_db, Order) == 2
    assert await count(app_db) == before
    assert len(await stored(app_db, object_type="order")) == 2


async def test_a_flushed_change_that_rolls_back_takes_its_activity_with_it(app_db: Database):
    async with app_db.sessions() as session:
        bind(session, None, 1, "root@example.com")
        session.add(Page(name="About", url="/about", description="About us"))
        await session.flush()
        assert await count_in(session) == 1
        await session.rollback()

    assert await count(app_db) == 0


async def count_in(session: AsyncSession) -> int:
    return int(await session.scalar(select(func.count()).select_from(Activity)) or 0)
