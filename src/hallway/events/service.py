"""Event use cases: create (the creator becomes owner), change, publish, delete."""

from __future__ import annotations

import secrets
from typing import Any

from sqlalchemy import exists, select

from hallway.auth.actor import Actor
from hallway.auth.policy import refuse_admin_flags
from hallway.errors import Conflict, Forbidden, ObjectNotFound, ValidationFailed
from hallway.events.models import Event
from hallway.events.policy import event_policy, may_join_group
from hallway.jsonapi import RequestContext
from hallway.jsonapi.ids import row_id
from hallway.roles.models import Role, UsersEventsRoles
from hallway.roles.policy import may
from hallway.uploads import variants_for

# Flags that decide what the platform promotes: admins only.
ADMIN_FLAGS = ("is_featured", "is_promoted", "is_demoted")


def random_identifier() -> str:
    """8 hex characters, never all digits (so it can't be mistaken for an id)."""
    while True:
        candidate = secrets.token_hex(4)
        if not candidate.isdigit():
            return candidate


async def new_identifier(ctx: RequestContext) -> str:
    """A random identifier no event uses yet."""
    while True:
        candidate = random_identifier()
        taken = await ctx.session.scalar(select(exists().where(Event.identifier == candidate)))
        if not taken:
            return candidate


async def build_event(ctx: RequestContext, values: dict[str, Any]) -> Event:
    """An unsent or null attribute takes the column default."""
    values = {name: value for name, value in values.items() if value is not None}
    refuse_admin_flags(ctx.actor, ADMIN_FLAGS, values, current=None)
    event = Event(identifier=await new_identifier(ctx), **values)
    fill_image_variants(event)
    await check_event(ctx, event)
    return event


async def make_creator_owner(ctx: RequestContext, event: Event) -> None:
    actor: Actor = ctx.actor
    owner_role = await ctx.session.scalar(select(Role.id).where(Role.name == "owner"))
    ctx.session.add(UsersEventsRoles(event_id=event.id, user_id=actor.id, role_id=owner_role))


async def apply_changes(ctx: RequestContext, event: Event, values: dict[str, Any]) -> None:
    refuse_admin_flags(ctx.actor, ADMIN_FLAGS, values, current=event)
    for name, value in values.items():
        if value is None and name in _REQUIRED:
            raise ValidationFailed(
                f"{name.replace('_', '-')} cannot be empty",
                pointer=f"/data/attributes/{name.replace('_', '-')}",
            )
        setattr(event, name, value)
    if "original_image_url" in values:
        fill_image_variants(event)
    await check_event(ctx, event)


def fill_image_variants(event: Event) -> None:
    """The large, thumbnail and icon sizes of an uploaded image; an image hosted elsewhere
    cannot be resized, so it stands in for every size."""
    url = event.original_image_url
    variants = variants_for(url) if url else None
    event.large_image_url = variants["large"] if variants else url
    event.thumbnail_image_url = variants["thumbnail"] if variants else url
    event.icon_image_url = variants["icon"] if variants else url


_REQUIRED = frozenset({"name", "starts_at", "ends_at", "timezone", "state", "privacy"})


async def check_event(ctx: RequestContext, event: Event) -> None:
    """Rules that hold for every stored event, and those for publishing."""
    if event.starts_at >= event.ends_at:
        raise ValidationFailed(
            "The event must end after it starts", pointer="/data/attributes/ends-at"
        )
    if event.state == "published":
        await _check_publishable(ctx, event)


async def _check_publishable(ctx: RequestContext, event: Event) -> None:
    if not await may(ctx, "publish_event"):
        raise Forbidden(
            "Verify your e-mail address to publish events",
            pointer="/data/attributes/state",
            code="unverified-user",
        )
    if not (event.name or "").strip():
        raise ValidationFailed(
            "Event Name is required to publish the event", pointer="/data/attributes/name"
        )


async def find_visible_event(ctx: RequestContext, key: str) -> int:
    """The id of the live event `key` (id or identifier) names, when the caller may view it;
    404 otherwise, whether it does not exist or is not theirs to see."""
    number = row_id(Event.__table__.c.id, key)
    match = Event.id == number if number is not None else Event.identifier == key
    visible = await event_policy.rule_for("view").scope(ctx, Event)
    stmt = select(Event.id).where(match, Event.deleted_at.is_(None), visible)
    found = await ctx.session.scalar(stmt)
    if found is None:
        raise ObjectNotFound(f"event {key!r} not found")
    return int(found)


async def check_group(ctx: RequestContext, event: Event) -> None:
    """Only the owner of a group (or an admin) puts an event into it."""
    if not await may_join_group(ctx, event):
        raise Forbidden(
            "Only the group's owner may add events to it", pointer="/data/relationships/group"
        )


async def refuse_owner_deletion(ctx: RequestContext, user: Any) -> None:
    """An account that owns live events cannot be deleted (attached to the user resource)."""
    stmt = (
        select(UsersEventsRoles.id)
        .join(Role, Role.id == UsersEventsRoles.role_id)
        .join(Event, Event.id == UsersEventsRoles.event_id)
        .where(
            UsersEventsRoles.user_id == user.id, Role.name == "owner", Event.deleted_at.is_(None)
        )
        .limit(1)
    )
    if await ctx.session.scalar(stmt) is not None:
        raise Conflict("This account owns events: transfer or delete them first")
