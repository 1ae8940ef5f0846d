"""`/v1/events/{id}/order-statistics`, `/v1/events/{id}/general-statistics` and
`/v1/tickets/{id}/order-statistics`: always an object (the dashboard reads them without
checking for null), zeroed where nothing is counted yet."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from hallway.jsonapi import Attachment, Resource, ToOne, relate
from hallway.statistics.event_figures import event_figures
from hallway.statistics.figures import KINDS, column_name, figure_names
from hallway.statistics.models import (
    EventGeneralStatistics,
    EventOrderStatistics,
    TicketOrderStatistics,
    statistics_of,
)
from hallway.statistics.policy import statistics_policy, ticket_statistics_policy

ORDER_STATUSES = ("draft", "cancelled", "pending", "expired", "placed", "completed", "total")
SESSION_STATES = ("draft", "submitted", "accepted", "confirmed", "pending", "rejected")
GENERAL_COUNTS = (
    *(f"sessions_{state}" for state in (*SESSION_STATES, "withdrawn", "canceled")),
    "speakers",
    "sessions",
    "sponsors",
    "speaker_without_session",
)


def _figures(kind: str, *extra: str) -> Any:
    """The figures of one kind by status, read from the row's columns (figures.py)."""

    def read(row: Mapping[str, Any]) -> dict[str, int | float]:
        found = {key: _number(row[column_name(kind, key)]) for key in ORDER_STATUSES}
        for key in extra:
            found[key] = _number(row[column_name(kind, key)])
        return found

    return read


def _number(value: Any) -> int | float:
    number = Decimal(value or 0)
    return int(number) if number == number.to_integral_value() else float(number)


def _tickets_of_one(row: Mapping[str, Any]) -> dict[str, int | float]:
    """By status, and `max`: what the ticket puts on sale."""
    return {**_figures("tickets")(row), "max": int(row["quantity"] or 0)}


def statistics_resources() -> list[Resource]:
    orders = Resource(
        type="order-statistics-event",
        path="order-statistics-events",
        model=EventOrderStatistics,
        attributes=("identifier",),
        write_only=(*figure_names(*KINDS), "tickets_max"),
        computed={
            "tickets": _figures("tickets", "max"),
            "orders": _figures("orders"),
            "sales": _figures("sales"),
        },
        deletable=False,
        policy=statistics_policy,
    )
    general = Resource(
        type="event-statistics-general",
        path="event-statistics-generals",
        model=EventGeneralStatistics,
        attributes=("identifier", *GENERAL_COUNTS),
        deletable=False,
        policy=statistics_policy,
    )
    tickets = Resource(
        type="order-statistics-ticket",
        path="order-statistics-tickets",
        model=TicketOrderStatistics,
        attributes=(),
        write_only=("event_id", "quantity", *figure_names(*KINDS)),
        computed={
            "tickets": _tickets_of_one,
            "orders": _figures("orders"),
            "sales": _figures("sales"),
        },
        deletable=False,
        policy=ticket_statistics_policy,
    )
    return [orders, general, tickets]


def statistics_attachments() -> list[Attachment]:
    return [
        event_figures(),
        relate(
            "event",
            order_statistics=ToOne(
                "order-statistics-event", orm=statistics_of(EventOrderStatistics)
            ),
            general_statistics=ToOne(
                "event-statistics-general", orm=statistics_of(EventGeneralStatistics)
            ),
        ),
        relate(
            "ticket",
            order_statistics=ToOne(
                "order-statistics-ticket", orm=statistics_of(TicketOrderStatistics)
            ),
        ),
    ]
