"""Sales by order status as SQL columns, and their wire form.

A sale is an order: `sales_total` sums the amounts of the orders in a status, `ticket_count`
their tickets (an order's `quantity` is its live attendees). Only the statuses the admin panel
shows are counted: completed, placed and pending."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from sqlalchemy import ColumnElement, case, func

from hallway.orders.models import Order

STATUSES = ("completed", "placed", "pending")
KINDS = {"sales": Order.amount, "tickets": Order.quantity}


def column_name(status: str, kind: str) -> str:
    """`completed_order_sales`, `placed_order_tickets`, …: the event's own attribute names."""
    return f"{status}_order_{kind}"


COLUMNS = tuple(column_name(status, kind) for status in STATUSES for kind in KINDS)


def sums_by_status() -> list[ColumnElement[Any]]:
    """Aggregates over joined orders (none joined: zero)."""
    return [
        func.coalesce(func.sum(case((Order.status == status, value), else_=0)), 0).label(
            column_name(status, kind)
        )
        for status in STATUSES
        for kind, value in KINDS.items()
    ]


def number(value: Any) -> int | float:
    found = Decimal(value or 0)
    return int(found) if found == found.to_integral_value() else float(found)


def sales_block(row: Mapping[str, Any]) -> dict[str, dict[str, int | float]]:
    """`{"completed": {"sales_total": …, "ticket_count": …}, "placed": …, "pending": …}`."""
    return {
        status: {
            "sales_total": number(row[column_name(status, "sales")]),
            "ticket_count": number(row[column_name(status, "tickets")]),
        }
        for status in STATUSES
    }


def flat(name: str) -> Any:
    def read(row: Mapping[str, Any]) -> int | float:
        return number(row[name])

    return read
