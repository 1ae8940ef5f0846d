"""Who may see and change favourites: a favourite is its user's own. They see, make and
remove their own; admins see and remove any. Nobody moves a favourite to another user or
object (remove it and favourite again)."""

from __future__ import annotations

from hallway.auth.policy import is_admin, is_self
from hallway.jsonapi import Policy, nobody

own_favourite = is_self("user_id")

favourite_policy = Policy(
    list=own_favourite | is_admin,
    view=own_favourite | is_admin,
    create=own_favourite,
    delete=own_favourite | is_admin,
)


def policy_for(target: str) -> Policy:
    """The policy of the favourites of `target` (`event` or `session`)."""
    return Policy(
        list=favourite_policy.list,
        view=favourite_policy.view,
        create=favourite_policy.create,
        delete=favourite_policy.delete,
        relationships={"user": nobody, target: nobody},
    )
