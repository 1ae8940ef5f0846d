"""Tickets, ticket tags, the one tax of an event and the platform's ticket fees.

Money is `Numeric` (a `Decimal` in Python) in the event's currency; see money.py."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    Boolean,
    Column,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    String,
    Table,
    Text,
    select,
    text,
)
from sqlalchemy.orm import Mapped, column_property, mapped_column, relationship

from hallway.db import Base, UTCDateTime
from hallway.events.models import Event

# Wide enough for any price; three decimals cover the currencies with the finest minor unit.
Money = Numeric(14, 3)
# A percentage with up to four decimals (tax rates such as 7.375 %).
Percent = Numeric(7, 4)
LIVE = text("deleted_at IS NULL")

ticket_tag_links = Table(
    "ticket_tag_links",
    Base.metadata,
    Column("ticket_id", ForeignKey("tickets.id", ondelete="CASCADE"), primary_key=True),
    Column("ticket_tag_id", ForeignKey("ticket_tags.id", ondelete="CASCADE"), primary_key=True),
)


class Ticket(Base):
    __tablename__ = "tickets"
    __table_args__ = (
        # A name is taken once per event among live tickets (a trashed one frees it).
        Index(
            "uq_tickets_event_id_name_live",
            "event_id",
            "name",
            unique=True,
            sqlite_where=LIVE,
            postgresql_where=LIVE,
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(255))
    type: Mapped[str] = mapped_column(String(32))
    description: Mapped[str | None] = mapped_column(Text)
    is_description_visible: Mapped[bool] = mapped_column(Boolean, default=True)
    price: Mapped[Decimal] = mapped_column(Money, default=Decimal(0))
    min_price: Mapped[Decimal] = mapped_column(Money, default=Decimal(0))
    max_price: Mapped[Decimal | None] = mapped_column(Money)
    quantity: Mapped[int] = mapped_column(Integer, default=100)
    position: Mapped[int] = mapped_column(Integer, default=0)
    is_hidden: Mapped[bool] = mapped_column(Boolean, default=False)
    is_fee_absorbed: Mapped[bool] = mapped_column(Boolean, default=False)
    sales_starts_at: Mapped[datetime] = mapped_column(UTCDateTime)
    sales_ends_at: Mapped[datetime] = mapped_column(UTCDateTime)
    min_order: Mapped[int] = mapped_column(Integer, default=1)
    max_order: Mapped[int] = mapped_column(Integer, default=10)
    is_checkin_restricted: Mapped[bool] = mapped_column(Boolean, default=True)
    auto_checkin_enabled: Mapped[bool] = mapped_column(Boolean, default=False)
    form_id: Mapped[str | None] = mapped_column(String(255))
    badge_id: Mapped[str | None] = mapped_column(String(255))
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # The attendees of the ticket's live orders: moved only by the orders domain's
    # conditional updates (never past `quantity` on a sale), never shown on the wire.
    reserved: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)

    event: Mapped[Event] = relationship()
    ticket_tags: Mapped[list[TicketTag]] = relationship(
        secondary=ticket_tag_links, back_populates="tickets"
    )


class TicketTag(Base):
    __tablename__ = "ticket_tags"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(255))
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)

    event: Mapped[Event] = relationship()
    tickets: Mapped[list[Ticket]] = relationship(
        secondary=ticket_tag_links, back_populates="ticket_tags"
    )


class Tax(Base):
    """The one tax of an event: a rate included in the prices or added on top, and what
    invoices need to say about the organizer."""

    __tablename__ = "taxes"
    # One live tax per event (a trashed one makes way for a new one).
    __table_args__ = (
        Index(
            "uq_taxes_event_id_live",
            "event_id",
            unique=True,
            sqlite_where=LIVE,
            postgresql_where=LIVE,
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(255))
    rate: Mapped[Decimal] = mapped_column(Percent)
    is_tax_included_in_price: Mapped[bool] = mapped_column(Boolean, default=False)
    country: Mapped[str | None] = mapped_column(String(100))
    tax_id: Mapped[str | None] = mapped_column(String(255))
    should_send_invoice: Mapped[bool] = mapped_column(Boolean, default=False)
    is_invoice_sent: Mapped[bool] = mapped_column(Boolean, default=False)
    registered_company: Mapped[str | None] = mapped_column(String(255))
    contact_name: Mapped[str | None] = mapped_column(String(255))
    phone: Mapped[str | None] = mapped_column(String(100))
    email: Mapped[str | None] = mapped_column(String(254))
    address: Mapped[str | None] = mapped_column(String(500))
    city: Mapped[str | None] = mapped_column(String(255))
    state: Mapped[str | None] = mapped_column(String(255))
    zip: Mapped[str | None] = mapped_column(String(50))
    invoice_footer: Mapped[str | None] = mapped_column(Text)
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)

    event: Mapped[Event] = relationship()


class TicketFee(Base):
    """The platform's service fee on ticket sales in one currency (and country): a
    percentage of the price, capped at `maximum_fee`."""

    __tablename__ = "ticket_fees"

    id: Mapped[int] = mapped_column(primary_key=True)
    currency: Mapped[str | None] = mapped_column(String(3), index=True)
    country: Mapped[str | None] = mapped_column(String(100))
    service_fee: Mapped[Decimal] = mapped_column(Percent, default=Decimal(0))
    maximum_fee: Mapped[Decimal] = mapped_column(Money, default=Decimal(0))


def tickets_of(event: type[Any]) -> Any:
    return relationship(Ticket, viewonly=True)


def ticket_tags_of(event: type[Any]) -> Any:
    return relationship(TicketTag, viewonly=True)


def tax_of(event: type[Any]) -> Any:
    """The event's live tax."""
    return relationship(
        Tax,
        primaryjoin=lambda: (Tax.event_id == Event.id) & Tax.deleted_at.is_(None),
        viewonly=True,
        uselist=False,
    )


def tax_key() -> Any:
    """The id of the event's tax, read with every event row: `tax` is then linked in every
    answer and never followed while empty (docs/wire-rules.md)."""
    return column_property(
        select(Tax.id)
        .where(Tax.event_id == Event.id, Tax.deleted_at.is_(None))
        .correlate_except(Tax)
        .scalar_subquery(),
        deferred=True,
    )


setattr(Event, "tax_key", tax_key())  # noqa: B010 - declarative maps attributes set on the class
