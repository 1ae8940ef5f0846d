"""Discount codes (a percentage or an amount off) and access codes (which unlock hidden
tickets). How often a code was used is counted from orders when they exist."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Boolean, Column, ForeignKey, Integer, String, Table
from sqlalchemy.orm import Mapped, mapped_column, relationship

from hallway.db import Base, UTCDateTime
from hallway.events.models import Event
from hallway.tickets.models import Money, Ticket
from hallway.users.models import User

Url = String(1000)


def _now() -> datetime:
    return datetime.now(UTC)


discount_code_tickets = Table(
    "discount_code_tickets",
    Base.metadata,
    Column(
        "discount_code_id", ForeignKey("discount_codes.id", ondelete="CASCADE"), primary_key=True
    ),
    Column("ticket_id", ForeignKey("tickets.id", ondelete="CASCADE"), primary_key=True),
)
access_code_tickets = Table(
    "access_code_tickets",
    Base.metadata,
    Column("access_code_id", ForeignKey("access_codes.id", ondelete="CASCADE"), primary_key=True),
    Column("ticket_id", ForeignKey("tickets.id", ondelete="CASCADE"), primary_key=True),
)


class DiscountCode(Base):
    """`used_for` "ticket": an organizer's code for their event's tickets; "event": a
    platform code (admins) on the fees charged to events."""

    __tablename__ = "discount_codes"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(100), index=True)
    type: Mapped[str] = mapped_column(String(16))
    value: Mapped[Decimal] = mapped_column(Money)
    used_for: Mapped[str] = mapped_column(String(16), default="ticket")
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)
    tickets_number: Mapped[int | None] = mapped_column(Integer)
    # Tickets of live orders bought with the code (what `tickets_number` caps); moved only
    # by the orders domain's conditional updates, never shown on the wire.
    used: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    min_quantity: Mapped[int] = mapped_column(Integer, default=0)
    max_quantity: Mapped[int | None] = mapped_column(Integer)
    valid_from: Mapped[datetime | None] = mapped_column(UTCDateTime)
    valid_till: Mapped[datetime | None] = mapped_column(UTCDateTime)
    discount_url: Mapped[str | None] = mapped_column(Url)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=_now)
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    event_id: Mapped[int | None] = mapped_column(
        ForeignKey("events.id", ondelete="CASCADE"), index=True
    )
    marketer_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )

    event: Mapped[Event | None] = relationship()
    marketer: Mapped[User | None] = relationship()
    tickets: Mapped[list[Ticket]] = relationship(secondary=discount_code_tickets)


class AccessCode(Base):
    __tablename__ = "access_codes"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(100), index=True)
    access_url: Mapped[str | None] = mapped_column(Url)
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)
    tickets_number: Mapped[int | None] = mapped_column(Integer)
    # Tickets of live orders bought with the code (what `tickets_number` caps); moved only
    # by the orders domain's conditional updates, never shown on the wire.
    used: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    min_quantity: Mapped[int] = mapped_column(Integer, default=0)
    max_quantity: Mapped[int | None] = mapped_column(Integer)
    valid_from: Mapped[datetime | None] = mapped_column(UTCDateTime)
    valid_till: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=_now)
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    marketer_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )

    event: Mapped[Event] = relationship()
    marketer: Mapped[User | None] = relationship()
    tickets: Mapped[list[Ticket]] = relationship(secondary=access_code_tickets)


def discount_codes_of_event(event: type[Any]) -> Any:
    return relationship(DiscountCode, viewonly=True)


def access_codes_of_event(event: type[Any]) -> Any:
    return relationship(AccessCode, viewonly=True)


def discount_codes_of_user(user: type[Any]) -> Any:
    return relationship(DiscountCode, viewonly=True)


def access_codes_of_user(user: type[Any]) -> Any:
    return relationship(AccessCode, viewonly=True)


def discount_codes_of_ticket(ticket: type[Any]) -> Any:
    return relationship(DiscountCode, secondary=discount_code_tickets, viewonly=True)


def access_codes_of_ticket(ticket: type[Any]) -> Any:
    return relationship(AccessCode, secondary=access_code_tickets, viewonly=True)
