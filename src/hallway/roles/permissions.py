"""User permissions: switches that let unverified or anonymous users do an action."""

from __future__ import annotations

from sqlalchemy import select

from hallway.auth.rules import actor_of
from hallway.jsonapi import RequestContext
from hallway.roles.models import UserPermission


async def may(ctx: RequestContext, action: str) -> bool:
    """Verified users may; unverified or anonymous ones only where the switch allows it."""
    actor = actor_of(ctx)
    if actor is not None and (actor.is_verified or actor.is_staff):
        return True

    async def load() -> tuple[bool, bool] | None:
        stmt = select(UserPermission.unverified_user, UserPermission.anonymous_user).where(
            UserPermission.name == action
        )
        row = (await ctx.session.execute(stmt)).first()
        return None if row is None else (bool(row[0]), bool(row[1]))

    switch: tuple[bool, bool] | None = await ctx.remember(("permission", action), load)
    if switch is None:
        return False
    unverified, anonymous = switch
    return unverified if actor is not None else anonymous
