"""What an event's published schedule holds, read once for every export, and the sessions
that overlap in one room.

A session is on the published schedule when the event is published, its schedule is
published (`schedule-published-on` set), the session is accepted or confirmed, not deleted,
and has a start, an end and a room. Speakers appear by name only: no export carries an
e-mail address or any other private field."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import and_, select
from sqlalchemy.orm import aliased

from hallway.errors import Forbidden, ObjectNotFound
from hallway.events.models import Event
from hallway.events.service import find_visible_event
from hallway.jsonapi import RequestContext
from hallway.program.models import Microlocation, SessionType, Track
from hallway.sessions.models import PUBLIC_STATES, Session, Speaker, speakers_sessions
from hallway.sessions.policy import is_team


@dataclass
class Slot:
    """One scheduled session, as the exports show it."""

    id: int
    title: str
    subtitle: str | None
    abstract: str | None
    language: str | None
    starts_at: datetime
    ends_at: datetime
    room: str
    track: str | None
    kind: str | None
    speakers: list[tuple[int, str]] = field(default_factory=list)


@dataclass
class Schedule:
    event: Event
    slots: list[Slot]

    @property
    def zone(self) -> ZoneInfo:
        """The event's time zone (UTC when its name is unknown here)."""
        try:
            return ZoneInfo(self.event.timezone)
        except (ZoneInfoNotFoundError, ValueError):
            return ZoneInfo("UTC")


def is_published(event: Event) -> bool:
    return event.state == "published" and event.schedule_published_on is not None


async def published_event(ctx: RequestContext, key: str) -> Event:
    """The event `key` names when the caller may see it and its schedule is published."""
    event = await ctx.session.get(Event, await find_visible_event(ctx, key))
    assert event is not None
    if not is_published(event):
        raise ObjectNotFound(f"event {key!r} has no published schedule")
    return event


def _scheduled(event_id: int) -> Any:
    return and_(
        Session.event_id == event_id,
        Session.deleted_at.is_(None),
        Session.state.in_(PUBLIC_STATES),
        Session.starts_at.is_not(None),
        Session.ends_at.is_not(None),
        Session.microlocation_id.is_not(None),
    )


async def schedule_of(ctx: RequestContext, event: Event) -> Schedule:
    """Every scheduled session of the event, by start and room, with its speakers' names."""
    stmt = (
        select(
            Session.id,
            Session.title,
            Session.subtitle,
            Session.short_abstract,
            Session.language,
            Session.starts_at,
            Session.ends_at,
            Microlocation.name,
            Track.name,
            SessionType.name,
        )
        .join(Microlocation, Microlocation.id == Session.microlocation_id)
        .outerjoin(Track, Track.id == Session.track_id)
        .outerjoin(SessionType, SessionType.id == Session.session_type_id)
        .where(_scheduled(event.id))
        .order_by(Session.starts_at, Microlocation.position, Microlocation.id, Session.id)
    )
    slots = [Slot(*row) for row in await ctx.session.execute(stmt)]  # type: ignore[arg-type]
    by_id = {slot.id: slot for slot in slots}
    if by_id:
        names = (
            select(speakers_sessions.c.session_id, Speaker.id, Speaker.name)
            .join(Speaker, Speaker.id == speakers_sessions.c.speaker_id)
            .where(speakers_sessions.c.session_id.in_(list(by_id)), Speaker.deleted_at.is_(None))
            .order_by(Speaker.id)
        )
        for session_id, speaker_id, name in await ctx.session.execute(names):
            by_id[session_id].speakers.append((speaker_id, name))
    return Schedule(event, slots)


async def overlaps(ctx: RequestContext, key: str) -> list[dict[str, Any]]:
    """Pairs of accepted or confirmed sessions whose times overlap in one room: allowed, and
    listed for the event's team to look at (published schedule or not)."""
    event_id = await find_visible_event(ctx, key)
    if not await is_team(ctx, event_id):
        raise Forbidden("Only the event's organizers see the overlapping sessions")
    other = aliased(Session)
    stmt = (
        select(
            Session.microlocation_id,
            Session.id,
            other.id,
            Session.starts_at,
            Session.ends_at,
            other.starts_at,
            other.ends_at,
        )
        .join(
            other,
            and_(
                other.microlocation_id == Session.microlocation_id,
                other.id > Session.id,
                other.event_id == event_id,
                other.deleted_at.is_(None),
                other.state.in_(PUBLIC_STATES),
                other.starts_at < Session.ends_at,
                Session.starts_at < other.ends_at,
            ),
        )
        .where(_scheduled(event_id))
        .order_by(Session.starts_at, Session.id, other.id)
    )
    return [_overlap(*row) for row in await ctx.session.execute(stmt)]


def _overlap(
    room: Any, first: int, second: int, a_start: Any, a_end: Any, b_start: Any, b_end: Any
) -> dict[str, Any]:
    return {
        "microlocation": str(room),
        "sessions": [str(first), str(second)],
        "starts-at": max(a_start, b_start).isoformat(),
        "ends-at": min(a_end, b_end).isoformat(),
    }
