"""Ticket tags (many-to-many with tickets), the one tax of an event (its invoice details only
for those who manage the event) and the platform's ticket fees (admins)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from hallway.tickets.models import Tax, TicketFee, TicketTag
from tests.appfixtures import JSONAPI, login, make_user
from tests.tickets.helpers import (
    body,
    cast,
    count,
    create,
    create_ticket,
    link,
    links,
    patch,
    stored,
)

TAX = {
    "name": "VAT",
    "rate": "19",
    "is-tax-included-in-price": True,
    "country": "DE",
    "tax-id": "DE123456789",
    "should-send-invoice": True,
    "registered-company": "PyCon e.V.",
    "contact-name": "Ann",
    "phone": "+49 30 1234",
    "email": "tax@example.com",
    "address": "Hauptstr. 1",
    "city": "Berlin",
    "state": "Berlin",
    "zip": "10115",
    "invoice-footer": "Thank you",
}
PRIVATE = {k for k in TAX if k not in ("name", "rate", "is-tax-included-in-price")}


def tax_body(event_id, **attributes):
    return body("tax", {**TAX, **attributes}, event=link("event", event_id))


# -- ticket tags ---------------------------------------------------------------------------------
async def test_tags_group_tickets_of_their_event(client, app_db):
    c = await cast(client, app_db)
    one = await create_ticket(client, c.tokens["owner"], c.event["id"], "One")
    two = await create_ticket(client, c.tokens["owner"], c.event["id"], "Two")

    tag = await create(
        client,
        c.tokens["coorganizer"],
        "/v1/ticket-tags",
        body(
            "ticket-tag",
            {"name": "Students"},
            event=link("event", c.event["id"]),
            tickets=links("ticket", one["id"], two["id"]),
        ),
    )
    of_tag = await client.get(f"/v1/ticket-tags/{tag['id']}/tickets")
    of_ticket = await client.get(f"/v1/tickets/{one['id']}/ticket-tags")
    of_event = await client.get(f"/v1/events/{c.event['id']}/ticket-tags?include=tickets")

    assert tag["attributes"] == {"name": "Students"}
    assert sorted(t["id"] for t in of_tag.json()["data"]) == sorted([one["id"], two["id"]])
    assert [t["id"] for t in of_ticket.json()["data"]] == [tag["id"]]
    assert len(of_event.json()["included"]) == 2


async def test_a_tag_takes_only_tickets_of_its_event(client, app_db):
    c = await cast(client, app_db)
    foreign = await create_ticket(client, c.tokens["stranger"], c.other["id"])
    document = body(
        "ticket-tag",
        {"name": "Mixed"},
        event=link("event", c.event["id"]),
        tickets=links("ticket", foreign["id"]),
    )

    response = await client.post("/v1/ticket-tags", json=document, headers=c.jwt("owner"))

    assert response.status_code == 422
    assert response.json()["errors"][0]["source"]["pointer"] == "/data/relationships/tickets"
    assert await count(app_db, TicketTag) == 0


@pytest.mark.parametrize("who", ["user", "registrar", "moderator", "stranger"])
async def test_others_may_not_write_tags(client, app_db, who):
    c = await cast(client, app_db)
    tag = await create(
        client,
        c.tokens["owner"],
        "/v1/ticket-tags",
        body("ticket-tag", {"name": "A"}, event=link("event", c.event["id"])),
    )
    made = await client.post(
        "/v1/ticket-tags",
        json=body("ticket-tag", {"name": "B"}, event=link("event", c.event["id"])),
        headers=c.jwt(who),
    )
    renamed = await client.patch(
        f"/v1/ticket-tags/{tag['id']}",
        json=patch("ticket-tag", tag["id"], name="C"),
        headers=c.jwt(who),
    )
    deleted = await client.delete(f"/v1/ticket-tags/{tag['id']}", headers=c.jwt(who))

    assert (made.status_code, renamed.status_code, deleted.status_code) == (403, 403, 403)
    assert (await stored(app_db, TicketTag, tag["id"])).name == "A"
    assert await count(app_db, TicketTag) == 1


async def test_a_ticket_takes_tags_through_its_relationship(client, app_db):
    c = await cast(client, app_db)
    ticket = await create_ticket(client, c.tokens["owner"], c.event["id"])
    tag = await create(
        client,
        c.tokens["owner"],
        "/v1/ticket-tags",
        body("ticket-tag", {"name": "A"}, event=link("event", c.event["id"])),
    )
    url = f"/v1/tickets/{ticket['id']}/relationships/ticket-tags"

    refused = await client.post(url, json=links("ticket-tag", tag["id"]), headers=c.jwt("user"))
    added = await client.post(url, json=links("ticket-tag", tag["id"]), headers=c.jwt("owner"))

    assert refused.status_code == 403
    assert added.status_code == 200
    assert added.json()["data"] == [{"type": "ticket-tag", "id": tag["id"]}]


# -- taxes ---------------------------------------------------------------------------------------
async def test_a_coorganizer_sets_the_tax_and_the_event_links_it(client, app_db):
    c = await cast(client, app_db)
    tax = await create(client, c.tokens["coorganizer"], "/v1/taxes", tax_body(c.event["id"]))

    event = await client.get(f"/v1/events/{c.event['id']}?include=tax", headers=c.jwt("owner"))
    nested = await client.get(f"/v1/events/{c.event['attributes']['identifier']}/tax")

    assert tax["type"] == "tax"
    assert tax["attributes"]["rate"] == 19
    assert tax["attributes"]["tax-id"] == "DE123456789"
    assert event.json()["data"]["relationships"]["tax"]["data"] == {"type": "tax", "id": tax["id"]}
    assert event.json()["included"][0]["attributes"]["city"] == "Berlin"
    assert nested.status_code == 200
    assert (await stored(app_db, Tax, tax["id"])).rate == Decimal("19")


async def test_an_event_without_a_tax_links_none_and_its_tax_url_answers_404(client, app_db):
    c = await cast(client, app_db)
    event = await client.get(f"/v1/events/{c.event['id']}")
    tax = await client.get(f"/v1/events/{c.event['id']}/tax")

    assert event.json()["data"]["relationships"]["tax"]["data"] is None
    assert tax.status_code == 404


async def test_the_invoice_details_of_a_tax_are_for_those_who_manage_the_event(client, app_db):
    c = await cast(client, app_db)
    tax = await create(client, c.tokens["owner"], "/v1/taxes", tax_body(c.event["id"]))

    for who in ("owner", "organizer", "coorganizer", "admin"):
        seen = await client.get(f"/v1/taxes/{tax['id']}", headers=c.jwt(who))
        assert set(seen.json()["data"]["attributes"]) >= PRIVATE, who
    for who in ("user", "registrar", "moderator", "stranger", None):
        headers = c.jwt(who) if who else {}
        seen = await client.get(f"/v1/events/{c.event['id']}/tax", headers=headers)
        listed = await client.get("/v1/taxes", headers=headers)
        attributes = seen.json()["data"]["attributes"]
        assert set(attributes) == {"name", "rate", "is-tax-included-in-price", "deleted-at"}, who
        assert set(listed.json()["data"][0]["attributes"]) == set(attributes), who


async def test_one_tax_per_event(client, app_db):
    c = await cast(client, app_db)
    await create(client, c.tokens["owner"], "/v1/taxes", tax_body(c.event["id"]))

    again = await client.post("/v1/taxes", json=tax_body(c.event["id"]), headers=c.jwt("owner"))

    assert again.status_code == 409
    assert again.json()["errors"][0]["source"]["pointer"] == "/data/relationships/event"
    assert await count(app_db, Tax) == 1


async def test_a_deleted_tax_makes_way_for_a_new_one(client, app_db):
    c = await cast(client, app_db)
    old = await create(client, c.tokens["owner"], "/v1/taxes", tax_body(c.event["id"]))

    deleted = await client.delete(f"/v1/taxes/{old['id']}", headers=c.jwt("owner"))
    unlinked = await client.get(f"/v1/events/{c.event['id']}")
    new = await create(client, c.tokens["owner"], "/v1/taxes", tax_body(c.event["id"], rate="7"))
    linked = await client.get(f"/v1/events/{c.event['id']}/tax")

    assert deleted.status_code == 200
    assert unlinked.json()["data"]["relationships"]["tax"]["data"] is None
    assert linked.json()["data"]["id"] == new["id"]
    assert (await stored(app_db, Tax, old["id"])).deleted_at is not None


@pytest.mark.parametrize(
    ("attributes", "field"),
    [({"rate": "100.5"}, "rate"), ({"rate": "-1"}, "rate"), ({"name": ""}, "name")],
)
async def test_invalid_taxes_are_refused(client, app_db, attributes, field):
    c = await cast(client, app_db)
    response = await client.post(
        "/v1/taxes", json=tax_body(c.event["id"], **attributes), headers=c.jwt("owner")
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["source"]["pointer"] == f"/data/attributes/{field}"
    assert await count(app_db, Tax) == 0


@pytest.mark.parametrize("who", ["user", "registrar", "moderator", "stranger"])
async def test_others_may_not_write_the_tax(client, app_db, who):
    c = await cast(client, app_db)
    tax = await create(client, c.tokens["owner"], "/v1/taxes", tax_body(c.event["id"]))
    await client.delete(f"/v1/taxes/{tax['id']}", headers=c.jwt("owner"))

    made = await client.post("/v1/taxes", json=tax_body(c.event["id"]), headers=c.jwt(who))
    tax = await create(client, c.tokens["owner"], "/v1/taxes", tax_body(c.event["id"]))
    changed = await client.patch(
        f"/v1/taxes/{tax['id']}", json=patch("tax", tax["id"], rate="5"), headers=c.jwt(who)
    )
    deleted = await client.delete(f"/v1/taxes/{tax['id']}", headers=c.jwt(who))

    assert made.status_code == 403
    assert changed.status_code in (403, 404)
    assert deleted.status_code in (403, 404)
    assert (await stored(app_db, Tax, tax["id"])).rate == Decimal("19")


# -- ticket fees ---------------------------------------------------------------------------------
def fee_body(**attributes):
    return body(
        "ticket-fee",
        {
            "currency": "EUR",
            "country": "DE",
            "service-fee": "2.5",
            "maximum-fee": "5.00",
            **attributes,
        },
    )


async def test_admins_set_ticket_fees_per_currency_and_country(client, app_db):
    c = await cast(client, app_db)
    fee = await create(client, c.tokens["admin"], "/v1/ticket-fees", fee_body())

    again = await client.post("/v1/ticket-fees", json=fee_body(), headers=c.jwt("admin"))
    other = await client.post(
        "/v1/ticket-fees", json=fee_body(country="AT"), headers=c.jwt("admin")
    )
    read = await client.get("/v1/ticket-fees", headers=c.jwt("owner"))

    assert fee["attributes"] == {
        "currency": "EUR",
        "country": "DE",
        "service-fee": 2.5,
        "maximum-fee": 5.0,
    }
    assert again.status_code == 409
    assert again.json()["errors"][0]["source"]["pointer"] == "/data/attributes/currency"
    assert other.status_code == 201
    assert len(read.json()["data"]) == 2


async def test_the_global_fee_goes_without_a_currency_and_only_once(client, app_db):
    """The admin's ticket fees page saves the platform-wide fee as country `global` with no
    currency; a fee of any other country needs one."""
    c = await cast(client, app_db)
    global_fee = fee_body(currency=None, country="global", **{"maximum-fee": "12"})

    made = await client.post("/v1/ticket-fees", json=global_fee, headers=c.jwt("admin"))
    again = await client.post("/v1/ticket-fees", json=global_fee, headers=c.jwt("admin"))
    no_currency = await client.post(
        "/v1/ticket-fees", json=fee_body(currency=None), headers=c.jwt("admin")
    )

    assert made.status_code == 201, made.text
    assert made.json()["data"]["attributes"] == {
        "currency": None,
        "country": "global",
        "service-fee": 2.5,
        "maximum-fee": 12.0,
    }
    assert again.status_code == 409
    assert no_currency.status_code == 422
    assert no_currency.json()["errors"][0]["source"]["pointer"] == "/data/attributes/currency"
    assert await count(app_db, TicketFee) == 1


@pytest.mark.parametrize(
    ("attributes", "field"),
    [
        ({"service-fee": "101"}, "service-fee"),
        ({"maximum-fee": "-1"}, "maximum-fee"),
        ({"currency": "euro"}, "currency"),
        ({"currency": "JPY", "maximum-fee": "1.5"}, "maximum-fee"),
    ],
)
async def test_invalid_ticket_fees_are_refused(client, app_db, attributes, field):
    c = await cast(client, app_db)
    response = await client.post(
        "/v1/ticket-fees", json=fee_body(**attributes), headers=c.jwt("admin")
    )
    assert response.status_code == 422, response.text
    assert response.json()["errors"][0]["source"]["pointer"] == f"/data/attributes/{field}"
    assert await count(app_db, TicketFee) == 0


@pytest.mark.parametrize("who", ["owner", "user"])
async def test_only_admins_write_ticket_fees(client, app_db, who):
    c = await cast(client, app_db)
    fee = await create(client, c.tokens["admin"], "/v1/ticket-fees", fee_body())

    made = await client.post("/v1/ticket-fees", json=fee_body(country="AT"), headers=c.jwt(who))
    changed = await client.patch(
        f"/v1/ticket-fees/{fee['id']}",
        json=patch("ticket-fee", fee["id"], service_fee="50"),
        headers=c.jwt(who),
    )
    deleted = await client.delete(f"/v1/ticket-fees/{fee['id']}", headers=c.jwt(who))

    assert (made.status_code, changed.status_code, deleted.status_code) == (403, 403, 403)
    assert (await stored(app_db, TicketFee, fee["id"])).service_fee == Decimal("2.5")


async def test_anonymous_callers_see_no_ticket_fees(client, app_db):
    admin = await make_user(app_db, "root@example.com", is_admin=True)
    token = await login(client, admin.email)
    await create(client, token, "/v1/ticket-fees", fee_body())

    listed = await client.get("/v1/ticket-fees")
    made = await client.post(
        "/v1/ticket-fees", json=fee_body(country="AT"), headers={"Content-Type": JSONAPI}
    )

    assert listed.json()["data"] == []
    assert made.status_code in (401, 403)
