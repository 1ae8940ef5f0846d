"""Who sees and changes the settings. Everyone reads the public part; signed-in callers also
the app links; admins everything but the secrets, which no one reads back. Only admins change
them: a caller without a token is asked to sign in (401), anyone else is refused (403)."""

from __future__ import annotations

from typing import Any

from hallway.auth.policy import actor_of
from hallway.errors import Unauthorized
from hallway.jsonapi import Policy, RequestContext, Rule, anyone
from hallway.settings.models import ADMIN_ONLY, SIGNED_IN

HIDDEN_FROM_ANONYMOUS = frozenset((*SIGNED_IN, *ADMIN_ONLY))
HIDDEN_FROM_USERS = frozenset(ADMIN_ONLY)


async def hidden_from(ctx: RequestContext) -> frozenset[str]:
    actor = actor_of(ctx)
    if actor is None:
        return HIDDEN_FROM_ANONYMOUS
    return frozenset() if actor.is_staff else HIDDEN_FROM_USERS


async def _signed_in_admin(ctx: RequestContext, obj: Any) -> bool:
    actor = actor_of(ctx)
    if actor is None:
        raise Unauthorized("Sign in as an admin to change the settings")
    return actor.is_staff


signed_in_admin = Rule("signed_in_admin", check=_signed_in_admin)

setting_policy = Policy(view=anyone, update=signed_in_admin)
