"""What a client may send about an event and its copyright."""

from __future__ import annotations

from datetime import datetime
from functools import lru_cache
from typing import Annotated, Literal
from zoneinfo import available_timezones

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from hallway.jsonapi import Attributes, Html, Int32, UtcDatetime, WebAddress


@lru_cache(maxsize=1)
def _zones() -> frozenset[str]:
    return frozenset(available_timezones())


def _timezone(value: str) -> str:
    if value not in _zones():
        raise ValueError(f"{value!r} is not a time zone of the IANA database")
    return value


Url = WebAddress
Text = Annotated[str | None, Field(max_length=500)]
TimeZone = Annotated[str, AfterValidator(_timezone)]


def _unless_epoch(value: datetime | None) -> datetime | None:
    return None if value is not None and value.timestamp() == 0 else value


# The web frontend's scheduler unpublishes a schedule by sending the epoch: stored as null.
PublishedOn = Annotated[UtcDatetime | None, AfterValidator(_unless_epoch)]


class DocumentLink(BaseModel):
    """One of an event's documents: a name and where it is."""

    model_config = ConfigDict(extra="ignore")

    name: str = Field(max_length=200)
    link: WebAddress = None


class EventFields(Attributes):
    """Every writable attribute; all optional, so this is also the update schema."""

    name: str | None = Field(default=None, min_length=1, max_length=500)
    starts_at: UtcDatetime | None = None
    ends_at: UtcDatetime | None = None
    timezone: TimeZone | None = None
    state: Literal["draft", "published"] | None = None
    privacy: Literal["public", "private"] | None = None
    online: bool | None = None
    location_name: Text = None
    searchable_location_name: Text = None
    latitude: float | None = Field(default=None, ge=-90, le=90)
    longitude: float | None = Field(default=None, ge=-180, le=180)
    description: Html = None
    owner_name: Text = None
    owner_description: Html = None
    has_owner_info: bool | None = None
    is_map_shown: bool | None = None
    external_event_url: Url = None
    ticket_url: Url = None
    logo_url: Url = None
    original_image_url: Url = None
    code_of_conduct: Html = None
    refund_policy: Html = None
    after_order_message: Html = None
    schedule_published_on: PublishedOn = None
    is_sessions_speakers_enabled: bool | None = None
    is_cfs_enabled: bool | None = None
    is_ticket_form_enabled: bool | None = None
    is_badges_enabled: bool | None = None
    is_sponsors_enabled: bool | None = None
    is_tax_enabled: bool | None = None
    is_billing_info_mandatory: bool | None = None
    is_donation_enabled: bool | None = None
    show_remaining_tickets: bool | None = None
    is_oneclick_signup_enabled: bool | None = None
    payment_country: Annotated[str | None, Field(max_length=100)] = None
    payment_currency: Annotated[str | None, Field(max_length=10)] = None
    paypal_email: Annotated[str | None, Field(max_length=254)] = None
    can_pay_by_paypal: bool | None = None
    can_pay_by_stripe: bool | None = None
    can_pay_by_cheque: bool | None = None
    can_pay_by_bank: bool | None = None
    can_pay_by_invoice: bool | None = None
    can_pay_by_omise: bool | None = None
    can_pay_by_alipay: bool | None = None
    can_pay_by_paytm: bool | None = None
    can_pay_onsite: bool | None = None
    cheque_details: Html = None
    bank_details: Html = None
    onsite_details: Html = None
    invoice_details: Html = None
    is_featured: bool | None = None
    is_promoted: bool | None = None
    is_demoted: bool | None = None
    is_announced: bool | None = None
    is_chat_enabled: bool | None = None
    is_videoroom_enabled: bool | None = None
    public_stream_link: Url = None
    stream_loop: bool | None = None
    stream_autoplay: bool | None = None
    is_document_enabled: bool | None = None
    document_links: list[DocumentLink] | None = Field(default=None, max_length=50)


class EventCreate(EventFields):
    name: str = Field(min_length=1, max_length=500)
    starts_at: UtcDatetime
    ends_at: UtcDatetime
    timezone: TimeZone = "UTC"


class EventUpdate(EventFields):
    """Partial: only the attributes sent are applied (the service checks the result)."""


class CopyrightCreate(Attributes):
    licence: str = Field(min_length=1, max_length=200)
    holder: str | None = Field(default=None, max_length=200)
    holder_url: WebAddress = None
    licence_url: WebAddress = None
    year: Int32 | None = Field(default=None, ge=1000, le=9999)
    logo_url: WebAddress = None


class CopyrightUpdate(CopyrightCreate):
    licence: str | None = Field(default=None, min_length=1, max_length=200)  # type: ignore[assignment]
