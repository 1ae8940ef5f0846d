"""A message shown to one user inside the app."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import JSON, Boolean, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from hallway.db import Base, UTCDateTime
from hallway.users.models import User


def _now() -> datetime:
    return datetime.now(UTC)


class Notification(Base):
    __tablename__ = "notifications"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(255))
    message: Mapped[str] = mapped_column(Text, default="")
    is_read: Mapped[bool] = mapped_column(Boolean, default=False)
    # Buttons the client may show: [{"action": "View", "link": "/events/…"}]
    actions: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    # Structured form for clients that render their own text (type, target, actors).
    content: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime, default=_now)

    user: Mapped[User] = relationship()


def notifications_of(user: type[Any]) -> Any:
    """User -> their notifications (attached to the user resource by this domain)."""
    return relationship(Notification, viewonly=True)
