"""One statistics object per live event, its id the event's: read-only classes mapped onto
the events table, so the engine serves them like any resource.

The figures themselves are computed attributes (resource.py): zero until the ticketing and
program domains have rows to count."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import foreign, relationship

from hallway.db import Base
from hallway.events.models import Event
from hallway.tickets.models import Ticket

_events = Event.__table__
_live = select(_events.c.id, _events.c.identifier).where(_events.c.deleted_at.is_(None))
_orders = _live.subquery("order_statistics_events")
_general = _live.subquery("general_statistics_events")
_tickets = Ticket.__table__
_ticket_rows = (
    select(_tickets.c.id, _tickets.c.event_id, _tickets.c.quantity)
    .where(_tickets.c.deleted_at.is_(None))
    .subquery("order_statistics_tickets")
)


class EventOrderStatistics(Base):
    __table__ = _orders
    __mapper_args__ = {"primary_key": [_orders.c.id]}


class EventGeneralStatistics(Base):
    __table__ = _general
    __mapper_args__ = {"primary_key": [_general.c.id]}


class TicketOrderStatistics(Base):
    """One per live ticket, its id the ticket's."""

    __table__ = _ticket_rows
    __mapper_args__ = {"primary_key": [_ticket_rows.c.id]}


def statistics_of(model: type[Any]) -> Any:
    """A function making the read-only parent (an event, a ticket) -> its `model` object
    (same id)."""

    def build(parent: type[Any]) -> Any:
        return relationship(
            model,
            primaryjoin=lambda: parent.id == foreign(model.id),
            uselist=False,
            viewonly=True,
        )

    return build
