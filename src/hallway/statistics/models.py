"""One statistics object per live event (its id the event's) and per live ticket (its id the
ticket's): read-only classes mapped onto selects of the events and tickets tables with their
order figures (figures.py), so the engine serves them like any resource.

The program's figures (general statistics: sessions by state, speakers, sponsors) are
counted in SQL with each row."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, and_, func, select
from sqlalchemy.orm import column_property, foreign, relationship

from hallway.db import Base
from hallway.events.models import Event
from hallway.sessions.models import Session, Speaker, speakers_sessions
from hallway.sponsors.models import Sponsor
from hallway.statistics.figures import (
    figure_columns,
    order_figures,
    orders_of_tickets,
    ticket_figures,
)
from hallway.tickets.models import Ticket

_events = Event.__table__
_tickets = Ticket.__table__
_live = select(_events.c.id, _events.c.identifier).where(_events.c.deleted_at.is_(None))

_event_orders = order_figures("event_id")
_event_tickets = ticket_figures("event_id")
_on_sale = (
    select(_tickets.c.event_id.label("key"), func.sum(_tickets.c.quantity).label("tickets_max"))
    .where(_tickets.c.deleted_at.is_(None))
    .group_by(_tickets.c.event_id)
    .subquery("tickets_on_sale")
)
_orders = (
    select(
        _events.c.id,
        _events.c.identifier,
        *figure_columns(_event_orders, ("orders", "sales")),
        *figure_columns(_event_tickets, ("tickets",)),
        func.coalesce(_on_sale.c.tickets_max, 0).label("tickets_max"),
    )
    .select_from(
        _events.outerjoin(_event_orders, _event_orders.c.key == _events.c.id)
        .outerjoin(_event_tickets, _event_tickets.c.key == _events.c.id)
        .outerjoin(_on_sale, _on_sale.c.key == _events.c.id)
    )
    .where(_events.c.deleted_at.is_(None))
    .subquery("order_statistics_events")
)
_general = _live.subquery("general_statistics_events")

_ticket_orders = orders_of_tickets()
_ticket_tickets = ticket_figures("ticket_id")
_ticket_rows = (
    select(
        _tickets.c.id,
        _tickets.c.event_id,
        _tickets.c.quantity,
        *figure_columns(_ticket_orders, ("orders", "sales")),
        *figure_columns(_ticket_tickets, ("tickets",)),
    )
    .select_from(
        _tickets.outerjoin(_ticket_orders, _ticket_orders.c.key == _tickets.c.id).outerjoin(
            _ticket_tickets, _ticket_tickets.c.key == _tickets.c.id
        )
    )
    .where(_tickets.c.deleted_at.is_(None))
    .subquery("order_statistics_tickets")
)


class EventOrderStatistics(Base):
    __table__ = _orders
    __mapper_args__ = {"primary_key": [_orders.c.id]}


def _count(model: Any, *where: ColumnElement[bool]) -> Any:
    return column_property(
        select(func.count(model.id))
        .where(model.event_id == _general.c.id, *where)
        .correlate_except(model)
        .scalar_subquery()
    )


def _sessions(*states: str) -> Any:
    live = Session.deleted_at.is_(None)
    return _count(Session, and_(live, Session.state.in_(states)) if states else live)


_live_speaker = Speaker.deleted_at.is_(None)
_speaking = select(speakers_sessions.c.speaker_id).join(
    Session, and_(Session.id == speakers_sessions.c.session_id, Session.deleted_at.is_(None))
)


class EventGeneralStatistics(Base):
    __table__ = _general
    __mapper_args__ = {"primary_key": [_general.c.id]}

    sessions = _sessions()
    sessions_draft = _sessions("draft")
    # Submitted: every session past its draft.
    sessions_submitted = _sessions(
        "pending", "accepted", "confirmed", "rejected", "canceled", "withdrawn"
    )
    sessions_pending = _sessions("pending")
    sessions_accepted = _sessions("accepted")
    sessions_confirmed = _sessions("confirmed")
    sessions_rejected = _sessions("rejected")
    sessions_canceled = _sessions("canceled")
    sessions_withdrawn = _sessions("withdrawn")
    speakers = _count(Speaker, _live_speaker)
    speaker_without_session = _count(Speaker, _live_speaker, Speaker.id.not_in(_speaking))
    sponsors = _count(Sponsor, Sponsor.deleted_at.is_(None))


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
