"""Who may see and change notifications: the recipient (admins may read them too)."""

from __future__ import annotations

from hallway.auth.policy import is_admin, is_self
from hallway.jsonapi import Policy

own = is_self("user_id")

notification_policy = Policy(list=own | is_admin, view=own | is_admin, update=own, delete=own)
