"""Making an order: the cart's rules, stock taken at once, blank attendees, idempotent retries."""

from __future__ import annotations

from hallway.orders.models import Attendee, Order
from hallway.tickets.models import Ticket
from tests.orders.helpers import ATTENDEE, buy, cart, fill, order, set_status, shop, sold
from tests.tickets.helpers import count, stored


async def test_a_user_orders_free_tickets_and_completes_the_order(client, app_db):
    s = await shop(client, app_db)

    made = await buy(client, s.c.tokens["user"], cart((s.free, 2)))
    identifier = made["attributes"]["identifier"]
    await fill(client, s.c.tokens["user"], identifier)
    done = await set_status(client, s.c.tokens["user"], identifier, "completed")

    assert made["type"] == "order"
    assert made["attributes"]["status"] == "initializing"
    assert made["attributes"]["amount"] == 0
    assert done.status_code == 200, done.text
    assert done.json()["data"]["attributes"]["status"] == "completed"
    assert done.json()["data"]["attributes"]["completed-at"] is not None
    assert await count(app_db, Attendee, Attendee.order_id == int(made["id"])) == 2
    assert (await stored(app_db, Ticket, s.free["id"])).reserved == 2
    availability = await client.get(f"/v1/events/{s.c.event['id']}/tickets/availability")
    assert {row["name"]: row["available"] for row in availability.json()}["Free"] == 8


async def test_a_paid_order_is_never_completed_by_its_buyer(client, app_db):
    s = await shop(client, app_db)
    made = await buy(client, s.c.tokens["user"], cart((s.paid, 1)))
    identifier = made["attributes"]["identifier"]
    await fill(client, s.c.tokens["user"], identifier)

    completed = await set_status(client, s.c.tokens["user"], identifier, "completed")
    placed = await set_status(
        client, s.c.tokens["user"], identifier, "placed", payment_mode="onsite"
    )
    by_buyer = await set_status(client, s.c.tokens["user"], identifier, "completed")
    confirmed = await set_status(client, s.c.tokens["coorganizer"], identifier, "completed")

    assert made["attributes"]["amount"] == 25
    assert completed.status_code == 422, completed.text
    assert placed.status_code == 200, placed.text
    assert by_buyer.status_code == 403, by_buyer.text
    assert confirmed.status_code == 200, confirmed.text
    assert (await stored(app_db, Order, made["id"])).status == "completed"


async def test_stock_runs_out_with_a_409_and_nothing_changes(client, app_db):
    s = await shop(client, app_db)
    await buy(client, s.c.tokens["user"], cart((s.free, 5)))
    await buy(client, s.c.tokens["organizer"], cart((s.free, 5)))

    refused = await order(client, s.c.tokens["registrar"], cart((s.free, 1)))

    assert refused.status_code == 409, refused.text
    assert refused.json()["errors"][0]["source"]["pointer"] == "/tickets/0/quantity"
    assert await count(app_db, Order) == 2
    assert (await stored(app_db, Ticket, s.free["id"])).reserved == 10


async def test_cancelling_gives_the_tickets_back(client, app_db):
    s = await shop(client, app_db)
    made = await buy(client, s.c.tokens["user"], cart((s.free, 5)))

    cancelled = await set_status(
        client, s.c.tokens["user"], made["attributes"]["identifier"], "cancelled"
    )
    again = await set_status(
        client, s.c.tokens["user"], made["attributes"]["identifier"], "initializing"
    )

    assert cancelled.status_code == 200, cancelled.text
    assert again.status_code == 422
    assert (await stored(app_db, Ticket, s.free["id"])).reserved == 0
    assert await count(app_db, Attendee, Attendee.order_id == int(made["id"])) == 5


async def test_a_retry_with_the_same_idempotency_key_answers_the_first_order(client, app_db):
    s = await shop(client, app_db)
    key = {"Idempotency-Key": "retry-1"}

    first = await order(client, s.c.tokens["user"], cart((s.free, 1)), **key)
    second = await order(client, s.c.tokens["user"], cart((s.free, 1)), **key)
    other_body = await order(client, s.c.tokens["user"], cart((s.free, 2)), **key)

    assert first.status_code == second.status_code == 200
    assert first.json()["data"]["id"] == second.json()["data"]["id"]
    assert other_body.status_code == 422
    assert await count(app_db, Order) == 1
    assert (await stored(app_db, Ticket, s.free["id"])).reserved == 1


async def test_the_cart_rules_are_checked_by_the_server(client, app_db):
    s = await shop(client, app_db)
    token = s.c.tokens["user"]

    too_many = await order(client, token, cart((s.free, 6)))
    hidden = await order(client, token, cart((s.hidden, 1)))
    low_gift = await order(
        client, token, {"tickets": [{"id": s.donation["id"], "quantity": 1, "price": 1}]}
    )
    fine_gift = await order(
        client, token, {"tickets": [{"id": s.donation["id"], "quantity": 1, "price": 5.001}]}
    )
    anonymous = await client.post("/v1/orders/create-order", json=cart((s.free, 1)))
    junk = await order(client, token, {"tickets": "all"})

    assert too_many.status_code == 422
    assert hidden.status_code == 404
    assert low_gift.status_code == 422
    assert fine_gift.status_code == 422
    assert anonymous.status_code == 401
    assert junk.status_code == 422
    assert await count(app_db, Order) == 0


async def test_attendee_details_and_check_in_by_role(client, app_db):
    s = await shop(client, app_db)
    made = await buy(client, s.c.tokens["user"], cart((s.free, 1)))
    identifier = made["attributes"]["identifier"]
    await fill(client, s.c.tokens["user"], identifier)
    attendee = (
        await client.get(f"/v1/orders/{identifier}/attendees", headers=s.jwt("user"))
    ).json()["data"][0]
    path = f"/v1/attendees/{attendee['id']}"

    def checkin(**values):
        return {"data": {"type": "attendee", "id": attendee["id"], "attributes": values}}

    early = await client.patch(
        path, json=checkin(**{"is-checked-in": True}), headers=s.jwt("registrar")
    )
    await set_status(client, s.c.tokens["user"], identifier, "completed")
    self_checkin = await client.patch(
        path, json=checkin(**{"is-checked-in": True}), headers=s.jwt("user")
    )
    late_edit = await client.patch(path, json=checkin(firstname="Eve"), headers=s.jwt("user"))
    stranger = await client.get(path, headers=s.jwt("stranger"))
    checked = await client.patch(
        path,
        json=checkin(**{"is-checked-in": True, "device-name-checkin": "gate-1", **ATTENDEE}),
        headers=s.jwt("registrar"),
    )

    assert early.status_code == 422
    assert self_checkin.status_code == 403
    assert late_edit.status_code == 422
    assert stranger.status_code == 404
    assert checked.status_code == 200, checked.text
    stored_attendee = await stored(app_db, Attendee, attendee["id"])
    assert stored_attendee.is_checked_in
    assert stored_attendee.device_name_checkin == "gate-1"
    assert len(stored_attendee.checkin_times.split(",")) == 1


async def test_plain_users_never_see_other_peoples_orders(client, app_db):
    s = await shop(client, app_db)
    await buy(client, s.c.tokens["user"], cart((s.free, 1)))
    await buy(client, s.c.tokens["organizer"], cart((s.free, 1)))

    def ids(response):
        assert response.status_code == 200, response.text
        return len(response.json()["data"])

    assert ids(await client.get("/v1/orders", headers=s.jwt("user"))) == 1
    assert ids(await client.get("/v1/orders", headers=s.jwt("stranger"))) == 0
    assert (
        ids(await client.get(f"/v1/events/{s.c.event['id']}/orders", headers=s.jwt("registrar")))
        == 2
    )
    assert ids(await client.get("/v1/orders", headers=s.jwt("admin"))) == 2
    assert (
        ids(await client.get(f"/v1/events/{s.c.event['id']}/attendees", headers=s.jwt("stranger")))
        == 0
    )
    assert ids(await client.get("/v1/orders")) == 0


async def test_an_order_lists_each_of_its_tickets_once(client, app_db):
    s = await shop(client, app_db)
    made = await buy(client, s.c.tokens["user"], cart((s.free, 3), (s.paid, 1)))
    identifier = made["attributes"]["identifier"]

    tickets = await client.get(f"/v1/orders/{identifier}/tickets", headers=s.jwt("user"))
    orders = await client.get(f"/v1/tickets/{s.free['id']}/orders", headers=s.jwt("owner"))
    included = await client.get(
        f"/v1/orders/{identifier}?include=attendees,tickets,event", headers=s.jwt("user")
    )

    assert tickets.status_code == 200, tickets.text
    assert sorted(t["attributes"]["name"] for t in tickets.json()["data"]) == ["Free", "Paid"]
    assert [o["id"] for o in orders.json()["data"]] == [made["id"]]
    assert included.status_code == 200, included.text
    kinds = [item["type"] for item in included.json()["included"]]
    assert kinds.count("attendee") == 4 and kinds.count("ticket") == 2


async def test_the_figures_follow_the_orders(client, app_db):
    s = await shop(client, app_db)
    paid = await buy(client, s.c.tokens["user"], cart((s.paid, 2)))
    await fill(client, s.c.tokens["user"], paid["attributes"]["identifier"])
    await set_status(
        client,
        s.c.tokens["user"],
        paid["attributes"]["identifier"],
        "placed",
        payment_mode="onsite",
    )
    free = await buy(client, s.c.tokens["organizer"], cart((s.free, 3)))
    await fill(client, s.c.tokens["organizer"], free["attributes"]["identifier"])
    await set_status(client, s.c.tokens["organizer"], free["attributes"]["identifier"], "completed")
    dropped = await buy(client, s.c.tokens["registrar"], cart((s.free, 1)))
    await set_status(
        client, s.c.tokens["registrar"], dropped["attributes"]["identifier"], "cancelled"
    )
    await buy(client, s.c.tokens["moderator"], cart((s.paid, 1)))

    event = (await client.get(f"/v1/events/{s.c.event['id']}", headers=s.jwt("owner"))).json()
    public = (await client.get(f"/v1/events/{s.c.event['id']}", headers=s.jwt("user"))).json()
    stats = await client.get(
        f"/v1/events/{s.c.event['id']}/order-statistics", headers=s.jwt("coorganizer")
    )
    of_ticket = await client.get(
        f"/v1/tickets/{s.free['id']}/order-statistics", headers=s.jwt("owner")
    )

    figures = event["data"]["attributes"]
    assert figures["placed-order-sales"] == 50 and figures["placed-order-tickets"] == 2
    assert figures["completed-order-sales"] == 0 and figures["completed-order-tickets"] == 3
    assert figures["pending-order-tickets"] == 0
    assert "placed-order-sales" not in public["data"]["attributes"]
    attributes = stats.json()["data"]["attributes"]
    assert attributes["orders"] == {
        "draft": 1,
        "cancelled": 1,
        "pending": 0,
        "expired": 0,
        "placed": 1,
        "completed": 1,
        "total": 4,
    }
    assert attributes["tickets"]["draft"] == 1 and attributes["tickets"]["placed"] == 2
    assert attributes["tickets"]["cancelled"] == 1
    assert attributes["tickets"]["max"] == 10 + 10 + 100 + 100
    assert attributes["sales"]["placed"] == 50 and attributes["sales"]["draft"] == 25
    ticket_figures = of_ticket.json()["data"]["attributes"]
    assert ticket_figures["tickets"]["completed"] == 3
    assert ticket_figures["orders"]["total"] == 2


async def test_create_order_answers_with_the_includes_asked_for(client, app_db):
    s = await shop(client, app_db)

    answer = await client.post(
        "/v1/orders/create-order?include=attendees",
        json=cart((s.free, 2)),
        headers=s.jwt("user"),
    )

    assert answer.status_code == 200, answer.text
    assert [item["type"] for item in answer.json()["included"]] == ["attendee", "attendee"]


async def test_blank_attendees_hold_the_buyers_tickets(client, app_db):
    s = await shop(client, app_db)
    made = await buy(client, s.c.tokens["user"], cart((s.free, 1)))

    done = await set_status(
        client, s.c.tokens["user"], made["attributes"]["identifier"], "completed"
    )

    assert done.status_code == 200, done.text
    attendee = (
        await client.get(
            f"/v1/orders/{made['attributes']['identifier']}/attendees", headers=s.jwt("user")
        )
    ).json()["data"][0]
    assert attendee["attributes"]["email"] == "user@example.com"
    mine = await client.get(f"/v1/users/{s.c.ids['user']}/attendees", headers=s.jwt("user"))
    assert [a["id"] for a in mine.json()["data"]] == [attendee["id"]]


async def test_the_web_check_in_appends_a_time_to_the_history(client, app_db):
    s = await shop(client, app_db)
    _, (attendee,) = await sold(client, s)
    path = f"/v1/attendees/{attendee['id']}"
    first = "2031-06-01T13:00:00.000Z"

    def sent(**values):
        whole = {**attendee["attributes"], **values}
        return {"data": {"type": "attendee", "id": attendee["id"], "attributes": whole}}

    checked = await client.patch(
        path, json=sent(**{"checkin-times": first}), headers=s.jwt("owner")
    )
    out = await client.patch(
        path,
        json=sent(**{"checkin-times": first, "checkout-times": "2031-06-01T18:00:00.000Z"}),
        headers=s.jwt("owner"),
    )
    rewrite = await client.patch(
        path, json=sent(**{"checkin-times": "2030-01-01T00:00:00Z"}), headers=s.jwt("owner")
    )

    assert checked.status_code == 200, checked.text
    assert checked.json()["data"]["attributes"]["is-checked-in"] is True
    assert checked.json()["data"]["attributes"]["checkin-times"] == first
    assert out.json()["data"]["attributes"]["is-checked-out"] is True
    assert out.json()["data"]["attributes"]["is-checked-in"] is False
    assert rewrite.status_code == 422


async def test_a_paid_order_goes_as_the_order_pages_move_it(client, app_db):
    """The order form moves a paid order to pending; the payment page then picks an offline
    mode and places it; the organizers confirm it."""
    s = await shop(client, app_db)
    made = await buy(client, s.c.tokens["user"], cart((s.paid, 1)))
    identifier = made["attributes"]["identifier"]
    await fill(client, s.c.tokens["user"], identifier)

    pending = await set_status(client, s.c.tokens["user"], identifier, "pending")
    cheque = await set_status(
        client, s.c.tokens["user"], identifier, "placed", payment_mode="cheque"
    )
    placed = await set_status(
        client, s.c.tokens["user"], identifier, "placed", payment_mode="onsite"
    )
    confirmed = await set_status(client, s.c.tokens["owner"], identifier, "completed")

    assert pending.status_code == 200, pending.text
    assert cheque.status_code == 422  # the event takes payments on site only
    assert placed.status_code == 200, placed.text
    assert confirmed.status_code == 200, confirmed.text
    assert confirmed.json()["data"]["attributes"]["payment-mode"] == "onsite"
