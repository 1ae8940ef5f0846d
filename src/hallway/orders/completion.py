"""What every completed order gets, however it got there (free, an offline payment confirmed,
a gateway's payment): `completed-at`, then after the commit a job that makes its ticket and
invoice PDFs and mails them (documents.py). A payment completes an order here too."""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm.attributes import set_committed_value

from hallway.aftercommit import on_commit
from hallway.config import Settings
from hallway.events.models import Event
from hallway.jobs import JobsNotStarted, enqueue
from hallway.loading import load
from hallway.orders import mails, stock
from hallway.orders.models import Order

log = logging.getLogger("hallway.orders")
DOCUMENTS = "orders.documents"
PAYMENT_FIELDS = ("paid_via", "transaction_id", "brand", "last4", "exp_month", "exp_year")


def mark_completed(session: AsyncSession, order: Order, now: datetime | None = None) -> None:
    """The order became completed in this transaction: stamp it, and make its documents
    once the transaction commits (the sweep makes them if that job is lost)."""
    order.completed_at = now or datetime.now(UTC)
    order.expires_at = None
    order_id = order.id
    on_commit(session, lambda: _documents_soon(order_id))


async def _documents_soon(order_id: int) -> None:
    try:
        await enqueue(DOCUMENTS, order_id)
    except JobsNotStarted:
        log.info("jobs are not running: the documents of order %s wait for the sweep", order_id)
    except Exception:
        log.exception("could not enqueue the documents of order %s", order_id)


async def complete_payment(
    session: AsyncSession, settings: Settings, order: Order, payment: dict[str, Any]
) -> bool:
    """A gateway says the order is paid: pending -> completed, once. False when the order
    was not pending (completed already, by a replayed event or the other path)."""
    if order.status != "pending" or not await stock.change_status(
        session, order.id, "pending", "completed"
    ):
        return False
    # The guarded UPDATE above moved it: the order's own later writes are guarded by that.
    set_committed_value(order, "status", "completed")
    for name in PAYMENT_FIELDS:
        if payment.get(name) is not None:
            setattr(order, name, payment[name])
    mark_completed(session, order)
    event = await load(session, Event, order.event_id)
    assert event is not None
    await mails.announce(session, settings, event, order)
    return True
