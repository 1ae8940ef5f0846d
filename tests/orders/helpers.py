"""An event on sale (tickets whose sales are open now) and buying through the API."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from httpx import AsyncClient, Response

from hallway.db import Database
from tests.appfixtures import jwt
from tests.tickets.helpers import Cast, cast, create_ticket, patch

ON_SALE = {
    "sales-starts-at": "2026-01-01T00:00:00+00:00",
    "sales-ends-at": "2031-06-01T00:00:00+00:00",
}
ATTENDEE = {"firstname": "Ada", "lastname": "Lovelace", "email": "ada@example.com"}


@dataclass
class Shop:
    c: Cast
    free: dict[str, Any]
    paid: dict[str, Any]
    donation: dict[str, Any]
    hidden: dict[str, Any]

    def jwt(self, who: str) -> dict[str, str]:
        return self.c.jwt(who)


async def shop(client: AsyncClient, db: Database, **event: Any) -> Shop:
    c = await cast(client, db, **event)
    owner, event_id = c.tokens["owner"], c.event["id"]

    async def ticket(name: str, **values: Any) -> dict[str, Any]:
        return await create_ticket(client, owner, event_id, name, **{**ON_SALE, **values})

    return Shop(
        c,
        free=await ticket("Free", type="free", price="0", quantity=10, max_order=5),
        paid=await ticket("Paid", price="25.00", quantity=10, max_order=5),
        donation=await ticket(
            "Donation", type="donation", price="0", min_price="5", max_price="100"
        ),
        hidden=await ticket("Crew", type="free", price="0", is_hidden=True),
    )


def cart(*lines: tuple[dict[str, Any], int], **extra: Any) -> dict[str, Any]:
    return {
        "tickets": [{"id": ticket["id"], "quantity": quantity} for ticket, quantity in lines],
        **extra,
    }


async def order(client: AsyncClient, token: str, body: dict[str, Any], **headers: str) -> Response:
    return await client.post(
        "/v1/orders/create-order", json=body, headers={**jwt(token), **headers}
    )


async def buy(client: AsyncClient, token: str, body: dict[str, Any]) -> dict[str, Any]:
    response = await order(client, token, body)
    assert response.status_code == 200, response.text
    return response.json()["data"]  # type: ignore[no-any-return]


async def attendees_of(client: AsyncClient, token: str, identifier: str) -> list[dict[str, Any]]:
    response = await client.get(f"/v1/orders/{identifier}/attendees", headers=jwt(token))
    assert response.status_code == 200, response.text
    return response.json()["data"]  # type: ignore[no-any-return]


async def fill(client: AsyncClient, token: str, identifier: str) -> None:
    for attendee in await attendees_of(client, token, identifier):
        response = await client.patch(
            f"/v1/attendees/{attendee['id']}",
            json=patch("attendee", attendee["id"], **ATTENDEE),
            headers=jwt(token),
        )
        assert response.status_code == 200, response.text


async def set_status(
    client: AsyncClient, token: str, identifier: str, status: str, **attributes: Any
) -> Response:
    return await client.patch(
        f"/v1/orders/{identifier}",
        json=patch("order", identifier, status=status, **attributes),
        headers=jwt(token),
    )
