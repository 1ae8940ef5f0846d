"""Predicates about the caller, composable into policies with `|` and `&`."""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any

from sqlalchemy import BindParameter, ColumnElement, Integer, bindparam, false, true

from hallway.auth.actor import CALLER_PARAMETER, Actor
from hallway.errors import Forbidden
from hallway.jsonapi import RequestContext, Rule

# The caller's id in a scope: given at execution (jsonapi/policy.py), so the clause is the same
# for every caller of one kind (`caller_kind`).
CALLER: BindParameter[int] = bindparam(CALLER_PARAMETER, type_=Integer)


def actor_of(ctx: RequestContext) -> Actor | None:
    actor: Actor | None = ctx.actor
    return actor


def caller(ctx: RequestContext) -> Hashable:
    """What a scope that looks at the caller depends on: who calls, and whether as an admin
    (a scope's roles and grants are read by its subqueries when the statement runs). Rules
    whose clauses are built from these alone keep them per caller (`Rule(kept_by=caller)`)."""
    actor = actor_of(ctx)
    return None if actor is None else (actor.id, actor.is_staff)


def caller_kind(ctx: RequestContext) -> Hashable:
    """What a scope written with `CALLER` for the caller's id depends on: whether anyone is
    signed in, and as what. Rules whose clauses are built from these alone keep one clause
    for all such callers (`Rule(kept_by=caller_kind)`)."""
    actor = actor_of(ctx)
    return None if actor is None else (actor.is_staff, actor.is_sales_admin)


async def _staff(ctx: RequestContext, obj: Any) -> bool:
    actor = actor_of(ctx)
    return bool(actor and actor.is_staff)


async def _staff_rows(ctx: RequestContext, model: Any) -> ColumnElement[bool]:
    actor = actor_of(ctx)
    return true() if actor and actor.is_staff else false()


is_admin = Rule("is_admin", check=_staff, scope=_staff_rows, kept_by=caller_kind)


def is_self(column: str = "id") -> Rule:
    """The object belongs to the caller: its `column` holds the caller's user id."""

    async def check(ctx: RequestContext, obj: Any) -> bool:
        actor = actor_of(ctx)
        return bool(actor and getattr(obj, column) == actor.id)

    async def scope(ctx: RequestContext, model: Any) -> ColumnElement[bool]:
        actor = actor_of(ctx)
        return getattr(model, column) == CALLER if actor else false()

    return Rule(f"is_self({column})", check=check, scope=scope, kept_by=caller_kind)


def refuse_admin_flags(
    actor: Actor | None, flags: tuple[str, ...], values: dict[str, Any], current: Any | None
) -> None:
    """Only an admin may set or change the `flags` among the written `values` (`current`:
    the object before the write, None when it is being created)."""
    if actor is not None and actor.is_staff:
        return
    for name in flags:
        if name in values and bool(values[name]) != bool(current and getattr(current, name)):
            wire = name.replace("_", "-")
            raise Forbidden(f"Only an admin may change {wire}", pointer=f"/data/attributes/{wire}")
