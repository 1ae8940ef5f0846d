"""Sponsors and exhibitors of an event."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, Column, ForeignKey, Integer, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from hallway.db import Base, UTCDateTime
from hallway.events.models import Event

Url = String(1000)


class Sponsor(Base):
    __tablename__ = "sponsors"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str | None] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(Url)
    level: Mapped[int | None] = mapped_column(Integer)
    logo_url: Mapped[str | None] = mapped_column(Url)
    type: Mapped[str | None] = mapped_column(String(200))
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)

    event: Mapped[Event] = relationship()


# The sessions an exhibitor presents (the session model is named, not imported: sessions
# build on sponsors).
exhibitors_sessions = Table(
    "exhibitors_sessions",
    Base.metadata,
    Column("exhibitor_id", ForeignKey("exhibitors.id", ondelete="CASCADE"), primary_key=True),
    Column(
        "session_id", ForeignKey("sessions.id", ondelete="CASCADE"), primary_key=True, index=True
    ),
)


class Exhibitor(Base):
    __tablename__ = "exhibitors"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(20), default="pending")
    description: Mapped[str | None] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(Url)
    position: Mapped[int] = mapped_column(Integer, default=0)
    logo_url: Mapped[str | None] = mapped_column(Url)
    banner_url: Mapped[str | None] = mapped_column(Url)
    thumbnail_image_url: Mapped[str | None] = mapped_column(Url)
    enable_video_room: Mapped[bool] = mapped_column(Boolean, default=False)
    video_url: Mapped[str | None] = mapped_column(Url)
    slides_url: Mapped[str | None] = mapped_column(Url)
    contact_email: Mapped[str | None] = mapped_column(String(320))
    contact_link: Mapped[str | None] = mapped_column(Url)
    # [{"name": "twitter", "link": "https://…", "is_custom": false}]
    social_links: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)

    event: Mapped[Event] = relationship()
    sessions: Mapped[list[Any]] = relationship(
        "Session",
        secondary=exhibitors_sessions,
        back_populates="exhibitors",
        order_by="Session.id",
    )


def sponsors_of(event: type[Any]) -> Any:
    return relationship(Sponsor, viewonly=True, order_by=Sponsor.id)


def exhibitors_of(event: type[Any]) -> Any:
    return relationship(Exhibitor, viewonly=True, order_by=Exhibitor.id)
