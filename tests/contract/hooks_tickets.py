"""Setup hooks for the Tickets, Ticket Tags, Tax, Ticket Fees, Discount Codes and Access
Codes groups, and the Events and Users actions that read through them. The event's owner
writes its catalogue and codes; admins write ticket fees and platform discount codes; the
public reads tickets, tags and the public part of a tax."""

from __future__ import annotations

from typing import Any

from hallway.codes.models import AccessCode, DiscountCode
from tests.contract.scene import HOOKS, Account, Hook, Plan, Scene, hook

SALES = {
    "sales-starts-at": "2099-05-01T00:00:00+00:00",
    "sales-ends-at": "2099-06-01T00:00:00+00:00",
}
NOT_PAID_TYPE = (
    "the documented ticket type 'VIP-ticket' is not one of the ticket types (free, paid, "
    "donation and their registration variants), so 'paid' is sent"
)
FINE_RATE = (
    "the documented rate has eight decimals; rates are kept to four and finer ones refused "
    "rather than rounded, so four are sent"
)


async def _selling_event(scene: Scene, owner: Account) -> dict[str, Any]:
    """A published event of `owner` that takes payments on site (paid tickets need a way
    to pay)."""
    event = await scene.event(owner)
    response = await scene.client.patch(
        f"/v1/events/{event['id']}",
        json={"data": {"type": "event", "id": event["id"], "attributes": {"can-pay-onsite": True}}},
        headers={"Authorization": f"JWT {owner.token}", "Content-Type": "application/vnd.api+json"},
    )
    assert response.status_code == 200, f"setup: the event takes payments: {response.text[:300]}"
    return event


async def _ticket(
    scene: Scene, owner: Account, event: dict[str, Any], **extra: Any
) -> dict[str, Any]:
    return await scene.create(
        owner.token,
        "/v1/tickets",
        "ticket",
        {"event": ("event", event["id"])},
        **{
            "name": f"Ticket {extra.pop('n', 1)}",
            "type": "paid",
            "price": "10.00",
            **SALES,
            **extra,
        },
    )


async def _catalogue(scene: Scene) -> dict[str, Any]:
    """An owner's published event with a ticket, a tag on it, a tax, a discount code and an
    access code for the ticket, the owner being the codes' marketer."""
    owner = await scene.account()
    event = await _selling_event(scene, owner)
    ticket = await _ticket(scene, owner, event)
    tag = await scene.create(
        owner.token, "/v1/ticket-tags", "ticket-tag", {"event": ("event", event["id"])}, name="VIP"
    )
    await scene.client.post(
        f"/v1/tickets/{ticket['id']}/relationships/ticket-tags",
        json={"data": [{"type": "ticket-tag", "id": tag["id"]}]},
        headers={"Authorization": f"JWT {owner.token}", "Content-Type": "application/vnd.api+json"},
    )
    tax = await scene.create(
        owner.token, "/v1/taxes", "tax", {"event": ("event", event["id"])}, name="GST", rate="18"
    )
    codes: dict[str, dict[str, Any]] = {}
    for type_, path, extra in (
        ("discount-code", "/v1/discount-codes", {"type": "percent", "value": "10"}),
        ("access-code", "/v1/access-codes", {}),
    ):
        data = {"type": type_, "attributes": {"code": "DC101" if extra else "AC101", **extra}}
        data["relationships"] = {
            "event": {"data": {"type": "event", "id": event["id"]}},
            "tickets": {"data": [{"type": "ticket", "id": ticket["id"]}]},
        }
        response = await scene.client.post(
            path,
            json={"data": data},
            headers={
                "Authorization": f"JWT {owner.token}",
                "Content-Type": "application/vnd.api+json",
            },
        )
        assert response.status_code == 201, f"setup: POST {path}: {response.text[:300]}"
        codes[type_] = response.json()["data"]
    async with scene.db.sessions() as session, session.begin():
        for model, type_ in ((DiscountCode, "discount-code"), (AccessCode, "access-code")):
            code = await session.get(model, int(codes[type_]["id"]))
            assert code is not None
            code.marketer_id = int(owner.id)
    return {
        "owner": owner,
        "event": event,
        "ticket": ticket,
        "tag": tag,
        "tax": tax,
        "discount": codes["discount-code"],
        "access": codes["access-code"],
    }


def _params(c: dict[str, Any]) -> dict[str, str]:
    return {
        "event_identifier": c["event"]["attributes"]["identifier"],
        "event_id": c["event"]["id"],
        "ticket_id": c["ticket"]["id"],
        "ticket_tag_id": c["tag"]["id"],
        "tax_id": c["tax"]["id"],
        "discount_code_id": c["discount"]["id"],
        "access_code_id": c["access"]["id"],
        "user_id": c["owner"].id,
    }


def _ids(c: dict[str, Any]) -> dict[str, str]:
    return {
        "event": c["event"]["id"],
        "ticket": c["ticket"]["id"],
        "ticket-tag": c["tag"]["id"],
        "tax": c["tax"]["id"],
        "discount-code": c["discount"]["id"],
        "access-code": c["access"]["id"],
        "user": c["owner"].id,
    }


# -- reads and writes by the event's owner -------------------------------------------------------
@hook("Tickets::Ticket Details", requires=("ticket",))
@hook("Tickets::Delete Ticket", requires=("ticket",))
@hook("Tickets::List Tickets under an Event", requires=("ticket",))
@hook("Tickets::List Tickets under a Ticket-tag", requires=("ticket", "ticket-tag"))
@hook("Tickets::List Tickets for an Access Code", requires=("ticket", "access-code"))
@hook("Tickets::List Tickets for a Discount Code", requires=("ticket", "discount-code"))
@hook("Ticket Tags::Ticket Tag Details", requires=("ticket-tag",))
@hook("Ticket Tags::Update Ticket Tag", requires=("ticket-tag",))
@hook("Ticket Tags::Delete Ticket Tag", requires=("ticket-tag",))
@hook("Ticket Tags::List Ticket Tags under an Event", requires=("ticket-tag",))
@hook("Ticket Tags::List Ticket Tags for a Ticket", requires=("ticket-tag",))
@hook("Tax::List all Taxes", requires=("tax",))
@hook("Tax::Tax Details", requires=("tax",))
@hook("Tax::Delete Tax", requires=("tax",))
@hook("Tax::Get Tax details under an Event", requires=("tax",))
@hook("Discount Codes::List All Ticket Discount Codes", requires=("discount-code",))
@hook("Discount Codes::Discount Code Detail", requires=("discount-code",))
@hook("Discount Codes::Delete Discount Code", requires=("discount-code",))
@hook("Discount Codes::Get Discount Code Detail", requires=("discount-code",))
@hook("Discount Codes::List All Discount Codes under a User", requires=("discount-code",))
@hook("Discount Codes::List All Discount Codes under a Ticket", requires=("discount-code",))
@hook("Access Codes::Access Code Detail", requires=("access-code",))
@hook("Access Codes::Update Access Code", requires=("access-code",))
@hook("Access Codes::Delete Access Code", requires=("access-code",))
@hook("Access Codes::List All Access Codes of an Event", requires=("access-code",))
@hook("Access Codes::List All Access Codes for a User", requires=("access-code",))
@hook("Access Codes::List All Access Codes for a Ticket", requires=("access-code",))
@hook("Events::Event Details for a Ticket", requires=("ticket",))
@hook("Events::Event Details for a Tax", requires=("tax",))
@hook("Events::Event Details for a Discount Code", requires=("discount-code",))
@hook("Events::Event Details for a Ticket Tag", requires=("ticket-tag",))
@hook("Users::Get User Details for an Access Code", requires=("access-code",))
@hook("Users::Get User Details for a Discount Code", requires=("discount-code",))
async def an_owner_and_their_catalogue(scene: Scene) -> Plan:
    c = await _catalogue(scene)
    return Plan(token=c["owner"].token, params={**_params(c), "code": "DC101"}, ids=_ids(c))


@hook(
    "Access Codes::Access Code Detail (Access Code Detail using the Code)",
    requires=("access-code",),
)
async def a_visitor_looks_up_an_access_code(scene: Scene) -> Plan:
    c = await _catalogue(scene)
    visitor = await scene.account()
    return Plan(token=visitor.token, params={**_params(c), "code": "AC101"})


@hook("Tickets::Update Ticket", requires=("ticket",))
async def the_owner_changes_a_ticket(scene: Scene) -> Plan:
    c = await _catalogue(scene)
    return Plan(
        token=c["owner"].token,
        params=_params(c),
        ids=_ids(c),
        fields={"type": "paid"},
        note=NOT_PAID_TYPE,
    )


@hook("Tax::Update Tax", requires=("tax",))
async def the_owner_changes_the_tax(scene: Scene) -> Plan:
    c = await _catalogue(scene)
    return Plan(
        token=c["owner"].token,
        params=_params(c),
        ids=_ids(c),
        fields={"rate": "2.3457"},
        note=FINE_RATE,
    )


@hook("Discount Codes::Update Discount Code", requires=("discount-code",))
async def the_owner_changes_a_discount_code(scene: Scene) -> Plan:
    c = await _catalogue(scene)
    # The documented window (June 18-24, 2099) lies inside the event; it ends June 3 here.
    return Plan(
        token=c["owner"].token,
        params=_params(c),
        ids=_ids(c),
        fields={
            "valid-till": "2099-06-03T00:00:00+00:00",
            "valid-from": "2099-05-18T18:30:00+00:00",
        },
    )


# -- creations -----------------------------------------------------------------------------------
@hook("Tickets::Create Ticket", requires=("ticket",))
async def the_owner_adds_a_ticket(scene: Scene) -> Plan:
    owner = await scene.account()
    event = await _selling_event(scene, owner)
    return Plan(
        token=owner.token, ids={"event": event["id"]}, fields={"type": "paid"}, note=NOT_PAID_TYPE
    )


@hook("Ticket Tags::Create Ticket Tag", requires=("ticket-tag",))
async def the_owner_tags_a_ticket(scene: Scene) -> Plan:
    owner = await scene.account()
    event = await _selling_event(scene, owner)
    ticket = await _ticket(scene, owner, event)
    return Plan(token=owner.token, ids={"event": event["id"], "ticket": ticket["id"]})


@hook("Tax::Create Tax", requires=("tax",))
async def the_owner_sets_the_tax(scene: Scene) -> Plan:
    owner = await scene.account()
    event = await _selling_event(scene, owner)
    return Plan(
        token=owner.token, ids={"event": event["id"]}, fields={"rate": "1.2346"}, note=FINE_RATE
    )


@hook("Discount Codes::Create Ticket Discount Code", requires=("discount-code",))
async def the_owner_adds_a_discount_code(scene: Scene) -> Plan:
    owner = await scene.account()
    event = await _selling_event(scene, owner)
    ticket = await _ticket(scene, owner, event)
    return Plan(
        token=owner.token,
        ids={"event": event["id"], "ticket": ticket["id"]},
        fields={
            "valid-till": "2099-06-03T00:00:00+00:00",
            "valid-from": "2099-05-18T18:30:00+00:00",
        },
        note="the documented window ends after the event; it is moved inside it",
    )


@hook("Access Codes::Create Access Code", requires=("access-code",))
async def the_owner_adds_an_access_code(scene: Scene) -> Plan:
    owner = await scene.account()
    event = await _selling_event(scene, owner)
    return Plan(token=owner.token, ids={"event": event["id"], "user": owner.id})


# -- the platform's: admins ----------------------------------------------------------------------
async def _fee(scene: Scene, admin: Account) -> dict[str, Any]:
    return await scene.create(
        admin.token,
        "/v1/ticket-fees",
        "ticket-fee",
        currency="USD",
        **{"service-fee": "3.14", "maximum-fee": "5.14"},
    )


@hook("Ticket Fees::Create Ticket Fee", requires=("ticket-fee",))
@hook("Discount Codes::Create Event Discount Code", requires=("discount-code",))
async def an_admin(scene: Scene) -> Plan:
    return Plan(token=(await scene.admin()).token)


@hook("Ticket Fees::List Ticket Fees", requires=("ticket-fee",))
@hook("Ticket Fees::Get Ticket Fees Details", requires=("ticket-fee",))
@hook("Ticket Fees::Update Ticket Fees", requires=("ticket-fee",))
@hook("Ticket Fees::Delete Ticket Fees", requires=("ticket-fee",))
async def an_admin_and_a_fee(scene: Scene) -> Plan:
    admin = await scene.admin()
    fee = await _fee(scene, admin)
    return Plan(token=admin.token, params={"id": fee["id"]}, ids={"ticket-fee": fee["id"]})


@hook("Discount Codes::List All Event Discount Codes", requires=("discount-code",))
async def an_admin_and_a_platform_code(scene: Scene) -> Plan:
    admin = await scene.admin()
    await scene.create(
        admin.token,
        "/v1/discount-codes",
        "discount-code",
        code="PLATFORM",
        type="percent",
        value="20",
        **{"used-for": "event"},
    )
    return Plan(token=admin.token)


# -- waiting for other domains -------------------------------------------------------------------
WAITING = {
    # A platform code's events and the code applied to an event: platform codes applied to
    # events (and their invoices).
    "Events::List All Events for a Discount Code": "platform-discount-code",
    "Discount Codes::Get Discount Code Detail of an Event": "platform-discount-code",
}
for _action, _type in WAITING.items():
    HOOKS[_action] = Hook(requires=(_type,))
