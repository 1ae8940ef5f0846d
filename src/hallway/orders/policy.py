"""Who may see and change orders and attendees.

A buyer sees their own orders and the attendees in them (and an attendee the ticket made out
to their account); the event's owner, organizers, co-organizers and registrars see the
event's; admins and sales admins see all. A plain user never sees anyone else's order. What
each may change is decided per attribute by the lifecycle rules (lifecycle.py)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, false, select, true

from hallway.auth.policy import CALLER, actor_of, caller_kind, is_admin, is_self
from hallway.jsonapi import Policy, RequestContext, Rule, nobody
from hallway.loading import load
from hallway.orders.models import Order
from hallway.roles.policy import COORGANIZERS, event_role, events_where, grants

STAFF_ROLES = (*COORGANIZERS, "registrar")
manages = event_role(*COORGANIZERS) | is_admin
staff = event_role(*STAFF_ROLES) | is_admin


async def _sales_admin(ctx: RequestContext, obj: Any) -> bool:
    actor = actor_of(ctx)
    return bool(actor and actor.is_sales_admin)


async def _sales_admin_rows(ctx: RequestContext, model: Any) -> ColumnElement[bool]:
    actor = actor_of(ctx)
    return true() if actor and actor.is_sales_admin else false()


async def roles_on(ctx: RequestContext, event_id: int) -> frozenset[str]:
    """The caller's roles on the event, with "admin" for platform admins (read once per
    request, most often with the caller's row; shared with the rules)."""
    actor = actor_of(ctx)
    if actor is None:
        return frozenset()
    held = (await grants(ctx)).get(event_id, frozenset())
    return held | {"admin"} if actor.is_staff else held


async def holds(ctx: RequestContext, event_id: int, roles: tuple[str, ...]) -> bool:
    """The caller holds one of `roles` on the event, or is an admin."""
    return bool((await roles_on(ctx, event_id)) & {*roles, "admin"})


def on_parent_event(parent: Any, link: str, *roles: str) -> Rule:
    """The caller holds one of `roles` on the event of the object's `parent` (`link` names its
    id on the object; the object's own `event_id` is filled in from the parent only after the
    check). Lists scope by the object's `event_id`."""

    async def check(ctx: RequestContext, obj: Any) -> bool:
        key = getattr(obj, link)
        found = await ctx.session.get(parent, key) if key else None
        return found is not None and await holds(ctx, found.event_id, roles)

    async def scope(ctx: RequestContext, model: Any) -> ColumnElement[bool]:
        actor = actor_of(ctx)
        if actor is None:
            return false()
        clause: ColumnElement[bool] = model.event_id.in_(events_where(CALLER, roles))
        return clause

    name = f"on_{link}_event({', '.join(roles)})"
    return Rule(name, check=check, scope=scope, kept_by=caller_kind)


sales_admin = Rule(
    "is_sales_admin", check=_sales_admin, scope=_sales_admin_rows, kept_by=caller_kind
)
buyer = is_self("user_id")


async def _bought(ctx: RequestContext, attendee: Any) -> bool:
    actor = actor_of(ctx)
    if actor is None:
        return False
    order = await load(ctx.session, Order, attendee.order_id)
    return bool(order and order.user_id == actor.id)


async def _bought_rows(ctx: RequestContext, model: Any) -> ColumnElement[bool]:
    actor = actor_of(ctx)
    if actor is None:
        return false()
    mine = select(Order.id).where(Order.user_id == CALLER)
    clause: ColumnElement[bool] = model.order_id.in_(mine)
    return clause


bought_it = Rule("bought_it", check=_bought, scope=_bought_rows, kept_by=caller_kind)

_reads_order = buyer | staff | sales_admin
order_policy = Policy(
    list=_reads_order,
    view=_reads_order,
    update=buyer | manages,
    delete=nobody,
)

_reads_attendee = bought_it | is_self("user_id") | staff | sales_admin
attendee_policy = Policy(
    list=_reads_attendee,
    view=_reads_attendee,
    update=bought_it | staff,
    delete=staff,
    trash=nobody,
)

# Attendee tags: the event's staff read them (they filter the attendee list by them); its
# co-organizers write them.
tag_policy = Policy(
    list=staff,
    view=staff,
    create=manages,
    update=manages,
    delete=manages,
    relationships={"event": manages},
)
