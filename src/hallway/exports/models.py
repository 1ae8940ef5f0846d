"""A data job: an export or an import started by a user, with its progress, its outcome and
the file it made. Its id (a UUID) is the one `/v1/tasks/{id}` answers for."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from sqlalchemy import ForeignKey, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from hallway.db import Base, UTCDateTime

WAITING = "WAITING"
SUCCESS = "SUCCESS"
FAILURE = "FAILURE"


def _now() -> datetime:
    return datetime.now(UTC)


def _uuid() -> str:
    return str(uuid.uuid4())


class DataJob(Base):
    __tablename__ = "data_jobs"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=_uuid)
    # export.json, export.orders.csv, …, import.json
    kind: Mapped[str] = mapped_column(String(32))
    # The exported event, or the event an import made.
    event_id: Mapped[int | None] = mapped_column(
        ForeignKey("events.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    options: Mapped[str | None] = mapped_column(Text)
    state: Mapped[str] = mapped_column(String(16), default=WAITING)
    progress: Mapped[int] = mapped_column(Integer, default=0)
    error: Mapped[str | None] = mapped_column(Text)
    filename: Mapped[str | None] = mapped_column(String(255))
    media_type: Mapped[str | None] = mapped_column(String(64))
    # The export made, or the zip an import reads (dropped once read).
    content: Mapped[bytes | None] = mapped_column(LargeBinary, deferred=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=_now)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
