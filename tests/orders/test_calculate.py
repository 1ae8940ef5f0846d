"""`POST /v1/orders/calculate-amount`: the Open Event server's answer, computed in decimals."""

from __future__ import annotations

from tests.orders.helpers import ON_SALE, buy, cart, order, shop
from tests.tickets.helpers import body, create, create_ticket, link, links


async def _catalogue(client, s, **tax):
    owner, event_id = s.c.tokens["owner"], s.c.event["id"]
    await client.patch(
        f"/v1/events/{event_id}",
        json={"data": {"type": "event", "id": event_id, "attributes": {"is-tax-enabled": True}}},
        headers=s.jwt("owner"),
    )
    await create(
        client,
        owner,
        "/v1/taxes",
        body("tax", {"name": "GST", "rate": "18", **tax}, event=link("event", event_id)),
    )
    plain = await create_ticket(client, owner, event_id, "Plain", price="123.50", **ON_SALE)
    cut = await create_ticket(client, owner, event_id, "Cut", price="456.30", **ON_SALE)
    gift = await create_ticket(
        client, owner, event_id, "Gift", type="donation", price="0", max_price="1000", **ON_SALE
    )
    code = await create(
        client,
        owner,
        "/v1/discount-codes",
        body(
            "discount-code",
            {"code": "TEN", "type": "percent", "value": "10", "tickets-number": 8},
            event=link("event", event_id),
            tickets=links("ticket", cut["id"], gift["id"]),
        ),
    )
    return plain, cut, gift, code


def _blueprint_cart(plain, cut, gift, free, code):
    return {
        "tickets": [
            {"id": plain["id"], "quantity": 2},
            {"id": cut["id"], "quantity": 4},
            {"id": gift["id"], "quantity": 3, "price": 789.7},
            {"id": free["id"], "quantity": 3},
        ],
        "discount_code": code["id"],
    }


async def test_the_blueprint_example_adds_up(client, app_db):
    s = await shop(client, app_db)
    plain, cut, gift, code = await _catalogue(client, s)

    answer = await client.post(
        "/v1/orders/calculate-amount", json=_blueprint_cart(plain, cut, gift, s.free, code)
    )

    assert answer.status_code == 200, answer.text
    result = answer.json()
    assert (result["sub_total"], result["discount"], result["total"]) == (4021.87, 419.43, 4745.81)
    assert result["tax"] == {"included": False, "amount": 723.94, "percent": 18, "name": "GST"}
    lines = {line["name"]: line for line in result["tickets"]}
    assert lines["Cut"]["discount"]["amount"] == 45.63
    assert lines["Cut"]["discount"]["total"] == 182.52
    assert lines["Cut"]["sub_total"] == 1642.68
    assert lines["Gift"]["sub_total"] == 2132.19
    assert lines["Plain"]["discount"] is None


async def test_an_included_tax_is_taken_out_of_the_prices(client, app_db):
    s = await shop(client, app_db)
    plain, _, _, _ = await _catalogue(client, s, **{"is-tax-included-in-price": True})

    result = (await client.post("/v1/orders/calculate-amount", json=cart((plain, 2)))).json()

    assert result["total"] == result["sub_total"] == 247
    assert result["tax"]["amount"] == 37.68


async def test_a_discount_code_is_never_used_past_its_cap(client, app_db):
    s = await shop(client, app_db)
    _, cut, _, code = await _catalogue(client, s)

    first = await buy(client, s.c.tokens["user"], {**cart((cut, 5)), "discount-code": code["id"]})
    over = await order(client, s.c.tokens["organizer"], {**cart((cut, 4)), "discount-code": "ten"})
    last = await order(client, s.c.tokens["organizer"], {**cart((cut, 3)), "discount-code": "ten"})

    assert first["attributes"]["amount"] == 2422.95  # 5 x 410.67 + 18 % tax
    assert first["attributes"]["discount-code-id"] == code["id"]
    assert over.status_code == 409, over.text
    assert last.status_code == 200, last.text


async def test_a_hidden_ticket_is_sold_with_its_access_code_only(client, app_db):
    s = await shop(client, app_db)
    code = await create(
        client,
        s.c.tokens["owner"],
        "/v1/access-codes",
        body(
            "access-code",
            {"code": "CREW", "tickets-number": 1},
            event=link("event", s.c.event["id"]),
            tickets=links("ticket", s.hidden["id"]),
        ),
    )

    without = await order(client, s.c.tokens["user"], cart((s.hidden, 1)))
    with_code = await order(
        client, s.c.tokens["user"], cart((s.hidden, 1), **{"access-code": "crew"})
    )
    used_up = await order(
        client, s.c.tokens["user"], cart((s.hidden, 1), **{"access-code": code["id"]})
    )

    assert without.status_code == 404
    assert with_code.status_code == 200, with_code.text
    assert used_up.status_code == 409
