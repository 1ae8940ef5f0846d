"""An event's invoices are its owner's business: the event's owner (and the user billed)
and admins read them; only admins change them (payments are recorded by them); nobody
creates or deletes one through the API (the monthly job issues them)."""

from __future__ import annotations

from hallway.auth.policy import is_admin, is_self
from hallway.jsonapi import Policy, nobody
from hallway.roles.policy import event_role

readers = event_role("owner") | is_self("user_id") | is_admin
invoice_policy = Policy(list=readers, view=readers, update=is_admin, delete=nobody)
