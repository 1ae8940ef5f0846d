"""The rules of sessions beyond plain CRUD: who submits, when, in which state; the state
machine; locked sessions; what a session may link to; the state mails."""

from __future__ import annotations

import secrets
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import inspect, select

from hallway.auth.policy import actor_of
from hallway.errors import Forbidden, ObjectNotFound, ValidationFailed
from hallway.events.models import Event
from hallway.events.service import find_visible_event
from hallway.forms.answers import check_answers
from hallway.jsonapi import RequestContext
from hallway.program.models import Microlocation, SessionType, Track
from hallway.sessions.mails import MAILS, send_state_mail
from hallway.sessions.models import DRAFT, PENDING, Session, Speaker, SpeakersCall
from hallway.sessions.policy import (
    is_organizer,
    is_team,
    own_session,
    reads_session,
    staff_creates_session,
)
from hallway.sessions.schemas import Notice
from hallway.sessions.states import SPEAKER_INITIAL, may_move
from hallway.sessions.submissions import announce_submission

STATE = "/data/attributes/state"
_SEND = "_send_email"


def utcnow() -> datetime:
    return datetime.now(UTC)


async def build_session(ctx: RequestContext, values: dict[str, Any]) -> Session:
    send = values.pop("send_email", False)
    session = Session(**values)
    setattr(session, _SEND, bool(send))
    return session


async def apply_session(ctx: RequestContext, session: Session, values: dict[str, Any]) -> None:
    setattr(session, _SEND, bool(values.pop("send_email", False)))
    for name, value in values.items():
        setattr(session, name, value)


async def check_call_open(ctx: RequestContext, event_id: int) -> None:
    """Outside the event's team, submissions need the call for speakers open now (between
    its start and its end) on an event that takes sessions and speakers."""
    event = await ctx.session.get(Event, event_id)
    assert event is not None
    call = await ctx.session.scalar(select(SpeakersCall).where(SpeakersCall.event_id == event_id))
    now = utcnow()
    if not event.is_sessions_speakers_enabled or call is None:
        raise Forbidden("This event takes no sessions or speakers")
    if now < call.starts_at or now > call.ends_at:
        raise Forbidden("The call for speakers of this event is not open")
    if call.privacy == "private" and not await _admitted(ctx, call):
        raise Forbidden(
            "This call for speakers is private: submit through its link (its hash)",
            parameter="hash",
        )


async def _admitted(ctx: RequestContext, call: SpeakersCall) -> bool:
    """A private call takes submissions that give its secret (`?hash=`, the last part of
    its link), and those of a caller who already speaks at the event."""
    given = ctx.request.query_params.get("hash", "") if ctx.request is not None else ""
    if given and call.hash and secrets.compare_digest(given.encode(), call.hash.encode()):
        return True
    actor = actor_of(ctx)
    if actor is None:
        return False
    known = select(Speaker.id).where(
        Speaker.event_id == call.event_id, Speaker.user_id == actor.id, Speaker.deleted_at.is_(None)
    )
    return await ctx.session.scalar(known.limit(1)) is not None


async def prepare_session(ctx: RequestContext, session: Session) -> None:
    """A new session: its creator is the caller. Created as staff when the role-by-service
    matrix lets one of the caller's roles on the event create sessions (or by an admin);
    otherwise it is a submission: the call must be open, the session a draft or pending,
    unlocked, and its speakers the caller's own."""
    actor = actor_of(ctx)
    assert actor is not None
    session.creator_id = actor.id
    team = await staff_creates_session.allows(ctx, session)
    if not team:
        await check_call_open(ctx, session.event_id)
        if session.state not in SPEAKER_INITIAL:
            raise Forbidden("A new session is a draft or pending review", pointer=STATE)
        if session.is_locked:
            raise Forbidden(
                "Only the event's team locks sessions", pointer="/data/attributes/is-locked"
            )
    await _check_links(ctx, session, team=team)
    await check_answers(ctx.session, "session", session)
    if session.state == PENDING:
        session.submitted_at = utcnow()
    await _maybe_mail(ctx, session, changed=True)


async def check_session_change(ctx: RequestContext, session: Session) -> None:
    """A change: a locked session (or its lock) is the team's; the state moves only along
    the caller's transition table; links stay within the event; mails when asked."""
    attrs = inspect(session).attrs
    stay_in_event(attrs, session.event_id)
    team = await is_team(ctx, session.event_id)
    was_locked = _old(attrs.is_locked.history, session.is_locked)
    if not team and (was_locked or session.is_locked != was_locked):
        raise Forbidden(
            "This session is locked: only the event's team may change it",
            pointer="/data/attributes/is-locked",
        )
    old_state = _old(attrs.state.history, session.state)
    changed = old_state != session.state
    if changed:
        speaker = await own_session.allows(ctx, session)
        if not may_move(old_state, session.state, team=team, speaker=speaker):
            raise Forbidden(
                f"A session cannot be moved from {old_state} to {session.state} by you",
                pointer=STATE,
            )
        if session.state == PENDING:
            session.submitted_at = utcnow()
    await _check_links(ctx, session, team=team)
    await _check_answers_changed(ctx, session, attrs)
    if changed and old_state == DRAFT:
        await announce_submission(ctx, session)
    session.last_modified_at = utcnow()
    await _maybe_mail(ctx, session, changed=changed)


async def _check_answers_changed(ctx: RequestContext, session: Session, attrs: Any) -> None:
    """A change is checked against the event's session form as a submission is, except
    that the event's organizers may change a session without touching its answers."""
    touched = attrs.complex_field_values.history.has_changes()
    if not touched and await is_organizer(ctx, session.event_id):
        return
    await check_answers(ctx.session, "session", session)


def stay_in_event(attrs: Any, event_id: int) -> None:
    """Sessions and speakers stay in the event they were made for."""
    if _old(attrs.event_id.history, event_id) != event_id:
        raise ValidationFailed(
            "this cannot move to another event", pointer="/data/relationships/event"
        )


def _old(history: Any, current: Any) -> Any:
    return history.deleted[0] if history.deleted else current


async def _maybe_mail(ctx: RequestContext, session: Session, *, changed: bool) -> None:
    if getattr(session, _SEND, False) and changed and session.state in MAILS:
        await ctx.session.flush()
        await send_state_mail(ctx, session)


async def _check_links(ctx: RequestContext, session: Session, *, team: bool) -> None:
    if session.starts_at and session.ends_at and session.starts_at > session.ends_at:
        raise ValidationFailed("a session ends after it starts", pointer="/data/attributes/ends-at")
    for column, model, wire in (
        (session.track_id, Track, "track"),
        (session.microlocation_id, Microlocation, "microlocation"),
        (session.session_type_id, SessionType, "session-type"),
    ):
        if column is not None:
            event_id = await ctx.session.scalar(select(model.event_id).where(model.id == column))
            if event_id != session.event_id:
                raise ValidationFailed(
                    f"the {wire} belongs to another event", pointer=f"/data/relationships/{wire}"
                )
    speakers: list[Speaker] = await ctx.session.run_sync(lambda _: list(session.speakers))
    actor = actor_of(ctx)
    for speaker in speakers:
        if speaker.event_id != session.event_id:
            raise ValidationFailed(
                "a speaker belongs to another event", pointer="/data/relationships/speakers"
            )
    added = inspect(session).attrs.speakers.history.added
    if not team and any(actor is None or s.user_id != actor.id for s in added):
        raise Forbidden(
            "You may add only your own speaker profiles", pointer="/data/relationships/speakers"
        )
    await _check_exhibitors(ctx, session, team=team)


async def _check_exhibitors(ctx: RequestContext, session: Session, *, team: bool) -> None:
    """Only the event's team links exhibitors to a session, and only the event's own."""
    if not team and inspect(session).attrs.exhibitors.history.has_changes():
        raise Forbidden(
            "Only the event's team links exhibitors", pointer="/data/relationships/exhibitors"
        )
    exhibitors = await ctx.session.run_sync(lambda _: list(session.exhibitors))
    if any(exhibitor.event_id != session.event_id for exhibitor in exhibitors):
        raise ValidationFailed(
            "an exhibitor belongs to another event", pointer="/data/relationships/exhibitors"
        )


# -- custom routes ---------------------------------------------------------------------------


async def _visible_sessions(ctx: RequestContext, event_id: int) -> Any:
    scope = await reads_session.scope(ctx, Session)
    return select(Session).where(Session.event_id == event_id, Session.deleted_at.is_(None), scope)


async def session_dates(ctx: RequestContext, key: str) -> list[str]:
    """The days (in the event's time zone) on which sessions the caller may see start."""
    event_id = await find_visible_event(ctx, key)
    event = await ctx.session.get(Event, event_id)
    assert event is not None
    zone = _zone(event.timezone)
    stmt = (await _visible_sessions(ctx, event_id)).where(Session.starts_at.is_not(None))
    starts = await ctx.session.scalars(stmt.with_only_columns(Session.starts_at).distinct())
    return sorted({start.astimezone(zone).date().isoformat() for start in starts if start})


async def session_languages(ctx: RequestContext, key: str) -> list[str]:
    """The languages of the sessions the caller may see."""
    event_id = await find_visible_event(ctx, key)
    stmt = (await _visible_sessions(ctx, event_id)).where(Session.language.is_not(None))
    found = await ctx.session.scalars(stmt.with_only_columns(Session.language).distinct())
    return sorted({language for language in found if language})


def _zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


async def notify(ctx: RequestContext, session_id: str, notice: Notice) -> dict[str, bool]:
    """The mail of the session's state again, to its speakers and the event's owner (and
    `bcc`), its subject or message replaced when given; the event's team only."""
    number = int(session_id) if session_id.isdigit() and len(session_id) < 10 else None
    session = await ctx.session.get(Session, number) if number else None
    if session is None or session.deleted_at is not None:
        raise ObjectNotFound(f"session {session_id!r} not found")
    if not await is_team(ctx, session.event_id):
        if await reads_session.allows(ctx, session):
            raise Forbidden("Only the event's team may send mails about this session")
        raise ObjectNotFound(f"session {session_id!r} not found")
    await send_state_mail(
        ctx, session, subject=notice.subject, message=notice.message, bcc=tuple(notice.bcc)
    )
    return {"success": True}
