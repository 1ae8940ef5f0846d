"""Roles a user can hold on an event, and user permissions such as `create_event`."""

from __future__ import annotations

from sqlalchemy import Boolean, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from hallway.db import Base

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
