"""The admin panel's figures are for admins; the sales panel also for sales admins. Anyone
else is refused outright, a list included (never an empty page): a caller without a token
is asked to sign in (401), a signed-in one is refused (403)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import ColumnElement, true

from hallway.auth.actor import Actor
from hallway.auth.policy import actor_of
from hallway.errors import Forbidden, Unauthorized
from hallway.jsonapi import Policy, RequestContext, Rule


def _gate(name: str, admits: Callable[[Actor], bool], panel: str, who: str) -> Rule:
    def let_in(ctx: RequestContext) -> None:
        actor = actor_of(ctx)
        if actor is None:
            raise Unauthorized(f"Sign in as an admin to see the {panel}")
        if not admits(actor):
            raise Forbidden(f"Only {who} may see the {panel}")

    async def check(ctx: RequestContext, obj: Any) -> bool:
        let_in(ctx)
        return True

    async def scope(ctx: RequestContext, model: Any) -> ColumnElement[bool]:
        let_in(ctx)
        return true()

    return Rule(name, check=check, scope=scope)


admins = _gate("admin_panel", lambda actor: actor.is_staff, "platform statistics", "admins")
sales_admins = _gate(
    "sales_panel",
    lambda actor: actor.is_staff or actor.is_sales_admin,
    "platform sales",
    "admins and sales admins",
)

statistics_policy = Policy(view=admins)
sales_policy = Policy(list=sales_admins, view=sales_admins)
