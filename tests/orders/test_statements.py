"""What the buyer's requests read and write: a request's session keeps the objects it
loaded, so the rules that look at an attendee's order, or at the buyer, read each of them
once; the buyer is read only when an attendee stands in for them; a buyer refused for a sold
out ticket has nothing written or read back for them."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import event

from hallway.db import Database
from tests.appfixtures import jwt, settle
from tests.forms.answers import add_field
from tests.orders.helpers import ATTENDEE, attendees_of, buy, cart, fill, set_status, shop, sold
from tests.tickets.helpers import patch


@contextmanager
def statements(db: Database) -> Iterator[list[str]]:
    """Every statement sent to the database meanwhile, its whitespace collapsed."""
    seen: list[str] = []

    def log(_conn: Any, _cursor: Any, statement: str, *_rest: Any) -> None:
        seen.append(" ".join(statement.split()))

    engine = db.engine.sync_engine
    event.listen(engine, "before_cursor_execute", log)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", log)


def reads_of(seen: list[str], table: str) -> list[str]:
    """SELECTs of one row of `table` by its id."""
    return [s for s in seen if s.startswith("SELECT") and f" FROM {table} WHERE {table}.id =" in s]


async def counted_attendee_patch(client: Any, db: Database, s: Any, who: str) -> list[str]:
    """`who` buys a ticket of the shop and fills in its attendee: the statements of that
    PATCH (which must succeed)."""
    identifier = (await buy(client, s.c.tokens[who], cart((s.free, 1))))["attributes"]["identifier"]
    attendee = (await attendees_of(client, s.c.tokens[who], identifier))[0]
    await settle()

    with statements(db) as seen:
        response = await client.patch(
            f"/v1/attendees/{attendee['id']}",
            json=patch("attendee", attendee["id"], **ATTENDEE),
            headers=jwt(s.c.tokens[who]),
        )

    assert response.status_code == 200, response.text
    return seen


async def counted_completion(client: Any, db: Database, s: Any, identifier: str) -> list[str]:
    """The buyer completes the order: the statements of that PATCH (which must succeed)."""
    await settle()
    with statements(db) as seen:
        response = await set_status(client, s.c.tokens["user"], identifier, "completed")

    assert response.status_code == 200, response.text
    return seen


async def test_an_attendee_patch_reads_its_order_with_it(client, app_db):
    """One statement reads the attendee and its order; none reads the order again."""
    s = await shop(client, app_db)
    seen = await counted_attendee_patch(client, app_db, s, "user")

    assert not reads_of(seen, "orders"), seen
    reads = [s for s in seen if s.startswith("SELECT attendees.")]
    assert len([s for s in reads if "JOIN orders" in s]) == 1, reads


async def test_completing_an_order_reads_the_buyer_once_and_the_event_with_it(client, app_db):
    s = await shop(client, app_db)
    identifier = (await buy(client, s.c.tokens["user"], cart((s.free, 1))))["attributes"][
        "identifier"
    ]
    seen = await counted_completion(client, app_db, s, identifier)
    buyer_loads = [s for s in seen if s.startswith("SELECT users.id, users.email, users.password")]
    assert len(buyer_loads) == 1, seen
    assert not reads_of(seen, "events"), seen
    orders = [s for s in seen if s.startswith("SELECT orders.")]
    assert len([s for s in orders if "JOIN events" in s]) == 1, orders


async def test_completing_an_order_whose_attendees_have_addresses_leaves_the_buyer_unread(
    client, app_db
):
    s = await shop(client, app_db)
    identifier = (await buy(client, s.c.tokens["user"], cart((s.free, 1))))["attributes"][
        "identifier"
    ]
    attendee = (await attendees_of(client, s.c.tokens["user"], identifier))[0]
    named = await client.patch(
        f"/v1/attendees/{attendee['id']}",
        json=patch("attendee", attendee["id"], **ATTENDEE),
        headers=jwt(s.c.tokens["user"]),
    )
    await settle()

    with statements(app_db) as seen:
        response = await set_status(client, s.c.tokens["user"], identifier, "completed")

    assert named.status_code == 200, named.text
    assert response.status_code == 200, response.text
    assert not [s for s in seen if s.startswith("SELECT users.id, users.email, users.password")]


async def test_a_buyer_refused_for_a_sold_out_ticket_has_nothing_written(client, app_db):
    s = await shop(client, app_db)
    for who in ("user", "stranger"):
        assert await buy(client, s.c.tokens[who], cart((s.free, 5)))
    await settle()

    with statements(app_db) as seen:
        refused = await client.post(
            "/v1/orders/create-order",
            json=cart((s.free, 1)),
            headers=jwt(s.c.tokens["moderator"]),
        )

    assert refused.status_code == 409, refused.text
    assert not [s for s in seen if s.startswith("INSERT")], seen
    assert not reads_of(seen, "orders"), seen


async def test_completing_an_order_reads_its_attendees_form_in_one_statement(client, app_db):
    """The form of the attendees' ticket comes with them, the options of its fields with the
    fields: however many attendees, one read of the form and none of a ticket."""
    s = await shop(client, app_db)
    await add_field(
        client, s.jwt("owner"), s.c.event["id"], "attendee", "diet", "select", options=("Vegan",)
    )
    identifier = (await buy(client, s.c.tokens["user"], cart((s.free, 3))))["attributes"][
        "identifier"
    ]
    await fill(client, s.c.tokens["user"], identifier)
    seen = await counted_completion(client, app_db, s, identifier)
    assert len([s for s in seen if "FROM custom_form" in s]) == 1, seen
    assert not [s for s in seen if s.startswith("SELECT tickets.form_id")], seen


async def test_a_free_cart_reads_no_ticket_fee_and_a_paid_one_does(client, app_db):
    s = await shop(client, app_db)
    read: dict[str, list[str]] = {}
    for name, ticket in (("free", s.free), ("paid", s.paid)):
        with statements(app_db) as seen:
            response = await client.post(
                "/v1/orders/calculate-amount", json=cart((ticket, 1)), headers=s.jwt("user")
            )
        assert response.status_code == 200, response.text
        read[name] = [s for s in seen if "FROM ticket_fees" in s]

    assert not read["free"]
    assert len(read["paid"]) == 1


async def test_a_purchase_reads_its_event_and_the_reservation_time_with_its_tickets(client, app_db):
    s = await shop(client, app_db)
    await settle()

    with statements(app_db) as seen:
        made = await client.post(
            "/v1/orders/create-order", json=cart((s.free, 1)), headers=s.jwt("user")
        )

    assert made.status_code == 200, made.text
    reads = [s for s in seen if s.startswith("SELECT")]
    assert not [s for s in reads if s.startswith(("SELECT events.", "SELECT settings."))], reads
    assert not [s for s in reads if s.startswith("SELECT users_events_roles.")], reads


async def test_completing_an_order_writes_it_with_one_update_guarded_by_its_status(client, app_db):
    """The status, `completed-at`, the payment mode and the end of the reservation are one
    conditional UPDATE: no second write of the order after the guarded one."""
    s = await shop(client, app_db)
    identifier, _ = await sold(client, s, complete=False)
    seen = await counted_completion(client, app_db, s, identifier)
    writes = [s for s in seen if s.startswith("UPDATE orders")]
    assert len(writes) == 1, writes
    assert "orders.status = " in writes[0].split(" WHERE ", 1)[1], writes
    for column in ("status=", "completed_at=", "expires_at=", "payment_mode="):
        assert column in writes[0].replace(" ", ""), writes
