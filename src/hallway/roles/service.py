"""What may not be deleted: the seeded roles and permissions, and the last owner's grant; who
may give a grant another role."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, inspect, select

from hallway.auth.policy import actor_of
from hallway.errors import Conflict, Forbidden, ValidationFailed
from hallway.jsonapi import RequestContext
from hallway.roles.models import EVENT_ROLES, Role, UsersEventsRoles
from hallway.roles.policy import grants

SEEDED_PERMISSIONS = frozenset({"create_event", "publish_event"})


async def protect_system_role(ctx: RequestContext, role: Any) -> None:
    if role.name in EVENT_ROLES:
        raise Forbidden(f"The system role {role.name!r} cannot be deleted")


async def protect_seeded_permission(ctx: RequestContext, permission: Any) -> None:
    if permission.name in SEEDED_PERMISSIONS:
        raise Forbidden(f"The permission {permission.name!r} cannot be deleted")


async def protect_owner(ctx: RequestContext, grant: Any) -> None:
    """An event always keeps an owner: the last owner grant stays (ownership moves by an
    owner role invite, whose acceptance makes the previous owner an organizer)."""
    role = await ctx.session.get(Role, grant.role_id)
    if role is None or role.name != "owner":
        return
    await _keep_an_owner(ctx, grant.event_id, role.id, "removed")


async def _keep_an_owner(ctx: RequestContext, event_id: int, owner_role: int, what: str) -> None:
    owners = await ctx.session.scalar(
        select(func.count())
        .select_from(UsersEventsRoles)
        .where(UsersEventsRoles.event_id == event_id, UsersEventsRoles.role_id == owner_role)
    )
    if (owners or 0) <= 1:
        raise Conflict(f"The event's last owner cannot be {what}; invite a new owner instead")


ROLE = "/data/relationships/role"


async def check_role_change(ctx: RequestContext, grant: UsersEventsRoles) -> None:
    """A holder is given another role of an event; making or unmaking an owner is for an
    owner (or an admin), and the event keeps at least one owner."""
    history = inspect(grant).attrs.role_id.history
    old_id = history.deleted[0] if history.deleted else grant.role_id
    if old_id == grant.role_id:
        return
    with ctx.session.no_autoflush:
        old, new = await ctx.session.get(Role, old_id), await ctx.session.get(Role, grant.role_id)
    assert old is not None
    assert new is not None
    if new.name not in EVENT_ROLES or new.name == "attendee":
        raise ValidationFailed(f"{new.name!r} is not a role held on an event", pointer=ROLE)
    if "owner" in (old.name, new.name) and not await _is_owner(ctx, grant.event_id):
        raise Forbidden("Only the event's owner makes or unmakes an owner", pointer=ROLE)
    if old.name == "owner":
        with ctx.session.no_autoflush:
            await _keep_an_owner(ctx, grant.event_id, old.id, "demoted")


async def _is_owner(ctx: RequestContext, event_id: int) -> bool:
    actor = actor_of(ctx)
    if actor is None:
        return False
    return actor.is_staff or "owner" in (await grants(ctx)).get(event_id, frozenset())
