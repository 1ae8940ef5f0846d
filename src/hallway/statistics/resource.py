"""`/v1/events/{id}/order-statistics`, `/v1/events/{id}/general-statistics` and
`/v1/tickets/{id}/order-statistics`: always an object (the dashboard reads them without
checking for null), zeroed where nothing is counted yet."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from hallway.jsonapi import Attachment, Resource, ToOne, relate
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


def _by_status(*extra: str) -> Any:
    def zeroed(row: Mapping[str, Any]) -> dict[str, int]:
        return dict.fromkeys((*ORDER_STATUSES, *extra), 0)

    return zeroed


def _tickets_of_one(row: Mapping[str, Any]) -> dict[str, int]:
    """By status, and `max`: what the ticket puts on sale."""
    return {**dict.fromkeys(ORDER_STATUSES, 0), "max": int(row["quantity"] or 0)}


def statistics_resources() -> list[Resource]:
    orders = Resource(
        type="order-statistics-event",
        path="order-statistics-events",
        model=EventOrderStatistics,
        attributes=("identifier",),
        computed={"tickets": _by_status("max"), "orders": _by_status(), "sales": _by_status()},
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
        write_only=("event_id", "quantity"),
        computed={"tickets": _tickets_of_one, "orders": _by_status(), "sales": _by_status()},
        deletable=False,
        policy=ticket_statistics_policy,
    )
    return [orders, general, tickets]


def statistics_attachments() -> list[Attachment]:
    return [
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
