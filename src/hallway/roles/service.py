"""What may not be deleted: the seeded roles and permissions, and the owner's grant."""

from __future__ import annotations

from typing import Any

from hallway.errors import Forbidden
from hallway.jsonapi import RequestContext
from hallway.roles.models import EVENT_ROLES, Role

SEEDED_PERMISSIONS = frozenset({"create_event", "publish_event"})


async def protect_system_role(ctx: RequestContext, role: Any) -> None:
    if role.name in EVENT_ROLES:
        raise Forbidden(f"The system role {role.name!r} cannot be deleted")


async def protect_seeded_permission(ctx: RequestContext, permission: Any) -> None:
    if permission.name in SEEDED_PERMISSIONS:
        raise Forbidden(f"The permission {permission.name!r} cannot be deleted")


async def protect_owner(ctx: RequestContext, grant: Any) -> None:
    role = await ctx.session.get(Role, grant.role_id)
    if role is not None and role.name == "owner":
        raise Forbidden("The owner's role cannot be removed; transfer ownership instead")
