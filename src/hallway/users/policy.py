"""Who may do what with user accounts, and what others see of an account.

An account is seen whole by its owner and by admins. Others see at most the public profile
(names and pictures), and only where another domain lets them view the account: the events
domain attaches that rule for the hosts of published events.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from hallway.auth.policy import actor_of, is_admin, is_self
from hallway.jsonapi import Policy, RequestContext, anyone
from hallway.jsonapi.visibility import Hidden
from hallway.users.fields import PUBLIC_PROFILE

# Where a sign-up records the account it made: its answer shows that account whole.
SIGNED_UP = "users:signed-up"
own_account = is_self("id")

user_policy = Policy(
    list=is_admin,
    view=own_account | is_admin,
    create=anyone,
    update=own_account | is_admin,
    delete=own_account | is_admin,
    trash=is_admin,
)


async def hidden_attributes(ctx: RequestContext) -> frozenset[str] | Hidden:
    """The `hidden` function of the user resource: every attribute but the public profile
    (those attached by other domains included), except on the caller's own account (or the
    one they just signed up); nothing from admins."""
    actor = actor_of(ctx)
    if actor is not None and actor.is_staff:
        return frozenset()
    me = actor.id if actor is not None else None

    def own(row: Mapping[str, Any]) -> bool:
        return row["id"] == me or row["id"] in ctx.memo.get(SIGNED_UP, ())

    return Hidden(exempt=own, keep=frozenset(PUBLIC_PROFILE))
