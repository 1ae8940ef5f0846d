"""The order figures, by status, as SQL: one grouped subquery per kind of row (orders, and
attendees joined to their orders), left-joined to the events or tickets they describe, so a
statistics object costs one statement however many are listed.

Wire keys: `draft` counts initializing orders (being made), then each status by its name,
and `total` all of them. A ticket's `sales` sum the amounts of the orders holding it."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Numeric, case, func, select
from sqlalchemy.sql import Subquery

from hallway.orders.models import Attendee, Order

STATUS_KEYS = {
    "draft": "initializing",
    "cancelled": "cancelled",
    "pending": "pending",
    "expired": "expired",
    "placed": "placed",
    "completed": "completed",
}
KINDS = ("tickets", "orders", "sales")


def column_name(kind: str, key: str) -> str:
    return f"{kind}_{key}"


def _by_status(status: Any, value: Any, kind: str) -> list[Any]:
    parts = [
        func.coalesce(func.sum(case((status == stored, value), else_=0)), 0).label(
            column_name(kind, key)
        )
        for key, stored in STATUS_KEYS.items()
    ]
    parts.append(func.coalesce(func.sum(value), 0).label(column_name(kind, "total")))
    return parts


def order_figures(group: str) -> Subquery:
    """Orders and sales per `group` (`event_id`)."""
    key = getattr(Order, group)
    return (
        select(
            key.label("key"),
            *_by_status(Order.status, 1, "orders"),
            *_by_status(Order.status, Order.amount, "sales"),
        )
        .group_by(key)
        .subquery(f"order_figures_by_{group}")
    )


def ticket_figures(group: str) -> Subquery:
    """Tickets (live attendees) per `group` (`event_id` or `ticket_id`) by their order's
    status; with `ticket_id`, also the orders holding the ticket and their amounts."""
    key = getattr(Attendee, group)
    columns = [key.label("key"), *_by_status(Order.status, 1, "tickets")]
    rows = (
        select(*columns)
        .join(Order, Order.id == Attendee.order_id)
        .where(Attendee.deleted_at.is_(None))
        .group_by(key)
    )
    return rows.subquery(f"ticket_figures_by_{group}")


def orders_of_tickets() -> Subquery:
    """Per ticket, the orders holding it (each once) and their amounts, by status."""
    held = (
        select(Attendee.ticket_id.label("ticket_id"), Attendee.order_id.label("order_id"))
        .where(Attendee.deleted_at.is_(None))
        .distinct()
        .subquery("held_tickets")
    )
    amount = func.cast(Order.amount, Numeric(14, 3))
    return (
        select(
            held.c.ticket_id.label("key"),
            *_by_status(Order.status, 1, "orders"),
            *_by_status(Order.status, amount, "sales"),
        )
        .join(Order, Order.id == held.c.order_id)
        .group_by(held.c.ticket_id)
        .subquery("order_figures_by_ticket")
    )


def figure_columns(figures: Subquery, kinds: tuple[str, ...]) -> list[Any]:
    names = [*STATUS_KEYS, "total"]
    return [
        func.coalesce(figures.c[column_name(kind, key)], 0).label(column_name(kind, key))
        for kind in kinds
        for key in names
    ]


def figure_names(*kinds: str) -> tuple[str, ...]:
    return tuple(column_name(kind, key) for kind in kinds for key in [*STATUS_KEYS, "total"])
