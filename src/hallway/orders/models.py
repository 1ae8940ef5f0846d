"""Orders, their attendees (one per ticket bought) and the idempotency keys of order requests.

Stock is a counter on each ticket (`tickets.reserved`): the attendees of the ticket's live
orders (initializing, pending, placed, completed). It moves only by conditional UPDATEs in
the transaction that creates, expires or cancels an order, so it always equals those rows;
see stock.py."""

from __future__ import annotations

import secrets
import uuid
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    select,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from hallway.codes.models import AccessCode, DiscountCode
from hallway.db import Base, UTCDateTime
from hallway.events.models import Event
from hallway.tickets.models import Money, Ticket
from hallway.users.models import User

# Orders that hold stock; the others (cancelled, expired) released theirs.
LIVE_STATUSES = ("initializing", "pending", "placed", "completed")
FINAL_STATUSES = ("cancelled", "expired")
STATUSES = (*LIVE_STATUSES, *FINAL_STATUSES)
Short = String(255)


def _now() -> datetime:
    return datetime.now(UTC)


def _order_identifier() -> str:
    return str(uuid.uuid4())


def _attendee_identifier() -> str:
    return secrets.token_hex(4)


class Order(Base):
    __tablename__ = "orders"
    __table_args__ = (Index("ix_orders_status_expires_at", "status", "expires_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    identifier: Mapped[str] = mapped_column(String(36), unique=True, default=_order_identifier)
    amount: Mapped[Decimal] = mapped_column(Money, default=Decimal(0))
    status: Mapped[str] = mapped_column(String(20), default="initializing")
    payment_mode: Mapped[str | None] = mapped_column(String(20))
    paid_via: Mapped[str | None] = mapped_column(String(50))
    transaction_id: Mapped[str | None] = mapped_column(Short)
    brand: Mapped[str | None] = mapped_column(String(50))
    exp_month: Mapped[int | None] = mapped_column(Integer)
    exp_year: Mapped[int | None] = mapped_column(Integer)
    last4: Mapped[str | None] = mapped_column(String(4))
    is_billing_enabled: Mapped[bool] = mapped_column(Boolean, default=False)
    address: Mapped[str | None] = mapped_column(String(500))
    city: Mapped[str | None] = mapped_column(Short)
    state: Mapped[str | None] = mapped_column(Short)
    country: Mapped[str | None] = mapped_column(Short)
    zipcode: Mapped[str | None] = mapped_column(String(50))
    company: Mapped[str | None] = mapped_column(Short)
    tax_business_info: Mapped[str | None] = mapped_column(Short)
    cancel_note: Mapped[str | None] = mapped_column(Text)
    order_notes: Mapped[str | None] = mapped_column(Text)
    payment_url: Mapped[str | None] = mapped_column(String(1000))
    tickets_pdf_url: Mapped[str | None] = mapped_column(String(1000))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=_now)
    completed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Until when an unpaid order holds its stock (null once placed, completed or final).
    expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # How many tickets the order holds (its live attendees): what expiry and cancelling release.
    quantity: Mapped[int] = mapped_column(Integer, default=0)
    # What the event's organizers gave back of a completed order's amount (refunds.py).
    refunded_amount: Mapped[Decimal] = mapped_column(Money, default=Decimal(0), server_default="0")
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    marketer_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    discount_code_id: Mapped[int | None] = mapped_column(
        ForeignKey("discount_codes.id", ondelete="SET NULL"), index=True
    )
    access_code_id: Mapped[int | None] = mapped_column(
        ForeignKey("access_codes.id", ondelete="SET NULL"), index=True
    )

    event: Mapped[Event] = relationship()
    user: Mapped[User | None] = relationship(foreign_keys=[user_id])
    marketer: Mapped[User | None] = relationship(foreign_keys=[marketer_id])
    discount_code: Mapped[DiscountCode | None] = relationship()
    access_code: Mapped[AccessCode | None] = relationship()
    attendees: Mapped[list[Attendee]] = relationship(back_populates="order", viewonly=True)

    # Every write of a loaded order is guarded by the status it was read with
    # (`UPDATE ... WHERE id = ? AND status = <read>`): a status change and the rest of the
    # order's changes are one conditional UPDATE, and an order moved meanwhile by another
    # transaction refuses the write (StaleDataError, answered 409). The status is set by
    # the code, never generated.
    __mapper_args__ = {"version_id_col": status, "version_id_generator": False}


class Tag(Base):
    """A label the event's staff put on attendees (speakers, VIPs…)."""

    __tablename__ = "tags"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    color: Mapped[str | None] = mapped_column(String(32))
    is_read_only: Mapped[bool] = mapped_column(Boolean, default=False)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)

    event: Mapped[Event] = relationship()


class Attendee(Base):
    """A ticket holder: blank when the order is made, filled in by the buyer."""

    __tablename__ = "attendees"

    id: Mapped[int] = mapped_column(primary_key=True)
    identifier: Mapped[str] = mapped_column(String(16), default=_attendee_identifier)
    firstname: Mapped[str | None] = mapped_column(Short)
    lastname: Mapped[str | None] = mapped_column(Short)
    email: Mapped[str | None] = mapped_column(String(254), index=True)
    address: Mapped[str | None] = mapped_column(String(500))
    city: Mapped[str | None] = mapped_column(Short)
    state: Mapped[str | None] = mapped_column(Short)
    country: Mapped[str | None] = mapped_column(Short)
    job_title: Mapped[str | None] = mapped_column(Short)
    phone: Mapped[str | None] = mapped_column(String(100))
    company: Mapped[str | None] = mapped_column(Short)
    work_address: Mapped[str | None] = mapped_column(String(500))
    work_phone: Mapped[str | None] = mapped_column(String(100))
    billing_address: Mapped[str | None] = mapped_column(String(500))
    home_address: Mapped[str | None] = mapped_column(String(500))
    shipping_address: Mapped[str | None] = mapped_column(String(500))
    tax_business_info: Mapped[str | None] = mapped_column(Short)
    website: Mapped[str | None] = mapped_column(String(1000))
    blog: Mapped[str | None] = mapped_column(String(1000))
    twitter: Mapped[str | None] = mapped_column(String(1000))
    facebook: Mapped[str | None] = mapped_column(String(1000))
    github: Mapped[str | None] = mapped_column(String(1000))
    instagram: Mapped[str | None] = mapped_column(String(1000))
    linkedin: Mapped[str | None] = mapped_column(String(1000))
    gender: Mapped[str | None] = mapped_column(String(50))
    age_group: Mapped[str | None] = mapped_column(String(50))
    birth_date: Mapped[datetime | None] = mapped_column(UTCDateTime)
    home_wiki: Mapped[str | None] = mapped_column(Short)
    wiki_scholarship: Mapped[str | None] = mapped_column(Short)
    native_language: Mapped[str | None] = mapped_column(Short)
    fluent_language: Mapped[str | None] = mapped_column(Short)
    accept_video_recording: Mapped[bool | None] = mapped_column(Boolean)
    accept_share_details: Mapped[bool | None] = mapped_column(Boolean)
    accept_receive_emails: Mapped[bool | None] = mapped_column(Boolean)
    is_consent_of_refund_policy: Mapped[bool] = mapped_column(Boolean, default=False)
    is_consent_form_field: Mapped[bool] = mapped_column(Boolean, default=False)
    is_consent_form_field_photo: Mapped[bool] = mapped_column(Boolean, default=False)
    is_consent_form_field_email: Mapped[bool] = mapped_column(Boolean, default=False)
    is_checked_in: Mapped[bool] = mapped_column(Boolean, default=False)
    checkin_times: Mapped[str | None] = mapped_column(Text)
    device_name_checkin: Mapped[str | None] = mapped_column(Text)
    is_checked_out: Mapped[bool] = mapped_column(Boolean, default=False)
    checkout_times: Mapped[str | None] = mapped_column(Text)
    is_registered: Mapped[bool] = mapped_column(Boolean, default=False)
    register_times: Mapped[str | None] = mapped_column(Text)
    attendee_notes: Mapped[str | None] = mapped_column(Text)
    is_badge_printed: Mapped[bool] = mapped_column(Boolean, default=False)
    badge_printed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    is_discount_applied: Mapped[bool] = mapped_column(Boolean, default=False)
    is_access_code_applied: Mapped[bool] = mapped_column(Boolean, default=False)
    tag_id: Mapped[int | None] = mapped_column(
        ForeignKey("tags.id", ondelete="SET NULL"), index=True
    )
    pdf_url: Mapped[str | None] = mapped_column(String(1000))
    complex_field_values: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=_now)
    modified_at: Mapped[datetime | None] = mapped_column(UTCDateTime, onupdate=_now)
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("tickets.id"), index=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id", ondelete="CASCADE"), index=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )

    ticket: Mapped[Ticket] = relationship()
    tag: Mapped[Tag | None] = relationship()
    order: Mapped[Order] = relationship(back_populates="attendees")
    event: Mapped[Event] = relationship()
    user: Mapped[User | None] = relationship()


class IdempotencyKey(Base):
    """An `Idempotency-Key` a caller sent with an order request, and the order it made: a
    retry with the same key answers that order instead of making another."""

    __tablename__ = "idempotency_keys"
    __table_args__ = (UniqueConstraint("user_id", "scope", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    scope: Mapped[str] = mapped_column(String(50))
    key: Mapped[str] = mapped_column(String(255))
    fingerprint: Mapped[str] = mapped_column(String(64))
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=_now)


# Which tickets each order holds, once each however many of them it holds.
order_tickets = (
    select(Attendee.order_id.label("order_id"), Attendee.ticket_id.label("ticket_id"))
    .distinct()
    .subquery("order_tickets")
)
Order.tickets = relationship(
    Ticket,
    secondary=order_tickets,
    primaryjoin=Order.id == order_tickets.c.order_id,
    secondaryjoin=order_tickets.c.ticket_id == Ticket.id,
    viewonly=True,
)


def orders_of_ticket(ticket: type[Any]) -> Any:
    return relationship(
        Order,
        secondary=order_tickets,
        primaryjoin=Ticket.id == order_tickets.c.ticket_id,
        secondaryjoin=order_tickets.c.order_id == Order.id,
        viewonly=True,
    )


def tags_of(event: type[Any]) -> Any:
    return relationship(Tag, viewonly=True)


def orders_of(parent: type[Any]) -> Any:
    return relationship(Order, viewonly=True)


def attendees_of(parent: type[Any]) -> Any:
    return relationship(Attendee, viewonly=True)


def user_orders(user: type[Any]) -> Any:
    return relationship(Order, foreign_keys=[Order.user_id], viewonly=True)


class OrderRefund(Base):
    """Money given back on a completed order: how much, why, by whom and when, and the
    gateway's own refund when the order was paid online. A paid, completed order is
    cancelled only once it has one."""

    __tablename__ = "order_refunds"
    __table_args__ = (UniqueConstraint("order_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id", ondelete="CASCADE"), index=True)
    amount: Mapped[Decimal] = mapped_column(Money)
    reason: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(20))
    gateway_refund_id: Mapped[str | None] = mapped_column(Short)
    # The caller's `Idempotency-Key`, or one made from the order's refund count.
    key: Mapped[str] = mapped_column(String(255))
    refunded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=_now)


class CheckInScan(Base):
    """One scan a scanner sent (by its own id, so a resent batch changes nothing twice), and
    what came of it."""

    __tablename__ = "check_in_scans"
    __table_args__ = (UniqueConstraint("event_id", "client_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"))
    client_id: Mapped[str] = mapped_column(String(100))
    attendee_id: Mapped[int | None] = mapped_column(
        ForeignKey("attendees.id", ondelete="SET NULL"), index=True
    )
    action: Mapped[str] = mapped_column(String(16))
    device: Mapped[str | None] = mapped_column(String(100))
    scanned_at: Mapped[datetime] = mapped_column(UTCDateTime)
    result: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str | None] = mapped_column(String(255))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=_now)


class OrderDocument(Base):
    """A PDF made for a completed order: its tickets (`attendee_id` null: every ticket of the
    order; else one attendee's) or its invoice."""

    __tablename__ = "order_documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id", ondelete="CASCADE"), index=True)
    attendee_id: Mapped[int | None] = mapped_column(
        ForeignKey("attendees.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(16))
    content: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=_now)
