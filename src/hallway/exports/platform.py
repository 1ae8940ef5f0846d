"""The CSV tables that are not one event's lists: the admin's sales per event, a group's
followers, and an event's check-ins at its stations."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import case, func, select

from hallway.events.models import Event
from hallway.exports.tables import Table
from hallway.groups.models import UserFollowGroup
from hallway.orders.models import Attendee, Order
from hallway.roles.models import Role, UsersEventsRoles
from hallway.stations.models import Station, UserCheckIn
from hallway.tickets.models import Ticket
from hallway.users.models import User

SALES_STATUSES = ("completed", "placed", "pending")
EVENT_STATES = ("all", "live", "past")


def _sums() -> list[Any]:
    return [
        func.coalesce(func.sum(case((Order.status == status, value), else_=0)), 0)
        for status in SALES_STATUSES
        for value in (Order.quantity, Order.amount)
    ]


def _owner_email() -> Any:
    return (
        select(User.email)
        .join(UsersEventsRoles, UsersEventsRoles.user_id == User.id)
        .join(Role, Role.id == UsersEventsRoles.role_id)
        .where(UsersEventsRoles.event_id == Event.id, Role.name == "owner")
        .limit(1)
        .correlate(Event)
        .scalar_subquery()
    )


async def admin_sales(session: Any, options: str | None) -> Table:
    """One row per live (not deleted) event: its tickets and sales by order status. `options`
    is `live` (not ended yet), `past` (ended) or `all`."""
    query = (
        select(Event.name, Event.identifier, _owner_email(), Event.starts_at, Event.ends_at,
               Event.payment_currency, *_sums())
        .outerjoin(Order, Order.event_id == Event.id)
        .where(Event.deleted_at.is_(None))
        .group_by(Event.id)
        .order_by(Event.id)
    )  # fmt: skip
    now = datetime.now(UTC)
    if options == "live":
        query = query.where(Event.ends_at > now)
    elif options == "past":
        query = query.where(Event.ends_at < now)
    headers = ["Event", "Identifier", "Owner email", "Starts at", "Ends at", "Currency"] + [
        f"{status.capitalize()} {kind}"
        for status in SALES_STATUSES
        for kind in ("tickets", "sales")
    ]
    return Table(headers, [list(row) for row in await session.execute(query)])


async def group_followers(session: Any, options: str | None) -> Table:
    group_id = int(json.loads(options or "{}")["group_id"])
    query = (
        select(User.public_name, User.first_name, User.last_name, User.email,
               UserFollowGroup.created_at)
        .join(User, User.id == UserFollowGroup.user_id)
        .where(UserFollowGroup.group_id == group_id, User.deleted_at.is_(None))
        .order_by(UserFollowGroup.id)
    )  # fmt: skip
    headers = ["Public name", "First name", "Last name", "Email", "Following since"]
    return Table(headers, [list(row) for row in await session.execute(query)])


async def user_check_ins(session: Any, event_id: int, options: str | None) -> Table:
    """The event's check-ins, oldest first; `options` may name a `session_id` or a `date`."""
    wanted = json.loads(options or "{}")
    query = (
        select(Attendee.firstname, Attendee.lastname, Attendee.email, Ticket.name,
               Station.station_name, UserCheckIn.station_type, UserCheckIn.session_name,
               UserCheckIn.track_name, UserCheckIn.speaker_name, UserCheckIn.day,
               UserCheckIn.created_at, UserCheckIn.message)
        .join(Attendee, Attendee.id == UserCheckIn.ticket_holder_id)
        .join(Ticket, Ticket.id == Attendee.ticket_id)
        .join(Station, Station.id == UserCheckIn.station_id)
        .where(UserCheckIn.event_id == event_id)
        .order_by(UserCheckIn.id)
    )  # fmt: skip
    if wanted.get("session_id") is not None:
        query = query.where(UserCheckIn.session_id == wanted["session_id"])
    if wanted.get("date"):
        query = query.where(UserCheckIn.day == wanted["date"])
    headers = ["First name", "Last name", "Email", "Ticket", "Station", "Station type",
               "Session", "Track", "Speakers", "Day", "Checked at", "Result"]  # fmt: skip
    return Table(headers, [list(row) for row in await session.execute(query)])
