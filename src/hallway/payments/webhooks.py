"""Stripe's webhook: a `payment_intent.succeeded` event, signed with the endpoint's secret,
completes the order its PaymentIntent pays. The event is only a hint: the PaymentIntent is
read back from Stripe before anything changes. Replays, other event types and events about
payments that are not ours are acknowledged and change nothing."""

from __future__ import annotations

import logging
from typing import Any

import orjson
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from hallway.config import Settings
from hallway.errors import BadRequest
from hallway.orders.models import Order
from hallway.payments import gateway
from hallway.payments.accounts import account_of
from hallway.payments.service import settle

log = logging.getLogger("hallway.payments")
HANDLED = frozenset({"payment_intent.succeeded"})


def _object(event: dict[str, Any]) -> dict[str, Any]:
    data = event.get("data")
    found = data.get("object") if isinstance(data, dict) else None
    return found if isinstance(found, dict) else {}


async def receive(
    session: AsyncSession, settings: Settings, payload: bytes, signature: str | None
) -> dict[str, Any]:
    if not gateway.verified_event(settings, payload, signature):
        raise BadRequest("Stripe-Signature: not a valid signature of this payload")
    try:
        event = orjson.loads(payload)
    except orjson.JSONDecodeError:
        raise BadRequest("The payload is not JSON") from None
    if not isinstance(event, dict) or event.get("type") not in HANDLED:
        return {"received": True, "handled": False}
    intent = _object(event)
    metadata = intent.get("metadata")
    identifier = metadata.get("order_identifier") if isinstance(metadata, dict) else None
    order = None
    if isinstance(identifier, str):
        order = await session.scalar(select(Order).where(Order.identifier == identifier))
    if order is None or not intent.get("id") or order.transaction_id != intent.get("id"):
        log.info("stripe webhook: event %s names no order of ours", event.get("id"))
        return {"received": True, "handled": False}
    if event.get("account") != await account_of(session, order.event_id):
        log.info("stripe webhook: event %s comes from another account", event.get("id"))
        return {"received": True, "handled": False}
    completed = await settle(session, settings, order)
    return {"received": True, "handled": completed}
