"""The user account."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import Boolean, Index, String, Text, func
from sqlalchemy.orm import Mapped, mapped_column

from hallway.db import Base, UTCDateTime


def _now() -> datetime:
    return datetime.now(UTC)


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254))
    password_hash: Mapped[str] = mapped_column(String(255))
    first_name: Mapped[str | None] = mapped_column(String(100))
    last_name: Mapped[str | None] = mapped_column(String(100))
    public_name: Mapped[str | None] = mapped_column(String(200))
    avatar_url: Mapped[str | None] = mapped_column(String(1000))
    original_image_url: Mapped[str | None] = mapped_column(String(1000))
    thumbnail_image_url: Mapped[str | None] = mapped_column(String(1000))
    small_image_url: Mapped[str | None] = mapped_column(String(1000))
    icon_image_url: Mapped[str | None] = mapped_column(String(1000))
    details: Mapped[str | None] = mapped_column(Text)
    contact: Mapped[str | None] = mapped_column(String(200))
    is_profile_public: Mapped[bool] = mapped_column(Boolean, default=False)
    facebook_url: Mapped[str | None] = mapped_column(String(1000))
    twitter_url: Mapped[str | None] = mapped_column(String(1000))
    instagram_url: Mapped[str | None] = mapped_column(String(1000))
    google_plus_url: Mapped[str | None] = mapped_column(String(1000))
    facebook_id: Mapped[str | None] = mapped_column(String(100))
    company: Mapped[str | None] = mapped_column(String(200))
    language_prefrence: Mapped[str | None] = mapped_column(String(20))
    billing_contact_name: Mapped[str | None] = mapped_column(String(200))
    billing_phone: Mapped[str | None] = mapped_column(String(50))
    billing_state: Mapped[str | None] = mapped_column(String(100))
    billing_country: Mapped[str | None] = mapped_column(String(100))
    billing_tax_info: Mapped[str | None] = mapped_column(String(200))
    billing_address: Mapped[str | None] = mapped_column(Text)
    billing_city: Mapped[str | None] = mapped_column(String(100))
    billing_zip_code: Mapped[str | None] = mapped_column(String(20))
    billing_additional_info: Mapped[str | None] = mapped_column(Text)
    is_verified: Mapped[bool] = mapped_column(Boolean, default=False)
    is_blocked: Mapped[bool] = mapped_column(Boolean, default=False)
    is_admin: Mapped[bool] = mapped_column(Boolean, default=False)
    is_super_admin: Mapped[bool] = mapped_column(Boolean, default=False)
    is_sales_admin: Mapped[bool] = mapped_column(Boolean, default=False)
    is_marketer: Mapped[bool] = mapped_column(Boolean, default=False)
    was_registered_with_order: Mapped[bool] = mapped_column(Boolean, default=False)
    is_rocket_chat_registered: Mapped[bool] = mapped_column(Boolean, default=False)
    # The last login or token refresh; no other request writes it.
    last_accessed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Tokens issued before this instant are refused (logout everywhere, password reset).
    tokens_valid_after: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # ...except the tokens of this login (`sid`): the one that changed the password.
    tokens_kept_session: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=_now)
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    @property
    def display_name(self) -> str:
        full = " ".join(p for p in (self.first_name, self.last_name) if p)
        return self.public_name or full or self.email.split("@", 1)[0]


# E-mail addresses are unique whatever their case.
Index("uq_users_email_lower", func.lower(User.email), unique=True)
