"""Social links are read with their event (public for published events) and written by the
event's owner, organizers and co-organizers, and by admins."""

from __future__ import annotations

from hallway.auth.policy import is_admin
from hallway.events.policy import of_readable_event
from hallway.jsonapi import Policy
from hallway.roles.policy import COORGANIZERS, event_role

_manages = event_role(*COORGANIZERS) | is_admin
social_link_policy = Policy(
    list=of_readable_event(),
    view=of_readable_event(),
    create=_manages,
    update=_manages,
    delete=_manages,
    trash=_manages,
    relationships={"event": _manages},
)
