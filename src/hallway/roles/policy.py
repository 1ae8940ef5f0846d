"""Policy predicates about the roles a caller holds on events and the user permissions that
switch platform actions on, and who may change roles, permissions and grants.

The caller's grants are read once per request, most often with the caller's row (held.py),
and kept in the request memo, so a check costs at most one query however many objects it
looks at; list scopes are subqueries.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, bindparam, false, select

from hallway.auth.policy import CALLER, actor_of, caller_kind, is_admin, is_self
from hallway.jsonapi import Policy, RequestContext, Rule, anyone, one_of
from hallway.roles.held import held_by
from hallway.roles.models import Role, UserPermission, UsersEventsRoles

ORGANIZERS = ("owner", "organizer")
COORGANIZERS = ("owner", "organizer", "coorganizer")
ANY_ROLE = ("owner", "organizer", "coorganizer", "track_organizer", "registrar", "moderator")
# Built once: most requests of a signed-in caller ask for their roles.
_GRANTS = (
    select(UsersEventsRoles.event_id, Role.name)
    .join(Role, Role.id == UsersEventsRoles.role_id)
    .where(UsersEventsRoles.user_id == bindparam("_user"))
)


async def grants(ctx: RequestContext) -> dict[int, frozenset[str]]:
    """event id -> the names of the roles the caller holds there, as first looked at in the
    request: as read with the caller's row (held.py) while the request has written nothing,
    else read then."""
    actor = actor_of(ctx)
    if actor is None:
        return {}

    async def load() -> dict[int, frozenset[str]]:
        found = held_by(actor, ctx.session.sync_session)
        if found is None:
            found = {}
            for event_id, name in await ctx.session.execute(_GRANTS, {"_user": actor.id}):
                found.setdefault(event_id, set()).add(name)
        return {event_id: frozenset(names) for event_id, names in found.items()}

    result: dict[int, frozenset[str]] = await ctx.remember(("event-grants", actor.id), load)
    return result


async def events_run(ctx: RequestContext) -> frozenset[int]:
    """The events the caller co-organizes (owner, organizer or co-organizer)."""
    return frozenset(
        event_id for event_id, roles in (await grants(ctx)).items() if roles & set(COORGANIZERS)
    )


def events_where(user_id: Any, roles: tuple[str, ...]) -> Any:
    """Subquery: ids of the events where the user (an id, or `CALLER`) holds one of
    `roles`."""
    return (
        select(UsersEventsRoles.event_id)
        .join(Role, Role.id == UsersEventsRoles.role_id)
        .where(UsersEventsRoles.user_id == user_id, one_of(Role.name, roles))
    )


def event_role(*roles: str, via: str = "event_id") -> Rule:
    """The caller holds one of `roles` on the object's event (`via` names its event id)."""

    async def check(ctx: RequestContext, obj: Any) -> bool:
        event_id = getattr(obj, via)
        held = (await grants(ctx)).get(event_id, frozenset())
        return bool(held & set(roles))

    async def scope(ctx: RequestContext, model: Any) -> ColumnElement[bool]:
        actor = actor_of(ctx)
        if actor is None:
            return false()
        column: ColumnElement[bool] = getattr(model, via).in_(events_where(CALLER, roles))
        return column

    return Rule(f"event_role({', '.join(roles)})", check=check, scope=scope, kept_by=caller_kind)


async def may(ctx: RequestContext, action: str) -> bool:
    """User permissions: verified users may; unverified or anonymous ones only where the
    action's switch allows it."""
    actor = actor_of(ctx)
    if actor is not None and (actor.is_verified or actor.is_staff):
        return True

    async def load() -> tuple[bool, bool] | None:
        stmt = select(UserPermission.unverified_user, UserPermission.anonymous_user).where(
            UserPermission.name == action
        )
        row = (await ctx.session.execute(stmt)).first()
        return None if row is None else (bool(row[0]), bool(row[1]))

    switch: tuple[bool, bool] | None = await ctx.remember(("permission", action), load)
    if switch is None:
        return False
    unverified, anonymous = switch
    return unverified if actor is not None else anonymous


# Roles and user permissions: public to read, admins to write.
admin_writes = Policy(list=anyone, view=anyone, create=is_admin, update=is_admin, delete=is_admin)

# Grants are read by the event's co-organizers and the grantee, and changed (another role)
# or revoked by its owner and organizers.
_reads_grant = event_role(*COORGANIZERS) | is_self("user_id") | is_admin
_manages_grant = event_role(*ORGANIZERS) | is_admin
grant_policy = Policy(
    list=_reads_grant,
    view=_reads_grant,
    update=_manages_grant,
    delete=_manages_grant,
    relationships={"role": _manages_grant},
)
