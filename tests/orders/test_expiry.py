"""Unpaid orders past their time end as expired and give their tickets back: by the periodic
job, and at once when a buyer finds the ticket sold out."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import update

from hallway.jobs import JobContext
from hallway.orders.models import Order
from hallway.orders.tasks import expire
from hallway.tickets.models import Ticket
from tests.orders.helpers import buy, cart, fill, order, set_status, shop
from tests.tickets.helpers import stored


async def _overdue(db, order_id):
    async with db.sessions() as session, session.begin():
        await session.execute(
            update(Order)
            .where(Order.id == int(order_id))
            .values(expires_at=datetime.now(UTC) - timedelta(seconds=1))
        )


async def test_the_job_expires_overdue_orders_and_frees_their_tickets(client, app_db, settings):
    s = await shop(client, app_db)
    late = await buy(client, s.c.tokens["user"], cart((s.free, 4)))
    on_time = await buy(client, s.c.tokens["organizer"], cart((s.free, 1)))
    await fill(client, s.c.tokens["user"], late["attributes"]["identifier"])
    await _overdue(app_db, late["id"])

    result = await expire(JobContext(settings, app_db))
    too_late = await set_status(
        client, s.c.tokens["user"], late["attributes"]["identifier"], "completed"
    )

    assert result == {"expired": 1}
    assert (await stored(app_db, Order, late["id"])).status == "expired"
    assert (await stored(app_db, Order, on_time["id"])).status == "initializing"
    assert (await stored(app_db, Ticket, s.free["id"])).reserved == 1
    assert too_late.status_code == 422


async def test_an_overdue_order_does_not_keep_a_buyer_from_the_last_tickets(client, app_db):
    s = await shop(client, app_db)
    late = await buy(client, s.c.tokens["user"], cart((s.free, 5)))
    await buy(client, s.c.tokens["organizer"], cart((s.free, 5)))
    await _overdue(app_db, late["id"])

    answer = await order(client, s.c.tokens["registrar"], cart((s.free, 2)))
    completing = await set_status(
        client, s.c.tokens["user"], late["attributes"]["identifier"], "completed"
    )

    assert answer.status_code == 200, answer.text
    assert (await stored(app_db, Order, late["id"])).status == "expired"
    assert (await stored(app_db, Ticket, s.free["id"])).reserved == 7
    assert completing.status_code == 422


async def test_attendees_of_an_overdue_order_are_not_filled_in(client, app_db):
    s = await shop(client, app_db)
    late = await buy(client, s.c.tokens["user"], cart((s.free, 1)))
    await _overdue(app_db, late["id"])
    attendee = (
        await client.get(
            f"/v1/orders/{late['attributes']['identifier']}/attendees", headers=s.jwt("user")
        )
    ).json()["data"][0]

    answer = await client.patch(
        f"/v1/attendees/{attendee['id']}",
        json={"data": {"type": "attendee", "id": attendee["id"], "attributes": {"firstname": "A"}}},
        headers=s.jwt("user"),
    )

    assert answer.status_code == 422


async def test_an_order_holds_its_tickets_for_the_time_the_settings_give(client, app_db):
    s = await shop(client, app_db)
    held: dict[str, float] = {}
    for minutes in (None, 30):
        if minutes is not None:
            changed = await client.patch(
                "/v1/settings",
                json={
                    "data": {
                        "type": "setting",
                        "id": "1",
                        "attributes": {"order-expiry-time": minutes},
                    }
                },
                headers=s.jwt("admin"),
            )
            assert changed.status_code == 200, changed.text
        made = await buy(client, s.c.tokens["user"], cart((s.free, 1)))
        stored_order = await stored(app_db, Order, made["id"])
        held[str(minutes)] = (stored_order.expires_at - stored_order.created_at).total_seconds()

    assert held == {"None": 15 * 60, "30": 30 * 60}
