"""A user's alternate e-mail addresses (`user-email`): verified like the main address."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Boolean, ForeignKey, Index, String, func
from sqlalchemy.orm import Mapped, mapped_column, relationship

from hallway.db import Base, UTCDateTime
from hallway.users.models import User

TYPES = ("home", "work", "business", "office", "other")


def _now() -> datetime:
    return datetime.now(UTC)


class UserEmail(Base):
    __tablename__ = "user_emails"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    email_address: Mapped[str] = mapped_column(String(254))
    type: Mapped[str] = mapped_column(String(16))
    is_verified: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=_now)
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    user: Mapped[User] = relationship()


# One owner per address, whatever its case.
Index("uq_user_emails_address_lower", func.lower(UserEmail.email_address), unique=True)


def alternates_of(user: type[Any]) -> Any:
    """User -> their alternate addresses (the user's `alternate-emails`)."""
    return relationship(UserEmail, viewonly=True)
