"""The custom order routes: verify, mails sent again, the attendee search and on-site sales,
each with who may NOT call it."""

from __future__ import annotations

from hallway.orders.models import Order
from hallway.tickets.models import Ticket
from tests.appfixtures import Mailbox, jwt, settle
from tests.orders.helpers import buy, cart, fill, set_status, shop
from tests.tickets.helpers import count, stored


async def _completed(client, s, who="user", quantity=1):
    made = await buy(client, s.c.tokens[who], cart((s.free, quantity)))
    identifier = made["attributes"]["identifier"]
    await fill(client, s.c.tokens[who], identifier)
    await set_status(client, s.c.tokens[who], identifier, "completed")
    return made, identifier


async def test_verify_answers_the_buyer_and_the_staff_only(client, app_db):
    s = await shop(client, app_db)
    _, identifier = await _completed(client, s)
    path = f"/v1/orders/{identifier}/verify"

    assert (await client.post(path, headers=s.jwt("user"))).json() == {
        "status": "completed",
        "paid": True,
    }
    assert (await client.post(path, headers=s.jwt("registrar"))).status_code == 200
    assert (await client.post(path, headers=s.jwt("stranger"))).status_code == 404
    assert (await client.post(path)).status_code == 401


async def test_an_organizer_resends_the_confirmation(client, app_db, mailbox):
    s = await shop(client, app_db)
    _, identifier = await _completed(client, s)
    await settle()
    before = len(mailbox.to("user@example.com"))
    body = {"data": {"order": identifier, "user": "owner@example.com"}}

    sent = await client.post("/v1/orders/resend-email", json=body, headers=s.jwt("coorganizer"))
    by_registrar = await client.post(
        "/v1/orders/resend-email", json=body, headers=s.jwt("registrar")
    )
    by_buyer = await client.post("/v1/orders/resend-email", json=body, headers=s.jwt("user"))
    await settle()

    assert sent.status_code == 200, sent.text
    assert by_registrar.status_code == 404
    assert by_buyer.status_code == 404
    assert len(mailbox.to("user@example.com")) == before + 1


async def test_receipts_go_to_every_attendee_of_a_completed_order(client, app_db, mailbox):
    s = await shop(client, app_db)
    _, identifier = await _completed(client, s)
    pending = await buy(client, s.c.tokens["user"], cart((s.free, 1)))
    body = {"order-identifier": identifier}

    sent = await client.post("/v1/attendees/send-receipt", json=body, headers=s.jwt("registrar"))
    early = await client.post(
        "/v1/attendees/send-receipt",
        json={"order-identifier": pending["attributes"]["identifier"]},
        headers=s.jwt("user"),
    )
    stranger = await client.post("/v1/attendees/send-receipt", json=body, headers=s.jwt("stranger"))
    await settle()

    assert sent.status_code == 200, sent.text
    assert sent.json() == {"message": "receipt sent to attendees"}
    assert early.status_code == 422
    assert stranger.status_code == 404
    assert any("Show this code" in Mailbox.text(m) for m in mailbox.to("ada@example.com"))


async def test_the_staff_search_attendees_by_name_and_email(client, app_db):
    s = await shop(client, app_db)
    await _completed(client, s, quantity=2)
    path = f"/v1/events/{s.c.event['id']}/attendees/search"

    found = await client.get(f"{path}?name=ada lov", headers=s.jwt("registrar"))
    by_mail = await client.get(f"{path}?email=ADA@", headers=s.jwt("owner"))
    none = await client.get(f"{path}?name=grace", headers=s.jwt("owner"))
    refused = await client.get(f"{path}?name=ada", headers=s.jwt("user"))

    assert found.status_code == 200, found.text
    assert len(found.json()["attendees"]) == 2
    assert found.json()["attendees"][0]["ticket-id"] == s.free["id"]
    assert len(by_mail.json()["attendees"]) == 2
    assert none.json() == {"attendees": []}
    assert refused.status_code == 403


async def test_organizers_sell_on_site(client, app_db):
    s = await shop(client, app_db)
    document = {
        "data": {
            "type": "order",
            "attributes": {
                "payment-mode": "onsite",
                "status": "completed",
                "amount": None,
                "on-site-tickets": [
                    {
                        "data": {
                            "type": "on-site-ticket",
                            "attributes": {"id": s.paid["id"], "quantity": "2"},
                        }
                    },
                    {"id": s.free["id"], "quantity": 1},
                ],
            },
            "relationships": {"event": {"data": {"type": "event", "id": s.c.event["id"]}}},
        }
    }
    headers = {**jwt(s.c.tokens["organizer"]), "Content-Type": "application/vnd.api+json"}

    sold = await client.post("/v1/orders?onsite=true", json=document, headers=headers)
    by_user = await client.post(
        "/v1/orders?onsite=true",
        json=document,
        headers={**jwt(s.c.tokens["user"]), "Content-Type": "application/vnd.api+json"},
    )
    plain = await client.post("/v1/orders", json=document, headers=headers)

    assert sold.status_code == 201, sold.text
    attributes = sold.json()["data"]["attributes"]
    assert attributes["status"] == "completed" and attributes["amount"] == 50
    assert by_user.status_code == 403
    assert plain.status_code == 403
    assert await count(app_db, Order) == 1
    assert (await stored(app_db, Ticket, s.paid["id"])).reserved == 2


async def test_an_on_site_sale_refused_to_a_buyer_leaves_no_order_and_no_stock_taken(
    client, app_db
):
    s = await shop(client, app_db)
    document = {
        "data": {
            "type": "order",
            "attributes": {"on-site-tickets": [{"id": s.free["id"], "quantity": 1}]},
            "relationships": {"event": {"data": {"type": "event", "id": s.c.event["id"]}}},
        }
    }
    headers = {**jwt(s.c.tokens["user"]), "Content-Type": "application/vnd.api+json"}

    refused = await client.post("/v1/orders?onsite=true", json=document, headers=headers)

    assert refused.status_code == 403, refused.text
    assert await count(app_db, Order) == 0
    assert (await stored(app_db, Ticket, s.free["id"])).reserved == 0
