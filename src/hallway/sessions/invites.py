"""Speaker invites: a session's speaker (or the event's team) invites a co-speaker by
address; the invitee, signed in with that address, accepts (becoming one of the session's
speakers) or rejects. The invite mail goes through the outbox."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, exists, false, func, select

from hallway.auth.policy import actor_of, is_admin
from hallway.config import Settings
from hallway.errors import Conflict, Forbidden, ObjectNotFound, ValidationFailed
from hallway.events.models import Event
from hallway.jsonapi import Policy, RequestContext, Rule, authenticated
from hallway.mail import InvalidRecipient, queue_mail
from hallway.roles.policy import COORGANIZERS, event_role
from hallway.sessions.models import Session, Speaker, SpeakerInvite, speakers_sessions
from hallway.sessions.policy import is_team, own_session

PENDING, ACCEPTED, REJECTED = "pending", "accepted", "rejected"
EMAIL = "/data/attributes/email"


def _spoken_by(user_id: int) -> Any:
    return (
        select(Session.id)
        .where(Session.deleted_at.is_(None))
        .where(
            (Session.creator_id == user_id)
            | Session.id.in_(
                select(speakers_sessions.c.session_id)
                .join(Speaker, Speaker.id == speakers_sessions.c.speaker_id)
                .where(Speaker.user_id == user_id)
            )
        )
    )


async def _inviter_or_invitee(ctx: RequestContext, model: Any) -> ColumnElement[bool]:
    actor = actor_of(ctx)
    if actor is None:
        return false()
    return SpeakerInvite.session_id.in_(_spoken_by(actor.id)) | (
        func.lower(SpeakerInvite.email) == actor.email.lower()
    )


async def _invites_of_own_session(ctx: RequestContext, model: Any) -> ColumnElement[bool]:
    actor = actor_of(ctx)
    if actor is None:
        return false()
    return SpeakerInvite.session_id.in_(_spoken_by(actor.id))


team = event_role(*COORGANIZERS) | is_admin
reads_invite = Rule("inviter_or_invitee", scope=_inviter_or_invitee) | team
speaker_invite_policy = Policy(
    list=reads_invite,
    view=reads_invite,
    create=authenticated,
    delete=Rule("inviter", scope=_invites_of_own_session) | team,
    relationships={"session": team, "event": team},
)


async def prepare_invite(ctx: RequestContext, invite: SpeakerInvite) -> None:
    """The inviter speaks at the session (or is of the event's team); one pending invite per
    address and session; the event is the session's."""
    session = await ctx.session.get(Session, invite.session_id)
    if session is None:
        raise ValidationFailed("an invite needs its session", pointer="/data/relationships/session")
    invite.event_id, invite.status = session.event_id, PENDING
    invite.email = invite.email.strip().lower()
    if not await is_team(ctx, session.event_id) and not await own_session.allows(ctx, session):
        raise Forbidden("Only the session's speakers invite co-speakers")
    taken = await ctx.session.scalar(
        select(
            exists().where(
                SpeakerInvite.session_id == session.id,
                SpeakerInvite.email == invite.email,
                SpeakerInvite.status == PENDING,
            )
        )
    )
    if taken:
        raise Conflict("This address already has a pending invite to this session", pointer=EMAIL)


async def mail_invite(ctx: RequestContext, invite: SpeakerInvite) -> None:
    """After the insert (the link names the invite): the mail to the invitee."""
    session = await ctx.session.get(Session, invite.session_id)
    assert session is not None
    assert ctx.request is not None
    settings: Settings = ctx.request.app.state.settings
    event = await ctx.session.get(Event, session.event_id)
    assert event is not None
    frontend = settings.frontend_url.rstrip("/")
    try:
        await queue_mail(
            ctx.session,
            to=invite.email,
            template="speaker_invite",
            context={
                "app_name": settings.app_name,
                "event_name": event.name,
                "session_title": session.title,
                "invite_url": f"{frontend}/e/{event.identifier}/speaker-invite/{invite.id}/session",
            },
        )
    except InvalidRecipient:
        raise ValidationFailed("not a mail address", pointer=EMAIL) from None


async def answer(ctx: RequestContext, invite_id: str, *, accept: bool) -> dict[str, Any]:
    """The invitee accepts (their speaker profile of the event, made if they have none,
    joins the session) or rejects a pending invite."""
    actor = actor_of(ctx)
    assert actor is not None
    number = int(invite_id) if invite_id.isdigit() and len(invite_id) < 10 else None
    invite = await ctx.session.get(SpeakerInvite, number) if number else None
    if invite is None or invite.email != actor.email.lower():
        raise ObjectNotFound(f"speaker invite {invite_id!r} not found")
    if invite.status != PENDING:
        raise Conflict(f"The invite was already {invite.status}")
    invite.status = ACCEPTED if accept else REJECTED
    if accept:
        await _join(ctx, invite, actor)
    await ctx.session.flush()
    return {"success": True, "status": invite.status}


async def _join(ctx: RequestContext, invite: SpeakerInvite, actor: Any) -> None:
    profile = await ctx.session.scalar(
        select(Speaker).where(Speaker.event_id == invite.event_id, Speaker.email == invite.email)
    )
    if profile is None:
        name = actor.email.split("@")[0]
        profile = Speaker(name=name, email=invite.email, user_id=actor.id, event_id=invite.event_id)
        ctx.session.add(profile)
    elif profile.user_id is None:
        profile.user_id = actor.id
    session = await ctx.session.get(Session, invite.session_id)
    assert session is not None
    speakers = await ctx.session.run_sync(lambda _: session.speakers)
    if profile not in speakers:
        speakers.append(profile)
