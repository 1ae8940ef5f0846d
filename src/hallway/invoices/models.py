"""An event invoice: what the platform bills an event's owner for one month of ticket sales."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import ForeignKey, Integer, LargeBinary, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from hallway.db import Base, UTCDateTime
from hallway.tickets.models import Money

STATUSES = ("paid", "due", "refunding", "refunded", "failed", "resolved")


def _now() -> datetime:
    return datetime.now(UTC)


class EventInvoice(Base):
    __tablename__ = "event_invoices"
    __table_args__ = (UniqueConstraint("event_id", "month"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    # `YYYYMMU-NNNNNN`: the billed month and the invoice's number, in the order issued.
    identifier: Mapped[str] = mapped_column(String(20), unique=True)
    month: Mapped[str] = mapped_column(String(7))  # the billed month, YYYY-MM
    amount: Mapped[Decimal] = mapped_column(Money)
    currency: Mapped[str | None] = mapped_column(String(10))
    status: Mapped[str] = mapped_column(String(20), default="due")
    issued_at: Mapped[datetime] = mapped_column(UTCDateTime, default=_now)
    due_at: Mapped[datetime] = mapped_column(UTCDateTime)
    completed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    paid_via: Mapped[str | None] = mapped_column(String(50))
    payment_mode: Mapped[str | None] = mapped_column(String(50))
    transaction_id: Mapped[str | None] = mapped_column(String(255))
    brand: Mapped[str | None] = mapped_column(String(50))
    last4: Mapped[str | None] = mapped_column(String(4))
    exp_month: Mapped[int | None] = mapped_column(Integer)
    exp_year: Mapped[int | None] = mapped_column(Integer)
    stripe_token: Mapped[str | None] = mapped_column(String(255))
    paypal_token: Mapped[str | None] = mapped_column(String(255))
    invoice_pdf_url: Mapped[str | None] = mapped_column(String(1000))
    # When the billed user was last reminded of it (past due, unpaid).
    reminded_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=_now)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    discount_code_id: Mapped[int | None] = mapped_column(
        ForeignKey("discount_codes.id", ondelete="SET NULL"), index=True
    )

    event: Mapped[Any] = relationship("Event")
    user: Mapped[Any] = relationship("User")
    discount_code: Mapped[Any] = relationship("DiscountCode")


class EventInvoiceDocument(Base):
    """An invoice's PDF, made by the invoice job (never while answering a request)."""

    __tablename__ = "event_invoice_documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    invoice_id: Mapped[int] = mapped_column(
        ForeignKey("event_invoices.id", ondelete="CASCADE"), unique=True
    )
    content: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=_now)


def invoices_of(owner: type[Any]) -> Any:
    return relationship(EventInvoice, viewonly=True, order_by=EventInvoice.id)
