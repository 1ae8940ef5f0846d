"""What an admin may send about the settings: every stored attribute, secrets included.
Absent attributes are left alone; a value that does not fit is a 422 naming the attribute."""

from __future__ import annotations

from typing import Annotated, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import AfterValidator, Field

from hallway.jsonapi import Attributes, WebAddress

MAX_INT = 2**31 - 1


def _time_zone(value: str) -> str:
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError("must be an IANA time zone such as Europe/Berlin") from None
    return value


Text = Annotated[str, Field(max_length=10_000)]
Url = WebAddress
Secret = Annotated[str, Field(max_length=10_000)]
Count = Annotated[int, Field(ge=0, le=MAX_INT)]
Size = Annotated[int, Field(ge=1, le=MAX_INT)]


class SettingUpdate(Attributes):
    # public
    app_name: str = Field(default="", min_length=1, max_length=200)
    tagline: Text | None = None
    analytics_key: Text | None = None
    frontend_url: Url | None = None
    google_url: Url | None = None
    github_url: Url | None = None
    twitter_url: Url | None = None
    support_url: Url | None = None
    facebook_url: Url | None = None
    instagram_url: Url | None = None
    patreon_url: Url | None = None
    youtube_url: Url | None = None
    gitter_url: Url | None = None
    telegram_url: Url | None = None
    weblate_url: Url | None = None
    cookie_policy: Text | None = None
    cookie_policy_link: Url | None = None
    stripe_publishable_key: Text | None = None
    stripe_client_id: Text | None = None
    paypal_client: Text | None = None
    paypal_sandbox_client: Text | None = None
    paypal_mode: Literal["sandbox", "live"] | None = None
    omise_mode: Literal["test", "live"] | None = None
    omise_test_public: Text | None = None
    omise_live_public: Text | None = None
    alipay_publishable_key: Text | None = None
    paytm_mode: Literal["test", "live"] | None = None
    paytm_live_merchant: Text | None = None
    paytm_sandbox_merchant: Text | None = None
    admin_billing_contact_name: Text | None = None
    admin_billing_phone: Text | None = None
    admin_billing_email: Text | None = None
    admin_billing_state: Text | None = None
    admin_billing_country: Text | None = None
    admin_billing_tax_info: Text | None = None
    admin_company: Text | None = None
    admin_billing_address: Text | None = None
    admin_billing_city: Text | None = None
    admin_billing_zip: Text | None = None
    admin_billing_additional_info: Text | None = None
    admin_billing_paypal_email: Text | None = None
    google_recaptcha_site: Text | None = None
    is_google_recaptcha_enabled: bool = False
    is_billing_paypal_activated: bool = False
    start_pg_enabled: bool = False
    order_expiry_time: int = Field(default=15, ge=1, le=24 * 60)
    max_complex_custom_fields: Count = 30
    logo_size: Size = 1000
    image_size: Size = 10_000
    slide_size: Size = 20_000
    start_pg_event_id: Size | None = None
    # signed-in callers
    android_app_url: Url | None = None
    web_app_url: Url | None = None
    # admins only
    storage_place: Literal["local", "s3", "gs"] | None = None
    aws_bucket_name: Text | None = None
    aws_region: Text | None = None
    gs_bucket_name: Text | None = None
    smtp_host: Text | None = None
    smtp_username: Text | None = None
    smtp_encryption: Literal["none", "tls", "ssl"] | None = None
    smtp_port: int | None = Field(default=None, ge=1, le=65_535)
    email_service: Literal["smtp", "sendgrid", "disable"] | None = None
    email_from: Text | None = None
    email_from_name: Text | None = None
    static_domain: Url | None = None
    invoice_sending_day: int = Field(default=1, ge=1, le=28)
    invoice_sending_timezone: Annotated[str, AfterValidator(_time_zone)] | None = None
    app_environment: Text | None = None
    google_client_id: Text | None = None
    fb_client_id: Text | None = None
    tw_consumer_key: Text | None = None
    in_client_id: Text | None = None
    rocket_chat_url: Url | None = None
    # secrets: write-only (null keeps the stored value, an empty string clears it)
    aws_key: Secret | None = None
    aws_secret: Secret | None = None
    gs_key: Secret | None = None
    gs_secret: Secret | None = None
    smtp_password: Secret | None = None
    sendgrid_key: Secret | None = None
    google_client_secret: Secret | None = None
    fb_client_secret: Secret | None = None
    tw_consumer_secret: Secret | None = None
    in_client_secret: Secret | None = None
    stripe_secret_key: Secret | None = None
    stripe_test_secret_key: Secret | None = None
    paypal_secret: Secret | None = None
    paypal_sandbox_secret: Secret | None = None
    omise_test_secret: Secret | None = None
    omise_live_secret: Secret | None = None
    alipay_secret_key: Secret | None = None
    paytm_live_secret: Secret | None = None
    paytm_sandbox_secret: Secret | None = None
    google_recaptcha_secret: Secret | None = None
    rocket_chat_registration_secret: Secret | None = None
