"""Who may change the vocabularies: everyone reads them, admins write them."""

from __future__ import annotations

from hallway.auth.policy import is_admin
from hallway.jsonapi import Policy, anyone


def admin_writes(*writable: str) -> Policy:
    return Policy(
        list=anyone,
        view=anyone,
        create=is_admin,
        update=is_admin,
        delete=is_admin,
        relationships={name: is_admin for name in writable},
    )
