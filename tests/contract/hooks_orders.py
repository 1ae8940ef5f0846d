"""Setup hooks for orders, attendees and order statistics: an owner's event with a free ticket,
bought by a buyer (or, where the Blueprint reads through an order, by the owner, whom the
event's rules let buy outside the sales window)."""

from __future__ import annotations

from typing import Any

from tests.contract.hooks_tickets import _selling_event, _ticket
from tests.contract.scene import HOOKS, Account, Hook, Plan, Scene, hook

# A free ticket on sale now (the tickets hooks' window opens later, which binds buyers).
COMPLETED = {"status": "completed"}
JSONAPI = "application/vnd.api+json"
ON_SALE = {"type": "free", "price": "0", "sales-starts-at": "2020-01-01T00:00:00+00:00"}


async def _sold(
    scene: Scene, buyer: Account | None = None, *, complete: bool = False
) -> dict[str, Any]:
    owner = await scene.account()
    event = await _selling_event(scene, owner)
    ticket = await _ticket(scene, owner, event, **ON_SALE)
    who = buyer or owner
    response = await scene.client.post(
        "/v1/orders/create-order",
        json={"tickets": [{"id": ticket["id"], "quantity": 1}]},
        headers={"Authorization": f"JWT {who.token}"},
    )
    assert response.status_code == 200, f"setup: an order: {response.text[:300]}"
    order = response.json()["data"]
    if complete:
        done = await scene.client.patch(
            f"/v1/orders/{order['attributes']['identifier']}",
            json={"data": {"type": "order", "id": order["id"], "attributes": COMPLETED}},
            headers={"Authorization": f"JWT {who.token}", "Content-Type": JSONAPI},
        )
        assert done.status_code == 200, f"setup: the order completed: {done.text[:300]}"
    attendees = await scene.client.get(
        f"/v1/orders/{order['attributes']['identifier']}/attendees",
        headers={"Authorization": f"JWT {who.token}"},
    )
    return {
        "owner": owner,
        "buyer": who,
        "event": event,
        "ticket": ticket,
        "order": order,
        "attendee": attendees.json()["data"][0],
    }


def _params(sold: dict[str, Any]) -> dict[str, str]:
    identifier = sold["order"]["attributes"]["identifier"]
    return {
        "attendee_id": sold["attendee"]["id"],
        "order_identifier": identifier,
        "identifier": identifier,
        "event_id": sold["event"]["id"],
        "event_identifier": sold["event"]["attributes"]["identifier"],
        "ticket_id": sold["ticket"]["id"],
        "user_id": sold["buyer"].id,
    }


def _ids(sold: dict[str, Any]) -> dict[str, str]:
    return {
        "attendee": sold["attendee"]["id"],
        "order": sold["order"]["id"],
        "event": sold["event"]["id"],
        "ticket": sold["ticket"]["id"],
    }


@hook("Events::Event Details for an Attendee", requires=("attendee",))
@hook("Events::Event Details for a Order", requires=("order",))
@hook("Tickets::List Tickets for an Order", requires=("order",))
@hook("Orders::Get Order Detail", requires=("order",))
@hook("Orders::List All Orders", requires=("order",))
@hook("Orders::List all Orders under a User", requires=("order",))
@hook("Attendees::List All Attendees under an order", requires=("attendee",))
@hook("Attendees::Attendee Details", requires=("attendee",))
@hook("Attendees::Delete Attendee", requires=("attendee",))
async def an_owner_and_their_order(scene: Scene) -> Plan:
    sold = await _sold(scene)
    return Plan(token=sold["owner"].token, params=_params(sold), ids=_ids(sold))


@hook("Orders::List all Orders under an Event", requires=("order",))
@hook("Attendees::List All Attendees under an event", requires=("attendee",))
@hook("Attendees::List All Attendees under a ticket", requires=("attendee",))
@hook("Attendees::Search All Attendees under an event", requires=("attendee",))
@hook("Order Statistics::Show Order Statistics By Event", requires=("order",))
@hook("Order Statistics::Show Order Statistics By Ticket", requires=("order",))
async def the_owner_reads_what_a_buyer_bought(scene: Scene) -> Plan:
    sold = await _sold(scene, await scene.account())
    return Plan(token=sold["owner"].token, params=_params(sold), ids=_ids(sold))


@hook("Orders::Update Order", requires=("order",))
async def a_buyer_adds_notes_to_their_order(scene: Scene) -> Plan:
    sold = await _sold(scene, await scene.account())
    return Plan(
        token=sold["buyer"].token,
        params=_params(sold),
        ids=_ids(sold),
        fields={"payment-mode": "free"},
        note="the event takes no PayPal: the documented `paypal` mode is refused; `free` is sent",
    )


@hook("Attendees::Update Attendee", requires=("attendee",))
async def the_owner_checks_an_attendee_in(scene: Scene) -> Plan:
    sold = await _sold(scene, await scene.account(), complete=True)
    return Plan(
        token=sold["owner"].token,
        params=_params(sold),
        ids=_ids(sold),
        fields={"pdf-url": None, "is-checked-in": True},
        note="`pdf-url` is the server's to set, and `is-checked-in` a boolean, not 'true'",
    )


@hook("Attendees::Send email receipts to attendees", requires=("attendee",))
async def the_buyer_asks_for_the_receipts(scene: Scene) -> Plan:
    sold = await _sold(scene, await scene.account(), complete=True)
    return Plan(token=sold["buyer"].token, fields={"order-identifier": _params(sold)["identifier"]})


@hook("Orders::Create Order", requires=("order",))
@hook("Orders::Calculate Order Amount", requires=("order",))
async def a_buyer_orders_a_ticket(scene: Scene) -> Plan:
    owner, buyer = await scene.account(), await scene.account()
    event = await _selling_event(scene, owner)
    ticket = await _ticket(scene, owner, event, **ON_SALE)
    return Plan(
        token=buyer.token,
        sent={"tickets": [{"id": ticket["id"], "quantity": 1}]},
        note="the documented cart names four tickets and a code of another database",
    )


@hook("Orders::Create Order with on site Attendees", requires=("order",))
async def the_owner_sells_on_site(scene: Scene) -> Plan:
    owner = await scene.account()
    event = await _selling_event(scene, owner)
    ticket = await _ticket(scene, owner, event, type="free", price="0")
    lines = [
        {"data": {"attributes": {"id": ticket["id"], "quantity": "2"}, "type": "on-site-ticket"}}
    ]
    return Plan(
        token=owner.token,
        ids={"event": event["id"]},
        fields={"on-site-tickets": lines, "amount": None, "status": "completed"},
        note="an on-site sale is paid at the desk: `completed`, where the example says pending",
    )


HOOKS["Orders::Create Paypal payment for an Order"] = Hook(
    skip="PayPal is not offered: Stripe is the card gateway"
)
# A card charge reaches Stripe, which the replay has no stand-in for (tests/payments has).
HOOKS["Orders::Charge for an Order"] = Hook(
    skip="a charge creates a PaymentIntent at Stripe; tests/payments replays it on a stand-in"
)
