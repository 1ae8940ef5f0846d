"""Predicates about the caller, composable into policies with `|` and `&`."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, false, true

from hallway.auth.actor import Actor
from hallway.jsonapi import RequestContext, Rule


def actor_of(ctx: RequestContext) -> Actor | None:
    actor: Actor | None = ctx.actor
    return actor


async def _staff(ctx: RequestContext, obj: Any) -> bool:
    actor = actor_of(ctx)
    return bool(actor and actor.is_staff)


async def _staff_rows(ctx: RequestContext, model: Any) -> ColumnElement[bool]:
    actor = actor_of(ctx)
    return true() if actor and actor.is_staff else false()


is_admin = Rule("is_admin", check=_staff, scope=_staff_rows)


def is_self(column: str = "id") -> Rule:
    """The object belongs to the caller: its `column` holds the caller's user id."""

    async def check(ctx: RequestContext, obj: Any) -> bool:
        actor = actor_of(ctx)
        return bool(actor and getattr(obj, column) == actor.id)

    async def scope(ctx: RequestContext, model: Any) -> ColumnElement[bool]:
        actor = actor_of(ctx)
        return getattr(model, column) == actor.id if actor else false()

    return Rule(f"is_self({column})", check=check, scope=scope)
