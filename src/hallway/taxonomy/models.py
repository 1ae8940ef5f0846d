"""Platform-wide vocabularies that events are filed under (admin-managed)."""

from __future__ import annotations

import re
import unicodedata

from sqlalchemy import ForeignKey, String, Text, select
from sqlalchemy.orm import Mapped, column_property, mapped_column, relationship

from hallway.db import Base


def slugify(name: str) -> str:
    """`Camp, Treat & Retreat` -> `camp-treat-retreat`."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")


class EventType(Base):
    __tablename__ = "event_types"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    slug: Mapped[str] = mapped_column(String(200), unique=True)


class EventTopic(Base):
    __tablename__ = "event_topics"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    slug: Mapped[str] = mapped_column(String(200), unique=True)
    system_image_url: Mapped[str | None] = mapped_column(String(1000))

    # Deleting a topic deletes its sub-topics (in the database, not row by row).
    event_sub_topics: Mapped[list[EventSubTopic]] = relationship(
        back_populates="event_topic", passive_deletes=True
    )


class EventSubTopic(Base):
    __tablename__ = "event_sub_topics"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    slug: Mapped[str] = mapped_column(String(200))
    event_topic_id: Mapped[int] = mapped_column(
        ForeignKey("event_topics.id", ondelete="CASCADE"), index=True
    )

    event_topic: Mapped[EventTopic] = relationship(back_populates="event_sub_topics")
    custom_placeholder: Mapped[CustomPlaceholder | None] = relationship(
        back_populates="event_sub_topic", uselist=False
    )


class EventLocation(Base):
    __tablename__ = "event_locations"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    slug: Mapped[str] = mapped_column(String(200), unique=True)


class CustomPlaceholder(Base):
    """The default image of events filed under a sub-topic."""

    __tablename__ = "custom_placeholders"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    original_image_url: Mapped[str] = mapped_column(String(1000))
    thumbnail_image_url: Mapped[str | None] = mapped_column(String(1000))
    large_image_url: Mapped[str | None] = mapped_column(String(1000))
    icon_image_url: Mapped[str | None] = mapped_column(String(1000))
    copyright: Mapped[str | None] = mapped_column(Text)
    origin: Mapped[str | None] = mapped_column(String(200))
    event_sub_topic_id: Mapped[int | None] = mapped_column(
        ForeignKey("event_sub_topics.id", ondelete="SET NULL"), unique=True
    )

    event_sub_topic: Mapped[EventSubTopic | None] = relationship(
        back_populates="custom_placeholder"
    )


# The sub-topic's placeholder id, so that the placeholder is linked (`data`, or `null` without a
# related link) in every answer: the admin's system-images page reads it and makes a new record
# when it is empty, which a related link to follow would answer with a failure
# (docs/wire-rules.md).
EventSubTopic.custom_placeholder_id = column_property(
    select(CustomPlaceholder.id)
    .where(CustomPlaceholder.event_sub_topic_id == EventSubTopic.id)
    .correlate_except(CustomPlaceholder)
    .scalar_subquery()
)
