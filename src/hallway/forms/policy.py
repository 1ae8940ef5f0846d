"""Custom forms are read with their event (the order form and the call for speakers read
them) and written by the event's owner, organizers and co-organizers, and by admins."""

from __future__ import annotations

from hallway.auth.policy import is_admin
from hallway.events.policy import of_readable_event
from hallway.jsonapi import Policy
from hallway.roles.policy import COORGANIZERS, event_role

_reads = of_readable_event() | is_admin
_manages = event_role(*COORGANIZERS) | is_admin

custom_form_policy = Policy(
    list=_reads,
    view=_reads,
    create=_manages,
    update=_manages,
    delete=_manages,
    trash=_manages,
    relationships={"event": _manages},
)
