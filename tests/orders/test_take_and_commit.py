"""On PostgreSQL a one-ticket cart's stock is taken and its order committed in one round
trip (orders/stock.py `take_and_commit`): a refusal takes nothing and leaves the transaction
open and usable; a take commits everything written before it."""

from __future__ import annotations

import pytest
from sqlalchemy import update

from hallway.orders import stock
from hallway.tickets.models import Ticket
from tests.orders.helpers import buy, cart, shop
from tests.tickets.helpers import stored


def _on_postgresql(database_url: str) -> None:
    if not database_url.startswith("postgresql"):
        pytest.skip("SQLite takes the stock with the order's transaction (take_tickets)")


async def test_a_take_commits_what_the_transaction_wrote(client, app_db, database_url):
    _on_postgresql(database_url)
    s = await shop(client, app_db)
    await buy(client, s.c.tokens["user"], cart((s.free, 5)))  # 5 of 10 left
    free, paid = int(s.free["id"]), int(s.paid["id"])

    async with app_db.sessions() as session:
        await session.execute(update(Ticket).where(Ticket.id == paid).values(description="kept"))
        refused = await stock.take_and_commit(session, free, 6)
        assert refused is False
        assert (await stored(app_db, Ticket, free)).reserved == 5  # nothing taken
        assert await stock.take_and_commit(session, free, 5) is True
        # Committed already: another connection sees the stock and the earlier write.
        assert (await stored(app_db, Ticket, free)).reserved == 10
        assert (await stored(app_db, Ticket, paid)).description == "kept"
        await session.commit()  # nothing left for it to do

    assert (await stored(app_db, Ticket, free)).reserved == 10


async def test_a_refused_take_leaves_the_transaction_to_roll_back(client, app_db, database_url):
    _on_postgresql(database_url)
    s = await shop(client, app_db)
    free, paid = int(s.free["id"]), int(s.paid["id"])

    async with app_db.sessions() as session:
        await session.execute(update(Ticket).where(Ticket.id == paid).values(description="gone"))
        assert await stock.take_and_commit(session, free, 11) is False
        await session.rollback()

    assert (await stored(app_db, Ticket, free)).reserved == 0
    assert (await stored(app_db, Ticket, paid)).description != "gone"


async def test_sqlite_is_told_to_take_the_stock_the_usual_way(client, app_db, database_url):
    if database_url.startswith("postgresql"):
        pytest.skip("PostgreSQL takes and commits at once")
    s = await shop(client, app_db)
    async with app_db.sessions() as session:
        assert await stock.take_and_commit(session, int(s.free["id"]), 1) is None
