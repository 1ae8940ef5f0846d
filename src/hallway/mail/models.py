"""The outbox: one row per mail, written in the transaction that decided to send it."""

from __future__ import annotations

import enum
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, Enum, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from hallway.db import Base, UTCDateTime


class MailStatus(enum.StrEnum):
    PENDING = "pending"
    SENT = "sent"
    FAILED = "failed"
    # Not sent: its kind of mail was switched off (message settings) or mail is disabled.
    DISABLED = "disabled"


class OutboxMail(Base):
    __tablename__ = "outbox_mails"
    __table_args__ = (Index("ix_outbox_mails_due", "status", "next_attempt_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    recipient: Mapped[str] = mapped_column(String(320))
    subject: Mapped[str] = mapped_column(String(998))
    template: Mapped[str] = mapped_column(String(64))
    context: Mapped[dict[str, Any]] = mapped_column(JSON)
    # [{"filename", "content_type", "content": base64}]
    attachments: Mapped[list[dict[str, str]]] = mapped_column(JSON)
    status: Mapped[MailStatus] = mapped_column(
        Enum(
            MailStatus,
            native_enum=False,
            length=16,
            values_callable=lambda members: [member.value for member in members],
        )
    )
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime)
    # A deliverer owns the row until `claimed_until`; `claim_token` tells whose claim it is.
    claimed_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    claim_token: Mapped[str | None] = mapped_column(String(32))
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class SentMail(Base):
    """The log of sent mail: one row per mail a provider accepted, written in the transaction
    that marks its outbox row sent. Admins read it as `/v1/mails`."""

    __tablename__ = "mails"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    recipient: Mapped[str] = mapped_column(String(320))
    time: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    # The kind of mail: its template name, which is also its message-setting action.
    action: Mapped[str] = mapped_column(String(64))
    subject: Mapped[str] = mapped_column(String(998))
    message: Mapped[str] = mapped_column(Text)  # the HTML body as sent


class MessageSetting(Base):
    """Whether one kind of mail (an `action`: a template name) is sent. An action without a row
    is sent; the migration seeds one row, switched on, per kind of mail."""

    __tablename__ = "message_settings"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    action: Mapped[str] = mapped_column(String(64), unique=True)
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    recipient: Mapped[str | None] = mapped_column(String(255))
    email_subject: Mapped[str | None] = mapped_column(Text)
    email_message: Mapped[str | None] = mapped_column(Text)
