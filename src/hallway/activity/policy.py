"""Who may read the audit log: admins all of it, an event's owner and organizers the
activities of their events. Nobody writes it through the API."""

from __future__ import annotations

from hallway.auth.policy import is_admin
from hallway.jsonapi import Policy
from hallway.roles.policy import ORGANIZERS, event_role

_reads = is_admin | event_role(*ORGANIZERS)

activity_policy = Policy(list=_reads, view=_reads)
