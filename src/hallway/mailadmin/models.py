"""A user's e-mail preferences for one event."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Boolean, ForeignKey, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from hallway.db import Base, UTCDateTime
from hallway.events.models import Event
from hallway.users.models import User


class EmailNotification(Base):
    __tablename__ = "email_notifications"
    __table_args__ = (UniqueConstraint("user_id", "event_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    event_id: Mapped[int | None] = mapped_column(
        ForeignKey("events.id", ondelete="CASCADE"), index=True
    )
    next_event: Mapped[bool] = mapped_column(Boolean, default=False)
    new_paper: Mapped[bool] = mapped_column(Boolean, default=False)
    session_accept_reject: Mapped[bool] = mapped_column(Boolean, default=False)
    session_schedule: Mapped[bool] = mapped_column(Boolean, default=False)
    after_ticket_purchase: Mapped[bool] = mapped_column(Boolean, default=True)
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    user: Mapped[User] = relationship()
    event: Mapped[Event | None] = relationship()


def email_notifications_of(user: type[Any]) -> Any:
    """User -> their e-mail preferences (the user's `email-notifications`)."""
    return relationship(EmailNotification, viewonly=True)
