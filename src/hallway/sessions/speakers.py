"""The rules of speakers and calls for speakers beyond plain CRUD, and the speakers' order."""

from __future__ import annotations

import secrets
from typing import Any

from pydantic import TypeAdapter
from sqlalchemy import exists, func, inspect, select

from hallway.auth.policy import actor_of
from hallway.errors import Conflict, Forbidden, ValidationFailed
from hallway.events.reorder import Ordering, reorder
from hallway.events.service import find_visible_event
from hallway.forms.answers import check_answers
from hallway.jsonapi import RequestContext
from hallway.sessions.models import Session, Speaker, SpeakersCall
from hallway.sessions.photos import resize_after_commit
from hallway.sessions.policy import is_team, staff_creates_speaker
from hallway.sessions.schemas import SpeakerOrder
from hallway.sessions.service import check_call_open, stay_in_event
from hallway.uploads import variants_for
from hallway.users.models import User

EMAIL = "/data/attributes/email"
SPEAKERS = Ordering(Speaker, "speaker", "order", TypeAdapter(list[SpeakerOrder]))


async def prepare_speaker(ctx: RequestContext, speaker: Speaker) -> None:
    """A new speaker. As staff (the role-by-service matrix lets one of the caller's roles on
    the event create speakers, or an admin), any address (or none), the profile going to the
    account of that address if there is one; otherwise a submission: the call must be open
    and the profile is the caller's own (their address, their account, not featured)."""
    actor = actor_of(ctx)
    assert actor is not None
    if await staff_creates_speaker.allows(ctx, speaker):
        speaker.email = _normal(speaker.email)
        if speaker.email is not None:
            speaker.user_id = await ctx.session.scalar(
                select(User.id).where(func.lower(User.email) == speaker.email)
            )
    else:
        await check_call_open(ctx, speaker.event_id)
        speaker.email, speaker.user_id = actor.email.lower(), actor.id
        speaker.is_featured, speaker.is_email_overridden, speaker.order = False, False, 0
    fill_photo_variants(speaker)
    resize_after_commit(ctx.session, speaker)
    await _check_speaker(ctx, speaker)


async def check_speaker_change(ctx: RequestContext, speaker: Speaker) -> None:
    """Only the team changes the address, the order and whether a speaker is featured."""
    attrs = inspect(speaker).attrs
    stay_in_event(attrs, speaker.event_id)
    if not await is_team(ctx, speaker.event_id):
        for name in ("email", "is_featured", "order", "is_email_overridden"):
            if attrs[name].history.has_changes():
                raise Forbidden(
                    f"Only the event's team may change {name.replace('_', '-')}",
                    pointer=f"/data/attributes/{name.replace('_', '-')}",
                )
    elif attrs.email.history.has_changes():
        speaker.email = _normal(speaker.email)
    if attrs.photo_url.history.has_changes():
        fill_photo_variants(speaker)
        resize_after_commit(ctx.session, speaker)
    await _check_speaker(ctx, speaker)


def fill_photo_variants(speaker: Speaker) -> None:
    """The sizes of an uploaded photo, as an event's image has them: the thumbnail and
    small sizes are its 500 px variant, the icon its 75 px one; a photo hosted elsewhere
    cannot be resized, so it stands in for every size."""
    url = speaker.photo_url
    variants = variants_for(url) if url else None
    speaker.thumbnail_image_url = variants["thumbnail"] if variants else url
    speaker.small_image_url = variants["thumbnail"] if variants else url
    speaker.icon_image_url = variants["icon"] if variants else url


def _normal(email: str | None) -> str | None:
    if email is None or not email.strip():
        return None
    address = email.strip().lower()
    if "@" not in address or any(char.isspace() for char in address):
        raise ValidationFailed("not a mail address", pointer=EMAIL)
    return address


async def _check_speaker(ctx: RequestContext, speaker: Speaker) -> None:
    # Nothing is flushed before the checks: a taken address answers 409, not a failed flush.
    with ctx.session.no_autoflush:
        await _check_address(ctx, speaker)
        await _check_sessions(ctx, speaker)
    # An address the team left out (or overrode) is not asked for.
    await check_answers(
        ctx.session, "speaker", speaker, skip=("email",) if speaker.email is None else ()
    )


async def _check_address(ctx: RequestContext, speaker: Speaker) -> None:
    if speaker.email is not None:
        taken = await ctx.session.scalar(
            select(
                exists().where(
                    Speaker.event_id == speaker.event_id,
                    Speaker.email == speaker.email,
                    Speaker.id != (speaker.id or 0),
                )
            )
        )
        if taken:
            raise Conflict("This event already has a speaker with this address", pointer=EMAIL)


async def _check_sessions(ctx: RequestContext, speaker: Speaker) -> None:
    sessions: list[Session] = await ctx.session.run_sync(lambda _: list(speaker.sessions))
    if any(session.event_id != speaker.event_id for session in sessions):
        raise ValidationFailed(
            "a session belongs to another event", pointer="/data/relationships/sessions"
        )
    added = inspect(speaker).attrs.sessions.history.added
    actor = actor_of(ctx)
    foreign = [s for s in added if actor is None or s.creator_id != actor.id]
    if foreign and not await is_team(ctx, speaker.event_id):
        raise Forbidden(
            "You may add only sessions you submitted", pointer="/data/relationships/sessions"
        )


async def check_call(ctx: RequestContext, call: SpeakersCall) -> None:
    """One call per event; it ends after it starts, a soft end in between; a private call
    has a secret link."""
    if call.ends_at <= call.starts_at:
        raise ValidationFailed("the call ends after it starts", pointer="/data/attributes/ends-at")
    if call.soft_ends_at is not None and not call.starts_at <= call.soft_ends_at <= call.ends_at:
        raise ValidationFailed(
            "the soft end lies between the start and the end",
            pointer="/data/attributes/soft-ends-at",
        )
    if call.privacy == "private" and not call.hash:
        call.hash = secrets.token_urlsafe(16)
    taken = await ctx.session.scalar(
        select(
            exists().where(
                SpeakersCall.event_id == call.event_id, SpeakersCall.id != (call.id or 0)
            )
        )
    )
    if taken:
        raise Conflict(
            "This event already has a call for speakers", pointer="/data/relationships/event"
        )


async def reorder_speakers(
    ctx: RequestContext, key: str, body: Any, *, reset: bool
) -> dict[str, bool]:
    """Set each named speaker's order (`[{"speaker": id, "order": n}]`), or with `reset`
    every speaker's order back to 0. Only the event's team; every speaker named must be the
    event's, or nothing changes."""
    event_id = await find_visible_event(ctx, key)
    if not await is_team(ctx, event_id):
        raise Forbidden("You are not allowed to reorder this event's speakers")
    return await reorder(ctx, event_id, SPEAKERS, body, reset=reset)
