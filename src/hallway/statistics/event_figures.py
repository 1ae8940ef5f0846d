"""The six order figures on the event itself (`completed-order-sales`,
`completed-order-tickets`, `placed-…`, `pending-…`), for those who run it and admins.

They come from the orders table alone (an order's `quantity` is its live attendees), read
with each event row by one correlated subquery that packs the six sums into a string, so an
event costs one subquery more, however many figures it shows."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from sqlalchemy import ColumnElement, String, case, cast, func, literal, select

from hallway.auth.policy import actor_of
from hallway.jsonapi import Attachment, Hidden, RequestContext
from hallway.orders.models import Order
from hallway.roles.policy import events_run

FIGURES = ("completed", "placed", "pending")
NAMES = tuple(f"{status}_order_{kind}" for status in FIGURES for kind in ("sales", "tickets"))
PACKED = "order_figures"


def _packed(event: Any) -> ColumnElement[Any]:
    parts: list[Any] = []
    for status in FIGURES:
        for value in (Order.amount, Order.quantity):
            total = func.coalesce(func.sum(case((Order.status == status, value), else_=0)), 0)
            if parts:
                parts.append(literal("|"))
            parts.append(cast(total, String))
    packed = parts[0]
    for part in parts[1:]:
        packed = packed + part
    return (
        select(packed).where(Order.event_id == event.id).correlate_except(Order).scalar_subquery()
    )


def _reader(index: int) -> Any:
    def read(row: Mapping[str, Any]) -> int | float:
        values = (row[PACKED] or "").split("|")
        number = Decimal(values[index]) if len(values) == len(NAMES) else Decimal(0)
        return int(number) if number == number.to_integral_value() else float(number)

    return read


async def hidden_from(ctx: RequestContext) -> Hidden:
    """Shown on the events the caller co-organizes (on every event to admins)."""
    actor = actor_of(ctx)
    if actor is not None and actor.is_staff:
        return Hidden()
    names = frozenset(NAMES)
    managed = await events_run(ctx)
    if not managed:
        return Hidden(names)
    return Hidden(names, exempt=lambda row: row["id"] in managed)


def event_figures() -> Attachment:
    return Attachment(
        "event",
        attributes={PACKED: _packed},
        internal=(PACKED,),
        computed={name: _reader(index) for index, name in enumerate(NAMES)},
        hidden=hidden_from,
    )
