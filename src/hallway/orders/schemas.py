"""What a client may send about orders and attendees (JSON:API PATCH)."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import Field

from hallway.jsonapi import Attributes, Int32, UtcDatetime

Short = Annotated[str | None, Field(max_length=255)]
Long = Annotated[str | None, Field(max_length=500)]
Url = Annotated[str | None, Field(max_length=1000)]
Text = Annotated[str | None, Field(max_length=10_000)]
Times = Annotated[str | None, Field(max_length=100_000)]
Status = Literal["initializing", "pending", "placed", "completed", "cancelled", "expired"]
PaymentMode = Literal[
    "free", "stripe", "paypal", "bank", "cheque", "onsite", "omise", "alipay", "paytm", "invoice"
]


class OrderUpdate(Attributes):
    status: Status | None = None
    payment_mode: PaymentMode | None = None
    is_billing_enabled: bool | None = None
    address: Long = None
    city: Short = None
    state: Short = None
    country: Short = None
    zipcode: Annotated[str | None, Field(max_length=50)] = None
    company: Short = None
    tax_business_info: Short = None
    order_notes: Text = None
    cancel_note: Text = None


class AttendeeUpdate(Attributes):
    firstname: Short = None
    lastname: Short = None
    email: Annotated[str | None, Field(max_length=254)] = None
    address: Long = None
    city: Short = None
    state: Short = None
    country: Short = None
    job_title: Short = None
    phone: Annotated[str | None, Field(max_length=100)] = None
    company: Short = None
    work_address: Long = None
    work_phone: Annotated[str | None, Field(max_length=100)] = None
    billing_address: Long = None
    home_address: Long = None
    shipping_address: Long = None
    tax_business_info: Short = None
    website: Url = None
    blog: Url = None
    twitter: Url = None
    facebook: Url = None
    github: Url = None
    instagram: Url = None
    linkedin: Url = None
    gender: Annotated[str | None, Field(max_length=50)] = None
    age_group: Annotated[str | None, Field(max_length=50)] = None
    birth_date: UtcDatetime | None = None
    home_wiki: Short = None
    wiki_scholarship: Short = None
    native_language: Short = None
    fluent_language: Short = None
    accept_video_recording: bool | None = None
    accept_share_details: bool | None = None
    accept_receive_emails: bool | None = None
    is_consent_of_refund_policy: bool | None = None
    is_consent_form_field: bool | None = None
    is_consent_form_field_photo: bool | None = None
    is_consent_form_field_email: bool | None = None
    is_checked_in: bool | None = None
    checkin_times: Times = None
    device_name_checkin: Times = None
    is_checked_out: bool | None = None
    checkout_times: Times = None
    is_registered: bool | None = None
    register_times: Times = None
    attendee_notes: Text = None
    is_badge_printed: bool | None = None
    badge_printed_at: UtcDatetime | None = None
    tag_id: Int32 | None = None
    complex_field_values: dict[str, Any] | None = None


# The check-in side of an attendee: only the event's staff change it.
CHECKIN_FIELDS = frozenset(
    {
        "is_checked_in",
        "checkin_times",
        "device_name_checkin",
        "is_checked_out",
        "checkout_times",
        "is_registered",
        "register_times",
        "is_badge_printed",
        "badge_printed_at",
        "attendee_notes",
        "tag_id",
    }
)


class TagFields(Attributes):
    name: Annotated[str | None, Field(min_length=1, max_length=100)] = None
    color: Annotated[str | None, Field(max_length=32)] = None
    is_read_only: bool | None = None


class TagCreate(TagFields):
    name: Annotated[str, Field(min_length=1, max_length=100)]


class TagUpdate(TagFields):
    """Partial."""
