"""Permissions as named rules built from composable predicates.

A rule answers two questions: `scope()` gives the SQL clause that limits which rows a caller may
read (so lists are filtered in the database), and `allows()` decides an action on one object. A
rule with only a scope checks an object by asking the database whether the object is in scope.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Hashable, Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import (
    ColumnElement,
    and_,
    event,
    exists,
    false,
    inspect,
    literal,
    or_,
    select,
    true,
)
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import ORMExecuteState
from sqlalchemy.orm import Session as OrmSession
from sqlalchemy.sql.elements import False_, True_
from starlette.requests import Request

from hallway.errors import Forbidden


@dataclass
class RequestContext:
    """What a rule may look at: the caller, the open session and a per-request memo."""

    request: Request | None
    session: AsyncSession
    # Whatever the application's `authenticate` returns for the caller (None: anonymous);
    # the engine never looks inside it.
    actor: Any
    memo: dict[Any, Any] = field(default_factory=dict)
    # Values of the bound parameters the caller's scopes leave open (see the module's doc).
    params: dict[str, Any] = field(init=False)

    def __post_init__(self) -> None:
        self.params = dict(getattr(self.actor, "scope_parameters", None) or {})
        if self.params:
            self.session.info[REQUEST_PARAMETERS] = self.params
        else:
            self.session.info.pop(REQUEST_PARAMETERS, None)

    async def remember(self, key: Any, compute: Callable[[], Awaitable[Any]]) -> Any:
        """Compute a value once per request (role look-ups cost a bounded number of queries)."""
        if key not in self.memo:
            self.memo[key] = await compute()
        return self.memo[key]


REQUEST_PARAMETERS = "hallway.request-parameters"


@event.listens_for(OrmSession, "do_orm_execute")
def _give_request_parameters(state: ORMExecuteState) -> None:
    """An ORM read of a request's session gets the request's parameters (its own win)."""
    given = state.session.info.get(REQUEST_PARAMETERS)
    if given and state.is_select:
        params = state.parameters
        if params is None or isinstance(params, Mapping):
            state.parameters = {**given, **(params or {})}


def one_of(column: Any, values: tuple[Any, ...]) -> ColumnElement[bool]:
    """`column IN (values)` for a fixed set of values, each bound on its own. A plain `in_`
    of a list is rendered at each execution (its SQL depends on how many values it gets), so a
    scope written with it keeps its statements off the driver's fast path (driver.py)."""
    clause: ColumnElement[bool] = column.in_([literal(value, column.type) for value in values])
    return clause


# A mapped model class, and one of its objects: the engine serves any model.
ModelClass = type[Any]
Check = Callable[[RequestContext, Any], Awaitable[bool]]
Scope = Callable[[RequestContext, ModelClass], Awaitable[ColumnElement[bool]]]
# What a scope's clause depends on in the request (e.g. the caller's id): see `Rule`.
ScopeKey = Callable[[RequestContext], Hashable]
# Clauses kept per rule (one per model and distinct key).
KEPT_SCOPES = 512


class Rule:
    """A named predicate; combine with `|` (either) and `&` (both).

    `kept_by`: the scope's clause depends only on the model and on this key of the request
    (SQL subqueries evaluated at execution stay fresh), so it is built once per key and the
    same clause object is answered again: statements built on it are then found again by
    identity, without SQLAlchemy computing their cache key per request."""

    def __init__(
        self,
        name: str,
        *,
        check: Check | None = None,
        scope: Scope | None = None,
        kept_by: ScopeKey | None = None,
    ):
        if check is None and scope is None:
            raise ValueError(f"rule {name!r} needs a check or a scope")
        self.name = name
        self._check = check
        self._scope = scope
        self.kept_by = kept_by if scope is not None else None
        self._kept: dict[tuple[ModelClass, Hashable], ColumnElement[bool]] = {}

    def __repr__(self) -> str:
        return f"Rule({self.name})"

    @property
    def has_scope(self) -> bool:
        return self._scope is not None

    async def scope(self, ctx: RequestContext, model: ModelClass) -> ColumnElement[bool]:
        if self._scope is None:
            raise TypeError(f"rule {self.name!r} has no SQL scope and cannot limit a list")
        if self.kept_by is None:
            return await self._scope(ctx, model)
        key = (model, self.kept_by(ctx))
        clause = self._kept.get(key)
        if clause is None:
            clause = await self._scope(ctx, model)
            if len(self._kept) >= KEPT_SCOPES:
                self._kept.clear()
            self._kept[key] = clause
        return clause

    async def allows(self, ctx: RequestContext, obj: Any) -> bool:
        if self._check is not None:
            return await self._check(ctx, obj)
        return await self._in_scope(ctx, obj)

    async def _in_scope(self, ctx: RequestContext, obj: Any) -> bool:
        model = type(obj)
        state = inspect(obj)
        if state.transient or state.pending:
            raise TypeError(f"rule {self.name!r} has no check for an object not yet stored")
        keys = inspect(model).primary_key
        match = and_(*(col == getattr(obj, col.key) for col in keys))
        clause = await self.scope(ctx, model)
        found = await ctx.session.scalar(select(exists().where(match, clause)))
        return bool(found)

    def __or__(self, other: Rule) -> Rule:
        return _combine(f"({self.name} | {other.name})", self, other, any_of=True)

    def __and__(self, other: Rule) -> Rule:
        return _combine(f"({self.name} & {other.name})", self, other, any_of=False)


def _combine(name: str, left: Rule, right: Rule, *, any_of: bool) -> Rule:
    async def check(ctx: RequestContext, obj: Any) -> bool:
        first = await left.allows(ctx, obj)
        if first is any_of:
            return first
        return await right.allows(ctx, obj)

    async def scope(ctx: RequestContext, model: ModelClass) -> ColumnElement[bool]:
        return _joined(await left.scope(ctx, model), await right.scope(ctx, model), any_of)

    has_scope = left.has_scope and right.has_scope
    kept_by: ScopeKey | None = None
    left_key, right_key = left.kept_by, right.kept_by
    if left_key is not None and right_key is not None:
        kept_by = lambda ctx: (left_key(ctx), right_key(ctx))  # noqa: E731
    return Rule(name, check=check, scope=scope if has_scope else None, kept_by=kept_by)


def _joined(
    left: ColumnElement[bool], right: ColumnElement[bool], any_of: bool
) -> ColumnElement[bool]:
    """`left OR right` (or AND), with constant sides folded away: a scope that reduces to one
    clause stays that very clause object, which keeps statements built on it reusable."""
    absorbing, neutral = (True_, False_) if any_of else (False_, True_)
    for one, other in ((left, right), (right, left)):
        if isinstance(one, absorbing):
            return one
        if isinstance(one, neutral):
            return other
    return or_(left, right) if any_of else and_(left, right)


def rule(name: str, *, scope: Scope | None = None) -> Callable[[Check], Rule]:
    """Decorator: `@rule("is_self", scope=...)` over an async check function."""

    def wrap(check: Check) -> Rule:
        return Rule(name, check=check, scope=scope)

    return wrap


async def _yes(ctx: RequestContext, obj: Any) -> bool:
    return True


async def _no(ctx: RequestContext, obj: Any) -> bool:
    return False


async def _all_rows(ctx: RequestContext, model: ModelClass) -> ColumnElement[bool]:
    return true()


async def _no_rows(ctx: RequestContext, model: ModelClass) -> ColumnElement[bool]:
    return false()


async def _is_authenticated(ctx: RequestContext, obj: Any) -> bool:
    return ctx.actor is not None


async def _authenticated_rows(ctx: RequestContext, model: ModelClass) -> ColumnElement[bool]:
    return true() if ctx.actor is not None else false()


def _same(ctx: RequestContext) -> Hashable:
    return None


def _signed_in(ctx: RequestContext) -> Hashable:
    return ctx.actor is not None


anyone = Rule("anyone", check=_yes, scope=_all_rows, kept_by=_same)
nobody = Rule("nobody", check=_no, scope=_no_rows, kept_by=_same)
authenticated = Rule(
    "authenticated", check=_is_authenticated, scope=_authenticated_rows, kept_by=_signed_in
)

ACTIONS = ("list", "view", "create", "update", "delete", "trash")


@dataclass(frozen=True)
class Policy:
    """Who may do what with one resource. Missing actions are refused at registration."""

    list: Rule | None = None
    view: Rule | None = None
    create: Rule | None = None
    update: Rule | None = None
    delete: Rule | None = None
    # See soft-deleted rows (?get_trashed=true), restore them, delete permanently.
    trash: Rule | None = None
    # Changes to writable relationships through their relationship endpoints, by name.
    relationships: Mapping[str, Rule] = field(default_factory=dict)

    def rule_for(self, action: str) -> Rule:
        found = getattr(self, action, None) if action in ACTIONS else self.relationships.get(action)
        if found is None:
            raise LookupError(f"no rule for action {action!r}")
        return found


async def authorize(ctx: RequestContext, rule: Rule, obj: Any, action: str) -> None:
    if not await rule.allows(ctx, obj):
        raise Forbidden(f"You are not allowed to {action} this object")
