"""Stations (where attendees are registered, counted, checked in and out), the check-ins made
at them and the head counts a station keeps per session."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from hallway.db import Base, UTCDateTime

REGISTRATION = "registration"
DAILY = "daily"
CHECK_IN = "check in"
CHECK_OUT = "check out"
STATION_TYPES = (REGISTRATION, DAILY, CHECK_IN, CHECK_OUT)
# Stations at a room's door: they need the room and a session held in it.
ROOM_TYPES = (CHECK_IN, CHECK_OUT)


def _now() -> datetime:
    return datetime.now(UTC)


class Station(Base):
    __tablename__ = "stations"

    id: Mapped[int] = mapped_column(primary_key=True)
    station_name: Mapped[str] = mapped_column(String(255))
    station_type: Mapped[str] = mapped_column(String(20))
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    microlocation_id: Mapped[int | None] = mapped_column(
        ForeignKey("microlocations.id", ondelete="SET NULL"), index=True
    )

    event: Mapped[Any] = relationship("Event")
    microlocation: Mapped[Any] = relationship("Microlocation")


class UserCheckIn(Base):
    """An attendee seen at a station (for a session, at a room's door). Track, session and
    speaker names are kept as they were then, for exports."""

    __tablename__ = "user_check_ins"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    station_id: Mapped[int] = mapped_column(
        ForeignKey("stations.id", ondelete="CASCADE"), index=True
    )
    ticket_holder_id: Mapped[int] = mapped_column(
        ForeignKey("attendees.id", ondelete="CASCADE"), index=True
    )
    session_id: Mapped[int | None] = mapped_column(
        ForeignKey("sessions.id", ondelete="SET NULL"), index=True
    )
    station_type: Mapped[str] = mapped_column(String(20))
    message: Mapped[str] = mapped_column(String(100))
    track_name: Mapped[str | None] = mapped_column(String(200))
    session_name: Mapped[str | None] = mapped_column(String(300))
    speaker_name: Mapped[str | None] = mapped_column(String(1000))
    day: Mapped[str] = mapped_column(String(10))  # the UTC date, YYYY-MM-DD
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=_now)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    station: Mapped[Station] = relationship()
    ticket_holder: Mapped[Any] = relationship("Attendee")
    session: Mapped[Any] = relationship("Session")


class StationStorePax(Base):
    """A head count a station's staff typed in for a session."""

    __tablename__ = "station_store_paxs"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    station_id: Mapped[int] = mapped_column(
        ForeignKey("stations.id", ondelete="CASCADE"), index=True
    )
    session_id: Mapped[int | None] = mapped_column(
        ForeignKey("sessions.id", ondelete="CASCADE"), index=True
    )
    current_pax: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=_now)
    modified_at: Mapped[datetime] = mapped_column(UTCDateTime, default=_now, onupdate=_now)

    station: Mapped[Station] = relationship()
    session: Mapped[Any] = relationship("Session")


def stations_of(owner: type[Any]) -> Any:
    return relationship(Station, viewonly=True, order_by=Station.id)


def check_ins_of(owner: type[Any]) -> Any:
    return relationship(UserCheckIn, viewonly=True, order_by=UserCheckIn.id)


def check_ins_at(room: type[Any]) -> Any:
    """The check-ins made at the stations of a room."""
    return relationship(
        UserCheckIn,
        secondary=Station.__table__,
        primaryjoin=lambda: room.id == Station.microlocation_id,
        secondaryjoin=lambda: Station.id == UserCheckIn.station_id,
        viewonly=True,
        order_by=UserCheckIn.id,
    )


def paxs_of(owner: type[Any]) -> Any:
    return relationship(StationStorePax, viewonly=True, order_by=StationStorePax.id)
