"""Records every change a known caller makes, in the transaction that makes it.

A request binds its caller to its session (`bind`, called where the caller is
authenticated). After each flush of such a session one listener turns the flushed objects
into activity rows and inserts them with one statement on the same connection: a change
that rolls back takes its activity with it. Sessions with no caller bound (background jobs,
anonymous requests) record nothing; the listener is installed on import. `record` adds an
action that changes no mapped object (a login, a token refresh).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import event, insert, inspect
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapper, Session, UOWTransaction
from starlette.requests import Request

from hallway.activity.models import Activity

CALLER_KEY = "hallway.activity.caller"
_INSERT = insert(Activity.__table__)  # type: ignore[arg-type]
# Written alongside the changes they serve; the log would only repeat them.
_IGNORED_TABLES = {"activities", "outbox_mails", "idempotency_keys"}


@dataclass(frozen=True, slots=True)
class Caller:
    id: int
    email: str
    address: str | None


@dataclass(frozen=True, slots=True)
class Shape:
    """What the recorder needs of a mapped class, worked out once per class."""

    type: str
    keys: tuple[str, ...]
    event_key: str | None
    attributes: frozenset[str]
    soft_deleted: bool


_types: dict[type[Any], str] = {}
_shapes: dict[Mapper[Any], Shape | None] = {}


def name_types(types: Mapping[type[Any], str]) -> None:
    """Model -> resource type, so rows name objects as the API does (the table otherwise)."""
    _types.update(types)
    _shapes.clear()


def client_address(request: Request | None) -> str | None:
    client = request.client if request is not None else None
    return client.host if client else None


def bind(session: AsyncSession, request: Request | None, user_id: int, email: str) -> None:
    """The session's changes from now on are made by this user, from the request's address."""
    session.info[CALLER_KEY] = Caller(user_id, email, client_address(request))


async def record(session: AsyncSession, verb: str, object_type: str, object_id: int) -> None:
    """An action of the bound caller that changes no mapped object."""
    caller: Caller | None = session.info.get(CALLER_KEY)
    if caller is None:
        return
    row = _row(caller, datetime.now(UTC), verb, object_type, str(object_id), None, "")
    await session.execute(_INSERT, [row])


def _shape(mapper: Mapper[Any]) -> Shape | None:
    if mapper in _shapes:
        return _shapes[mapper]
    table = getattr(mapper.local_table, "name", "")
    shape = None
    if table not in _IGNORED_TABLES:
        type_ = _types.get(mapper.class_, table)
        attributes = frozenset(mapper.attrs.keys())
        event_key = "id" if type_ == "event" else "event_id" if "event_id" in attributes else None
        keys = tuple(mapper.get_property_by_column(c).key for c in mapper.primary_key)
        shape = Shape(type_, keys, event_key, attributes, "deleted_at" in attributes)
    _shapes[mapper] = shape
    return shape


def _row(
    caller: Caller,
    time: datetime,
    verb: str,
    type_: str,
    object_id: str | None,
    event_id: int | None,
    detail: str,
) -> dict[str, Any]:
    action = f"{verb} {type_} {object_id}" + (f": {detail}" if detail else "")
    return {
        "actor": caller.email,
        "actor_id": caller.id,
        "time": time,
        "verb": verb,
        "object_type": type_,
        "object_id": object_id,
        "event_id": event_id,
        "address": caller.address,
        "action": action,
    }


def _changes(session: Session) -> Iterable[tuple[str, Any, Shape, str]]:
    """(verb, object, shape, changed attributes) of every object the flush wrote."""
    for obj in session.new:
        shape = _shape(inspect(obj).mapper)
        if shape is not None:
            yield "create", obj, shape, ""
    for obj in session.dirty:
        state = inspect(obj)
        shape = _shape(state.mapper)
        if shape is None:
            continue
        changed = sorted(key for key in state.committed_state if key in shape.attributes)
        if not changed:
            continue
        verb = "update"
        if shape.soft_deleted and "deleted_at" in changed:
            verb = "delete" if obj.deleted_at is not None else "restore"
        yield verb, obj, shape, ", ".join(changed)
    for obj in session.deleted:
        shape = _shape(inspect(obj).mapper)
        if shape is not None:
            yield "delete", obj, shape, ""


def _after_flush(session: Session, _context: UOWTransaction) -> None:
    caller: Caller | None = session.info.get(CALLER_KEY)
    if caller is None:
        return
    now = datetime.now(UTC)
    rows = []
    for verb, obj, shape, detail in _changes(session):
        object_id = "/".join(str(getattr(obj, key)) for key in shape.keys)
        event_id = getattr(obj, shape.event_key) if shape.event_key else None
        rows.append(_row(caller, now, verb, shape.type, object_id, event_id, detail))
    if rows:
        session.connection().execute(_INSERT, rows)


# Every session: those with no caller bound return at the first line.
event.listen(Session, "after_flush", _after_flush)
