"""Roles a user can hold on an event, and user permissions such as `create_event`."""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    Boolean,
    ForeignKey,
    ScalarSelect,
    String,
    Text,
    UniqueConstraint,
    and_,
    exists,
    select,
)
from sqlalchemy.orm import Mapped, column_property, mapped_column, relationship

from hallway.db import Base
from hallway.events.models import Event
from hallway.users.models import User

# Seeded by migration; their names are part of the wire contract.
EVENT_ROLES = {
    "owner": "Owner",
    "organizer": "Organizer",
    "coorganizer": "Co-organizer",
    "track_organizer": "Track Organizer",
    "moderator": "Moderator",
    "registrar": "Registrar",
    "attendee": "Attendee",
}


class Role(Base):
    __tablename__ = "roles"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50), unique=True)
    title_name: Mapped[str | None] = mapped_column(String(100))


class UserPermission(Base):
    """A switch for a platform action: who besides verified users may do it."""

    __tablename__ = "user_permissions"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    description: Mapped[str | None] = mapped_column(Text)
    unverified_user: Mapped[bool] = mapped_column(Boolean, default=False)
    anonymous_user: Mapped[bool] = mapped_column(Boolean, default=False)


class UsersEventsRoles(Base):
    """A grant: `user` holds `role` on `event`."""

    __tablename__ = "users_events_roles"
    __table_args__ = (UniqueConstraint("event_id", "user_id", "role_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    role_id: Mapped[int] = mapped_column(ForeignKey("roles.id", ondelete="CASCADE"))

    event: Mapped[Event] = relationship(backref="roles")
    user: Mapped[User] = relationship(backref="event_roles")
    role: Mapped[Role] = relationship()


def role_id(name: str) -> ScalarSelect[int]:
    return select(Role.id).where(Role.name == name).scalar_subquery()


def _users_with(role: str | None, *, many: bool = True) -> Any:
    """Event -> users holding `role` (any event role when None), read-only."""
    condition = [UsersEventsRoles.user_id == User.id]
    if role is not None:
        condition.append(UsersEventsRoles.role_id == role_id(role))
    return relationship(
        User,
        secondary=UsersEventsRoles.__table__,
        primaryjoin=Event.id == UsersEventsRoles.event_id,
        secondaryjoin=and_(*condition),
        viewonly=True,
        uselist=many,
    )


def _events_with(role: str | None) -> Any:
    """User -> events where they hold `role` (any role when None), read-only."""
    condition = [UsersEventsRoles.event_id == Event.id]
    if role is not None:
        condition.append(UsersEventsRoles.role_id == role_id(role))
    return relationship(
        Event,
        secondary=UsersEventsRoles.__table__,
        primaryjoin=User.id == UsersEventsRoles.user_id,
        secondaryjoin=and_(*condition),
        viewonly=True,
    )


Event.owner = _users_with("owner", many=False)
for _role in ("organizer", "coorganizer", "track_organizer", "registrar", "moderator"):
    setattr(Event, f"{_role}s", _users_with(_role))
User.events = _events_with(None)
for _role in ("owner", "organizer", "coorganizer", "track_organizer", "registrar", "moderator"):
    setattr(User, f"{_role}_events", _events_with(_role))


def _holds(role: str) -> Any:
    """SQL: the user holds `role` on at least one event (one EXISTS in the row's SELECT)."""
    grant = UsersEventsRoles.__table__.alias(f"held_{role}")  # never correlated away
    return column_property(
        exists().where(grant.c.user_id == User.id, grant.c.role_id == role_id(role))
    )


# The `is-user-<role>` attributes of a user document, computed in the same query.
for _role in ("owner", "organizer", "coorganizer", "track_organizer", "moderator", "registrar"):
    setattr(User, f"is_user_{_role}", _holds(_role))
