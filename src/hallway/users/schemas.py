"""What a client may send about a user."""

from __future__ import annotations

from pydantic import EmailStr, Field

from hallway.auth.passwords import MIN_LENGTH
from hallway.jsonapi import Attributes, Html, WebAddress

Short = str | None


class UserProfile(Attributes):
    first_name: Short = Field(default=None, max_length=100)
    last_name: Short = Field(default=None, max_length=100)
    public_name: Short = Field(default=None, max_length=200)
    avatar_url: WebAddress = None
    original_image_url: WebAddress = None
    details: Html = Field(default=None, max_length=10_000)
    contact: Short = Field(default=None, max_length=200)
    is_profile_public: bool | None = None
    facebook_url: WebAddress = None
    twitter_url: WebAddress = None
    instagram_url: WebAddress = None
    google_plus_url: WebAddress = None
    company: Short = Field(default=None, max_length=200)
    language_prefrence: Short = Field(default=None, max_length=20)
    billing_contact_name: Short = Field(default=None, max_length=200)
    billing_phone: Short = Field(default=None, max_length=50)
    billing_state: Short = Field(default=None, max_length=100)
    billing_country: Short = Field(default=None, max_length=100)
    billing_tax_info: Short = Field(default=None, max_length=200)
    billing_address: str | None = None
    billing_city: Short = Field(default=None, max_length=100)
    billing_zip_code: Short = Field(default=None, max_length=20)
    billing_additional_info: str | None = None


class UserCreate(UserProfile):
    """Open sign-up. `is-verified` and the privilege flags cannot be set here."""

    email: EmailStr = Field(max_length=254)
    password: str = Field(min_length=MIN_LENGTH, max_length=1024)


class UserUpdate(UserProfile):
    """Privilege flags are checked against the caller in the service."""

    email: EmailStr | None = Field(default=None, max_length=254)
    is_admin: bool | None = None
    is_super_admin: bool | None = None
    is_sales_admin: bool | None = None
    is_marketer: bool | None = None
    is_verified: bool | None = None
    is_blocked: bool | None = None
