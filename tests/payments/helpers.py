"""An event that takes Stripe, linked to its organizer's account, and orders waiting for
their card payment."""

from __future__ import annotations

from typing import Any

from httpx import AsyncClient, Response

from hallway.db import Database
from tests.appfixtures import jwt
from tests.orders.helpers import Shop, buy, cart, fill, set_status, shop
from tests.tickets.helpers import patch


def link_body(event_id: Any, code: str = "ac_good") -> dict[str, Any]:
    return {
        "data": {
            "type": "stripe-authorization",
            "attributes": {"stripe-auth-code": code},
            "relationships": {"event": {"data": {"type": "event", "id": str(event_id)}}},
        }
    }


async def link(client: AsyncClient, token: str, event_id: Any, code: str = "ac_good") -> Response:
    return await client.post(
        "/v1/stripe-authorizations", json=link_body(event_id, code), headers=jwt(token)
    )


async def stripe_shop(client: AsyncClient, db: Database, *, linked: bool = True) -> Shop:
    s = await shop(client, db)
    event_id = s.c.event["id"]
    response = await client.patch(
        f"/v1/events/{event_id}",
        json=patch("event", event_id, **{"can-pay-by-stripe": True}),
        headers=s.jwt("owner"),
    )
    assert response.status_code == 200, response.text
    if linked:
        made = await link(client, s.c.tokens["owner"], event_id)
        assert made.status_code == 201, made.text
    return s


async def pending_order(client: AsyncClient, s: Shop, who: str = "user") -> str:
    """`who` orders one paid ticket (25.00 EUR), names its attendee and chooses Stripe."""
    made = await buy(client, s.c.tokens[who], cart((s.paid, 1)))
    identifier: str = made["attributes"]["identifier"]
    await fill(client, s.c.tokens[who], identifier)
    moved = await set_status(
        client, s.c.tokens[who], identifier, "pending", **{"payment-mode": "stripe"}
    )
    assert moved.status_code == 200, moved.text
    return identifier


async def charge(client: AsyncClient, token: str, identifier: str, **headers: str) -> Response:
    body = {"data": {"type": "charge", "attributes": {"stripe": None}}}
    return await client.post(
        f"/v1/orders/{identifier}/charge", json=body, headers={**jwt(token), **headers}
    )
