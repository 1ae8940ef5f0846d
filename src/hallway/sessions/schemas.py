"""What callers may send about sessions, speakers and calls for speakers."""

from __future__ import annotations

import math
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, Field

from hallway.jsonapi import Attributes, Html, Int32, UtcDatetime, WebAddress, ZeroIfNull

State = Literal["draft", "pending", "accepted", "confirmed", "rejected", "canceled", "withdrawn"]
Level = Literal["Beginner", "Intermediate", "Advanced", "Expert"]
Title = Annotated[str, Field(min_length=1, max_length=300)]


def _null_is_submitted(value: Any) -> Any:
    return "pending" if value is None else value


# A new session's state: absent, a draft; null, a submission (the web frontend's call-for-speakers
# form posts its empty state as null when the speaker presses "Submit").
NewState = Annotated[State, BeforeValidator(_null_is_submitted)]
Short = Annotated[str | None, Field(default=None, max_length=200)]


class Slide(BaseModel):
    name: str | None = Field(default=None, max_length=300)
    link: WebAddress = None


class SessionCreate(Attributes):
    title: Title
    subtitle: str | None = Field(default=None, max_length=300)
    level: Level | None = None
    short_abstract: Html = None
    long_abstract: Html = None
    comments: Html = None
    starts_at: UtcDatetime | None = None
    ends_at: UtcDatetime | None = None
    language: str | None = Field(default=None, max_length=100)
    slides_url: WebAddress = None
    slides: list[Slide] | None = None
    video_url: WebAddress = None
    audio_url: WebAddress = None
    signup_url: WebAddress = None
    website: WebAddress = None
    twitter: WebAddress = None
    facebook: WebAddress = None
    github: WebAddress = None
    gitlab: WebAddress = None
    linkedin: WebAddress = None
    instagram: WebAddress = None
    mastodon: WebAddress = None
    state: NewState = "draft"
    is_locked: bool = False
    complex_field_values: dict[str, Any] | None = None
    # Load-only: mail the speakers about the state this write sets.
    send_email: bool = False


class SessionUpdate(SessionCreate):
    title: Title = None  # type: ignore[assignment]
    state: State = None  # type: ignore[assignment]
    is_locked: bool = None  # type: ignore[assignment]
    send_email: bool = None  # type: ignore[assignment]


class SpeakerCreate(Attributes):
    name: Annotated[str, Field(min_length=1, max_length=200)]
    email: str | None = Field(default=None, max_length=320)
    photo_url: WebAddress = None
    thumbnail_image_url: WebAddress = None
    small_image_url: WebAddress = None
    icon_image_url: WebAddress = None
    short_biography: Html = None
    long_biography: Html = None
    speaking_experience: Html = None
    mobile: str | None = Field(default=None, max_length=100)
    location: Short = None
    website: WebAddress = None
    twitter: WebAddress = None
    facebook: WebAddress = None
    github: WebAddress = None
    linkedin: WebAddress = None
    instagram: WebAddress = None
    mastodon: WebAddress = None
    organisation: Short = None
    position: Short = None
    country: str | None = Field(default=None, max_length=100)
    city: str | None = Field(default=None, max_length=100)
    address: str | None = Field(default=None, max_length=2000)
    gender: str | None = Field(default=None, max_length=50)
    heard_from: Short = None
    sponsorship_required: str | None = Field(default=None, max_length=2000)
    is_featured: bool = False
    is_email_overridden: bool = False
    order: ZeroIfNull = 0
    complex_field_values: dict[str, Any] | None = None
    speaker_positions: dict[str, Any] | None = None


class SpeakerUpdate(SpeakerCreate):
    name: Annotated[str, Field(min_length=1, max_length=200)] = None  # type: ignore[assignment]
    is_featured: bool = None  # type: ignore[assignment]
    is_email_overridden: bool = None  # type: ignore[assignment]
    order: ZeroIfNull = None  # type: ignore[assignment]


class SpeakersCallCreate(Attributes):
    announcement: Html = None
    starts_at: UtcDatetime
    soft_ends_at: UtcDatetime | None = None
    ends_at: UtcDatetime
    privacy: Literal["public", "private"] = "public"
    hash: str | None = Field(default=None, max_length=100)


class SpeakersCallUpdate(SpeakersCallCreate):
    starts_at: UtcDatetime = None  # type: ignore[assignment]
    ends_at: UtcDatetime = None  # type: ignore[assignment]
    privacy: Literal["public", "private"] = None  # type: ignore[assignment]


class SpeakerOrder(BaseModel):
    """One entry of `POST /v1/events/{id}/reorder-speakers`."""

    speaker: int = Field(ge=1, le=2**31 - 1)
    order: Int32


class Notice(BaseModel):
    """`POST /v1/sessions/{id}/notify`: the state mail, its subject or message replaced."""

    subject: str | None = Field(default=None, min_length=1, max_length=300)
    message: str | None = Field(default=None, min_length=1, max_length=20000)
    bcc: list[str] = Field(default_factory=list, max_length=20)


class SpeakerInviteCreate(Attributes):
    email: Annotated[str, Field(min_length=3, max_length=320)]


def _halves(value: float) -> float:
    """Rounded to the nearest half (2.3 -> 2.5, 4.1 -> 4.0, 2.25 -> 2.5)."""
    return math.floor(value * 2 + 0.5) / 2


Rating = Annotated[float, Field(ge=0, le=5, allow_inf_nan=False), AfterValidator(_halves)]


class FeedbackCreate(Attributes):
    rating: Rating
    comment: str | None = Field(default=None, max_length=5000)


class FeedbackUpdate(FeedbackCreate):
    rating: Rating = None  # type: ignore[assignment]
