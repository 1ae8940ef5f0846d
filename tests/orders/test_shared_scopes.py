"""The order and attendee scopes leave the caller's id as a bound parameter given at each
read: one statement serves every buyer, and each buyer still reads and changes only their
own orders and attendees, however their requests interleave."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.exc import StatementError

from hallway.auth.actor import Actor
from hallway.jsonapi import RequestContext
from hallway.orders.models import Order
from hallway.orders.policy import order_policy
from tests.appfixtures import jwt
from tests.orders.helpers import ATTENDEE, attendees_of, buy, cart, shop
from tests.tickets.helpers import patch


async def test_buyers_share_the_scoped_statements_and_each_reads_only_their_own(
    client, app_db, app
):
    s = await shop(client, app_db)
    buyers = ("user", "stranger", "moderator")
    bought = {who: await buy(client, s.c.tokens[who], cart((s.free, 1))) for who in buyers}
    identifiers = {who: made["attributes"]["identifier"] for who, made in bought.items()}
    api = app.state.api
    orders = api.statements(api.resource("order"))
    kept = None
    for _ in range(2):
        for who in buyers:
            token = s.c.tokens[who]
            own = await client.get(f"/v1/orders/{identifiers[who]}", headers=jwt(token))
            assert own.status_code == 200, own.text
            listed = await client.get("/v1/orders", headers=jwt(token))
            assert [o["id"] for o in listed.json()["data"]] == [bought[who]["id"]]
            for other in buyers:
                if other != who:
                    seen = await client.get(f"/v1/orders/{identifiers[other]}", headers=jwt(token))
                    assert seen.status_code == 404, seen.text
            # The first buyer's reads kept the statements every later buyer runs.
            kept = orders.kept_count if kept is None else kept
            assert orders.kept_count == kept


async def test_a_buyer_cannot_change_an_attendee_read_through_the_shared_statement(client, app_db):
    s = await shop(client, app_db)
    mine = (await buy(client, s.c.tokens["user"], cart((s.free, 1))))["attributes"]
    theirs = (await buy(client, s.c.tokens["stranger"], cart((s.free, 1))))["attributes"]
    my_attendee = (await attendees_of(client, s.c.tokens["user"], mine["identifier"]))[0]
    their_attendee = (await attendees_of(client, s.c.tokens["stranger"], theirs["identifier"]))[0]

    for who, attendee, status in (
        ("user", my_attendee, 200),
        ("user", their_attendee, 404),
        ("stranger", my_attendee, 404),
        ("stranger", their_attendee, 200),
    ):
        response = await client.patch(
            f"/v1/attendees/{attendee['id']}",
            json=patch("attendee", attendee["id"], **ATTENDEE),
            headers=jwt(s.c.tokens[who]),
        )
        assert response.status_code == status, (who, response.text)


def _actor(user_id: int) -> Actor:
    return Actor(user_id, "buyer@example.com", True, False, False, False, False, True)


async def test_a_scope_read_without_the_callers_parameter_fails_instead_of_guessing(app_db):
    async with app_db.sessions() as session:
        ctx = RequestContext(None, session, _actor(1))
        scope = await order_policy.rule_for("view").scope(ctx, Order)
        assert ctx.params == {"_caller": 1}
        given = (await session.execute(select(Order.id).where(scope))).all()
    assert given == []
    async with app_db.sessions() as session:  # a session no caller was given to
        with pytest.raises(StatementError, match="_caller"):
            await session.execute(select(Order.id).where(scope))
