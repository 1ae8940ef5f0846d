"""Tickets: an event's co-organizers sell them; whoever may see the event sees its tickets,
except hidden ones, which only those who manage the event (and admins) see."""

from __future__ import annotations

import json
from decimal import Decimal
from urllib.parse import quote

import pytest

from hallway.tickets.models import Ticket
from tests.appfixtures import JSONAPI
from tests.events.helpers import create_event
from tests.tickets.helpers import (
    cast,
    count,
    create_ticket,
    link,
    patch,
    stored,
    ticket_body,
)

MANAGERS = ("owner", "organizer", "coorganizer", "admin")


async def test_a_coorganizer_creates_a_ticket_with_every_attribute(client, app_db):
    c = await cast(client, app_db)
    document = ticket_body(
        c.event["id"],
        "Supporter",
        description="<p>Thanks</p><script>x()</script>",
        price="49.90",
        quantity=50,
        position=2,
        min_order=1,
        max_order=5,
        is_hidden=False,
        is_fee_absorbed=True,
        is_checkin_restricted=False,
        auto_checkin_enabled=True,
        form_id="form-1",
        badge_id="badge-1",
    )

    response = await client.post("/v1/tickets", json=document, headers=c.jwt("coorganizer"))

    assert response.status_code == 201, response.text
    ticket = response.json()["data"]
    attributes = ticket["attributes"]
    assert attributes["name"] == "Supporter"
    assert attributes["price"] == 49.9
    assert attributes["description"] == "<p>Thanks</p>"
    assert attributes["min-price"] == 0 and attributes["max-price"] is None
    assert (attributes["quantity"], attributes["position"], attributes["max-order"]) == (50, 2, 5)
    assert attributes["is-fee-absorbed"] and attributes["auto-checkin-enabled"]
    assert attributes["form-id"] == "form-1" and attributes["badge-id"] == "badge-1"
    assert attributes["sales-starts-at"].startswith("2031-05-01T00:00:00")
    assert attributes["deleted-at"] is None
    # The client keys events by their identifier: an event is linked by its URL (wire rule 7).
    event_link = ticket["relationships"]["event"]
    assert "data" not in event_link
    assert event_link["links"]["related"] == f"/v1/tickets/{ticket['id']}/event"
    assert {"ticket-tags", "discount-codes", "access-codes", "attendees", "orders"} <= set(
        ticket["relationships"]
    )
    row = await stored(app_db, Ticket, ticket["id"])
    assert row.price == Decimal("49.90") and row.event_id == int(c.event["id"])


@pytest.mark.parametrize("who", ["owner", "organizer", "admin"])
async def test_managers_create_tickets(client, app_db, who):
    c = await cast(client, app_db)
    ticket = await create_ticket(client, c.tokens[who], c.event["id"], type="free", price=0)
    assert ticket["attributes"]["type"] == "free"


@pytest.mark.parametrize("who", ["user", "registrar", "moderator", "stranger"])
async def test_others_may_not_create_tickets(client, app_db, who):
    c = await cast(client, app_db)
    response = await client.post("/v1/tickets", json=ticket_body(c.event["id"]), headers=c.jwt(who))
    assert response.status_code == 403, response.text
    assert await count(app_db, Ticket) == 0


async def test_anonymous_callers_may_not_create_tickets(client, app_db):
    c = await cast(client, app_db)
    response = await client.post(
        "/v1/tickets", json=ticket_body(c.event["id"]), headers={"Content-Type": JSONAPI}
    )
    assert response.status_code in (401, 403)
    assert await count(app_db, Ticket) == 0


async def test_a_ticket_of_a_missing_event_is_refused(client, app_db):
    c = await cast(client, app_db)
    response = await client.post("/v1/tickets", json=ticket_body(99999), headers=c.jwt("owner"))
    assert response.status_code == 404
    assert response.json()["errors"][0]["source"]["pointer"] == "/data/relationships/event"


async def test_a_ticket_needs_its_event(client, app_db):
    c = await cast(client, app_db)
    document = ticket_body(c.event["id"])
    del document["data"]["relationships"]
    response = await client.post("/v1/tickets", json=document, headers=c.jwt("owner"))
    assert response.status_code == 422
    assert response.json()["errors"][0]["source"]["pointer"] == "/data/relationships/event"


INVALID = [
    ({"type": "vip"}, "type"),
    ({"quantity": -1}, "quantity"),
    ({"price": "-1"}, "price"),
    ({"price": "10.005"}, "price"),
    ({"price": "NaN"}, "price"),
    ({"type": "free", "price": "5"}, "price"),
    ({"type": "paid", "price": "0"}, "price"),
    ({"type": "donation", "price": 0, "min-price": "20", "max-price": "10"}, "max-price"),
    ({"type": "donation", "price": 0, "min-price": "1.001"}, "min-price"),
    ({"sales-ends-at": "2031-04-01T00:00:00+00:00"}, "sales-ends-at"),
    ({"sales-ends-at": "2031-07-01T00:00:00+00:00"}, "sales-ends-at"),
    ({"min-order": 5, "max-order": 2}, "max-order"),
    ({"name": ""}, "name"),
]


@pytest.mark.parametrize(("attributes", "field"), INVALID)
async def test_invalid_tickets_are_refused_with_a_pointer(client, app_db, attributes, field):
    c = await cast(client, app_db)
    document = ticket_body(c.event["id"], **attributes)
    document["data"]["attributes"].update(attributes)

    response = await client.post("/v1/tickets", json=document, headers=c.jwt("owner"))

    assert response.status_code == 422, response.text
    assert response.json()["errors"][0]["source"]["pointer"] == f"/data/attributes/{field}"
    assert await count(app_db, Ticket) == 0


async def test_paid_and_donation_tickets_need_an_event_that_takes_payments(client, app_db):
    c = await cast(client, app_db)
    free_only = await create_event(client, c.tokens["owner"], "Free Day")

    paid = await client.post(
        "/v1/tickets", json=ticket_body(free_only["id"]), headers=c.jwt("owner")
    )
    donation = await client.post(
        "/v1/tickets",
        json=ticket_body(free_only["id"], type="donation", price=0, max_price="50"),
        headers=c.jwt("owner"),
    )
    free = await create_ticket(client, c.tokens["owner"], free_only["id"], type="free", price=0)

    for refused in (paid, donation):
        assert refused.status_code == 422
        assert refused.json()["errors"][0]["source"]["pointer"] == "/data/attributes/type"
    assert free["attributes"]["type"] == "free"
    assert await count(app_db, Ticket) == 1


async def test_the_client_sends_whole_records_back_with_unset_fields_as_null(client, app_db):
    c = await cast(client, app_db)
    ticket = await create_ticket(client, c.tokens["owner"], c.event["id"], position=3)
    whole = {name: None for name in ticket["attributes"]}
    whole.update(
        {
            "name": "Regular",
            "type": "paid",
            "price": 30,
            "quantity": 100,
            "sales-starts-at": ticket["attributes"]["sales-starts-at"],
            "sales-ends-at": ticket["attributes"]["sales-ends-at"],
            "form-id": "",
            "badge-id": "",
        }
    )

    response = await client.patch(
        f"/v1/tickets/{ticket['id']}",
        json={"data": {"type": "ticket", "id": ticket["id"], "attributes": whole}},
        headers=c.jwt("owner"),
    )

    assert response.status_code == 200, response.text
    attributes = response.json()["data"]["attributes"]
    assert (attributes["position"], attributes["min-order"], attributes["max-order"]) == (0, 1, 10)
    assert attributes["is-hidden"] is False and attributes["description"] is None
    assert (await stored(app_db, Ticket, ticket["id"])).price == Decimal(30)


async def test_amounts_follow_the_minor_unit_of_the_event_currency(client, app_db):
    c = await cast(client, app_db, currency="JPY")
    refused = await client.post(
        "/v1/tickets", json=ticket_body(c.event["id"], price="100.50"), headers=c.jwt("owner")
    )
    whole = await create_ticket(client, c.tokens["owner"], c.event["id"], price="1500")

    assert refused.status_code == 422
    assert refused.json()["errors"][0]["source"]["pointer"] == "/data/attributes/price"
    assert whole["attributes"]["price"] == 1500


async def test_a_name_is_taken_once_per_event_among_live_tickets(client, app_db):
    c = await cast(client, app_db)
    first = await create_ticket(client, c.tokens["owner"], c.event["id"], "Regular")
    elsewhere = await create_ticket(client, c.tokens["stranger"], c.other["id"], "Regular")

    again = await client.post(
        "/v1/tickets", json=ticket_body(c.event["id"], "Regular"), headers=c.jwt("owner")
    )
    assert again.status_code == 409
    assert again.json()["errors"][0]["source"]["pointer"] == "/data/attributes/name"
    second = await create_ticket(client, c.tokens["owner"], c.event["id"], "Late")
    renamed = await client.patch(
        f"/v1/tickets/{second['id']}",
        json=patch("ticket", second["id"], name="Regular"),
        headers=c.jwt("owner"),
    )
    assert renamed.status_code == 409
    assert (await stored(app_db, Ticket, second["id"])).name == "Late"

    deleted = await client.delete(f"/v1/tickets/{first['id']}", headers=c.jwt("owner"))
    reused = await create_ticket(client, c.tokens["owner"], c.event["id"], "Regular")
    assert deleted.status_code == 200
    assert reused["attributes"]["name"] == "Regular"
    assert elsewhere["attributes"]["name"] == "Regular"


async def test_an_update_is_checked_as_a_whole_and_changes_nothing_when_refused(client, app_db):
    c = await cast(client, app_db)
    ticket = await create_ticket(client, c.tokens["owner"], c.event["id"])

    refused = await client.patch(
        f"/v1/tickets/{ticket['id']}",
        json=patch("ticket", ticket["id"], quantity=7, min_order=20),
        headers=c.jwt("owner"),
    )
    emptied = await client.patch(
        f"/v1/tickets/{ticket['id']}",
        json=patch("ticket", ticket["id"], price=None),
        headers=c.jwt("owner"),
    )
    changed = await client.patch(
        f"/v1/tickets/{ticket['id']}",
        json=patch("ticket", ticket["id"], quantity=10, max_order=8),
        headers=c.jwt("coorganizer"),
    )

    assert refused.status_code == 422
    assert refused.json()["errors"][0]["source"]["pointer"] == "/data/attributes/max-order"
    assert emptied.status_code == 422
    assert emptied.json()["errors"][0]["source"]["pointer"] == "/data/attributes/price"
    assert changed.status_code == 200
    row = await stored(app_db, Ticket, ticket["id"])
    assert (row.quantity, row.max_order, row.price) == (10, 8, Decimal("25.00"))


@pytest.mark.parametrize("who", ["user", "registrar", "moderator", "stranger"])
async def test_others_may_not_change_or_delete_tickets(client, app_db, who):
    c = await cast(client, app_db)
    ticket = await create_ticket(client, c.tokens["owner"], c.event["id"])

    changed = await client.patch(
        f"/v1/tickets/{ticket['id']}",
        json=patch("ticket", ticket["id"], price="1.00"),
        headers=c.jwt(who),
    )
    deleted = await client.delete(f"/v1/tickets/{ticket['id']}", headers=c.jwt(who))

    assert changed.status_code == 403
    assert deleted.status_code == 403
    row = await stored(app_db, Ticket, ticket["id"])
    assert row.price == Decimal("25.00") and row.deleted_at is None


async def test_a_ticket_cannot_move_to_another_organizers_event(client, app_db):
    c = await cast(client, app_db)
    ticket = await create_ticket(client, c.tokens["owner"], c.event["id"])
    document = patch("ticket", ticket["id"])
    document["data"]["relationships"] = {"event": link("event", c.other["id"])}

    response = await client.patch(
        f"/v1/tickets/{ticket['id']}", json=document, headers=c.jwt("owner")
    )

    assert response.status_code == 403
    assert (await stored(app_db, Ticket, ticket["id"])).event_id == int(c.event["id"])


async def test_deleting_a_ticket_trashes_it(client, app_db):
    c = await cast(client, app_db)
    ticket = await create_ticket(client, c.tokens["owner"], c.event["id"])

    deleted = await client.delete(f"/v1/tickets/{ticket['id']}", headers=c.jwt("coorganizer"))
    gone = await client.get(f"/v1/tickets/{ticket['id']}", headers=c.jwt("owner"))
    trashed = await client.get(
        f"/v1/tickets/{ticket['id']}?get_trashed=true", headers=c.jwt("owner")
    )
    listed = await client.get(f"/v1/events/{c.event['id']}/tickets", headers=c.jwt("owner"))

    assert deleted.status_code == 200
    assert gone.status_code == 404
    assert trashed.status_code == 200
    assert listed.json()["data"] == []
    assert (await stored(app_db, Ticket, ticket["id"])).deleted_at is not None


async def _catalogue(client, app_db):
    c = await cast(client, app_db)
    shown = await create_ticket(client, c.tokens["owner"], c.event["id"], "Shown", position=1)
    hidden = await create_ticket(
        client, c.tokens["owner"], c.event["id"], "Hidden", is_hidden=True, position=2
    )
    return c, shown, hidden


async def test_hidden_tickets_are_seen_only_by_those_who_manage_the_event(client, app_db):
    c, shown, hidden = await _catalogue(client, app_db)
    url = f"/v1/events/{c.event['attributes']['identifier']}"

    for who in MANAGERS:
        listed = await client.get(f"/v1/events/{c.event['id']}/tickets", headers=c.jwt(who))
        one = await client.get(f"/v1/tickets/{hidden['id']}", headers=c.jwt(who))
        assert [t["id"] for t in listed.json()["data"]] == [shown["id"], hidden["id"]], who
        assert one.status_code == 200, who
    for who in ("user", "registrar", "moderator", "stranger"):
        listed = await client.get(f"/v1/events/{c.event['id']}/tickets", headers=c.jwt(who))
        one = await client.get(f"/v1/tickets/{hidden['id']}", headers=c.jwt(who))
        assert [t["id"] for t in listed.json()["data"]] == [shown["id"]], who
        assert one.status_code == 404, who
    anonymous = await client.get(f"{url}/tickets")
    everything = await client.get("/v1/tickets")
    assert [t["id"] for t in anonymous.json()["data"]] == [shown["id"]]
    assert [t["id"] for t in everything.json()["data"]] == [shown["id"]]


async def test_tickets_of_a_draft_are_seen_only_by_those_who_manage_it(client, app_db):
    c = await cast(client, app_db, published=False)
    ticket = await create_ticket(client, c.tokens["owner"], c.event["id"])

    own = await client.get(f"/v1/tickets/{ticket['id']}", headers=c.jwt("coorganizer"))
    public = await client.get(f"/v1/tickets/{ticket['id']}")
    user = await client.get("/v1/tickets", headers=c.jwt("user"))

    assert own.status_code == 200
    assert public.status_code == 404
    assert user.json()["data"] == []


async def test_the_public_page_lists_tickets_on_sale_as_the_client_asks(client, app_db):
    c, shown, _ = await _catalogue(client, app_db)
    await create_ticket(
        client,
        c.tokens["owner"],
        c.event["id"],
        "Later",
        **{"sales-starts-at": "2031-05-20T00:00:00+00:00"},
    )
    now = "2031-05-10T00:00:00+00:00"
    window = [
        {
            "and": [
                {"name": "sales-starts-at", "op": "le", "val": now},
                {"name": "sales-ends-at", "op": "ge", "val": now},
            ]
        }
    ]
    url = (
        f"/v1/events/{c.event['id']}/tickets?filter={quote(json.dumps(window))}"
        "&cache=true&public=true&page[size]=0&sort=position&include=event"
    )

    response = await client.get(url)

    assert response.status_code == 200, response.text
    assert [t["id"] for t in response.json()["data"]] == [shown["id"]]
    assert response.json()["included"][0]["type"] == "event"


async def test_an_event_links_its_tickets_and_includes_them(client, app_db):
    c, shown, hidden = await _catalogue(client, app_db)

    public = await client.get(f"/v1/events/{c.event['id']}?include=tickets")
    managed = await client.get(
        f"/v1/events/{c.event['id']}?include=tickets", headers=c.jwt("owner")
    )

    assert [t["id"] for t in public.json()["data"]["relationships"]["tickets"]["data"]] == [
        shown["id"]
    ]
    assert {t["id"] for t in managed.json()["included"]} == {shown["id"], hidden["id"]}


async def test_availability_is_the_quantity_until_orders_exist(client, app_db):
    c, shown, hidden = await _catalogue(client, app_db)

    public = await client.get(f"/v1/events/{c.event['id']}/tickets/availability")
    managed = await client.get(
        f"/v1/events/{c.event['id']}/tickets/availability", headers=c.jwt("owner")
    )
    missing = await client.get("/v1/events/99999/tickets/availability")

    assert public.status_code == 200
    assert public.json() == [
        {"id": int(shown["id"]), "name": "Shown", "quantity": 100, "available": 100}
    ]
    assert [row["id"] for row in managed.json()] == [int(shown["id"]), int(hidden["id"])]
    assert missing.status_code == 404


async def test_availability_of_a_draft_is_hidden_from_the_public(client, app_db):
    c = await cast(client, app_db, published=False)
    await create_ticket(client, c.tokens["owner"], c.event["id"])

    public = await client.get(f"/v1/events/{c.event['id']}/tickets/availability")
    own = await client.get(
        f"/v1/events/{c.event['id']}/tickets/availability", headers=c.jwt("owner")
    )

    assert public.status_code == 404
    assert len(own.json()) == 1
