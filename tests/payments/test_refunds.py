"""Refunds: the event's organizers give money back on a completed, paid order (through Stripe
when it was paid by card), and only then may they cancel it."""

from __future__ import annotations

import asyncio
from decimal import Decimal

from sqlalchemy import func, select

from hallway.orders.models import Order, OrderRefund
from tests.appfixtures import jwt, settle
from tests.orders.helpers import Shop, attendees_of, buy, cart, fill, set_status, shop
from tests.payments.helpers import charge, pending_order, stripe_shop

REASON = "The speaker cancelled"


async def _order(db, identifier):
    async with db.sessions() as session:
        return await session.scalar(select(Order).where(Order.identifier == identifier))


async def _refund_rows(db):
    async with db.sessions() as session:
        return await session.scalar(select(func.count()).select_from(OrderRefund))


async def refund(client, token, identifier, amount="10.00", reason=REASON, **headers):
    body = {"amount": amount, "reason": reason}
    return await client.post(
        f"/v1/orders/{identifier}/refunds", json=body, headers={**jwt(token), **headers}
    )


async def paid_offline(client, s: Shop, quantity: int = 1) -> str:
    """The user buys paid tickets (25.00 EUR each), pays on site, the owner confirms it."""
    made = await buy(client, s.c.tokens["user"], cart((s.paid, quantity)))
    identifier: str = made["attributes"]["identifier"]
    await fill(client, s.c.tokens["user"], identifier)
    placed = await set_status(
        client, s.c.tokens["user"], identifier, "placed", **{"payment-mode": "onsite"}
    )
    assert placed.status_code == 200, placed.text
    done = await set_status(client, s.c.tokens["owner"], identifier, "completed")
    assert done.status_code == 200, done.text
    await settle()
    return identifier


async def _available(client, s: Shop) -> int:
    answer = await client.get(f"/v1/events/{s.c.event['id']}/tickets/availability")
    return {row["name"]: row["available"] for row in answer.json()}["Paid"]


async def test_who_may_not_refund_or_cancel_a_paid_order(client, app_db):
    s = await shop(client, app_db)
    identifier = await paid_offline(client, s)

    answers = {
        who: (await refund(client, s.c.tokens[who], identifier)).status_code
        for who in ("user", "registrar", "moderator", "stranger")
    }
    anonymous = await client.post(f"/v1/orders/{identifier}/refunds", json={"amount": "1"})
    cancels = {
        who: (await set_status(client, s.c.tokens[who], identifier, "cancelled")).status_code
        for who in ("user", "owner")
    }
    listed = await client.get(f"/v1/orders/{identifier}/refunds", headers=s.jwt("stranger"))
    nul = await client.get("/v1/orders/a%00b/refunds", headers=s.jwt("admin"))

    assert answers == {"user": 403, "registrar": 403, "moderator": 404, "stranger": 404}
    assert anonymous.status_code == 401
    assert cancels == {"user": 422, "owner": 422}
    assert listed.status_code == 404 and "errors" in listed.json()
    assert nul.status_code == 404
    order = await _order(app_db, identifier)
    assert order.status == "completed" and order.refunded_amount == 0
    assert await _refund_rows(app_db) == 0


async def test_an_organizer_refunds_then_cancels_and_the_stock_comes_back(client, app_db):
    s = await shop(client, app_db)
    identifier = await paid_offline(client, s, quantity=2)
    before = await _available(client, s)

    made = await refund(client, s.c.tokens["coorganizer"], identifier, "30.00")
    listed = await client.get(f"/v1/orders/{identifier}/refunds", headers=s.jwt("user"))
    buyer_cancel = await set_status(client, s.c.tokens["user"], identifier, "cancelled")
    cancelled = await set_status(client, s.c.tokens["owner"], identifier, "cancelled")

    assert made.status_code == 200, made.text
    body = made.json()
    assert body["amount"] == "30.00" and body["reason"] == REASON
    assert body["status"] == "recorded" and body["gateway-refund-id"] is None
    assert body["refunded-by"] == s.c.ids["coorganizer"] and body["order"] == identifier
    assert listed.status_code == 200 and listed.json() == [body]
    assert buyer_cancel.status_code == 422
    assert cancelled.status_code == 200, cancelled.text
    order = await _order(app_db, identifier)
    assert order.status == "cancelled" and order.refunded_amount == Decimal("30.00")
    assert await _available(client, s) == before + 2
    kept = await attendees_of(client, s.c.tokens["owner"], identifier)
    assert len(kept) == 2


async def test_a_refund_never_goes_past_what_was_paid(client, app_db):
    s = await shop(client, app_db)
    identifier = await paid_offline(client, s)  # 25.00
    owner = s.c.tokens["owner"]

    first = await refund(client, owner, identifier, "20.00")
    too_much = await refund(client, owner, identifier, "5.01")
    bad = [
        (await refund(client, owner, identifier, amount, reason)).status_code
        for amount, reason in (
            ("0.001", REASON), ("-1", REASON), ("0", REASON), ("abc", REASON),
            ("NaN", REASON), (None, REASON), ("1.00", ""), ("1.00", None),
            ("1.00", "a\x00b"), (True, REASON),
        )
    ]  # fmt: skip
    rest = await refund(client, s.c.tokens["admin"], identifier, "5")

    assert first.status_code == 200 and too_much.status_code == 422
    assert "at most 5.00 is left" in too_much.json()["errors"][0]["detail"]
    assert bad == [422] * 10
    assert rest.status_code == 200 and rest.json()["amount"] == "5.00"
    assert (await _order(app_db, identifier)).refunded_amount == Decimal("25.00")
    assert await _refund_rows(app_db) == 2


async def test_unpaid_and_free_orders_are_not_refunded(client, app_db):
    s = await shop(client, app_db)
    made = await buy(client, s.c.tokens["user"], cart((s.paid, 1)))
    unpaid = made["attributes"]["identifier"]
    free = await buy(client, s.c.tokens["user"], cart((s.free, 1)))
    await fill(client, s.c.tokens["user"], free["attributes"]["identifier"])
    await set_status(client, s.c.tokens["user"], free["attributes"]["identifier"], "completed")

    answers = [
        (await refund(client, s.c.tokens["owner"], identifier, "1.00")).status_code
        for identifier in (unpaid, free["attributes"]["identifier"])
    ]

    assert answers == [422, 422]
    assert await _refund_rows(app_db) == 0


async def test_a_retried_refund_with_the_same_key_answers_the_first(client, app_db):
    s = await shop(client, app_db)
    identifier = await paid_offline(client, s)
    owner = s.c.tokens["owner"]

    first = await refund(client, owner, identifier, "10.00", **{"Idempotency-Key": "r-1"})
    again = await refund(client, owner, identifier, "10.00", **{"Idempotency-Key": "r-1"})
    other = await refund(client, owner, identifier, "12.00", **{"Idempotency-Key": "r-1"})

    assert first.status_code == 200 and again.json() == first.json()
    assert other.status_code == 409
    assert (await _order(app_db, identifier)).refunded_amount == Decimal("10.00")
    assert await _refund_rows(app_db) == 1


async def _paid_by_card(client, app_db, stripe_api) -> tuple[Shop, str, str]:
    s = await stripe_shop(client, app_db)
    identifier = await pending_order(client, s)
    await charge(client, s.c.tokens["user"], identifier)
    intent_id = (await _order(app_db, identifier)).transaction_id
    stripe_api.succeed(intent_id)
    verified = await client.post(f"/v1/orders/{identifier}/verify", headers=s.jwt("user"))
    assert verified.json()["paid"] is True, verified.text
    await settle()
    return s, identifier, intent_id


async def test_a_card_payment_is_refunded_through_stripe_once(client, app_db, stripe_api):
    s, identifier, intent_id = await _paid_by_card(client, app_db, stripe_api)
    owner = s.c.tokens["owner"]

    made = await refund(client, owner, identifier, "25.00", **{"Idempotency-Key": "k"})
    again = await refund(client, owner, identifier, "25.00", **{"Idempotency-Key": "k"})
    beyond = await refund(client, owner, identifier, "0.01")
    cancelled = await set_status(client, owner, identifier, "cancelled")

    assert made.status_code == 200, made.text
    assert again.json() == made.json()
    assert beyond.status_code == 422
    calls = stripe_api.refund_calls()
    assert len(calls) == 1
    assert calls[0].account == "acct_organizer" and calls[0].form["amount"] == "2500"
    assert calls[0].form["payment_intent"] == intent_id
    assert calls[0].key == f"hallway-refund-{identifier}-k"
    assert made.json()["gateway-refund-id"] in stripe_api.refunds
    assert made.json()["status"] == "succeeded"
    assert stripe_api.refunded(intent_id) == 2500
    assert cancelled.status_code == 200, cancelled.text


async def test_a_refund_stripe_refuses_records_nothing(client, app_db, stripe_api):
    s, identifier, intent_id = await _paid_by_card(client, app_db, stripe_api)
    # Refunded on Stripe's dashboard already: Stripe refuses any more.
    stripe_api.refunds["re_dashboard"] = {"amount": 2500, "payment_intent": intent_id}

    refused = await refund(client, s.c.tokens["owner"], identifier, "10.00")

    assert refused.status_code == 422, refused.text
    assert "errors" in refused.json()
    assert (await _order(app_db, identifier)).refunded_amount == 0
    assert await _refund_rows(app_db) == 0


async def test_two_refunds_at_once_never_give_back_more_than_was_paid(client, app_db):
    s = await shop(client, app_db)
    identifier = await paid_offline(client, s)  # 25.00
    owner, admin = s.c.tokens["owner"], s.c.tokens["admin"]

    answers = await asyncio.gather(
        refund(client, owner, identifier, "20.00"), refund(client, admin, identifier, "20.00")
    )

    assert sorted(a.status_code for a in answers) == [200, 422]
    assert (await _order(app_db, identifier)).refunded_amount == Decimal("20.00")
    assert await _refund_rows(app_db) == 1
