"""One row of the audit log: an actor did an action to an object, at a time, from an address.

Nothing here points at other tables by a foreign key: the log outlives the users, events and
objects it names."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from hallway.db import Base, UTCDateTime


class Activity(Base):
    __tablename__ = "activities"
    __table_args__ = (Index("ix_activities_event_id_time", "event_id", "time"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    # The actor's e-mail address when it acted (the wire's `actor`), and its id.
    actor: Mapped[str | None] = mapped_column(String(255))
    actor_id: Mapped[int | None] = mapped_column(Integer, index=True)
    time: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    # create, update, delete, login, refresh
    verb: Mapped[str] = mapped_column(String(16))
    # The resource type of the object (the table's name for objects with no resource).
    object_type: Mapped[str] = mapped_column(String(64))
    object_id: Mapped[str | None] = mapped_column(String(64))
    event_id: Mapped[int | None] = mapped_column(Integer)
    # The client's address as the app derives it (trusted proxies honoured).
    address: Mapped[str | None] = mapped_column(String(45))
    # Readable sentence: "update event 5: name, starts_at".
    action: Mapped[str] = mapped_column(Text)
