"""Paying an order by card: a PaymentIntent on the organizer's connected account (`charge`),
completed by Stripe's signed webhook or by the buyer's page polling `verify`."""

from __future__ import annotations

import asyncio
import logging
from datetime import UTC, datetime

from sqlalchemy import select, text

from hallway.orders.models import Order
from tests.appfixtures import settle
from tests.orders.helpers import buy, cart, fill, set_status
from tests.payments.conftest import WEBHOOK_SECRET
from tests.payments.helpers import charge, pending_order, stripe_shop
from tests.payments.standin import signed, succeeded_event

WEBHOOK = "/v1/payments/stripe/webhook"
CANCEL = text("UPDATE orders SET status = 'cancelled' WHERE id = :id")


async def _order(db, identifier):
    async with db.sessions() as session:
        return await session.scalar(select(Order).where(Order.identifier == identifier))


async def _send(client, payload, secret=WEBHOOK_SECRET, **headers):
    body, signature = signed(payload, secret)
    return await client.post(
        WEBHOOK,
        content=body,
        headers={"Stripe-Signature": signature, "Content-Type": "application/json", **headers},
    )


async def test_the_buyer_gets_a_payment_intent_on_the_connected_account(client, app_db, stripe_api):
    s = await stripe_shop(client, app_db)
    identifier = await pending_order(client, s)

    first = await charge(client, s.c.tokens["user"], identifier, **{"Idempotency-Key": "k-1"})
    again = await charge(client, s.c.tokens["user"], identifier, **{"Idempotency-Key": "k-1"})

    assert first.status_code == 200, first.text
    data = first.json()["data"]
    assert data["type"] == "charge" and data["attributes"]["status"] is True
    intent_id = (await _order(app_db, identifier)).transaction_id
    assert data["attributes"]["message"] == stripe_api.intents[intent_id]["client_secret"]
    assert again.json()["data"]["attributes"] == data["attributes"]
    created = stripe_api.created()
    assert len(created) == 1
    assert created[0].account == "acct_organizer"
    assert created[0].form["amount"] == "2500" and created[0].form["currency"] == "eur"
    assert created[0].form["metadata[order_identifier]"] == identifier
    assert created[0].key == f"hallway-charge-{identifier}"
    assert (await _order(app_db, identifier)).status == "pending"


async def test_who_may_not_charge_an_order(client, app_db, stripe_api):
    s = await stripe_shop(client, app_db)
    identifier = await pending_order(client, s)

    answers = {
        who: (await charge(client, s.c.tokens[who], identifier)).status_code
        for who in ("stranger", "owner", "registrar")
    }
    anonymous = await client.post(f"/v1/orders/{identifier}/charge", json={})

    assert answers == {"stranger": 404, "owner": 404, "registrar": 404}
    assert anonymous.status_code == 401
    assert stripe_api.created() == []
    assert (await _order(app_db, identifier)).transaction_id is None


async def test_an_order_is_charged_only_while_pending_and_only_when_linked(
    client, app_db, stripe_api
):
    s = await stripe_shop(client, app_db, linked=False)
    identifier = await pending_order(client, s)
    unlinked = await charge(client, s.c.tokens["user"], identifier)
    made = await buy(client, s.c.tokens["user"], cart((s.paid, 1)))
    fresh = made["attributes"]["identifier"]
    initializing = await charge(client, s.c.tokens["user"], fresh)
    bad_key = await charge(client, s.c.tokens["user"], identifier, **{"Idempotency-Key": ""})

    assert unlinked.status_code == 422, unlinked.text
    assert "Stripe account" in unlinked.json()["errors"][0]["detail"]
    assert initializing.status_code == 422
    assert bad_key.status_code == 400
    assert stripe_api.created() == []


async def test_a_signed_webhook_completes_the_order_once(client, app_db, stripe_api, mailbox):
    s = await stripe_shop(client, app_db)
    identifier = await pending_order(client, s)
    await charge(client, s.c.tokens["user"], identifier)
    intent_id = (await _order(app_db, identifier)).transaction_id
    stripe_api.succeed(intent_id)
    event = succeeded_event(stripe_api.intents[intent_id], "acct_organizer")

    done = await _send(client, event)
    await settle()
    order = await _order(app_db, identifier)
    mails = len(mailbox.messages)
    replayed = await _send(client, event)
    await settle()

    assert done.status_code == 200 and done.json() == {"received": True, "handled": True}
    assert order.status == "completed" and order.paid_via == "stripe"
    assert (order.brand, order.last4, order.exp_month, order.exp_year) == ("visa", "4242", 12, 2030)
    assert order.completed_at is not None
    assert replayed.status_code == 200 and replayed.json()["handled"] is False
    again = await _order(app_db, identifier)
    assert again.completed_at == order.completed_at
    assert len(mailbox.messages) == mails
    pdfs = {part.get_filename() for part in mailbox.to("user@example.com")[-1].iter_attachments()}
    assert pdfs == {f"tickets-{identifier}.pdf", f"invoice-{identifier}.pdf"}


async def test_bad_signatures_are_refused_and_change_nothing(client, app_db, stripe_api):
    s = await stripe_shop(client, app_db)
    identifier = await pending_order(client, s)
    await charge(client, s.c.tokens["user"], identifier)
    intent_id = (await _order(app_db, identifier)).transaction_id
    stripe_api.succeed(intent_id)
    event = succeeded_event(stripe_api.intents[intent_id], "acct_organizer")
    body, signature = signed(event, WEBHOOK_SECRET, at=1_000_000_000)

    forged = await _send(client, event, secret="whsec_someone_else")
    stale = await client.post(WEBHOOK, content=body, headers={"Stripe-Signature": signature})
    unsigned = await client.post(WEBHOOK, content=body)

    assert [forged.status_code, stale.status_code, unsigned.status_code] == [400, 400, 400]
    assert "errors" in forged.json()
    assert (await _order(app_db, identifier)).status == "pending"


async def test_foreign_and_unknown_events_are_acknowledged_and_ignored(client, app_db, stripe_api):
    s = await stripe_shop(client, app_db)
    identifier = await pending_order(client, s)
    await charge(client, s.c.tokens["user"], identifier)
    intent_id = (await _order(app_db, identifier)).transaction_id
    stripe_api.succeed(intent_id)
    intent = stripe_api.intents[intent_id]

    other_type = await _send(client, {"id": "evt_1", "type": "customer.created", "data": {}})
    other_account = await _send(client, succeeded_event(intent, "acct_other"))
    unknown = await _send(
        client, succeeded_event({**intent, "id": "pi_not_ours"}, "acct_organizer")
    )
    no_order = await _send(
        client,
        succeeded_event({**intent, "metadata": {"order_identifier": "nope"}}, "acct_organizer"),
    )

    for answer in (other_type, other_account, unknown, no_order):
        assert answer.status_code == 200, answer.text
        assert answer.json() == {"received": True, "handled": False}
    assert (await _order(app_db, identifier)).status == "pending"


async def test_verify_polls_stripe_and_completes_a_paid_order(client, app_db, stripe_api):
    s = await stripe_shop(client, app_db)
    identifier = await pending_order(client, s)
    await charge(client, s.c.tokens["user"], identifier)
    intent_id = (await _order(app_db, identifier)).transaction_id
    path = f"/v1/orders/{identifier}/verify"

    unpaid = await client.post(path, headers=s.jwt("user"))
    stripe_api.succeed(intent_id)
    by_stranger = await client.post(path, headers=s.jwt("stranger"))
    anonymous = await client.post(path)
    stranger_state = (await _order(app_db, identifier)).status
    paid = await client.post(path, headers=s.jwt("user"))
    again = await client.post(path, headers=s.jwt("user"))
    await settle()

    assert unpaid.json() == {"status": "pending", "paid": False}
    assert by_stranger.status_code == 404 and anonymous.status_code == 401
    assert stranger_state == "pending"
    assert paid.json() == {"status": "completed", "paid": True}
    assert again.json() == {"status": "completed", "paid": True}
    order = await _order(app_db, identifier)
    assert order.paid_via == "stripe" and order.last4 == "4242"


async def test_a_payment_for_another_amount_does_not_complete_the_order(client, app_db, stripe_api):
    s = await stripe_shop(client, app_db)
    identifier = await pending_order(client, s)
    await charge(client, s.c.tokens["user"], identifier)
    intent_id = (await _order(app_db, identifier)).transaction_id
    stripe_api.succeed(intent_id)
    stripe_api.intents[intent_id]["amount"] = 100

    answer = await client.post(f"/v1/orders/{identifier}/verify", headers=s.jwt("user"))

    assert answer.json() == {"status": "pending", "paid": False}


async def test_an_offline_order_is_not_charged(client, app_db, stripe_api):
    s = await stripe_shop(client, app_db)
    made = await buy(client, s.c.tokens["user"], cart((s.paid, 1)))
    identifier = made["attributes"]["identifier"]
    await fill(client, s.c.tokens["user"], identifier)
    await set_status(client, s.c.tokens["user"], identifier, "placed", **{"payment-mode": "onsite"})

    refused = await charge(client, s.c.tokens["user"], identifier)

    assert refused.status_code == 422
    assert stripe_api.created() == []


async def test_no_secret_reaches_the_logs(client, app_db, stripe_api, caplog):
    caplog.set_level(logging.DEBUG)
    s = await stripe_shop(client, app_db)
    identifier = await pending_order(client, s)
    await charge(client, s.c.tokens["user"], identifier)
    intent_id = (await _order(app_db, identifier)).transaction_id
    stripe_api.succeed(intent_id)
    event = succeeded_event(stripe_api.intents[intent_id], "acct_organizer")
    await _send(client, event)
    await _send(client, event, secret="whsec_someone_else")
    await settle()

    assert (await _order(app_db, identifier)).status == "completed"
    for secret in ("sk_test_platform", WEBHOOK_SECRET, "sk_test_connected_secret", "rt_connected"):
        assert secret not in caplog.text


async def test_an_overdue_order_is_not_charged(client, app_db, stripe_api):
    s = await stripe_shop(client, app_db)
    identifier = await pending_order(client, s)
    async with app_db.sessions() as session, session.begin():
        order = await session.scalar(select(Order).where(Order.identifier == identifier))
        order.expires_at = datetime(2020, 1, 1, tzinfo=UTC)

    refused = await charge(client, s.c.tokens["user"], identifier)

    assert refused.status_code == 422 and "expired" in refused.json()["errors"][0]["detail"]
    assert stripe_api.created() == []


async def test_an_order_cancelled_while_it_is_charged_answers_409(client, app_db, stripe_api):
    """The charge writes the PaymentIntent's id at commit, guarded by the status the order
    was read with: cancelled meanwhile by another transaction, the charge answers 409 and
    the order keeps no payment."""
    s = await stripe_shop(client, app_db)
    identifier = await pending_order(client, s)
    order_id = (await _order(app_db, identifier)).id

    async with app_db.engine.connect() as other:
        # Holds the order's row (PostgreSQL) or the write lock (SQLite) until it commits.
        await other.execute(CANCEL, {"id": order_id})
        charging = asyncio.create_task(charge(client, s.c.tokens["user"], identifier))
        await asyncio.sleep(1.0)  # the charge reads the order, then waits to write it
        await other.commit()
        answer = await charging

    assert answer.status_code == 409, answer.text
    stored = await _order(app_db, identifier)
    assert (stored.status, stored.transaction_id) == ("cancelled", None)
