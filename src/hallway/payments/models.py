"""An event's Stripe connected account (Stripe Connect), one per event."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import ForeignKey, String, select
from sqlalchemy.orm import Mapped, column_property, mapped_column, relationship

from hallway.db import Base, UTCDateTime
from hallway.events.models import Event


def _now() -> datetime:
    return datetime.now(UTC)


class StripeAuthorization(Base):
    __tablename__ = "stripe_authorizations"

    id: Mapped[int] = mapped_column(primary_key=True)
    # The OAuth code is exchanged when the link is made and never kept.
    stripe_auth_code: Mapped[str | None] = mapped_column(String(255))
    stripe_user_id: Mapped[str] = mapped_column(String(255))
    stripe_publishable_key: Mapped[str | None] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=_now)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), unique=True)

    event: Mapped[Event] = relationship()


def authorization_of(event: type[Any]) -> Any:
    return relationship(StripeAuthorization, viewonly=True, uselist=False)


def authorization_key() -> Any:
    """The id of the event's Stripe link, read with every event row: the link is then shown
    (or null) in every answer and never followed while empty, as `is-stripe-linked` says."""
    return column_property(
        select(StripeAuthorization.id)
        .where(StripeAuthorization.event_id == Event.id)
        .correlate_except(StripeAuthorization)
        .scalar_subquery(),
        deferred=True,
    )


setattr(Event, "stripe_authorization_key", authorization_key())  # noqa: B010 - mapped on the class
