"""Answers to the attendee form: checked as the buyer fills them in, and every required one
there before the order is placed or completed; the ticket's form (`form-id`) decides which
fields are asked."""

from __future__ import annotations

from hallway.orders.models import Attendee, Order
from tests.forms.answers import add_field, pointer
from tests.orders.helpers import attendees_of, buy, cart, fill, set_status, shop
from tests.tickets.helpers import patch, stored

ANSWERS = "/data/attributes/complex-field-values"


async def test_an_answer_is_checked_as_it_is_given(client, app_db):
    s = await shop(client, app_db)
    await add_field(
        client,
        s.jwt("owner"),
        s.c.event["id"],
        "attendee",
        "diet",
        "select",
        options=("Vegan", "Any"),
    )
    made = await buy(client, s.c.tokens["user"], cart((s.free, 1)))
    [attendee] = await attendees_of(client, s.c.tokens["user"], made["attributes"]["identifier"])
    path = f"/v1/attendees/{attendee['id']}"

    wrong = await client.patch(
        path,
        json=patch("attendee", attendee["id"], complex_field_values={"diet": "Meat"}),
        headers=s.jwt("user"),
    )
    right = await client.patch(
        path,
        json=patch("attendee", attendee["id"], complex_field_values={"diet": "Vegan"}),
        headers=s.jwt("user"),
    )

    assert pointer(wrong) == f"{ANSWERS}/diet"
    assert right.status_code == 200, right.text
    assert (await stored(app_db, Attendee, attendee["id"])).complex_field_values == {
        "diet": "Vegan"
    }


async def test_an_order_is_completed_only_with_every_required_answer(client, app_db):
    s = await shop(client, app_db)
    await add_field(
        client, s.jwt("owner"), s.c.event["id"], "attendee", "company", is_required=True
    )
    made = await buy(client, s.c.tokens["user"], cart((s.free, 1)))
    identifier = made["attributes"]["identifier"]
    await fill(client, s.c.tokens["user"], identifier)
    [attendee] = await attendees_of(client, s.c.tokens["user"], identifier)

    refused = await set_status(client, s.c.tokens["user"], identifier, "completed")
    status = (await stored(app_db, Order, made["id"])).status
    await client.patch(
        f"/v1/attendees/{attendee['id']}",
        json=patch("attendee", attendee["id"], complex_field_values={"company": "ACME"}),
        headers=s.jwt("user"),
    )
    completed = await set_status(client, s.c.tokens["user"], identifier, "completed")

    assert pointer(refused) == f"{ANSWERS}/company"
    assert status == "initializing"
    assert completed.status_code == 200, completed.text


async def test_a_named_attendee_needs_the_required_names(client, app_db):
    s = await shop(client, app_db)
    made = await buy(client, s.c.tokens["user"], cart((s.free, 1)))
    identifier = made["attributes"]["identifier"]
    [attendee] = await attendees_of(client, s.c.tokens["user"], identifier)
    await client.patch(
        f"/v1/attendees/{attendee['id']}",
        json=patch("attendee", attendee["id"], email="grace@example.com", firstname="Grace"),
        headers=s.jwt("user"),
    )

    refused = await set_status(client, s.c.tokens["user"], identifier, "completed")

    assert pointer(refused) == "/data/attributes/lastname"
    assert (await stored(app_db, Order, made["id"])).status == "initializing"


async def test_the_tickets_form_decides_which_fields_are_asked(client, app_db):
    s = await shop(client, app_db)
    owner, buyer = s.jwt("owner"), s.c.tokens["user"]
    await add_field(
        client, owner, s.c.event["id"], "attendee", "badge", is_required=True, form_id="crew"
    )
    plain = await buy(client, buyer, cart((s.free, 1)))
    await fill(client, buyer, plain["attributes"]["identifier"])
    # A ticket without a form of its own: the crew form's field is not asked.
    completed = await set_status(client, buyer, plain["attributes"]["identifier"], "completed")
    crew_form = await client.patch(
        f"/v1/tickets/{s.free['id']}",
        json=patch("ticket", s.free["id"], form_id="crew"),
        headers=owner,
    )
    crew = await buy(client, buyer, cart((s.free, 1)))

    refused = await set_status(client, buyer, crew["attributes"]["identifier"], "completed")

    assert completed.status_code == 200, completed.text
    assert crew_form.status_code == 200, crew_form.text
    assert pointer(refused) == f"{ANSWERS}/badge"
