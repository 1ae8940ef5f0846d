"""The rules of stations, check-ins and head counts, run inside the write transaction.

A check-in (`POST /v1/user-check-in`) names a station, an attendee (`ticket-holder`) and, at a
room's door, a session held in that room. The attendee must belong to the station's event,
hold a placed or completed order, and (restricted ticket) be scanned during the event's days.
An attendee is registered before anything else; each day they are registered once and counted
once at a daily station; at a session's door they go in, then out, then in again."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import inspect, select

from hallway.auth.policy import actor_of
from hallway.errors import ValidationFailed
from hallway.events.models import Event
from hallway.jsonapi import RequestContext
from hallway.orders.models import Attendee, Order
from hallway.orders.scans import EARLY
from hallway.program.models import Microlocation, Track
from hallway.sessions.models import Session
from hallway.stations.models import (
    CHECK_IN,
    CHECK_OUT,
    DAILY,
    REGISTRATION,
    ROOM_TYPES,
    Station,
    StationStorePax,
    UserCheckIn,
)
from hallway.tickets.models import Ticket

MESSAGES = {
    REGISTRATION: "Ticket register successful.",
    DAILY: "Daily check successful.",
    CHECK_IN: "Attendee check in successful.",
    CHECK_OUT: "Attendee check out successful.",
}
CHECKED_IN = ("placed", "completed")


def _refuse(message: str, relationship: str = "") -> ValidationFailed:
    pointer = f"/data/relationships/{relationship}" if relationship else "/data"
    return ValidationFailed(message, pointer=pointer)


# -- stations --------------------------------------------------------------------------------------
async def check_station(ctx: RequestContext, station: Station) -> None:
    """A station stays with its event; its room is one of that event's; a door station (check
    in, check out) has one."""
    moved = inspect(station).attrs.event_id.history
    if moved.deleted and moved.deleted[0] is not None:
        raise _refuse("a station stays with its event", "event")
    if station.microlocation_id is not None:
        room = await ctx.session.get(Microlocation, station.microlocation_id)
        if room is None or room.event_id != station.event_id:
            raise _refuse("the microlocation is not a room of this event", "microlocation")
    elif station.station_type in ROOM_TYPES:
        raise _refuse(f"a {station.station_type} station needs a microlocation", "microlocation")


# -- head counts -----------------------------------------------------------------------------------
async def _station(ctx: RequestContext, station_id: int) -> Station:
    station = await ctx.session.get(Station, station_id)
    assert station is not None  # the engine loaded it through the caller's scope
    return station


async def _session_of_event(ctx: RequestContext, session_id: int | None, event_id: int) -> Any:
    if session_id is None:
        return None
    session = await ctx.session.get(Session, session_id)
    if session is None or session.event_id != event_id:
        raise _refuse("the session is not one of the station's event", "session")
    return session


async def check_pax(ctx: RequestContext, pax: StationStorePax) -> None:
    station = await _station(ctx, pax.station_id)
    pax.event_id = station.event_id
    await _session_of_event(ctx, pax.session_id, station.event_id)


# -- check-ins -------------------------------------------------------------------------------------
async def _holder(ctx: RequestContext, attendee_id: int) -> Any:
    """The attendee (locked: two scans of one person are decided one after the other), their
    order's status and whether their ticket restricts check-in."""
    stmt = (
        select(Attendee, Order.status, Ticket.is_checkin_restricted)
        .join(Order, Order.id == Attendee.order_id)
        .join(Ticket, Ticket.id == Attendee.ticket_id)
        .where(Attendee.id == attendee_id)
        .with_for_update(of=Attendee)
    )
    return (await ctx.session.execute(stmt)).one()


async def check_in(ctx: RequestContext, record: UserCheckIn) -> None:
    station = await _station(ctx, record.station_id)
    attendee, status, restricted = await _holder(ctx, record.ticket_holder_id)
    if attendee.event_id != station.event_id or attendee.deleted_at is not None:
        raise _refuse("the attendee is not one of the station's event", "ticket-holder")
    if status not in CHECKED_IN:
        raise _refuse(f"the attendee's order is {status}", "ticket-holder")
    now = datetime.now(UTC)
    event = await ctx.session.get(Event, station.event_id)
    assert event is not None
    if restricted and not event.starts_at - EARLY <= now <= event.ends_at:
        raise _refuse("restricted ticket: checked in during the event's days only", "ticket-holder")
    session = await _door_session(ctx, station, record.session_id)
    if station.station_type != REGISTRATION and not attendee.is_registered:
        raise _refuse("the attendee is registered before checking in", "ticket-holder")
    day = now.date().isoformat()
    await _check_sequence(ctx, station.station_type, record, day)
    await _fill(ctx, record, station, session, day)
    record.created_at = now
    if station.station_type == REGISTRATION:
        stamp = now.isoformat(timespec="seconds")
        attendee.is_registered = True
        attendee.register_times = (
            stamp if not attendee.register_times else f"{attendee.register_times},{stamp}"
        )


async def _door_session(ctx: RequestContext, station: Station, session_id: int | None) -> Any:
    if station.station_type in ROOM_TYPES and session_id is None:
        raise _refuse(f"a {station.station_type} names the session", "session")
    session = await _session_of_event(ctx, session_id, station.event_id)
    if (
        session is not None
        and station.microlocation_id is not None
        and session.microlocation_id != station.microlocation_id
    ):
        raise _refuse("the session is not held in the station's room", "session")
    return session


async def _check_sequence(ctx: RequestContext, kind: str, record: UserCheckIn, day: str) -> None:
    """Once a day at registration and daily stations; in and out by turns at a session's door."""
    today = select(UserCheckIn.station_type).where(
        UserCheckIn.ticket_holder_id == record.ticket_holder_id, UserCheckIn.day == day
    )
    if kind in (REGISTRATION, DAILY):
        if await ctx.session.scalar(today.where(UserCheckIn.station_type == kind).limit(1)):
            raise _refuse(f"the attendee already passed a {kind} station today", "ticket-holder")
        return
    last = await ctx.session.scalar(
        today.where(
            UserCheckIn.station_type.in_(ROOM_TYPES),
            UserCheckIn.session_id == record.session_id,
        )
        .order_by(UserCheckIn.id.desc())
        .limit(1)
    )
    if kind == CHECK_IN and last == CHECK_IN:
        raise _refuse("the attendee is already checked in to this session", "ticket-holder")
    if kind == CHECK_OUT and last != CHECK_IN:
        raise _refuse("the attendee is not checked in to this session", "ticket-holder")


async def _fill(
    ctx: RequestContext, record: UserCheckIn, station: Station, session: Any, day: str
) -> None:
    actor = actor_of(ctx)
    record.event_id = station.event_id
    record.station_type = station.station_type
    record.message = MESSAGES[station.station_type]
    record.day = day
    record.user_id = None if actor is None else actor.id
    if session is not None:
        record.session_name = session.title[:300]
        if session.track_id is not None:
            track = await ctx.session.get(Track, session.track_id)
            record.track_name = None if track is None else track.name[:200]
        names = await ctx.session.run_sync(lambda _: [s.name for s in session.speakers])
        record.speaker_name = ", ".join(names)[:1000] or None
