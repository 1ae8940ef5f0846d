"""Who may see and change sessions, speakers and calls for speakers.

Everyone sees the accepted and confirmed sessions of published events, and the speakers of
those sessions (without their contact details); a speaker sees their own sessions and
speaker profiles whole; beyond that, sessions and speakers are read, changed and deleted as
the role-by-service matrix says (seeded: the event's owner, organizers and co-organizers, its
team), and by admins. Anyone signed in may propose a session or a speaker: as the event's
staff when the matrix lets one of their roles there create it (`creates_as_staff`), else as a
submission to the call for speakers, under its rules. A call for speakers is read with its
event; its secret link (`hash`) only by the team."""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any

from sqlalchemy import ColumnElement, and_, false, or_, select

from hallway.auth.policy import actor_of, caller, is_admin, is_self
from hallway.events.models import Event
from hallway.events.policy import of_readable_event
from hallway.jsonapi import Hidden, Policy, RequestContext, Rule, authenticated, one_of
from hallway.permissions.policy import role_may
from hallway.roles.policy import COORGANIZERS, ORGANIZERS, event_role, grants
from hallway.sessions.models import (
    PUBLIC_STATES,
    Session,
    Speaker,
    SpeakerInvite,
    speakers_sessions,
)

team = event_role(*COORGANIZERS)
manages = team | is_admin


def _published_events() -> Any:
    return select(Event.id).where(Event.state == "published", Event.deleted_at.is_(None))


async def _public_sessions(ctx: RequestContext, model: Any) -> ColumnElement[bool]:
    return and_(one_of(Session.state, PUBLIC_STATES), Session.event_id.in_(_published_events()))


def _sessions_spoken_by(user_id: int) -> Any:
    return (
        select(speakers_sessions.c.session_id)
        .join(Speaker, Speaker.id == speakers_sessions.c.speaker_id)
        .where(Speaker.user_id == user_id)
    )


async def _own_sessions(ctx: RequestContext, model: Any) -> ColumnElement[bool]:
    actor = actor_of(ctx)
    if actor is None:
        return false()
    return or_(Session.creator_id == actor.id, Session.id.in_(_sessions_spoken_by(actor.id)))


async def _invited_to(ctx: RequestContext, model: Any) -> ColumnElement[bool]:
    """Sessions the caller has a pending invite to speak at."""
    actor = actor_of(ctx)
    if actor is None:
        return false()
    invited = select(SpeakerInvite.session_id).where(
        SpeakerInvite.email == actor.email.lower(), SpeakerInvite.status == "pending"
    )
    return Session.id.in_(invited)


def _caller_and_address(ctx: RequestContext) -> Hashable:
    actor = actor_of(ctx)
    return None if actor is None else (actor.id, actor.email.lower())


public_session = Rule("public_session", scope=_public_sessions, kept_by=caller)
own_session = Rule("own_session", scope=_own_sessions, kept_by=caller)
invited_session = Rule("invited_session", scope=_invited_to, kept_by=_caller_and_address)
reads_session = (
    public_session | own_session | role_may("session", "read") | is_admin | invited_session
)
updates_session = role_may("session", "update") | is_admin

staff_creates_session = role_may("session", "create") | is_admin

session_policy = Policy(
    list=reads_session,
    view=reads_session,
    create=authenticated,
    update=own_session | updates_session,
    delete=role_may("session", "delete") | is_admin,
    trash=manages,
    relationships={
        "event": updates_session,
        "track": updates_session,
        "microlocation": updates_session,
        "session_type": updates_session,
        "speakers": own_session | updates_session,
        "exhibitors": updates_session,
    },
)


async def _public_speakers(ctx: RequestContext, model: Any) -> ColumnElement[bool]:
    public = select(speakers_sessions.c.speaker_id).join(
        Session, Session.id == speakers_sessions.c.session_id
    )
    public = public.where(
        one_of(Session.state, PUBLIC_STATES),
        Session.deleted_at.is_(None),
        Session.event_id.in_(_published_events()),
    )
    return Speaker.id.in_(public)


public_speaker = Rule("public_speaker", scope=_public_speakers, kept_by=caller)
own_speaker = is_self("user_id")
reads_speaker = public_speaker | own_speaker | role_may("speaker", "read") | is_admin
updates_speaker = role_may("speaker", "update") | is_admin

staff_creates_speaker = role_may("speaker", "create") | is_admin

speaker_policy = Policy(
    list=reads_speaker,
    view=reads_speaker,
    create=authenticated,
    update=own_speaker | updates_speaker,
    delete=role_may("speaker", "delete") | is_admin,
    trash=manages,
    relationships={
        "event": updates_speaker,
        "user": updates_speaker,
        "sessions": own_speaker | updates_speaker,
    },
)


async def _public_calls(ctx: RequestContext, model: Any) -> ColumnElement[bool]:
    clause: ColumnElement[bool] = model.privacy != "private"
    return clause


reads_call = of_readable_event()
# A private call is found through its event (its link stays secret), never in a list.
lists_call = (reads_call & (Rule("public_call", scope=_public_calls) | team)) | is_admin
speakers_call_policy = Policy(
    list=lists_call,
    view=reads_call,
    create=manages,
    update=manages,
    delete=manages,
    relationships={"event": manages},
)

SPEAKER_PRIVATE = frozenset(
    {
        "email",
        "mobile",
        "address",
        "gender",
        "heard_from",
        "sponsorship_required",
        "speaking_experience",
        "complex_field_values",
    }
)


async def managed_events(ctx: RequestContext) -> frozenset[int]:
    held = await grants(ctx)
    return frozenset(event_id for event_id, roles in held.items() if roles & set(COORGANIZERS))


async def is_team(ctx: RequestContext, event_id: int) -> bool:
    actor = actor_of(ctx)
    if actor is None:
        return False
    return actor.is_staff or event_id in await managed_events(ctx)


async def is_organizer(ctx: RequestContext, event_id: int) -> bool:
    """The event's owner or an organizer (not a co-organizer), or an admin."""
    actor = actor_of(ctx)
    if actor is None:
        return False
    held = (await grants(ctx)).get(event_id, frozenset())
    return actor.is_staff or bool(held & set(ORGANIZERS))


async def speaker_private(ctx: RequestContext) -> frozenset[str] | Hidden:
    """A speaker's contact details: for the speaker, the event's team and admins."""
    actor = actor_of(ctx)
    if actor is None:
        return SPEAKER_PRIVATE
    if actor.is_staff:
        return frozenset()
    managed = await managed_events(ctx)

    def sees(row: Any) -> bool:
        return row["user_id"] == actor.id or row["event_id"] in managed

    # The call for speakers page finds the caller's own profile by its address.
    rows = or_(Speaker.user_id == actor.id, Speaker.event_id.in_(sorted(managed)))
    return Hidden(SPEAKER_PRIVATE, exempt=sees, exempt_where=rows)


async def call_secret(ctx: RequestContext) -> frozenset[str] | Hidden:
    """The secret link of a private call: for the event's team and admins (a public call's
    link is no secret: the client compares it with the one in its address)."""
    actor = actor_of(ctx)
    if actor is not None and actor.is_staff:
        return frozenset()
    managed = await managed_events(ctx)

    def sees(row: Any) -> bool:
        return row["privacy"] != "private" or row["event_id"] in managed

    return Hidden(frozenset({"hash"}), exempt=sees)
