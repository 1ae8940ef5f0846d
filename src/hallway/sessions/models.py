"""Sessions, speakers (many-to-many with sessions) and the one call for speakers of an event."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Float,
    ForeignKey,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
    func,
    select,
)
from sqlalchemy.orm import Mapped, column_property, mapped_column, relationship

from hallway.db import Base, UTCDateTime
from hallway.events.models import Event
from hallway.sponsors.models import Exhibitor, exhibitors_sessions

Url = String(1000)

DRAFT, PENDING, ACCEPTED, CONFIRMED = "draft", "pending", "accepted", "confirmed"
REJECTED, CANCELED, WITHDRAWN = "rejected", "canceled", "withdrawn"
STATES = (DRAFT, PENDING, ACCEPTED, CONFIRMED, REJECTED, CANCELED, WITHDRAWN)
# The states a session is shown in to everyone (of a published event).
PUBLIC_STATES = (ACCEPTED, CONFIRMED)


def _now() -> datetime:
    return datetime.now(UTC)


speakers_sessions = Table(
    "speakers_sessions",
    Base.metadata,
    Column("speaker_id", ForeignKey("speakers.id", ondelete="CASCADE"), primary_key=True),
    Column(
        "session_id", ForeignKey("sessions.id", ondelete="CASCADE"), primary_key=True, index=True
    ),
)


class Session(Base):
    """A talk, workshop or other slot proposed to (and scheduled by) an event."""

    __tablename__ = "sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(300))
    subtitle: Mapped[str | None] = mapped_column(String(300))
    level: Mapped[str | None] = mapped_column(String(20))
    short_abstract: Mapped[str | None] = mapped_column(Text)
    long_abstract: Mapped[str | None] = mapped_column(Text)
    comments: Mapped[str | None] = mapped_column(Text)
    starts_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    ends_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    language: Mapped[str | None] = mapped_column(String(100))
    slides_url: Mapped[str | None] = mapped_column(Url)
    slides: Mapped[list[Any] | None] = mapped_column(JSON)
    video_url: Mapped[str | None] = mapped_column(Url)
    audio_url: Mapped[str | None] = mapped_column(Url)
    signup_url: Mapped[str | None] = mapped_column(Url)
    website: Mapped[str | None] = mapped_column(Url)
    twitter: Mapped[str | None] = mapped_column(Url)
    facebook: Mapped[str | None] = mapped_column(Url)
    github: Mapped[str | None] = mapped_column(Url)
    gitlab: Mapped[str | None] = mapped_column(Url)
    linkedin: Mapped[str | None] = mapped_column(Url)
    instagram: Mapped[str | None] = mapped_column(Url)
    mastodon: Mapped[str | None] = mapped_column(Url)
    state: Mapped[str] = mapped_column(String(20), default=DRAFT, index=True)
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    is_locked: Mapped[bool] = mapped_column(Boolean, default=False)
    is_mail_sent: Mapped[bool] = mapped_column(Boolean, default=False)
    complex_field_values: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=_now)
    last_modified_at: Mapped[datetime] = mapped_column(UTCDateTime, default=_now)
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    track_id: Mapped[int | None] = mapped_column(
        ForeignKey("tracks.id", ondelete="SET NULL"), index=True
    )
    microlocation_id: Mapped[int | None] = mapped_column(
        ForeignKey("microlocations.id", ondelete="SET NULL"), index=True
    )
    session_type_id: Mapped[int | None] = mapped_column(
        ForeignKey("session_types.id", ondelete="SET NULL"), index=True
    )
    creator_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )

    event: Mapped[Event] = relationship()
    track: Mapped[Any] = relationship("Track")
    microlocation: Mapped[Any] = relationship("Microlocation")
    session_type: Mapped[Any] = relationship("SessionType")
    creator: Mapped[Any] = relationship("User")
    speakers: Mapped[list[Speaker]] = relationship(
        secondary=speakers_sessions, back_populates="sessions", order_by="Speaker.id"
    )
    speaker_invites: Mapped[list[SpeakerInvite]] = relationship(
        viewonly=True, order_by="SpeakerInvite.id"
    )
    exhibitors: Mapped[list[Exhibitor]] = relationship(
        secondary=exhibitors_sessions, back_populates="sessions", order_by=Exhibitor.id
    )
    feedbacks: Mapped[list[Feedback]] = relationship(
        back_populates="session", viewonly=True, order_by="Feedback.id"
    )


class Speaker(Base):
    """Someone who speaks at an event: a public profile, and private contact details."""

    __tablename__ = "speakers"
    __table_args__ = (UniqueConstraint("event_id", "email", name="uq_speakers_event_email"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str | None] = mapped_column(String(320))
    photo_url: Mapped[str | None] = mapped_column(Url)
    thumbnail_image_url: Mapped[str | None] = mapped_column(Url)
    small_image_url: Mapped[str | None] = mapped_column(Url)
    icon_image_url: Mapped[str | None] = mapped_column(Url)
    short_biography: Mapped[str | None] = mapped_column(Text)
    long_biography: Mapped[str | None] = mapped_column(Text)
    speaking_experience: Mapped[str | None] = mapped_column(Text)
    mobile: Mapped[str | None] = mapped_column(String(100))
    location: Mapped[str | None] = mapped_column(String(200))
    website: Mapped[str | None] = mapped_column(Url)
    twitter: Mapped[str | None] = mapped_column(Url)
    facebook: Mapped[str | None] = mapped_column(Url)
    github: Mapped[str | None] = mapped_column(Url)
    linkedin: Mapped[str | None] = mapped_column(Url)
    instagram: Mapped[str | None] = mapped_column(Url)
    mastodon: Mapped[str | None] = mapped_column(Url)
    organisation: Mapped[str | None] = mapped_column(String(200))
    position: Mapped[str | None] = mapped_column(String(200))
    country: Mapped[str | None] = mapped_column(String(100))
    city: Mapped[str | None] = mapped_column(String(100))
    address: Mapped[str | None] = mapped_column(Text)
    gender: Mapped[str | None] = mapped_column(String(50))
    heard_from: Mapped[str | None] = mapped_column(String(200))
    sponsorship_required: Mapped[str | None] = mapped_column(Text)
    is_featured: Mapped[bool] = mapped_column(Boolean, default=False)
    is_email_overridden: Mapped[bool] = mapped_column(Boolean, default=False)
    order: Mapped[int] = mapped_column(Integer, default=0)
    complex_field_values: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    speaker_positions: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=_now)
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )

    event: Mapped[Event] = relationship()
    user: Mapped[Any] = relationship("User")
    sessions: Mapped[list[Session]] = relationship(
        secondary=speakers_sessions, back_populates="speakers", order_by=Session.id
    )


class SpeakersCall(Base):
    """The call for speakers of an event: when submissions are open, and to whom."""

    __tablename__ = "speakers_calls"

    id: Mapped[int] = mapped_column(primary_key=True)
    announcement: Mapped[str | None] = mapped_column(Text)
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime)
    soft_ends_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime)
    privacy: Mapped[str] = mapped_column(String(10), default="public")
    hash: Mapped[str | None] = mapped_column(String(100))
    # Always empty: a call is deleted for good (the wire shows the attribute).
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    event_id: Mapped[int] = mapped_column(
        ForeignKey("events.id", ondelete="CASCADE"), unique=True, index=True
    )

    event: Mapped[Event] = relationship()


class SpeakerInvite(Base):
    """A session's speaker (or the event's team) inviting someone to co-speak at it."""

    __tablename__ = "speaker_invites"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(320))
    status: Mapped[str] = mapped_column(String(20), default="pending")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=_now)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("sessions.id", ondelete="CASCADE"), index=True
    )
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)

    session: Mapped[Session] = relationship()
    event: Mapped[Event] = relationship()


class Feedback(Base):
    """A signed-in user's rating (0 to 5, by halves) and comment on an event or one of its
    sessions; one per user and session."""

    __tablename__ = "feedbacks"
    __table_args__ = (UniqueConstraint("session_id", "user_id", name="uq_feedbacks_session_user"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    rating: Mapped[float] = mapped_column(Float)
    comment: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=_now)
    # Always empty: a feedback is deleted for good (the wire shows the attribute).
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # The event is always known, also for a feedback on one of its sessions.
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"), index=True)
    session_id: Mapped[int | None] = mapped_column(
        ForeignKey("sessions.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )

    event: Mapped[Event] = relationship()
    session: Mapped[Session | None] = relationship(back_populates="feedbacks")
    user: Mapped[Any] = relationship("User")


# A session's ratings, read with every session row: always what its feedback rows say.
Session.average_rating = column_property(
    select(func.avg(Feedback.rating))
    .where(Feedback.session_id == Session.id)
    .correlate_except(Feedback)
    .scalar_subquery()
)
Session.rating_count = column_property(
    select(func.count(Feedback.id))
    .where(Feedback.session_id == Session.id)
    .correlate_except(Feedback)
    .scalar_subquery()
)


def feedbacks_of(owner: type[Any]) -> Any:
    return relationship(Feedback, viewonly=True, order_by=Feedback.id)


def invites_of(owner: type[Any]) -> Any:
    return relationship(SpeakerInvite, viewonly=True, order_by=SpeakerInvite.id)


def sessions_of(owner: type[Any]) -> Any:
    return relationship(Session, viewonly=True, order_by=Session.id)


def speakers_of(owner: type[Any]) -> Any:
    return relationship(Speaker, viewonly=True, order_by=Speaker.id)


def speakers_call_of(owner: type[Any]) -> Any:
    return relationship(SpeakersCall, viewonly=True, uselist=False)
