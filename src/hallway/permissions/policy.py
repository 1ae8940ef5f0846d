"""The role-by-service matrix as policy rules, and who may read and change the matrix.

What the caller's roles allow on every event they hold a role on is read once per request (one
query) and kept in the request memo; list scopes are subqueries, so a change to the matrix
holds from the next request on, in every process."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, false, select

from hallway.auth.policy import actor_of, caller, is_admin
from hallway.jsonapi import Policy, RequestContext, Rule
from hallway.permissions.models import ACTIONS, EventRolePermission, Service
from hallway.roles.models import UsersEventsRoles

Allowed = dict[int, dict[str, frozenset[str]]]


async def allowed(ctx: RequestContext) -> Allowed:
    """event id -> service name -> the actions the caller's roles there allow."""
    actor = actor_of(ctx)
    if actor is None:
        return {}

    async def load() -> Allowed:
        stmt = (
            select(
                UsersEventsRoles.event_id,
                Service.name,
                *(getattr(EventRolePermission, f"can_{action}") for action in ACTIONS),
            )
            .join(EventRolePermission, EventRolePermission.role_id == UsersEventsRoles.role_id)
            .join(Service, Service.id == EventRolePermission.service_id)
            .where(UsersEventsRoles.user_id == actor.id)
        )
        found: dict[int, dict[str, set[str]]] = {}
        for event_id, service, *flags in await ctx.session.execute(stmt):
            actions = found.setdefault(event_id, {}).setdefault(service, set())
            actions.update(action for action, flag in zip(ACTIONS, flags, strict=True) if flag)
        return {
            event_id: {service: frozenset(actions) for service, actions in services.items()}
            for event_id, services in found.items()
        }

    result: Allowed = await ctx.remember(("event-matrix", actor.id), load)
    return result


def events_allowing(user_id: int, service: str, action: str) -> Any:
    """Subquery: ids of the events where one of the user's roles allows `action` on `service`."""
    flag = getattr(EventRolePermission, f"can_{action}")
    return (
        select(UsersEventsRoles.event_id)
        .join(EventRolePermission, EventRolePermission.role_id == UsersEventsRoles.role_id)
        .join(Service, Service.id == EventRolePermission.service_id)
        .where(UsersEventsRoles.user_id == user_id, Service.name == service, flag.is_(True))
    )


def role_may(service: str, action: str, *, via: str = "event_id") -> Rule:
    """A role the caller holds on the object's event allows `action` on `service` objects
    (`via` names the object's event id)."""
    if action not in ACTIONS:
        raise ValueError(f"unknown action {action!r}")

    async def check(ctx: RequestContext, obj: Any) -> bool:
        event_id = getattr(obj, via)
        return action in (await allowed(ctx)).get(event_id, {}).get(service, frozenset())

    async def scope(ctx: RequestContext, model: Any) -> ColumnElement[bool]:
        actor = actor_of(ctx)
        if actor is None:
            return false()
        column: ColumnElement[bool] = getattr(model, via).in_(
            events_allowing(actor.id, service, action)
        )
        return column

    return Rule(f"role_may({service}, {action})", check=check, scope=scope, kept_by=caller)


def matrix_policy(service: str) -> dict[str, Rule]:
    """Create, update and delete of `service` objects as the matrix says, or by an admin."""
    return {
        action: role_may(service, action) | is_admin for action in ("create", "update", "delete")
    }


async def _super_admin(ctx: RequestContext, obj: Any) -> bool:
    actor = actor_of(ctx)
    return bool(actor and actor.is_super_admin)


is_super_admin = Rule("is_super_admin", check=_super_admin)

# The matrix and the admin-panel roles: read by admins, changed by the super admin.
edited_by_super_admin = Policy(
    list=is_admin,
    view=is_admin,
    create=is_super_admin,
    update=is_super_admin,
    delete=is_super_admin,
    relationships={
        "panel_permissions": is_super_admin,
        "custom_system_roles": is_super_admin,
    },
)
