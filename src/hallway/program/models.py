"""Tracks, rooms (microlocations), session types and video streams of an event."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, Float, ForeignKey, Integer, String, Text, select
from sqlalchemy.orm import Mapped, column_property, mapped_column, relationship

from hallway.db import Base, UTCDateTime
from hallway.events.models import Event

Url = String(1000)


class Track(Base):
    __tablename__ = "tracks"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str | None] = mapped_column(Text)
    color: Mapped[str] = mapped_column(String(7))
    position: Mapped[int] = mapped_column(Integer, default=0)
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)

    event: Mapped[Event] = relationship()


class SessionType(Base):
    __tablename__ = "session_types"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    length: Mapped[str] = mapped_column(String(5), default="00:30")
    position: Mapped[int] = mapped_column(Integer, default=0)
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)

    event: Mapped[Event] = relationship()


class VideoStream(Base):
    """A link to where an online room is streamed (no video server of our own)."""

    __tablename__ = "video_streams"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    url: Mapped[str] = mapped_column(Url)
    password: Mapped[str | None] = mapped_column(String(200))
    bg_img_url: Mapped[str | None] = mapped_column(Url)
    additional_information: Mapped[str | None] = mapped_column(Text)
    extra: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    is_chat_enabled: Mapped[bool] = mapped_column(Boolean, default=False)
    is_global_event_room: Mapped[bool] = mapped_column(Boolean, default=False)
    chat_room_name: Mapped[str | None] = mapped_column(String(200))
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)

    event: Mapped[Event] = relationship()
    rooms: Mapped[list[Microlocation]] = relationship(
        back_populates="video_stream", order_by="Microlocation.id"
    )


class Microlocation(Base):
    """A room of the event's venue (or an online room with a video stream)."""

    __tablename__ = "microlocations"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    room: Mapped[str | None] = mapped_column(String(200))
    floor: Mapped[int | None] = mapped_column(Integer)
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    position: Mapped[int] = mapped_column(Integer, default=0)
    hidden_in_scheduler: Mapped[bool] = mapped_column(Boolean, default=False)
    is_chat_enabled: Mapped[bool] = mapped_column(Boolean, default=False)
    is_global_event_room: Mapped[bool] = mapped_column(Boolean, default=False)
    chat_room_name: Mapped[str | None] = mapped_column(String(200))
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    video_stream_id: Mapped[int | None] = mapped_column(
        ForeignKey("video_streams.id", ondelete="SET NULL"), index=True
    )

    event: Mapped[Event] = relationship()
    video_stream: Mapped[VideoStream | None] = relationship(back_populates="rooms")


# The id of the event's own video stream, read with every event row: the event's
# `video-stream` is then linked in every answer, and never fetched while empty
# (docs/wire-rules.md).
Event.video_stream_id = column_property(
    select(VideoStream.id)
    .where(VideoStream.event_id == Event.id)
    .order_by(VideoStream.id)
    .limit(1)
    .correlate_except(VideoStream)
    .scalar_subquery(),
    deferred=True,
)


def tracks_of(event: type[Any]) -> Any:
    return relationship(Track, viewonly=True, order_by=Track.id)


def microlocations_of(event: type[Any]) -> Any:
    return relationship(Microlocation, viewonly=True, order_by=Microlocation.id)


def session_types_of(event: type[Any]) -> Any:
    return relationship(SessionType, viewonly=True, order_by=SessionType.id)


def video_stream_of(event: type[Any]) -> Any:
    return relationship(VideoStream, viewonly=True, uselist=False, order_by=VideoStream.id)
