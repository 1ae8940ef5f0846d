"""The iCalendar export's choices: the event alone, with its published schedule, or with the
caller's own favourites of it ("my schedule")."""

from __future__ import annotations

from sqlalchemy import select

from hallway.auth.policy import actor_of
from hallway.errors import Forbidden, Unauthorized
from hallway.events.models import Event
from hallway.events.service import find_visible_event
from hallway.favourites.models import UserFavouriteSession
from hallway.jsonapi import RequestContext
from hallway.schedules.service import Schedule, is_published, schedule_of


async def calendar_of(
    ctx: RequestContext, key: str, *, sessions: bool, mine: bool
) -> tuple[Event, Schedule | None]:
    event = await ctx.session.get(Event, await find_visible_event(ctx, key))
    assert event is not None
    if not (sessions or mine):
        return event, None
    favourites = await _own_favourites(ctx) if mine else None
    if not is_published(event):
        return event, Schedule(event, [])
    schedule = await schedule_of(ctx, event)
    if favourites is not None:
        schedule.slots = [slot for slot in schedule.slots if slot.id in favourites]
    return event, schedule


async def _own_favourites(ctx: RequestContext) -> set[int]:
    """The sessions the caller favours. `user_id` may only name the caller: favourites are
    private (an admin may name anyone)."""
    actor = actor_of(ctx)
    if actor is None:
        raise Unauthorized("Sign in to export your own schedule")
    named = ctx.request.query_params.get("user_id") if ctx.request is not None else None
    user_id = actor.id
    if named:
        if named != str(actor.id) and not actor.is_staff:
            raise Forbidden("Only your own schedule can be exported")
        user_id = int(named) if named.isdigit() else -1
    found = await ctx.session.scalars(
        select(UserFavouriteSession.session_id).where(UserFavouriteSession.user_id == user_id)
    )
    return set(found)
