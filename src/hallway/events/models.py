"""The event and its one-per-event copyright."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import JSON, Boolean, Float, ForeignKey, Integer, String, Text, select
from sqlalchemy.orm import Mapped, column_property, mapped_column, relationship

from hallway.db import Base, UTCDateTime
from hallway.groups.models import Group
from hallway.taxonomy.models import EventSubTopic, EventTopic, EventType

Url = String(1000)


def _now() -> datetime:
    return datetime.now(UTC)


class Event(Base):
    __tablename__ = "events"

    id: Mapped[int] = mapped_column(primary_key=True)
    identifier: Mapped[str] = mapped_column(String(8), unique=True)
    name: Mapped[str] = mapped_column(String(500))
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    timezone: Mapped[str] = mapped_column(String(64), default="UTC")
    state: Mapped[str] = mapped_column(String(16), default="draft", index=True)
    privacy: Mapped[str] = mapped_column(String(16), default="public")
    online: Mapped[bool] = mapped_column(Boolean, default=False)
    location_name: Mapped[str | None] = mapped_column(String(500))
    searchable_location_name: Mapped[str | None] = mapped_column(String(500))
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    description: Mapped[str | None] = mapped_column(Text)
    owner_name: Mapped[str | None] = mapped_column(String(500))
    owner_description: Mapped[str | None] = mapped_column(Text)
    has_owner_info: Mapped[bool] = mapped_column(Boolean, default=False)
    is_map_shown: Mapped[bool] = mapped_column(Boolean, default=False)
    external_event_url: Mapped[str | None] = mapped_column(Url)
    ticket_url: Mapped[str | None] = mapped_column(Url)
    logo_url: Mapped[str | None] = mapped_column(Url)
    original_image_url: Mapped[str | None] = mapped_column(Url)
    thumbnail_image_url: Mapped[str | None] = mapped_column(Url)
    large_image_url: Mapped[str | None] = mapped_column(Url)
    icon_image_url: Mapped[str | None] = mapped_column(Url)
    code_of_conduct: Mapped[str | None] = mapped_column(Text)
    refund_policy: Mapped[str | None] = mapped_column(Text)
    after_order_message: Mapped[str | None] = mapped_column(Text)
    schedule_published_on: Mapped[datetime | None] = mapped_column(UTCDateTime)
    is_sessions_speakers_enabled: Mapped[bool] = mapped_column(Boolean, default=False)
    is_cfs_enabled: Mapped[bool] = mapped_column(Boolean, default=False)
    is_ticket_form_enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    is_badges_enabled: Mapped[bool] = mapped_column(Boolean, default=False)
    is_sponsors_enabled: Mapped[bool] = mapped_column(Boolean, default=False)
    is_tax_enabled: Mapped[bool] = mapped_column(Boolean, default=False)
    is_billing_info_mandatory: Mapped[bool] = mapped_column(Boolean, default=False)
    is_donation_enabled: Mapped[bool] = mapped_column(Boolean, default=False)
    show_remaining_tickets: Mapped[bool] = mapped_column(Boolean, default=False)
    is_oneclick_signup_enabled: Mapped[bool] = mapped_column(Boolean, default=False)
    payment_country: Mapped[str | None] = mapped_column(String(100))
    payment_currency: Mapped[str | None] = mapped_column(String(10))
    paypal_email: Mapped[str | None] = mapped_column(String(254))
    can_pay_by_paypal: Mapped[bool] = mapped_column(Boolean, default=False)
    can_pay_by_stripe: Mapped[bool] = mapped_column(Boolean, default=False)
    can_pay_by_cheque: Mapped[bool] = mapped_column(Boolean, default=False)
    can_pay_by_bank: Mapped[bool] = mapped_column(Boolean, default=False)
    can_pay_by_invoice: Mapped[bool] = mapped_column(Boolean, default=False)
    can_pay_by_omise: Mapped[bool] = mapped_column(Boolean, default=False)
    can_pay_by_alipay: Mapped[bool] = mapped_column(Boolean, default=False)
    can_pay_by_paytm: Mapped[bool] = mapped_column(Boolean, default=False)
    can_pay_onsite: Mapped[bool] = mapped_column(Boolean, default=False)
    cheque_details: Mapped[str | None] = mapped_column(Text)
    bank_details: Mapped[str | None] = mapped_column(Text)
    onsite_details: Mapped[str | None] = mapped_column(Text)
    invoice_details: Mapped[str | None] = mapped_column(Text)
    is_stripe_linked: Mapped[bool] = mapped_column(Boolean, default=False)
    is_featured: Mapped[bool] = mapped_column(Boolean, default=False)
    is_promoted: Mapped[bool] = mapped_column(Boolean, default=False)
    is_demoted: Mapped[bool] = mapped_column(Boolean, default=False)
    is_announced: Mapped[bool] = mapped_column(Boolean, default=False)
    is_chat_enabled: Mapped[bool] = mapped_column(Boolean, default=False)
    is_videoroom_enabled: Mapped[bool] = mapped_column(Boolean, default=False)
    chat_room_name: Mapped[str | None] = mapped_column(String(200))
    public_stream_link: Mapped[str | None] = mapped_column(Url)
    stream_loop: Mapped[bool] = mapped_column(Boolean, default=False)
    stream_autoplay: Mapped[bool] = mapped_column(Boolean, default=False)
    is_document_enabled: Mapped[bool] = mapped_column(Boolean, default=False)
    document_links: Mapped[list[dict[str, Any]] | None] = mapped_column(JSON)
    pentabarf_url: Mapped[str | None] = mapped_column(Url)
    ical_url: Mapped[str | None] = mapped_column(Url)
    xcal_url: Mapped[str | None] = mapped_column(Url)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=_now)
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    event_type_id: Mapped[int | None] = mapped_column(
        ForeignKey("event_types.id", ondelete="SET NULL"), index=True
    )
    event_topic_id: Mapped[int | None] = mapped_column(
        ForeignKey("event_topics.id", ondelete="SET NULL"), index=True
    )
    event_sub_topic_id: Mapped[int | None] = mapped_column(
        ForeignKey("event_sub_topics.id", ondelete="SET NULL"), index=True
    )
    # The one group the event belongs to, set by its organizers.
    group_id: Mapped[int | None] = mapped_column(
        ForeignKey("groups.id", ondelete="SET NULL"), index=True
    )

    event_type: Mapped[EventType | None] = relationship(backref="events")
    event_topic: Mapped[EventTopic | None] = relationship(backref="events")
    event_sub_topic: Mapped[EventSubTopic | None] = relationship(backref="events")
    group: Mapped[Group | None] = relationship(backref="events")
    event_copyright: Mapped[EventCopyright | None] = relationship(
        back_populates="event", uselist=False
    )


class EventCopyright(Base):
    __tablename__ = "event_copyrights"

    id: Mapped[int] = mapped_column(primary_key=True)
    licence: Mapped[str] = mapped_column(String(200))
    holder: Mapped[str | None] = mapped_column(String(200))
    holder_url: Mapped[str | None] = mapped_column(Url)
    licence_url: Mapped[str | None] = mapped_column(Url)
    year: Mapped[int | None] = mapped_column(Integer)
    logo_url: Mapped[str | None] = mapped_column(Url)
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), unique=True)

    event: Mapped[Event] = relationship(back_populates="event_copyright")


# The id of the event's live licence, read with every event row: `event-copyright` is then
# linked in every answer, and an event without one never names a related link for the client
# to follow while its licence step holds a new record (docs/wire-rules.md). Deferred, as the
# other subqueries on events: an event object a rule loads does not run them.
Event.event_copyright_id = column_property(
    select(EventCopyright.id)
    .where(EventCopyright.event_id == Event.id, EventCopyright.deleted_at.is_(None))
    .correlate_except(EventCopyright)
    .scalar_subquery(),
    deferred=True,
)
