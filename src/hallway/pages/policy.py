"""Who may change the pages: everyone reads them, admins write them."""

from __future__ import annotations

from hallway.auth.policy import is_admin
from hallway.jsonapi import Policy, anyone

page_policy = Policy(list=anyone, view=anyone, create=is_admin, update=is_admin, delete=is_admin)
