"""A sold-out sale through the real HTTP stack: 200 buyers at once for 50 tickets. Exactly 50
are sold, no order passes its ticket's maximum, nobody gets a 5xx, and the stock counter and
the order statistics equal the rows."""

from __future__ import annotations

import asyncio

from sqlalchemy import func, select

from hallway.orders.models import Attendee, Order
from hallway.tickets.models import Ticket
from tests.orders.helpers import ON_SALE, cart
from tests.orders.served import buyers, served
from tests.tickets.helpers import cast, create_ticket, stored

BUYERS = 200
STOCK = 50


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
