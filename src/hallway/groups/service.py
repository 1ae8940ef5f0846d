"""Group use cases: start a group (the caller owns it), change it, gather events in it, follow
it once."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from hallway.auth.policy import actor_of, refuse_admin_flags
from hallway.errors import Conflict, Forbidden, ValidationFailed
from hallway.groups.models import Group, UserFollowGroup
from hallway.groups.policy import may_add_events
from hallway.jsonapi import RequestContext
from hallway.uploads import variants_for

# What the platform promotes on its home page: admins only.
ADMIN_FLAGS = ("is_promoted",)


async def build_group(ctx: RequestContext, values: dict[str, Any]) -> Group:
    """The caller owns the group they start; an unsent or null flag takes its default."""
    values = {name: value for name, value in values.items() if value is not None}
    refuse_admin_flags(actor_of(ctx), ADMIN_FLAGS, values, current=None)
    actor = actor_of(ctx)
    group = Group(user_id=actor.id if actor else None, **values)
    fill_thumbnail(group)
    return group


async def apply_changes(ctx: RequestContext, group: Group, values: dict[str, Any]) -> None:
    refuse_admin_flags(actor_of(ctx), ADMIN_FLAGS, values, current=group)
    for name in ("name", "is_promoted"):
        if name in values and values[name] is None:
            raise ValidationFailed(
                f"{name.replace('_', '-')} cannot be empty",
                pointer=f"/data/attributes/{name.replace('_', '-')}",
            )
    for name, value in values.items():
        setattr(group, name, value)
    if "banner_url" in values:
        fill_thumbnail(group)


async def check_events(ctx: RequestContext, group: Group) -> None:
    """The events sent with a group join it only from those who organize them."""
    if not await may_add_events(ctx, group):
        raise Forbidden(
            "Only an organizer of an event may add it to a group",
            pointer="/data/relationships/events",
        )


def fill_thumbnail(group: Group) -> None:
    """The thumbnail of an uploaded banner; a banner hosted elsewhere stands in for it."""
    url = group.banner_url
    variants = variants_for(url) if url else None
    group.thumbnail_image_url = variants["thumbnail"] if variants else url


async def build_follow(ctx: RequestContext, values: dict[str, Any]) -> UserFollowGroup:
    """A follow is the caller's own unless the body names someone else (then it is refused)."""
    actor = actor_of(ctx)
    return UserFollowGroup(user_id=actor.id if actor else None, **values)


async def refuse_second_follow(ctx: RequestContext, follow: UserFollowGroup) -> None:
    """One follow per user and group."""
    stmt = select(UserFollowGroup.id).where(
        UserFollowGroup.user_id == follow.user_id, UserFollowGroup.group_id == follow.group_id
    )
    if await ctx.session.scalar(stmt.limit(1)) is not None:
        raise Conflict("Group already followed", pointer="/data/relationships/group")
