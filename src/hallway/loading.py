"""One object by its primary key, as `AsyncSession.get` loads it, without building a new
statement per call.

`get` builds its SELECT afresh each time it has to read, and SQLAlchemy then computes the
whole statement's cache key again (a wide row such as an event's costs a good part of a
millisecond). Here each model's statement is built once, and an object the session already
holds is still answered by `get` itself (no SQL). Neither flushes the session's pending
changes first (the application's sessions do not autoflush; the statement says so too)."""

from __future__ import annotations

from typing import Any, TypeVar

from sqlalchemy import Select, bindparam, inspect, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm.util import identity_key

T = TypeVar("T")
_BY_KEY: dict[type[Any], Select[Any]] = {}


def _statement(model: type[Any]) -> Select[Any]:
    stmt = _BY_KEY.get(model)
    if stmt is None:
        (pk,) = inspect(model).primary_key
        stmt = _BY_KEY[model] = (
            select(model).where(pk == bindparam("_pk")).execution_options(autoflush=False)
        )
    return stmt


async def load(session: AsyncSession, model: type[T], key: Any) -> T | None:
    """The `model` object whose (single-column) primary key is `key`, or None."""
    if key is None:
        return None
    if identity_key(model, key) in session.sync_session.identity_map:
        return await session.get(model, key)
    found: T | None = (await session.execute(_statement(model), {"_pk": key})).scalar()
    return found
