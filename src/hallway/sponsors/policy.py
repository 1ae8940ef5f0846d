"""Sponsors are read with their event (public for published events). Exhibitors too, once
accepted: a pending exhibitor is an application only the event's co-organizers (and admins)
see. Both are written by the event's owner, organizers and co-organizers, and by admins."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement

from hallway.auth.policy import is_admin
from hallway.events.policy import of_readable_event
from hallway.jsonapi import Policy, RequestContext, Rule
from hallway.roles.policy import COORGANIZERS, event_role

manages = event_role(*COORGANIZERS) | is_admin
manages_event = event_role(*COORGANIZERS, via="id") | is_admin


async def _accepted(ctx: RequestContext, model: Any) -> ColumnElement[bool]:
    clause: ColumnElement[bool] = model.status == "accepted"
    return clause


accepted = Rule("accepted", scope=_accepted)

sponsor_policy = Policy(
    list=of_readable_event(),
    view=of_readable_event(),
    create=manages,
    update=manages,
    delete=manages,
    trash=manages,
    relationships={"event": manages},
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
