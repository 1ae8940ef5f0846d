"""Who is calling: the token is read and at most one row is loaded; nothing is written."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, bindparam, select
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession
from starlette.requests import Request

from hallway.activity.recorder import bind
from hallway.auth.actor import Actor, secret_of
from hallway.auth.tokens import Claims, TokenRefused, bearer, read
from hallway.users.models import User

# What the domains above ask to read with the caller's row, by name (`read_with_caller`).
_EXTRAS: dict[str, ColumnElement[Any]] = {}
ActorRow = Select[*tuple[Any, ...]]
# Built once, at the first request: the statement and the names of the extras it reads.
_ACTOR_ROW: list[tuple[ActorRow, tuple[str, ...]]] = []
# The caller's own columns, in the order `actor_for` unpacks them.
_OWN = (
    User.email,
    User.is_verified,
    User.is_admin,
    User.is_super_admin,
    User.is_sales_admin,
    User.is_marketer,
    User.is_blocked,
    User.tokens_valid_after,
    User.tokens_kept_session,
    User.created_at,
)


def read_with_caller(name: str, column: ColumnElement[Any]) -> None:
    """Read `column` (in which the bound parameter `_id` is the caller's id) in the same
    statement as the caller's row; its value is the actor's `extras[name]`. Called at import,
    before the first request."""
    _EXTRAS[name] = column
    _ACTOR_ROW.clear()


def _actor_row() -> tuple[ActorRow, tuple[str, ...]]:
    if not _ACTOR_ROW:
        stmt = select(*_OWN, *_EXTRAS.values()).where(
            User.id == bindparam("_id"), User.deleted_at.is_(None)
        )
        _ACTOR_ROW.append((stmt, tuple(_EXTRAS)))
    return _ACTOR_ROW[0]


async def actor_for(session: AsyncSession, claims: Claims) -> Actor:
    params = {"_id": claims.identity}
    bind = session.bind
    stmt, extras = _actor_row()
    if isinstance(bind, AsyncConnection):  # a read's own connection: no ORM machinery needed
        row = (await bind.execute(stmt, params)).first()
    else:  # the request's first statement: nothing to flush, no ORM machinery needed
        row = (await (await session.connection()).execute(stmt, params)).first()
    if row is None:
        raise TokenRefused("User not found")
    own = row[: len(_OWN)]
    email, verified, admin, super_admin, sales, marketer, blocked, valid_after, kept, born = own
    if claims.issued_at < born.timestamp():
        # Issued to an account that had this id before (SQLite reuses the id of the newest
        # row once it is purged): not this account's token.
        raise TokenRefused("User not found")
    if blocked:
        raise TokenRefused("Your account is blocked")
    if _revoked(claims, valid_after, kept):
        raise TokenRefused("Token has been revoked")
    return Actor(
        claims.identity,
        email,
        verified,
        admin,
        super_admin,
        sales,
        marketer,
        claims.fresh,
        claims.session,
        dict(zip(extras, row[len(_OWN) :], strict=True)),
    )


def _revoked(claims: Claims, valid_after: datetime | None, kept: str | None) -> bool:
    """Issued before the account's cut-off, and not of the login that was kept (the one that
    changed the password)."""
    if valid_after is None or claims.issued_at >= valid_after.timestamp():
        return False
    return not (kept and claims.session == kept)


async def authenticate(request: Request, session: AsyncSession) -> Actor | None:
    """The caller of a request with an access token, or None for an anonymous request."""
    token = bearer(request.headers.get("authorization"))
    if token is None:
        return None
    claims = read(secret_of(request), token, expected="access")
    actor = await actor_for(session, claims)
    request.state.user_id = actor.id  # for the access log
    bind(session, request, actor.id, actor.email)  # the audit log names who wrote
    return actor
