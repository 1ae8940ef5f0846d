"""Stations and what is recorded at them belong to the event's staff: its owner, organizers,
co-organizers and registrars (and admins) read them and check attendees in; the owner,
organizers and co-organizers set the stations up. A buyer never checks themselves in, a plain
user or another event's organizer sees nothing of them."""

from __future__ import annotations

from hallway.auth.policy import is_admin
from hallway.jsonapi import Policy, Rule, nobody
from hallway.orders.policy import STAFF_ROLES, on_parent_event
from hallway.roles.policy import COORGANIZERS, event_role
from hallway.stations.models import Station


def _at_station(*roles: str) -> Rule:
    return on_parent_event(Station, "station_id", *roles)


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
