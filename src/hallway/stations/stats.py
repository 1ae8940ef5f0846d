"""`GET /v1/user-check-in/stats/event/{id}?session_ids=&track_ids=`: an event's check-in
figures, for its staff, in plain JSON as the Open Event check-in app reads them.

Attendees count when their order is placed or completed; `total_registered` are those
registered at a registration station, `total_not_checked_in` the others. Check-ins and
check-outs are the passes recorded at the door stations, per asked session and per asked
track; `manual_count` is each station's latest head count for the session. A fixed number
of statements, whatever the number of sessions and tracks asked for."""

from __future__ import annotations

from typing import Any

from sqlalchemy import case, func, select

from hallway.errors import Forbidden
from hallway.events.service import find_visible_event
from hallway.jsonapi import RequestContext
from hallway.orders.models import Attendee, Order
from hallway.orders.policy import STAFF_ROLES, holds
from hallway.program.models import Track
from hallway.sessions.models import Session, Speaker, speakers_sessions
from hallway.stations.models import CHECK_IN, CHECK_OUT, StationStorePax, UserCheckIn

Counts = dict[int, dict[str, int]]


async def event_stats(
    ctx: RequestContext, event_key: str, session_ids: list[int], track_ids: list[int]
) -> dict[str, Any]:
    event_id = await find_visible_event(ctx, event_key)
    if not await holds(ctx, event_id, STAFF_ROLES):
        raise Forbidden("Only the event's staff read its check-in figures")
    total, registered = await _attendees(ctx, event_id)
    sessions = await _sessions(ctx, event_id, session_ids) if session_ids else []
    tracks = await _tracks(ctx, event_id, track_ids) if track_ids else []
    return {
        "total_attendee": total,
        "total_registered": registered,
        "total_not_checked_in": total - registered,
        "total_session_checked_in": sum(s["check_in"] for s in sessions),
        "total_session_checked_out": sum(s["check_out"] for s in sessions),
        "total_track_checked_in": sum(t["check_in"] for t in tracks),
        "total_track_checked_out": sum(t["check_out"] for t in tracks),
        "session_stats": sessions,
        "track_stats": tracks,
    }


async def _attendees(ctx: RequestContext, event_id: int) -> tuple[int, int]:
    stmt = (
        select(
            func.count(Attendee.id),
            func.coalesce(func.sum(case((Attendee.is_registered.is_(True), 1), else_=0)), 0),
        )
        .join(Order, Order.id == Attendee.order_id)
        .where(
            Attendee.event_id == event_id,
            Attendee.deleted_at.is_(None),
            Order.status.in_(("placed", "completed")),
        )
    )
    total, registered = (await ctx.session.execute(stmt)).one()
    return int(total), int(registered)


def _passes(group: Any, event_id: int, where: Any) -> Any:
    return (
        select(group, UserCheckIn.station_type, func.count(UserCheckIn.id))
        .where(
            UserCheckIn.event_id == event_id,
            UserCheckIn.station_type.in_((CHECK_IN, CHECK_OUT)),
            where,
        )
        .group_by(group, UserCheckIn.station_type)
    )


async def _counted(ctx: RequestContext, stmt: Any) -> Counts:
    counts: Counts = {}
    for key, kind, number in await ctx.session.execute(stmt):
        counts.setdefault(key, {})[kind] = int(number)
    return counts


async def _sessions(ctx: RequestContext, event_id: int, ids: list[int]) -> list[dict[str, Any]]:
    rows = await ctx.session.execute(
        select(Session.id, Session.title, Track.name)
        .outerjoin(Track, Track.id == Session.track_id)
        .where(Session.event_id == event_id, Session.id.in_(ids), Session.deleted_at.is_(None))
        .order_by(Session.id)
    )
    passes = await _counted(
        ctx, _passes(UserCheckIn.session_id, event_id, UserCheckIn.session_id.in_(ids))
    )
    speakers: dict[int, list[str]] = {}
    for session_id, name in await ctx.session.execute(
        select(speakers_sessions.c.session_id, Speaker.name)
        .join(Speaker, Speaker.id == speakers_sessions.c.speaker_id)
        .where(speakers_sessions.c.session_id.in_(ids))
        .order_by(Speaker.id)
    ):
        speakers.setdefault(session_id, []).append(name)
    manual: dict[int | None, dict[str, int]] = {}
    for station_id, session_id, pax in await ctx.session.execute(
        select(StationStorePax.station_id, StationStorePax.session_id, StationStorePax.current_pax)
        .where(StationStorePax.event_id == event_id, StationStorePax.session_id.in_(ids))
        .order_by(StationStorePax.modified_at, StationStorePax.id)
    ):
        manual.setdefault(session_id, {})[str(station_id)] = pax
    return [
        {
            "session_id": str(session_id),
            "session_name": title,
            "track_name": track,
            "speakers": speakers.get(session_id, []),
            "check_in": passes.get(session_id, {}).get(CHECK_IN, 0),
            "check_out": passes.get(session_id, {}).get(CHECK_OUT, 0),
            "manual_count": manual.get(session_id, {}),
        }
        for session_id, title, track in rows
    ]


async def _tracks(ctx: RequestContext, event_id: int, ids: list[int]) -> list[dict[str, Any]]:
    rows = await ctx.session.execute(
        select(Track.id, Track.name)
        .where(Track.event_id == event_id, Track.id.in_(ids))
        .order_by(Track.id)
    )
    stmt = (
        select(Session.track_id, UserCheckIn.station_type, func.count(UserCheckIn.id))
        .join(Session, Session.id == UserCheckIn.session_id)
        .where(
            UserCheckIn.event_id == event_id,
            UserCheckIn.station_type.in_((CHECK_IN, CHECK_OUT)),
            Session.track_id.in_(ids),
        )
        .group_by(Session.track_id, UserCheckIn.station_type)
    )
    passes = await _counted(ctx, stmt)
    return [
        {
            "track_id": str(track_id),
            "track_name": name,
            "check_in": passes.get(track_id, {}).get(CHECK_IN, 0),
            "check_out": passes.get(track_id, {}).get(CHECK_OUT, 0),
        }
        for track_id, name in rows
    ]
