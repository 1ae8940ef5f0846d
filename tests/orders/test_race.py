"""A sold-out sale through the real HTTP stack: 200 buyers at once for 50 tickets. Exactly 50
are sold, no order passes its ticket's maximum, nobody gets a 5xx, and the stock counter and
the order statistics equal the rows."""

from __future__ import annotations

import asyncio

import pytest
from sqlalchemy import func, select, text

from hallway.mail.models import OutboxMail
from hallway.orders.models import Attendee, Order
from hallway.tickets.models import Ticket
from tests.orders.helpers import ON_SALE, buy, cart, fill, set_status, shop
from tests.orders.served import buyers, served
from tests.tickets.helpers import cast, count, create_ticket, patch, stored

BUYERS = 200
STOCK = 50
CANCELLERS = 20
CANCEL = text("UPDATE orders SET status = 'cancelled' WHERE id = :id")
# Long enough for a PATCH to read the order and reach its write.
STALL = 1.0


async def test_200_buyers_race_for_50_tickets(app, client, app_db, settings):
    c = await cast(client, app_db)
    ticket = await create_ticket(
        client,
        c.tokens["owner"],
        c.event["id"],
        "Last call",
        type="free",
        price="0",
        quantity=STOCK,
        max_order=2,
        **ON_SALE,
    )
    tokens = await buyers(app_db, settings.secret_key, BUYERS)
    # One in ten asks for more than the maximum: refused, whatever is left.
    wanted = [3 if i % 10 == 0 else 1 + i % 2 for i in range(BUYERS)]

    async with served(app, BUYERS) as http:
        answers = await asyncio.gather(
            *(
                http.post(
                    "/v1/orders/create-order",
                    json=cart((ticket, quantity)),
                    headers={"Authorization": f"JWT {token}"},
                )
                for token, quantity in zip(tokens, wanted, strict=True)
            )
        )
        statistics = await http.get(
            f"/v1/tickets/{ticket['id']}/order-statistics",
            headers={"Authorization": f"JWT {c.tokens['owner']}"},
        )

    statuses = [answer.status_code for answer in answers]
    assert not [s for s in statuses if s >= 500], statuses
    assert set(statuses) <= {200, 409, 422}, statuses
    assert all(s == 422 for s, q in zip(statuses, wanted, strict=True) if q > 2)
    async with app_db.sessions() as session:
        sold = await session.scalar(
            select(func.count())
            .select_from(Attendee)
            .where(Attendee.ticket_id == int(ticket["id"]))
        )
        biggest = await session.scalar(select(func.max(Order.quantity)))
        orders = await session.scalar(select(func.count()).select_from(Order))
    assert sold == STOCK
    assert biggest <= 2
    assert orders == statuses.count(200)
    assert (await stored(app_db, Ticket, ticket["id"])).reserved == STOCK
    figures = statistics.json()["data"]["attributes"]
    assert figures["tickets"]["draft"] == STOCK
    assert figures["tickets"]["max"] == STOCK


async def test_one_order_cancelled_by_many_requests_at_once_gives_its_tickets_back_once(
    app, client, app_db
):
    """The cancellation's UPDATE is guarded by the status each request read: one request
    moves the order and gives its stock back; a request that read it before is refused
    (409), one that reads it cancelled already changes nothing."""
    s = await shop(client, app_db)
    made = await buy(client, s.c.tokens["user"], cart((s.free, 5)))
    identifier = made["attributes"]["identifier"]
    tokens = [s.c.tokens["user"], s.c.tokens["coorganizer"]] * (CANCELLERS // 2)

    async with served(app, CANCELLERS) as http:
        answers = await asyncio.gather(
            *(
                http.patch(
                    f"/v1/orders/{identifier}",
                    json=patch("order", identifier, status="cancelled"),
                    headers={
                        "Authorization": f"JWT {token}",
                        "Content-Type": "application/vnd.api+json",
                    },
                )
                for token in tokens
            )
        )

    statuses = [answer.status_code for answer in answers]
    assert 200 in statuses and set(statuses) <= {200, 409}, statuses
    assert (await stored(app_db, Ticket, s.free["id"])).reserved == 0
    assert (await stored(app_db, Order, made["id"])).status == "cancelled"


@pytest.mark.parametrize(
    ("ticket", "status", "attributes"),
    [("free", "completed", {}), ("paid", "placed", {"payment_mode": "onsite"})],
)
async def test_an_order_moved_between_its_read_and_its_write_answers_409(
    client, app_db, ticket, status, attributes
):
    """Another transaction cancels the order after the buyer's PATCH read it and before its
    write: the guarded UPDATE matches nothing, the PATCH answers 409 and writes nothing."""
    s = await shop(client, app_db)
    made = await buy(client, s.c.tokens["user"], cart((getattr(s, ticket), 1)))
    await fill(client, s.c.tokens["user"], made["attributes"]["identifier"])
    order_id = int(made["id"])

    mails = await count(app_db, OutboxMail)

    async with app_db.engine.connect() as other:
        # Holds the order's row (PostgreSQL) or the write lock (SQLite) until it commits.
        await other.execute(CANCEL, {"id": order_id})
        moving = asyncio.create_task(
            set_status(
                client, s.c.tokens["user"], made["attributes"]["identifier"], status, **attributes
            )
        )
        await asyncio.sleep(STALL)  # the PATCH reads the order, then waits to write it
        await other.commit()
        answer = await moving

    assert answer.status_code == 409, answer.text
    stored_order = await stored(app_db, Order, made["id"])
    assert (stored_order.status, stored_order.completed_at) == ("cancelled", None)
    assert await count(app_db, OutboxMail) == mails
