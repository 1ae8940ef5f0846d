"""`/v1/roles` (public read, admin write; seeded roles are protected),
`/v1/user-permissions` (public read, admin write) and `/v1/users-events-roles`."""

from __future__ import annotations

from hallway.jsonapi import Attachment, Hooks, Resource, ToMany, ToOne
from hallway.roles import service
from hallway.roles.models import (
    Role,
    UserPermission,
    UsersEventsRoles,
    events_held,
    grants_of,
    holds,
    users_holding,
)
from hallway.roles.policy import admin_writes, grant_policy
from hallway.roles.schemas import (
    GrantUpdate,
    PermissionCreate,
    PermissionUpdate,
    RoleCreate,
    RoleUpdate,
)


def role_resource() -> Resource:
    return Resource(
        type="role",
        model=Role,
        create=RoleCreate,
        update=RoleUpdate,
        filters=("name",),
        sorts=("name",),
        policy=admin_writes,
        hooks=Hooks(before_delete=service.protect_system_role),
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
        hooks=Hooks(before_delete=service.protect_seeded_permission),
    )


def users_events_roles_resource() -> Resource:
    """Grants are made by role invitations; here they are read, given another role and
    revoked by the event's owner and organizers (never the event's last owner; only an owner
    makes or unmakes an owner)."""
    return Resource(
        type="users-events-roles",
        path="users-events-roles",
        model=UsersEventsRoles,
        update=GrantUpdate,
        relationships={
            "event": ToOne("event"),
            "user": ToOne("user"),
            "role": ToOne("role", writable=True, required=True),
        },
        filters=("event", "user", "role"),
        policy=grant_policy,
        hooks=Hooks(before_update=service.check_role_change, before_delete=service.protect_owner),
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
            # The same grants under their own type's name: `/v1/events/{id}/users-events-roles`.
            "users_events_roles": ToMany("users-events-roles", orm=grants_of),
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
