"""What follows a submission: the event's owner and organizers hear of each session sent in
for review (a mail through the outbox and an in-app notification), and pending sessions of
events that have ended are rejected by a periodic job."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from hallway.config import Settings
from hallway.events.models import Event
from hallway.jsonapi import RequestContext
from hallway.mail import queue_mail
from hallway.notifications.models import Notification
from hallway.roles.models import Role, UsersEventsRoles
from hallway.roles.policy import ORGANIZERS
from hallway.sessions.models import PENDING, REJECTED, Session
from hallway.users.models import User


def _organizers(event_id: int) -> Any:
    return (
        select(User.id, User.email)
        .join(UsersEventsRoles, UsersEventsRoles.user_id == User.id)
        .join(Role, Role.id == UsersEventsRoles.role_id)
        .where(UsersEventsRoles.event_id == event_id, Role.name.in_(ORGANIZERS))
        .order_by(User.id)
    )


async def announce_submission(ctx: RequestContext, session: Session) -> None:
    """The "new session" mail to the event's owner and organizers, for a session that is
    pending review (sent in new, or moved there from a draft)."""
    if session.state != PENDING:
        return
    event = await ctx.session.get(Event, session.event_id)
    assert event is not None
    assert ctx.request is not None
    settings: Settings = ctx.request.app.state.settings
    creator = (
        None if session.creator_id is None else await ctx.session.get(User, session.creator_id)
    )
    frontend = settings.frontend_url.rstrip("/")
    context = {
        "app_name": settings.app_name,
        "event_name": event.name,
        "session_title": session.title,
        "submitter": _name_of(creator),
        "review_url": f"{frontend}/events/{event.identifier}/sessions/pending",
    }
    found = (await ctx.session.execute(_organizers(session.event_id))).all()
    for address in dict.fromkeys(row.email.strip().lower() for row in found if row.email):
        await queue_mail(ctx.session, to=address, template="new_session", context=context)
    ctx.session.add_all(
        _new_session_notice(user_id, event, session, creator, context["review_url"])
        for user_id in dict.fromkeys(row.id for row in found)
    )
    await ctx.session.flush()


def _new_session_notice(
    user_id: int, event: Event, session: Session, creator: User | None, review_url: str
) -> Notification:
    return Notification(
        user_id=user_id,
        title=f"New session proposal for {event.name}",
        message=f"{_name_of(creator)} proposed the session “{session.title}”.",
        actions=[{"action": "Review", "link": review_url}],
        content={
            "type": "new-session",
            "target-type": "session",
            "target-id": session.id,
            "target-action": "created",
            "actors": [] if creator is None else [{"id": creator.id}],
        },
    )


def _name_of(user: User | None) -> str:
    if user is None:
        return "A speaker"
    full = " ".join(part for part in (user.first_name, user.last_name) if part)
    return full or user.public_name or user.email


async def reject_pending_of_ended_events(session: AsyncSession, now: datetime | None = None) -> int:
    """Pending sessions of events that have ended are rejected (no mail goes out: nobody
    decided it); the number rejected."""
    ended = select(Event.id).where(Event.ends_at < (now or datetime.now(UTC)))
    result = await session.execute(
        update(Session)
        .where(Session.state == PENDING, Session.deleted_at.is_(None), Session.event_id.in_(ended))
        .values(state=REJECTED, last_modified_at=now or datetime.now(UTC))
        .execution_options(synchronize_session=False)
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]
