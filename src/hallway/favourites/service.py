"""Favourite use cases: a favourite is the caller's own, and there is one per user and object."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from hallway.auth.policy import actor_of
from hallway.errors import Conflict
from hallway.favourites.models import UserFavouriteEvent, UserFavouriteSession
from hallway.jsonapi import RequestContext


async def build_event_favourite(ctx: RequestContext, values: dict[str, Any]) -> UserFavouriteEvent:
    """The caller's own favourite unless the body names someone else (then it is refused)."""
    actor = actor_of(ctx)
    return UserFavouriteEvent(user_id=actor.id if actor else None, **values)


async def build_session_favourite(
    ctx: RequestContext, values: dict[str, Any]
) -> UserFavouriteSession:
    actor = actor_of(ctx)
    return UserFavouriteSession(user_id=actor.id if actor else None, **values)


async def refuse_second_event_favourite(ctx: RequestContext, fav: UserFavouriteEvent) -> None:
    stmt = select(UserFavouriteEvent.id).where(
        UserFavouriteEvent.user_id == fav.user_id, UserFavouriteEvent.event_id == fav.event_id
    )
    if await ctx.session.scalar(stmt.limit(1)) is not None:
        raise Conflict("Event already favourited", pointer="/data/relationships/event")


async def refuse_second_session_favourite(ctx: RequestContext, fav: UserFavouriteSession) -> None:
    stmt = select(UserFavouriteSession.id).where(
        UserFavouriteSession.user_id == fav.user_id,
        UserFavouriteSession.session_id == fav.session_id,
    )
    if await ctx.session.scalar(stmt.limit(1)) is not None:
        raise Conflict("Session already favourited", pointer="/data/relationships/session")
