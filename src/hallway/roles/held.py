"""The caller's roles on events, read in the statement that authenticates them.

Most requests of a signed-in caller look at the roles they hold (their rules do): read with
the caller's row (users/authentication.py `read_with_caller`) as one text, "event:role,...",
they cost no statement of their own. They stand for the roles the caller holds as the request
begins; once the request has written anything through its session (a flush, or an INSERT,
UPDATE or DELETE run by `session.execute`; not a statement run on its connection directly),
the roles are read again instead, so a request that grants or revokes a role and only then
looks at roles sees what it did. A caller with more than
HELD_IN_ROW grants, or with a role whose name the text cannot carry, gets MANY_HELD: their
roles are read by the requests that need them."""

from __future__ import annotations

from typing import Any

from sqlalchemy import String, bindparam, case, cast, event, func, literal, or_, select
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import ORMExecuteState
from sqlalchemy.orm import Session as OrmSession
from sqlalchemy.sql.functions import FunctionElement

from hallway.roles.models import Role, UsersEventsRoles
from hallway.users.authentication import read_with_caller

HELD = "hallway.roles.held"
HELD_IN_ROW = 100
MANY_HELD = "*"
_WROTE = "hallway.roles.wrote"


class _Joined(FunctionElement[str]):
    """Text values of a group joined with commas, as each database spells it (the generic
    `aggregate_strings` renders its separator anew at every execution)."""

    type = String()
    inherit_cache = True


@compiles(_Joined)
def _string_agg(element: _Joined, compiler: Any, **kw: Any) -> str:
    return f"string_agg({compiler.process(element.clauses, **kw)}, ',')"


@compiles(_Joined, "sqlite")
def _group_concat(element: _Joined, compiler: Any, **kw: Any) -> str:
    return f"group_concat({compiler.process(element.clauses, **kw)}, ',')"


read_with_caller(
    HELD,
    select(
        case(
            (
                or_(
                    func.count() > HELD_IN_ROW,
                    func.sum(case((Role.name.contains(","), 1), else_=0)) > 0,
                ),
                literal(MANY_HELD, String),
            ),
            else_=_Joined(
                cast(UsersEventsRoles.event_id, String) + literal(":", String) + Role.name
            ),
        )
    )
    .select_from(UsersEventsRoles)
    .join(Role, Role.id == UsersEventsRoles.role_id)
    .where(UsersEventsRoles.user_id == bindparam("_id"))
    .scalar_subquery(),
)


@event.listens_for(OrmSession, "after_flush")
def _flushed(session: OrmSession, _context: Any) -> None:
    session.info[_WROTE] = True


@event.listens_for(OrmSession, "do_orm_execute")
def _executed(state: ORMExecuteState) -> None:
    if state.is_insert or state.is_update or state.is_delete:
        state.session.info[_WROTE] = True


def held_by(actor: Any, session: OrmSession) -> dict[int, set[str]] | None:
    """event id -> role names, as read with the caller's row; None when they must be read
    now (the request wrote, or the row could not carry them)."""
    text = getattr(actor, "extras", {}).get(HELD, MANY_HELD)
    if text == MANY_HELD or session.info.get(_WROTE):
        return None
    found: dict[int, set[str]] = {}
    for pair in (text or "").split(","):
        if pair:
            event_id, _, name = pair.partition(":")
            found.setdefault(int(event_id), set()).add(name)
    return found
