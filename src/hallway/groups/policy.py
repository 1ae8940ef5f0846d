"""Who may see and change groups and follows.

Live groups are public. A verified user may start one; its owner (and admins) change, delete
and restore it, and put in it the events the owner organizes (an event's organizers may also
put it in a group of theirs from the event's side). A follow is the follower's own: only they
make or undo it, for themselves. The members of a group are its owner and its followers: they
see one another's follows and public profiles, and anyone sees the public profile of a live
group's owner."""

from __future__ import annotations

import functools
from typing import Any

from sqlalchemy import ColumnElement, false, inspect, or_, select

from hallway.auth.policy import actor_of, is_admin, is_self
from hallway.groups.models import Group, UserFollowGroup
from hallway.jsonapi import Policy, RequestContext, Rule, anyone, nobody
from hallway.roles.policy import COORGANIZERS, grants


async def _verified(ctx: RequestContext, group: Any) -> bool:
    actor = actor_of(ctx)
    return actor is not None and actor.is_verified


async def may_add_events(ctx: RequestContext, group: Any) -> bool:
    """Events join a group only from those who organize them (admins: any event); taking
    events out of one's group, or keeping them, needs nothing more."""
    added = inspect(group).attrs.events.history.added
    if not added:
        return True
    actor = actor_of(ctx)
    if actor is None:
        return False
    if actor.is_staff:
        return True
    held = await grants(ctx)
    return all(held.get(event.id, frozenset()) & set(COORGANIZERS) for event in added)


verified_user = Rule("verified_user", check=_verified)
own_group = is_self("user_id")
adds_organized_events = Rule("adds_organized_events", check=may_add_events)

group_policy = Policy(
    list=anyone,
    view=anyone,
    create=verified_user,
    update=own_group | is_admin,
    delete=own_group | is_admin,
    trash=own_group | is_admin,
    relationships={"events": (own_group & adds_organized_events) | is_admin},
)


def of_member_groups(group_id: Any, user_id: int) -> ColumnElement[bool]:
    """`group_id` names a group `user_id` owns or follows (the subqueries stand alone: never
    correlated to a statement that reads the same tables)."""
    owned = select(Group.id).where(Group.user_id == user_id).correlate(None)
    followed = (
        select(UserFollowGroup.group_id).where(UserFollowGroup.user_id == user_id).correlate(None)
    )
    clause: ColumnElement[bool] = or_(group_id.in_(owned), group_id.in_(followed))
    return clause


async def _members_rows(ctx: RequestContext, model: Any) -> ColumnElement[bool]:
    actor = actor_of(ctx)
    if actor is None:
        return false()
    clause: ColumnElement[bool] = or_(
        model.user_id == actor.id, of_member_groups(model.group_id, actor.id)
    )
    return clause


fellow_member = Rule("fellow_member", scope=_members_rows)
own_follow = is_self("user_id")

follow_policy = Policy(
    list=fellow_member | is_admin,
    view=fellow_member | is_admin,
    create=own_follow,
    delete=own_follow,
    # A follow is never moved to another user or group: unfollow and follow again.
    relationships={"user": nobody, "group": nobody},
)


@functools.cache
def _owners_clause(model: Any) -> ColumnElement[bool]:
    """One clause object per model: statements built on it are found again by identity."""
    owners = select(Group.user_id).where(Group.deleted_at.is_(None)).correlate(None)
    clause: ColumnElement[bool] = model.id.in_(owners)
    return clause


async def _group_profiles(ctx: RequestContext, model: Any) -> ColumnElement[bool]:
    owners = _owners_clause(model)
    actor = actor_of(ctx)
    if actor is None:
        return owners
    fellows = (
        select(UserFollowGroup.user_id)
        .where(of_member_groups(UserFollowGroup.group_id, actor.id))
        .correlate(None)
    )
    clause: ColumnElement[bool] = or_(owners, model.id.in_(fellows))
    return clause


# Attached to the user resource: who may view (the public profile of) an account because of
# groups: a live group's owner for anyone, a follower for the members of the same group.
group_profile = Rule("group_profile", scope=_group_profiles)
