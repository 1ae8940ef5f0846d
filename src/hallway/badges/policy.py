"""Badge forms belong to the event's staff: its owner, organizers, co-organizers and
registrars (and admins) read them and print badges; the owner, organizers and co-organizers
design them. Anyone else (anonymous, a plain user, another event's organizer) sees nothing."""

from __future__ import annotations

from hallway.auth.policy import is_admin
from hallway.badges.models import BadgeForm
from hallway.jsonapi import Policy, Rule
from hallway.orders.policy import STAFF_ROLES, on_parent_event
from hallway.roles.policy import COORGANIZERS, event_role

staff = event_role(*STAFF_ROLES) | is_admin
manages = event_role(*COORGANIZERS) | is_admin


def _of_form(*roles: str) -> Rule:
    return on_parent_event(BadgeForm, "badge_form_id", *roles)


manages_form = _of_form(*COORGANIZERS) | is_admin

badge_form_policy = Policy(
    list=staff,
    view=staff,
    create=manages,
    update=manages,
    delete=manages,
    relationships={"event": manages},
)
badge_field_form_policy = Policy(
    list=staff,
    view=staff,
    create=manages_form,
    update=manages_form,
    delete=manages_form,
    relationships={"badge_form": manages_form},
)
