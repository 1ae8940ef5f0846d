"""Mail administration use cases: e-mail preferences are the caller's own, one per event."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from hallway.auth.policy import actor_of
from hallway.errors import Conflict, Unauthorized, ValidationFailed
from hallway.jsonapi import RequestContext
from hallway.mailadmin.models import EmailNotification


async def build_email_notification(
    ctx: RequestContext, values: dict[str, Any]
) -> EmailNotification:
    actor = actor_of(ctx)
    if actor is None:
        raise Unauthorized("Sign in to add this")
    return EmailNotification(user_id=actor.id, **values)


async def apply_flags(ctx: RequestContext, obj: Any, values: dict[str, Any]) -> None:
    """A null flag is refused: each is on or off."""
    for name, value in values.items():
        if value is None:
            raise ValidationFailed(
                f"{name.replace('_', '-')} must be true or false",
                pointer=f"/data/attributes/{name.replace('_', '-')}",
            )
        setattr(obj, name, value)


async def refuse_second_preferences(ctx: RequestContext, obj: EmailNotification) -> None:
    stmt = select(EmailNotification.id).where(
        EmailNotification.user_id == obj.user_id,
        EmailNotification.event_id == obj.event_id,
        EmailNotification.id != (obj.id or 0),
    )
    if await ctx.session.scalar(stmt.limit(1)) is not None:
        raise Conflict(
            "You already have e-mail preferences for this event",
            pointer="/data/relationships/event",
        )
