"""Who may do what with user accounts, and what others see of an account.

An account is seen whole by its owner and by admins. The hosts of published events
(owner, organizers, co-organizers) have a public profile that anyone may read: the names and
pictures an event page shows, nothing else.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from typing import Any

from sqlalchemy import ColumnElement

from hallway.auth.rules import actor_of, is_admin, is_self
from hallway.jsonapi import Policy, RequestContext, Rule, anyone
from hallway.jsonapi.visibility import Hidden
from hallway.roles.rules import hosts_of_published_events
from hallway.users.fields import PUBLIC_PROFILE


@functools.cache
def _hosts_clause(model: Any) -> ColumnElement[bool]:
    """One clause object per model: statements built on it are found again by identity."""
    clause: ColumnElement[bool] = model.id.in_(hosts_of_published_events())
    return clause


async def _hosts(ctx: RequestContext, model: Any) -> ColumnElement[bool]:
    return _hosts_clause(model)


# Where a sign-up records the account it made: its answer shows that account whole.
SIGNED_UP = "users:signed-up"
own_account = is_self("id")
public_profile = Rule("public_profile", scope=_hosts)

user_policy = Policy(
    list=is_admin,
    view=own_account | is_admin | public_profile,
    create=anyone,
    update=own_account | is_admin,
    delete=own_account | is_admin,
    trash=is_admin,
)


def hidden_attributes(attributes: tuple[str, ...]) -> Any:
    """The `hidden` function of the user resource: everything but the public profile, except
    on the caller's own account (or the one they just signed up); nothing from admins."""
    private = frozenset(attributes).difference(PUBLIC_PROFILE)

    async def hidden(ctx: RequestContext) -> frozenset[str] | Hidden:
        actor = actor_of(ctx)
        if actor is not None and actor.is_staff:
            return frozenset()
        me = actor.id if actor is not None else None

        def own(row: Mapping[str, Any]) -> bool:
            return row["id"] == me or row["id"] in ctx.memo.get(SIGNED_UP, ())

        return Hidden(private, exempt=own)

    return hidden
