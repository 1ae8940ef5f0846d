"""Stations and what is recorded at them belong to the event's staff: its owner, organizers,
co-organizers and registrars (and admins) read them and check attendees in; the owner,
organizers and co-organizers set the stations up. A buyer never checks themselves in, a plain
user or another event's organizer sees nothing of them."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, false

from hallway.auth.policy import actor_of, is_admin
from hallway.jsonapi import Policy, RequestContext, Rule, nobody
from hallway.orders.policy import STAFF_ROLES, holds
from hallway.roles.policy import COORGANIZERS, event_role, events_where
from hallway.stations.models import Station


def _at_station(*roles: str) -> Rule:
    """The caller holds one of `roles` on the event of the object's station (its own
    `event_id` is filled in from the station only after the check)."""

    async def check(ctx: RequestContext, obj: Any) -> bool:
        station = await ctx.session.get(Station, obj.station_id) if obj.station_id else None
        return station is not None and await holds(ctx, station.event_id, roles)

    async def scope(ctx: RequestContext, model: Any) -> ColumnElement[bool]:
        actor = actor_of(ctx)
        if actor is None:
            return false()
        clause: ColumnElement[bool] = model.event_id.in_(events_where(actor.id, roles))
        return clause

    return Rule(f"at_station({', '.join(roles)})", check=check, scope=scope)


staff = event_role(*STAFF_ROLES) | is_admin
manages = event_role(*COORGANIZERS) | is_admin
staff_at_station = _at_station(*STAFF_ROLES) | is_admin

station_policy = Policy(
    list=staff,
    view=staff,
    create=manages,
    update=manages,
    delete=manages,
    relationships={"event": manages, "microlocation": manages},
)
check_in_policy = Policy(
    list=staff,
    view=staff,
    create=staff_at_station,
    update=nobody,
    delete=staff,
    # A check-in is what happened: it is deleted, never moved to another person or place.
    relationships={"ticket_holder": nobody, "station": nobody, "session": nobody},
)
pax_policy = Policy(
    list=staff,
    view=staff,
    create=staff_at_station,
    update=staff,
    delete=staff,
    relationships={"station": nobody, "session": staff},
)
