"""Who may start and fetch the exports that are not an event's lists: the admin's sales CSV
(admins), a group's followers CSV (the group's owner, or an admin) and an event's check-ins
CSV (the event's staff: owner, organizers, co-organizers and registrars, or an admin)."""

from __future__ import annotations

import json

from sqlalchemy import select

from hallway.auth.policy import actor_of
from hallway.errors import Forbidden, ObjectNotFound
from hallway.events.service import find_visible_event
from hallway.exports.models import DataJob
from hallway.exports.service import may_export
from hallway.groups.models import Group
from hallway.jsonapi import RequestContext
from hallway.jsonapi.ids import row_id
from hallway.orders.policy import STAFF_ROLES
from hallway.roles.policy import grants

SALES = "export.adminsales.csv"
FOLLOWERS = "export.group.followers.csv"
CHECK_INS = "export.user-check-in.csv"


def require_admin(ctx: RequestContext) -> None:
    actor = actor_of(ctx)
    if actor is None or not actor.is_staff:
        raise Forbidden("Only admins may export the sales")


async def group_of(ctx: RequestContext, key: str) -> tuple[int, int]:
    """The id and the owner of the live group `key` names (404 when there is none)."""
    group_id = row_id(Group.__table__.c.id, key)
    found = (
        None
        if group_id is None
        else await ctx.session.scalar(
            select(Group.user_id).where(Group.id == group_id, Group.deleted_at.is_(None))
        )
    )
    if group_id is None or found is None:
        raise ObjectNotFound(f"group {key!r} not found")
    return group_id, int(found)


async def followers_group(ctx: RequestContext, group_key: str) -> int | None:
    """The id of the group `group_key` names when the caller may export its followers (its
    owner, admins); None when they may not; 404 when there is no such group."""
    actor = actor_of(ctx)
    if actor is None:
        return None
    group_id, owner = await group_of(ctx, group_key)
    return group_id if actor.is_staff or owner == actor.id else None


async def is_staff_of(ctx: RequestContext, event_id: int) -> bool:
    actor = actor_of(ctx)
    if actor is None:
        return False
    held = (await grants(ctx)).get(event_id, frozenset())
    return actor.is_staff or bool(held & set(STAFF_ROLES))


async def staffed_event(ctx: RequestContext, key: str) -> int:
    """The event `key` names when the caller is on its staff: 404 when they may not see it,
    403 when they see it but are not on its staff."""
    event_id = await find_visible_event(ctx, key)
    if not await is_staff_of(ctx, event_id):
        raise Forbidden("Only the event's staff may export its check-ins")
    return event_id


async def may_fetch(ctx: RequestContext, job: DataJob) -> bool:
    """Whether the signed-in caller may download a finished export (without a link)."""
    actor = actor_of(ctx)
    if actor is None:
        return False
    if job.kind == SALES:
        return actor.is_staff
    if job.kind == FOLLOWERS:
        group_id = str(json.loads(job.options or "{}").get("group_id", ""))
        try:
            return await followers_group(ctx, group_id) is not None
        except ObjectNotFound:
            return False
    if job.event_id is None:
        return False
    if job.kind == CHECK_INS:
        return await is_staff_of(ctx, job.event_id)
    return await may_export(ctx, job.event_id)
