"""Setup hooks for the actions that read through orders and attendees: an owner's event with
a ticket, bought by its owner (the event's organizers may buy outside the sales window)."""

from __future__ import annotations

from typing import Any

from tests.contract.hooks_tickets import _selling_event, _ticket
from tests.contract.scene import Plan, Scene, hook


async def _sold(scene: Scene) -> dict[str, Any]:
    owner = await scene.account()
    event = await _selling_event(scene, owner)
    ticket = await _ticket(scene, owner, event, type="free", price="0")
    response = await scene.client.post(
        "/v1/orders/create-order",
        json={"tickets": [{"id": ticket["id"], "quantity": 1}]},
        headers={"Authorization": f"JWT {owner.token}"},
    )
    assert response.status_code == 200, f"setup: an order: {response.text[:300]}"
    order = response.json()["data"]
    attendees = await scene.client.get(
        f"/v1/orders/{order['attributes']['identifier']}/attendees",
        headers={"Authorization": f"JWT {owner.token}"},
    )
    return {"owner": owner, "order": order, "attendee": attendees.json()["data"][0]}


@hook("Events::Event Details for an Attendee", requires=("attendee",))
@hook("Events::Event Details for a Order", requires=("order",))
@hook("Tickets::List Tickets for an Order", requires=("order",))
async def an_owner_and_their_order(scene: Scene) -> Plan:
    sold = await _sold(scene)
    return Plan(
        token=sold["owner"].token,
        params={
            "attendee_id": sold["attendee"]["id"],
            "order_identifier": sold["order"]["attributes"]["identifier"],
        },
    )
