"""Who may do what with user accounts."""

from __future__ import annotations

from hallway.auth.rules import is_admin, is_self
from hallway.jsonapi import Policy, anyone

own_account = is_self("id")

user_policy = Policy(
    list=is_admin,
    view=own_account | is_admin,
    create=anyone,
    update=own_account | is_admin,
    delete=own_account | is_admin,
    trash=is_admin,
)
