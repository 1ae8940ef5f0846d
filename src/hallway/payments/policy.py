"""An event's Stripe link is read, made, changed (with a new code) and removed by its owner,
organizers and co-organizers, and by admins."""

from __future__ import annotations

from hallway.auth.policy import is_admin
from hallway.jsonapi import Policy, nobody
from hallway.roles.policy import COORGANIZERS, event_role

_manages = event_role(*COORGANIZERS) | is_admin

stripe_authorization_policy = Policy(
    list=_manages,
    view=_manages,
    create=_manages,
    update=_manages,
    delete=_manages,
    relationships={"event": nobody},
)
