"""Copy an event: a new draft with a new identifier, and its tax, tickets, social links,
sponsors, rooms, tracks, session types, call for speakers, custom forms and role grants, in
the request's one transaction. Sessions, speakers, orders, attendees and favourites stay
with the original. Only the event's owner and organizers (and admins) copy it."""

from __future__ import annotations

import secrets
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import ColumnElement, Table, insert, literal, null, select, update

from hallway.auth.policy import actor_of
from hallway.errors import Forbidden
from hallway.events.models import Event
from hallway.events.service import find_visible_event, new_identifier
from hallway.forms.models import CustomForm
from hallway.jsonapi import RequestContext
from hallway.links.models import SocialLink
from hallway.program.models import Microlocation, SessionType, Track
from hallway.roles.models import UsersEventsRoles
from hallway.roles.policy import ORGANIZERS, grants
from hallway.sessions.models import SpeakersCall
from hallway.sponsors.models import Sponsor
from hallway.tickets.models import Tax, Ticket

# Every copied table, with the columns the copy sets instead of taking the original's.
COPIED: tuple[tuple[Any, dict[str, Any]], ...] = (
    (Tax, {}),
    # A new ticket has sold nothing yet.
    (Ticket, {"reserved": 0}),
    (SocialLink, {}),
    (Sponsor, {}),
    # Video streams stay with the original event: the copied rooms show none.
    (Microlocation, {"video_stream_id": None}),
    (Track, {}),
    (SessionType, {}),
    (SpeakersCall, {}),
    (CustomForm, {}),
    (UsersEventsRoles, {}),
)
# The event's own columns that a new draft does not take over.
RESET = {
    "state": "draft",
    "schedule_published_on": None,
    "ical_url": None,
    "xcal_url": None,
    "pentabarf_url": None,
    "chat_room_name": None,
    "is_stripe_linked": False,
    "is_featured": False,
    "is_promoted": False,
    "is_demoted": False,
    "deleted_at": None,
}


async def copy_event(ctx: RequestContext, key: str) -> Event:
    """The new draft, flushed with everything copied."""
    original_id = await find_visible_event(ctx, key)
    await _check_may_copy(ctx, original_id)
    original = await ctx.session.get(Event, original_id)
    assert original is not None
    copy = _event_like(original)
    copy.identifier = await new_identifier(ctx)
    ctx.session.add(copy)
    await ctx.session.flush()
    for model, overrides in COPIED:
        await _copy_rows(ctx, model.__table__, original_id, copy.id, overrides)
    await _new_call_secret(ctx, copy.id)
    return copy


async def _check_may_copy(ctx: RequestContext, event_id: int) -> None:
    actor = actor_of(ctx)
    if actor is not None and actor.is_staff:
        return
    held = (await grants(ctx)).get(event_id, frozenset())
    if not held & set(ORGANIZERS):
        raise Forbidden("Only the event's owner or organizers may copy it")


def _event_like(original: Event) -> Event:
    table: Table = Event.__table__  # type: ignore[assignment]
    values = {
        column.key: getattr(original, column.key)
        for column in table.columns
        if not column.primary_key and column.key != "identifier"
    }
    return Event(**{**values, **RESET, "created_at": datetime.now(UTC)})


async def _copy_rows(
    ctx: RequestContext, table: Table, old_id: int, new_id: int, overrides: dict[str, Any]
) -> None:
    """INSERT … SELECT of the original's live rows, the event and overrides replaced."""
    values = {**overrides, "event_id": new_id}
    if "created_at" in table.c:
        values["created_at"] = datetime.now(UTC)
    names = [column.name for column in table.columns if not column.primary_key]
    picked: list[ColumnElement[Any]] = [
        (_constant(values[name], table.c[name]) if name in values else table.c[name])
        for name in names
    ]
    where = [table.c.event_id == old_id]
    if "deleted_at" in table.c:
        where.append(table.c.deleted_at.is_(None))
    await ctx.session.execute(
        insert(table).from_select(names, select(*picked).where(*where).order_by(table.c.id))
    )


def _constant(value: Any, column: Any) -> ColumnElement[Any]:
    return null() if value is None else literal(value, type_=column.type)


async def _new_call_secret(ctx: RequestContext, event_id: int) -> None:
    """A private call's secret link is the original's own: the copy gets a new one."""
    await ctx.session.execute(
        update(SpeakersCall)
        .where(SpeakersCall.event_id == event_id, SpeakersCall.hash.is_not(None))
        .values(hash=secrets.token_urlsafe(16))
    )
