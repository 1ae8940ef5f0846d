"""Who may see and change events and their copyrights.

Published events are public; drafts exist only for their co-organizers (and admins).
Creating needs the `create_event` permission (verified users by default). A copyright is read
with its event and changed by the event's co-organizers."""

from __future__ import annotations

import functools
from typing import Any

from sqlalchemy import ColumnElement, false, inspect, or_, select, true

from hallway.auth.policy import CALLER, actor_of, caller_kind, is_admin
from hallway.events.models import Event
from hallway.groups.models import Group
from hallway.jsonapi import Policy, RequestContext, Rule, one_of
from hallway.roles.models import Role, UsersEventsRoles
from hallway.roles.policy import ANY_ROLE, COORGANIZERS, ORGANIZERS, event_role, events_where, may


@functools.cache
def _published(model: Any) -> ColumnElement[bool]:
    """One clause object per model: statements built on it are found again by identity."""
    clause: ColumnElement[bool] = model.state == "published"
    return clause


async def _published_or_managed(ctx: RequestContext, model: Any) -> ColumnElement[bool]:
    actor = actor_of(ctx)
    published = _published(model)
    if actor is None:
        return published
    return or_(published, model.id.in_(events_where(CALLER, COORGANIZERS)))


async def _may_create(ctx: RequestContext, event: Any) -> bool:
    return actor_of(ctx) is not None and await may(ctx, "create_event")


readable_event = Rule("published_or_managed", scope=_published_or_managed, kept_by=caller_kind)


def of_readable_event(via: str = "event_id") -> Rule:
    """The object belongs to an event the caller may read (live, and published or managed)."""

    async def scope(ctx: RequestContext, model: Any) -> ColumnElement[bool]:
        actor = actor_of(ctx)
        if actor is not None and actor.is_staff:
            events = select(Event.id)
        else:
            visible = await _published_or_managed(ctx, Event)
            events = select(Event.id).where(Event.deleted_at.is_(None), visible)
        clause: ColumnElement[bool] = getattr(model, via).in_(events)
        return clause

    return Rule(f"of_readable_event({via})", scope=scope, kept_by=caller_kind)


async def may_join_group(ctx: RequestContext, event: Any) -> bool:
    """An event joins (or moves to) a group only by the group's owner or an admin; leaving
    its group, or keeping it, needs nothing more."""
    changed = inspect(event).attrs.group_id.history.added
    if not changed or event.group_id is None:
        return True
    actor = actor_of(ctx)
    if actor is None:
        return False
    if actor.is_staff:
        return True
    owner_id = await ctx.session.scalar(select(Group.user_id).where(Group.id == event.group_id))
    return bool(owner_id == actor.id)


coorganizer = event_role(*COORGANIZERS, via="id")
organizer = event_role(*ORGANIZERS, via="id")
owner = event_role("owner", via="id")
joins_own_group = Rule("joins_own_group", check=may_join_group)

event_policy = Policy(
    list=readable_event | is_admin,
    view=readable_event | is_admin,
    create=Rule("may_create_event", check=_may_create),
    update=coorganizer | is_admin,
    delete=organizer | is_admin,
    trash=owner | is_admin,
    relationships={
        **{
            name: coorganizer | is_admin
            for name in ("event_type", "event_topic", "event_sub_topic")
        },
        "group": (coorganizer & joins_own_group) | is_admin,
    },
)


async def with_role(ctx: RequestContext, value: str) -> ColumnElement[bool]:
    """`?withRole`: only events where the caller holds a role (none for anonymous callers)."""
    actor = actor_of(ctx)
    if value.lower() in ("false", "0"):
        return true()
    if actor is None:
        return false()
    clause: ColumnElement[bool] = Event.id.in_(events_where(actor.id, ANY_ROLE))
    return clause


# An event's copyright: read with its event, managed by its co-organizers.
_manages_copyright = event_role(*COORGANIZERS) | is_admin
_reads_copyright = of_readable_event()
copyright_policy = Policy(
    list=_reads_copyright,
    view=_reads_copyright,
    create=_manages_copyright,
    update=_manages_copyright,
    delete=_manages_copyright,
    relationships={"event": _manages_copyright},
)


def hosts_of_published_events(roles: tuple[str, ...] = COORGANIZERS) -> Any:
    """Subquery: ids of the users holding one of `roles` on a published, live event (the
    people a public event page names)."""
    return (
        select(UsersEventsRoles.user_id)
        .join(Role, Role.id == UsersEventsRoles.role_id)
        .join(Event, Event.id == UsersEventsRoles.event_id)
        .where(one_of(Role.name, roles), Event.state == "published", Event.deleted_at.is_(None))
    )


@functools.cache
def _hosts_clause(model: Any) -> ColumnElement[bool]:
    """One clause object per model: statements built on it are found again by identity."""
    clause: ColumnElement[bool] = model.id.in_(hosts_of_published_events())
    return clause


async def _hosts(ctx: RequestContext, model: Any) -> ColumnElement[bool]:
    return _hosts_clause(model)


# Attached to the user resource: anyone may view the (public profile of the) hosts of
# published events, so event pages include their owner and organizers.
public_profile = Rule("public_profile", scope=_hosts)
