"""Only those who run an event see its figures (owner, organizers, co-organizers, admins)."""

from __future__ import annotations

from hallway.auth.policy import is_admin
from hallway.jsonapi import Policy
from hallway.roles.policy import COORGANIZERS, event_role

# A statistics object's id is its event's id.
organizers_of_the_event = event_role(*COORGANIZERS, via="id") | is_admin

statistics_policy = Policy(list=organizers_of_the_event, view=organizers_of_the_event)

# A ticket's statistics object carries its ticket's event.
organizers_of_the_tickets_event = event_role(*COORGANIZERS) | is_admin
ticket_statistics_policy = Policy(
    list=organizers_of_the_tickets_event, view=organizers_of_the_tickets_event
)
