"""What may not be deleted: the seeded roles and permissions, and the last owner's grant."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from hallway.errors import Conflict, Forbidden
from hallway.jsonapi import RequestContext
from hallway.roles.models import EVENT_ROLES, Role, UsersEventsRoles

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
    owners = await ctx.session.scalar(
        select(func.count())
        .select_from(UsersEventsRoles)
        .where(UsersEventsRoles.event_id == grant.event_id, UsersEventsRoles.role_id == role.id)
    )
    if (owners or 0) <= 1:
        raise Conflict("The event's last owner cannot be removed; invite a new owner instead")
