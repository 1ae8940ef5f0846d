"""Mails of an order, through the outbox to a real SMTP server after the commit."""

from __future__ import annotations

from tests.appfixtures import Mailbox, settle
from tests.orders.helpers import buy, cart, fill, set_status, shop
from tests.tickets.helpers import patch


async def test_a_completed_order_mails_the_buyer_the_attendees_and_the_owner(
    client, app_db, mailbox
):
    s = await shop(client, app_db)
    made = await buy(client, s.c.tokens["user"], cart((s.free, 2)))
    identifier = made["attributes"]["identifier"]
    await fill(client, s.c.tokens["user"], identifier)
    attendees = (
        await client.get(f"/v1/orders/{identifier}/attendees", headers=s.jwt("user"))
    ).json()["data"]
    await client.patch(
        f"/v1/attendees/{attendees[1]['id']}",
        json=patch("attendee", attendees[1]["id"], email="grace@example.com", firstname="Grace"),
        headers=s.jwt("user"),
    )

    done = await set_status(client, s.c.tokens["user"], identifier, "completed")
    await settle()

    assert done.status_code == 200
    to_buyer = Mailbox.text(mailbox.to("user@example.com")[-1])
    assert identifier in to_buyer and "/orders/" in to_buyer
    holder = Mailbox.text(mailbox.to("grace@example.com")[-1])
    assert f"{identifier}-{attendees[1]['attributes']['identifier']}" in holder
    assert mailbox.to("ada@example.com")  # the first attendee's own address
    assert identifier in Mailbox.text(mailbox.to("owner@example.com")[-1])


async def test_a_refused_change_sends_nothing(client, app_db, mailbox):
    s = await shop(client, app_db)
    made = await buy(client, s.c.tokens["user"], cart((s.paid, 1)))

    refused = await set_status(
        client, s.c.tokens["user"], made["attributes"]["identifier"], "completed"
    )
    await settle()

    assert refused.status_code == 422
    assert not mailbox.to("user@example.com")
    assert not mailbox.to("owner@example.com")
