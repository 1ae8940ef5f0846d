"""A request's session keeps what it loads until it closes.

SQLAlchemy's identity map holds objects weakly: an object a rule loaded and let go of is gone
by the time the next rule asks `session.get` for the same key, which loads it again — one
more query for every check that looks at the same order, event or user. A session marked
here holds a reference to every object it loads, for as long as it is open (one request)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session

_HELD = "hallway.held"


@event.listens_for(Session, "loaded_as_persistent")
def _hold(session: Session, instance: Any) -> None:
    held = session.info.get(_HELD)
    if held is not None:
        held.append(instance)


def holding(session: AsyncSession) -> AsyncSession:
    """`session`, keeping every object it loads from now on."""
    session.sync_session.info.setdefault(_HELD, [])
    return session
