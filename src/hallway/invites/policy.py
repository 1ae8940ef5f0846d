"""Role invites are read, sent and withdrawn by the event's owner and organizers (and admins);
co-organizers and the other roles may not invite. The invitee never reads the resource: they
act through the token their mail carries (routes.py)."""

from __future__ import annotations

from hallway.auth.policy import is_admin
from hallway.jsonapi import Policy, nobody
from hallway.roles.policy import ORGANIZERS, event_role

manages_invites = event_role(*ORGANIZERS) | is_admin

role_invite_policy = Policy(
    list=manages_invites,
    view=manages_invites,
    create=manages_invites,
    delete=manages_invites,
    # An invite names its event and role once; a new role means a new invite.
    relationships={"event": nobody, "role": nobody},
)
