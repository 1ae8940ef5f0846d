"""A group of events run by one user, and the follows of the users who want its news."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import JSON, Boolean, ForeignKey, String, Text, UniqueConstraint, func, select
from sqlalchemy.orm import Mapped, column_property, mapped_column, relationship

from hallway.db import Base, UTCDateTime
from hallway.users.models import User

Url = String(1000)


def _now() -> datetime:
    return datetime.now(UTC)


class UserFollowGroup(Base):
    """One user following one group (at most once)."""

    __tablename__ = "user_follow_groups"
    __table_args__ = (UniqueConstraint("group_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=_now)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("groups.id", ondelete="CASCADE"), index=True)

    user: Mapped[User] = relationship()
    group: Mapped[Group] = relationship(back_populates="followers")


class Group(Base):
    __tablename__ = "groups"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(500))
    about: Mapped[str | None] = mapped_column(Text)
    logo_url: Mapped[str | None] = mapped_column(Url)
    banner_url: Mapped[str | None] = mapped_column(Url)
    thumbnail_image_url: Mapped[str | None] = mapped_column(Url)
    # [{"name": "Twitter", "link": "https://…", "is-custom": false}]
    social_links: Mapped[list[dict[str, Any]] | None] = mapped_column(JSON)
    is_promoted: Mapped[bool] = mapped_column(Boolean, default=False, index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=_now)
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)

    follower_count: Mapped[int] = column_property(
        select(func.count(UserFollowGroup.id))
        .where(UserFollowGroup.group_id == id)
        .correlate_except(UserFollowGroup)
        .scalar_subquery()
    )

    user: Mapped[User] = relationship()
    # Deleting a group deletes its follows (in the database, not row by row).
    followers: Mapped[list[UserFollowGroup]] = relationship(
        back_populates="group", passive_deletes=True
    )


def groups_of(user: type[Any]) -> Any:
    """User -> the groups they own (attached to the user resource by this domain)."""
    return relationship(Group, viewonly=True)


def follows_of(user: type[Any]) -> Any:
    """User -> the groups they follow, as follows (attached to the user resource)."""
    return relationship(UserFollowGroup, viewonly=True)
