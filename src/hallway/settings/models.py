"""The platform settings: one row (id 1), public in part, secrets write-only."""

from __future__ import annotations

from sqlalchemy import Boolean, CheckConstraint, Integer, Text
from sqlalchemy.orm import Mapped, mapped_column

from hallway.db import Base

PUBLIC = (
    "app_name",
    "tagline",
    "analytics_key",
    "frontend_url",
    "google_url",
    "github_url",
    "twitter_url",
    "support_url",
    "facebook_url",
    "instagram_url",
    "patreon_url",
    "youtube_url",
    "gitter_url",
    "telegram_url",
    "weblate_url",
    "cookie_policy",
    "cookie_policy_link",
    "stripe_publishable_key",
    "stripe_client_id",
    "paypal_client",
    "paypal_sandbox_client",
    "paypal_mode",
    "omise_mode",
    "omise_test_public",
    "omise_live_public",
    "alipay_publishable_key",
    "paytm_mode",
    "paytm_live_merchant",
    "paytm_sandbox_merchant",
    "admin_billing_contact_name",
    "admin_billing_phone",
    "admin_billing_email",
    "admin_billing_state",
    "admin_billing_country",
    "admin_billing_tax_info",
    "admin_company",
    "admin_billing_address",
    "admin_billing_city",
    "admin_billing_zip",
    "admin_billing_additional_info",
    "admin_billing_paypal_email",
    "google_recaptcha_site",
    "is_google_recaptcha_enabled",
    "is_billing_paypal_activated",
    "start_pg_enabled",
    "order_expiry_time",
    "max_complex_custom_fields",
    "logo_size",
    "image_size",
    "slide_size",
    "start_pg_event_id",
)
"""Attributes anyone may read (the frontend boots from them)."""

SIGNED_IN = ("android_app_url", "web_app_url")
"""Attributes every signed-in caller reads besides the public ones."""

ADMIN_ONLY = (
    "storage_place",
    "aws_bucket_name",
    "aws_region",
    "gs_bucket_name",
    "smtp_host",
    "smtp_username",
    "smtp_encryption",
    "email_service",
    "email_from",
    "email_from_name",
    "static_domain",
    "invoice_sending_timezone",
    "app_environment",
    "google_client_id",
    "fb_client_id",
    "tw_consumer_key",
    "in_client_id",
    "rocket_chat_url",
    "smtp_port",
    "invoice_sending_day",
)
"""Attributes only admins read."""

SECRETS = (
    "aws_key",
    "aws_secret",
    "gs_key",
    "gs_secret",
    "smtp_password",
    "sendgrid_key",
    "google_client_secret",
    "fb_client_secret",
    "tw_consumer_secret",
    "in_client_secret",
    "stripe_secret_key",
    "stripe_test_secret_key",
    "paypal_secret",
    "paypal_sandbox_secret",
    "omise_test_secret",
    "omise_live_secret",
    "alipay_secret_key",
    "paytm_live_secret",
    "paytm_sandbox_secret",
    "google_recaptcha_secret",
    "rocket_chat_registration_secret",
)
"""Write-only: stored, never returned, not even to admins."""


SINGLETON_ID = 1
DEFAULT_ORDER_EXPIRY_MINUTES = 15


class Setting(Base):
    """The one row (id 1) that the migration seeds; the check keeps it the only one."""

    __tablename__ = "settings"
    __table_args__ = (CheckConstraint(f"id = {SINGLETON_ID}", name="singleton"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    # public
    app_name: Mapped[str] = mapped_column(Text)
    tagline: Mapped[str | None] = mapped_column(Text)
    analytics_key: Mapped[str | None] = mapped_column(Text)
    frontend_url: Mapped[str | None] = mapped_column(Text)
    google_url: Mapped[str | None] = mapped_column(Text)
    github_url: Mapped[str | None] = mapped_column(Text)
    twitter_url: Mapped[str | None] = mapped_column(Text)
    support_url: Mapped[str | None] = mapped_column(Text)
    facebook_url: Mapped[str | None] = mapped_column(Text)
    instagram_url: Mapped[str | None] = mapped_column(Text)
    patreon_url: Mapped[str | None] = mapped_column(Text)
    youtube_url: Mapped[str | None] = mapped_column(Text)
    gitter_url: Mapped[str | None] = mapped_column(Text)
    telegram_url: Mapped[str | None] = mapped_column(Text)
    weblate_url: Mapped[str | None] = mapped_column(Text)
    cookie_policy: Mapped[str | None] = mapped_column(Text)
    cookie_policy_link: Mapped[str | None] = mapped_column(Text)
    stripe_publishable_key: Mapped[str | None] = mapped_column(Text)
    stripe_client_id: Mapped[str | None] = mapped_column(Text)
    paypal_client: Mapped[str | None] = mapped_column(Text)
    paypal_sandbox_client: Mapped[str | None] = mapped_column(Text)
    paypal_mode: Mapped[str | None] = mapped_column(Text)
    omise_mode: Mapped[str | None] = mapped_column(Text)
    omise_test_public: Mapped[str | None] = mapped_column(Text)
    omise_live_public: Mapped[str | None] = mapped_column(Text)
    alipay_publishable_key: Mapped[str | None] = mapped_column(Text)
    paytm_mode: Mapped[str | None] = mapped_column(Text)
    paytm_live_merchant: Mapped[str | None] = mapped_column(Text)
    paytm_sandbox_merchant: Mapped[str | None] = mapped_column(Text)
    admin_billing_contact_name: Mapped[str | None] = mapped_column(Text)
    admin_billing_phone: Mapped[str | None] = mapped_column(Text)
    admin_billing_email: Mapped[str | None] = mapped_column(Text)
    admin_billing_state: Mapped[str | None] = mapped_column(Text)
    admin_billing_country: Mapped[str | None] = mapped_column(Text)
    admin_billing_tax_info: Mapped[str | None] = mapped_column(Text)
    admin_company: Mapped[str | None] = mapped_column(Text)
    admin_billing_address: Mapped[str | None] = mapped_column(Text)
    admin_billing_city: Mapped[str | None] = mapped_column(Text)
    admin_billing_zip: Mapped[str | None] = mapped_column(Text)
    admin_billing_additional_info: Mapped[str | None] = mapped_column(Text)
    admin_billing_paypal_email: Mapped[str | None] = mapped_column(Text)
    android_app_url: Mapped[str | None] = mapped_column(Text)
    web_app_url: Mapped[str | None] = mapped_column(Text)
    google_recaptcha_site: Mapped[str | None] = mapped_column(Text)
    is_google_recaptcha_enabled: Mapped[bool] = mapped_column(Boolean, default=False)
    is_billing_paypal_activated: Mapped[bool] = mapped_column(Boolean, default=False)
    start_pg_enabled: Mapped[bool] = mapped_column(Boolean, default=False)
    order_expiry_time: Mapped[int] = mapped_column(Integer, default=DEFAULT_ORDER_EXPIRY_MINUTES)
    max_complex_custom_fields: Mapped[int] = mapped_column(Integer, default=30)
    logo_size: Mapped[int] = mapped_column(Integer, default=1000)
    image_size: Mapped[int] = mapped_column(Integer, default=10000)
    slide_size: Mapped[int] = mapped_column(Integer, default=20000)
    start_pg_event_id: Mapped[int | None] = mapped_column(Integer)
    # admins only
    storage_place: Mapped[str | None] = mapped_column(Text)
    aws_bucket_name: Mapped[str | None] = mapped_column(Text)
    aws_region: Mapped[str | None] = mapped_column(Text)
    gs_bucket_name: Mapped[str | None] = mapped_column(Text)
    smtp_host: Mapped[str | None] = mapped_column(Text)
    smtp_username: Mapped[str | None] = mapped_column(Text)
    smtp_encryption: Mapped[str | None] = mapped_column(Text)
    email_service: Mapped[str | None] = mapped_column(Text)
    email_from: Mapped[str | None] = mapped_column(Text)
    email_from_name: Mapped[str | None] = mapped_column(Text)
    static_domain: Mapped[str | None] = mapped_column(Text)
    invoice_sending_timezone: Mapped[str | None] = mapped_column(Text)
    app_environment: Mapped[str | None] = mapped_column(Text)
    google_client_id: Mapped[str | None] = mapped_column(Text)
    fb_client_id: Mapped[str | None] = mapped_column(Text)
    tw_consumer_key: Mapped[str | None] = mapped_column(Text)
    in_client_id: Mapped[str | None] = mapped_column(Text)
    rocket_chat_url: Mapped[str | None] = mapped_column(Text)
    smtp_port: Mapped[int | None] = mapped_column(Integer)
    invoice_sending_day: Mapped[int] = mapped_column(Integer, default=1)
    # secrets
    aws_key: Mapped[str | None] = mapped_column(Text)
    aws_secret: Mapped[str | None] = mapped_column(Text)
    gs_key: Mapped[str | None] = mapped_column(Text)
    gs_secret: Mapped[str | None] = mapped_column(Text)
    smtp_password: Mapped[str | None] = mapped_column(Text)
    sendgrid_key: Mapped[str | None] = mapped_column(Text)
    google_client_secret: Mapped[str | None] = mapped_column(Text)
    fb_client_secret: Mapped[str | None] = mapped_column(Text)
    tw_consumer_secret: Mapped[str | None] = mapped_column(Text)
    in_client_secret: Mapped[str | None] = mapped_column(Text)
    stripe_secret_key: Mapped[str | None] = mapped_column(Text)
    stripe_test_secret_key: Mapped[str | None] = mapped_column(Text)
    paypal_secret: Mapped[str | None] = mapped_column(Text)
    paypal_sandbox_secret: Mapped[str | None] = mapped_column(Text)
    omise_test_secret: Mapped[str | None] = mapped_column(Text)
    omise_live_secret: Mapped[str | None] = mapped_column(Text)
    alipay_secret_key: Mapped[str | None] = mapped_column(Text)
    paytm_live_secret: Mapped[str | None] = mapped_column(Text)
    paytm_sandbox_secret: Mapped[str | None] = mapped_column(Text)
    google_recaptcha_secret: Mapped[str | None] = mapped_column(Text)
    rocket_chat_registration_secret: Mapped[str | None] = mapped_column(Text)
