"""Discount and access codes: an event's co-organizers make them for its tickets (admins make
platform discount codes); the order form looks a code up under its event."""

from __future__ import annotations

import pytest

from hallway.codes.models import AccessCode, DiscountCode
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

WINDOW = {"valid-from": "2031-05-01T00:00:00+00:00", "valid-till": "2031-05-31T00:00:00+00:00"}


def discount_body(event_id, *ticket_ids, **attributes):
    values = {"code": "EARLY", "type": "percent", "value": "15", "tickets-number": 10, **WINDOW}
    values.update(attributes)
    return body(
        "discount-code",
        values,
        event=link("event", event_id),
        tickets=links("ticket", *ticket_ids),
    )


def access_body(event_id, *ticket_ids, **attributes):
    values = {"code": "VIP", "tickets-number": 5, "min-quantity": 1, "max-quantity": 3, **WINDOW}
    values.update(attributes)
    return body(
        "access-code", values, event=link("event", event_id), tickets=links("ticket", *ticket_ids)
    )


async def test_a_coorganizer_makes_a_discount_code_for_tickets(client, app_db):
    c = await cast(client, app_db)
    ticket = await create_ticket(client, c.tokens["owner"], c.event["id"])

    code = await create(
        client,
        c.tokens["coorganizer"],
        "/v1/discount-codes",
        discount_body(c.event["id"], ticket["id"]),
    )
    of_ticket = await client.get(
        f"/v1/tickets/{ticket['id']}/discount-codes", headers=c.jwt("owner")
    )
    tickets = await client.get(f"/v1/discount-codes/{code['id']}/tickets", headers=c.jwt("owner"))
    hidden_code = await client.get(f"/v1/discount-codes/{code['id']}/tickets")
    of_event = await client.get(
        f"/v1/events/{c.event['id']}/discount-codes", headers=c.jwt("owner")
    )

    attributes = code["attributes"]
    assert (attributes["code"], attributes["type"], attributes["value"]) == ("EARLY", "percent", 15)
    assert attributes["used-for"] == "ticket" and attributes["is-active"] is True
    assert [d["id"] for d in of_ticket.json()["data"]] == [code["id"]]
    assert [t["id"] for t in tickets.json()["data"]] == [ticket["id"]]
    assert hidden_code.status_code == 404
    assert [d["id"] for d in of_event.json()["data"]] == [code["id"]]


async def test_a_discount_code_is_valid_until_the_event_ends_by_default(client, app_db):
    c = await cast(client, app_db)
    document = discount_body(c.event["id"])
    del document["data"]["attributes"]["valid-till"]

    code = await create(client, c.tokens["owner"], "/v1/discount-codes", document)

    assert code["attributes"]["valid-till"] == c.event["attributes"]["ends-at"]


INVALID_DISCOUNTS = [
    ({"value": "101"}, "value"),
    ({"value": "0"}, "value"),
    ({"type": "amount", "value": "2.999"}, "value"),
    ({"type": "gift"}, "type"),
    ({"valid-till": "2031-04-01T00:00:00+00:00"}, "valid-till"),
    ({"min-quantity": 5, "max-quantity": 2}, "max-quantity"),
    ({"tickets-number": -1}, "tickets-number"),
    ({"code": ""}, "code"),
    ({"code": "a b"}, "code"),
]


@pytest.mark.parametrize(("attributes", "field"), INVALID_DISCOUNTS)
async def test_invalid_discount_codes_are_refused(client, app_db, attributes, field):
    c = await cast(client, app_db)
    response = await client.post(
        "/v1/discount-codes",
        json=discount_body(c.event["id"], **attributes),
        headers=c.jwt("owner"),
    )
    assert response.status_code == 422, response.text
    assert response.json()["errors"][0]["source"]["pointer"] == f"/data/attributes/{field}"
    assert await count(app_db, DiscountCode) == 0


async def test_a_code_applies_only_to_tickets_of_its_event(client, app_db):
    c = await cast(client, app_db)
    foreign = await create_ticket(client, c.tokens["stranger"], c.other["id"])

    discount = await client.post(
        "/v1/discount-codes",
        json=discount_body(c.event["id"], foreign["id"]),
        headers=c.jwt("owner"),
    )
    access = await client.post(
        "/v1/access-codes", json=access_body(c.event["id"], foreign["id"]), headers=c.jwt("owner")
    )

    for response in (discount, access):
        assert response.status_code == 422
        assert response.json()["errors"][0]["source"]["pointer"] == "/data/relationships/tickets"
    assert await count(app_db, DiscountCode) + await count(app_db, AccessCode) == 0


async def test_a_code_is_taken_once_per_event_whatever_its_case(client, app_db):
    c = await cast(client, app_db)
    await create(client, c.tokens["owner"], "/v1/discount-codes", discount_body(c.event["id"]))
    await create(client, c.tokens["owner"], "/v1/access-codes", access_body(c.event["id"]))

    discount = await client.post(
        "/v1/discount-codes",
        json=discount_body(c.event["id"], code="early"),
        headers=c.jwt("owner"),
    )
    access = await client.post(
        "/v1/access-codes", json=access_body(c.event["id"], code="vip"), headers=c.jwt("owner")
    )
    elsewhere = await client.post(
        "/v1/discount-codes", json=discount_body(c.other["id"]), headers=c.jwt("stranger")
    )

    for response in (discount, access):
        assert response.status_code == 409
        assert response.json()["errors"][0]["source"]["pointer"] == "/data/attributes/code"
    assert elsewhere.status_code == 201


@pytest.mark.parametrize("who", ["user", "registrar", "moderator", "stranger"])
async def test_others_may_not_see_or_write_codes(client, app_db, who):
    c = await cast(client, app_db)
    discount = await create(
        client, c.tokens["owner"], "/v1/discount-codes", discount_body(c.event["id"])
    )
    access = await create(client, c.tokens["owner"], "/v1/access-codes", access_body(c.event["id"]))

    for path, code, document in (
        ("discount-codes", discount, discount_body(c.event["id"], code="OTHER")),
        ("access-codes", access, access_body(c.event["id"], code="OTHER")),
    ):
        made = await client.post(f"/v1/{path}", json=document, headers=c.jwt(who))
        listed = await client.get(f"/v1/events/{c.event['id']}/{path}", headers=c.jwt(who))
        one = await client.get(f"/v1/{path}/{code['id']}", headers=c.jwt(who))
        changed = await client.patch(
            f"/v1/{path}/{code['id']}",
            json=patch(code["type"], code["id"], is_active=False),
            headers=c.jwt(who),
        )
        deleted = await client.delete(f"/v1/{path}/{code['id']}", headers=c.jwt(who))
        assert made.status_code == 403, path
        assert listed.json()["data"] == [], path
        assert (one.status_code, changed.status_code, deleted.status_code) == (404, 404, 404)
    assert (await stored(app_db, DiscountCode, discount["id"])).is_active
    assert (await stored(app_db, AccessCode, access["id"])).deleted_at is None
    assert await count(app_db, DiscountCode) == 1


async def test_anonymous_callers_list_no_codes(client, app_db):
    c = await cast(client, app_db)
    await create(client, c.tokens["owner"], "/v1/discount-codes", discount_body(c.event["id"]))

    assert (await client.get("/v1/discount-codes")).json()["data"] == []
    assert (await client.get(f"/v1/events/{c.event['id']}/discount-codes")).json()["data"] == []


async def test_anyone_who_sees_the_event_looks_a_code_up(client, app_db):
    c = await cast(client, app_db)
    ticket = await create_ticket(client, c.tokens["owner"], c.event["id"])
    discount = await create(
        client, c.tokens["owner"], "/v1/discount-codes", discount_body(c.event["id"], ticket["id"])
    )
    access = await create(client, c.tokens["owner"], "/v1/access-codes", access_body(c.event["id"]))
    identifier = c.event["attributes"]["identifier"]

    found = await client.get(
        f"/v1/events/{identifier}/discount-codes/early"
        f"?eventIdentifier={identifier}&code=early&include=event,tickets"
    )
    opened = await client.get(f"/v1/events/{c.event['id']}/access-codes/VIP", headers=c.jwt("user"))
    wrong = await client.get(f"/v1/events/{identifier}/discount-codes/LATE")
    other_event = await client.get(f"/v1/events/{c.other['id']}/discount-codes/EARLY")

    assert found.status_code == 200, found.text
    assert found.json()["data"]["id"] == discount["id"]
    assert {i["type"] for i in found.json()["included"]} == {"event", "ticket"}
    assert opened.json()["data"]["id"] == access["id"]
    assert (wrong.status_code, other_event.status_code) == (404, 404)


async def test_an_inactive_or_deleted_code_is_not_found_by_code(client, app_db):
    c = await cast(client, app_db)
    discount = await create(
        client, c.tokens["owner"], "/v1/discount-codes", discount_body(c.event["id"])
    )
    access = await create(client, c.tokens["owner"], "/v1/access-codes", access_body(c.event["id"]))
    await client.patch(
        f"/v1/discount-codes/{discount['id']}",
        json=patch("discount-code", discount["id"], is_active=False),
        headers=c.jwt("owner"),
    )
    await client.delete(f"/v1/access-codes/{access['id']}", headers=c.jwt("owner"))

    inactive = await client.get(f"/v1/events/{c.event['id']}/discount-codes/EARLY")
    deleted = await client.get(f"/v1/events/{c.event['id']}/access-codes/VIP")

    assert (inactive.status_code, deleted.status_code) == (404, 404)


async def test_codes_of_a_draft_are_not_found_by_the_public(client, app_db):
    c = await cast(client, app_db, published=False)
    await create(client, c.tokens["owner"], "/v1/discount-codes", discount_body(c.event["id"]))

    public = await client.get(f"/v1/events/{c.event['id']}/discount-codes/EARLY")
    own = await client.get(
        f"/v1/events/{c.event['id']}/discount-codes/EARLY", headers=c.jwt("owner")
    )

    assert (public.status_code, own.status_code) == (404, 200)


async def test_platform_discount_codes_are_for_admins(client, app_db):
    c = await cast(client, app_db)
    document = body(
        "discount-code", {"code": "PLATFORM", "type": "percent", "value": "50", "used-for": "event"}
    )

    refused = await client.post("/v1/discount-codes", json=document, headers=c.jwt("owner"))
    made = await client.post("/v1/discount-codes", json=document, headers=c.jwt("admin"))
    seen = await client.get(
        f"/v1/discount-codes/{made.json()['data']['id']}", headers=c.jwt("owner")
    )

    assert refused.status_code == 403
    assert made.status_code == 201, made.text
    assert seen.status_code == 404


async def test_a_ticket_discount_code_needs_its_event(client, app_db):
    c = await cast(client, app_db)
    document = body("discount-code", {"code": "X", "type": "amount", "value": "5"})
    response = await client.post("/v1/discount-codes", json=document, headers=c.jwt("admin"))
    assert response.status_code == 404
    assert response.json()["errors"][0]["source"]["pointer"] == "/data/relationships/event"


async def test_a_marketer_reads_the_codes_that_name_them(client, app_db):
    c = await cast(client, app_db)
    code = await create(
        client, c.tokens["owner"], "/v1/discount-codes", discount_body(c.event["id"])
    )
    async with app_db.sessions() as session, session.begin():
        (await session.get(DiscountCode, int(code["id"]))).marketer_id = c.ids["user"]

    mine = await client.get(f"/v1/users/{c.ids['user']}/discount-codes", headers=c.jwt("user"))

    assert [d["id"] for d in mine.json()["data"]] == [code["id"]]


INVALID_ACCESS = [
    ({"valid-till": "2031-04-01T00:00:00+00:00"}, "valid-till"),
    ({"min-quantity": 5, "max-quantity": 2}, "max-quantity"),
    ({"access-url": "javascript:alert(1)"}, "access-url"),
]


@pytest.mark.parametrize(("attributes", "field"), INVALID_ACCESS)
async def test_invalid_access_codes_are_refused(client, app_db, attributes, field):
    c = await cast(client, app_db)
    response = await client.post(
        "/v1/access-codes", json=access_body(c.event["id"], **attributes), headers=c.jwt("owner")
    )
    assert response.status_code == 422, response.text
    assert response.json()["errors"][0]["source"]["pointer"] == f"/data/attributes/{field}"
    assert await count(app_db, AccessCode) == 0


async def test_an_access_code_unlocks_hidden_tickets_it_names(client, app_db):
    c = await cast(client, app_db)
    hidden = await create_ticket(client, c.tokens["owner"], c.event["id"], "Crew", is_hidden=True)
    code = await create(
        client,
        c.tokens["coorganizer"],
        "/v1/access-codes",
        access_body(c.event["id"], hidden["id"]),
    )

    managed = await client.get(f"/v1/access-codes/{code['id']}/tickets", headers=c.jwt("owner"))
    of_ticket = await client.get(f"/v1/tickets/{hidden['id']}/access-codes", headers=c.jwt("owner"))

    assert [t["id"] for t in managed.json()["data"]] == [hidden["id"]]
    assert [a["id"] for a in of_ticket.json()["data"]] == [code["id"]]
