"""Sponsors are read with their event (public for published events). Exhibitors too, once
accepted: a pending exhibitor is an application only the event's co-organizers (and admins)
see. Sponsors are written as the role-by-service matrix says (seeded: the event's owner,
organizers and co-organizers), exhibitors by those; admins write both."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement

from hallway.auth.policy import is_admin
from hallway.events.policy import of_readable_event
from hallway.jsonapi import Policy, RequestContext, Rule
from hallway.permissions.policy import matrix_policy
from hallway.roles.policy import COORGANIZERS, event_role

manages = event_role(*COORGANIZERS) | is_admin
manages_event = event_role(*COORGANIZERS, via="id") | is_admin


async def _accepted(ctx: RequestContext, model: Any) -> ColumnElement[bool]:
    clause: ColumnElement[bool] = model.status == "accepted"
    return clause


accepted = Rule("accepted", scope=_accepted)

_sponsor_writes = matrix_policy("sponsor")
sponsor_policy = Policy(
    list=of_readable_event(),
    view=of_readable_event(),
    create=_sponsor_writes["create"],
    update=_sponsor_writes["update"],
    delete=_sponsor_writes["delete"],
    trash=manages,
    relationships={"event": _sponsor_writes["update"]},
)
_reads_exhibitor = (of_readable_event() & accepted) | manages
exhibitor_policy = Policy(
    list=_reads_exhibitor,
    view=_reads_exhibitor,
    create=manages,
    update=manages,
    delete=manages,
    relationships={"event": manages, "sessions": manages},
)
