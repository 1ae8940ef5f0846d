"""A user's favourite events and sessions: one row per user and object."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import ColumnElement, ForeignKey, UniqueConstraint, and_, func, select
from sqlalchemy.orm import Mapped, mapped_column, relationship

from hallway.db import Base, UTCDateTime
from hallway.events.models import Event
from hallway.sessions.models import Session
from hallway.users.models import User


def _now() -> datetime:
    return datetime.now(UTC)


class UserFavouriteEvent(Base):
    __tablename__ = "user_favourite_events"
    __table_args__ = (UniqueConstraint("user_id", "event_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=_now)
    # Always empty: a favourite is deleted for good (the wire shows the attribute).
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)

    user: Mapped[User] = relationship()
    event: Mapped[Event] = relationship()


class UserFavouriteSession(Base):
    __tablename__ = "user_favourite_sessions"
    __table_args__ = (UniqueConstraint("user_id", "session_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=_now)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("sessions.id", ondelete="CASCADE"), index=True
    )

    user: Mapped[User] = relationship()
    session: Mapped[Session] = relationship()


def favourite_count(session: type[Any]) -> ColumnElement[Any]:
    """A session's favourites, counted with every session row: always what the rows say."""
    return (
        select(func.count(UserFavouriteSession.id))
        .where(UserFavouriteSession.session_id == session.id)
        .correlate_except(UserFavouriteSession)
        .scalar_subquery()
    )


def session_favourites_of(owner: type[Any]) -> Any:
    """Session (or user) -> its favourite-session rows."""
    return relationship(UserFavouriteSession, viewonly=True, order_by=UserFavouriteSession.id)


def one_favourite_of(owner: type[Any]) -> Any:
    """Session -> a favourite of it (narrowed to the caller's own by the resource)."""
    return relationship(
        UserFavouriteSession, viewonly=True, uselist=False, order_by=UserFavouriteSession.id
    )


def event_favourites_of(owner: type[Any]) -> Any:
    """User -> their favourite-event rows."""
    return relationship(UserFavouriteEvent, viewonly=True, order_by=UserFavouriteEvent.id)


def favourites_of_event_sessions(event: type[Any]) -> Any:
    """Event -> the favourites of its live sessions (through the sessions table)."""
    return relationship(
        UserFavouriteSession,
        secondary=Session.__table__,
        primaryjoin=event.id == Session.event_id,
        secondaryjoin=and_(
            Session.id == UserFavouriteSession.session_id, Session.deleted_at.is_(None)
        ),
        viewonly=True,
        order_by=UserFavouriteSession.id,
    )
