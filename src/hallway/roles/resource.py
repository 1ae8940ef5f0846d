"""`/v1/roles` (public read, admin write; seeded roles are protected) and
`/v1/user-permissions` (public read, admin write)."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from hallway.auth.rules import is_admin, is_self
from hallway.errors import Forbidden
from hallway.jsonapi import (
    Attachment,
    Attributes,
    Hooks,
    Policy,
    RequestContext,
    Resource,
    ToMany,
    ToOne,
    anyone,
)
from hallway.roles.models import (
    EVENT_ROLES,
    Role,
    UserPermission,
    UsersEventsRoles,
    events_held,
    grants_of,
    holds,
    users_holding,
)
from hallway.roles.rules import COORGANIZERS, ORGANIZERS, event_role


class RoleCreate(Attributes):
    name: str = Field(min_length=1, max_length=50, pattern=r"^[a-z][a-z0-9_]*$")
    title_name: str | None = Field(default=None, max_length=100)


class RoleUpdate(Attributes):
    title_name: str | None = Field(default=None, max_length=100)


class PermissionCreate(Attributes):
    name: str = Field(min_length=1, max_length=100)
    description: str | None = None
    unverified_user: bool = False
    anonymous_user: bool = False


class PermissionUpdate(Attributes):
    description: str | None = None
    unverified_user: bool | None = None
    anonymous_user: bool | None = None


async def _protect_system_role(ctx: RequestContext, role: Any) -> None:
    if role.name in EVENT_ROLES:
        raise Forbidden(f"The system role {role.name!r} cannot be deleted")


SEEDED_PERMISSIONS = frozenset({"create_event", "publish_event"})


async def _protect_seeded_permission(ctx: RequestContext, permission: Any) -> None:
    if permission.name in SEEDED_PERMISSIONS:
        raise Forbidden(f"The permission {permission.name!r} cannot be deleted")


admin_writes = Policy(list=anyone, view=anyone, create=is_admin, update=is_admin, delete=is_admin)


def role_resource() -> Resource:
    return Resource(
        type="role",
        model=Role,
        create=RoleCreate,
        update=RoleUpdate,
        filters=("name",),
        sorts=("name",),
        policy=admin_writes,
        hooks=Hooks(before_delete=_protect_system_role),
    )


def user_permission_resource() -> Resource:
    return Resource(
        type="user-permission",
        model=UserPermission,
        create=PermissionCreate,
        update=PermissionUpdate,
        filters=("name",),
        sorts=("name",),
        policy=admin_writes,
        hooks=Hooks(before_delete=_protect_seeded_permission),
    )


async def _protect_owner(ctx: RequestContext, grant: Any) -> None:
    role = await ctx.session.get(Role, grant.role_id)
    if role is not None and role.name == "owner":
        raise Forbidden("The owner's role cannot be removed; transfer ownership instead")


def users_events_roles_resource() -> Resource:
    """Grants are made by role invitations; here they are read, and revoked by organizers."""
    readable = event_role(*COORGANIZERS) | is_self("user_id") | is_admin
    manage = event_role(*ORGANIZERS) | is_admin
    return Resource(
        type="users-events-roles",
        path="users-events-roles",
        model=UsersEventsRoles,
        relationships={"event": ToOne("event"), "user": ToOne("user"), "role": ToOne("role")},
        filters=("event", "user", "role"),
        policy=Policy(list=readable, view=readable, delete=manage),
        hooks=Hooks(before_delete=_protect_owner),
    )


# Role holders of an event, and an account's events by the role held there, read-only: grants
# change through role invitations.
HOLDER_ROLES = ("organizer", "coorganizer", "track_organizer", "registrar", "moderator")
HELD_ROLES = ("owner", *HOLDER_ROLES)


def role_attachments() -> list[Attachment]:
    """What roles add to events (owner, organizers…, roles) and users (events by role, the
    `is-user-<role>` flags)."""
    to_event = Attachment(
        "event",
        relationships={
            "owner": ToOne("user", orm=users_holding("owner", many=False)),
            **{f"{role}s": ToMany("user", orm=users_holding(role)) for role in HOLDER_ROLES},
            "roles": ToMany("users-events-roles", orm=grants_of),
        },
    )
    to_user = Attachment(
        "user",
        relationships={
            "events": ToMany("event", orm=events_held(None)),
            **{f"{role}_events": ToMany("event", orm=events_held(role)) for role in HELD_ROLES},
        },
        attributes={f"is_user_{role}": holds(role) for role in HELD_ROLES},
    )
    return [to_event, to_user]
