"""Roles a user can hold on an event, and user permissions such as `create_event`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    Boolean,
    ColumnElement,
    ForeignKey,
    ScalarSelect,
    String,
    Text,
    UniqueConstraint,
    and_,
    exists,
    select,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from hallway.db import Base
from hallway.users.models import User

if TYPE_CHECKING:
    # The events domain sits above this one: its model is named, never imported at run time.
    from hallway.events.models import Event

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

    event: Mapped[Event] = relationship()
    user: Mapped[User] = relationship()
    role: Mapped[Role] = relationship()


def role_id(name: str) -> ScalarSelect[int]:
    return select(Role.id).where(Role.name == name).scalar_subquery()


# What this domain attaches to events and users (see roles/resource.py): ORM relationships
# and SQL attributes, each a function of the parent's model.


def grants_of(event: type[Any]) -> Any:
    """Event -> its grants (users-events-roles)."""
    return relationship(UsersEventsRoles, viewonly=True)


def users_holding(role: str | None, *, many: bool = True) -> Any:
    """A function making the read-only Event -> users holding `role` (any role when None)."""

    def build(event: type[Any]) -> Any:
        condition = [UsersEventsRoles.user_id == User.id]
        if role is not None:
            condition.append(UsersEventsRoles.role_id == role_id(role))
        return relationship(
            User,
            secondary=UsersEventsRoles.__table__,
            primaryjoin=event.id == UsersEventsRoles.event_id,
            secondaryjoin=and_(*condition),
            viewonly=True,
            uselist=many,
        )

    return build


def events_held(role: str | None) -> Any:
    """A function making the read-only User -> events where they hold `role` (any when None)."""

    def build(user: type[Any]) -> Any:
        return relationship(
            "Event",
            secondary=UsersEventsRoles.__table__,
            primaryjoin=user.id == UsersEventsRoles.user_id,
            secondaryjoin=lambda: and_(*_event_condition(role)),
            viewonly=True,
        )

    return build


def _event_condition(role: str | None) -> list[ColumnElement[bool]]:
    event_table = Base.metadata.tables["events"]
    condition = [UsersEventsRoles.event_id == event_table.c.id]
    if role is not None:
        condition.append(UsersEventsRoles.role_id == role_id(role))
    return condition


def holds(role: str) -> Any:
    """A function making the SQL attribute `is-user-<role>`: the user holds `role` on at
    least one event (one EXISTS in the row's SELECT)."""

    def build(user: type[Any]) -> ColumnElement[bool]:
        grant = UsersEventsRoles.__table__.alias(f"held_{role}")  # never correlated away
        return exists().where(grant.c.user_id == user.id, grant.c.role_id == role_id(role))

    return build
