"""Settings from the environment and `.env`, validated once at start-up."""

from __future__ import annotations

import ipaddress
import secrets
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

VAR_DIR = Path("var")


def normalize_database_url(url: str) -> str:
    """Map the plain `sqlite://` and `postgresql://` forms onto the async drivers."""
    for plain, driver in (
        ("sqlite://", "sqlite+aiosqlite://"),
        ("postgresql://", "postgresql+asyncpg://"),
        ("postgres://", "postgresql+asyncpg://"),
    ):
        if url.startswith(plain):
            return driver + url[len(plain) :]
    return url


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

    environment: Literal["development", "test", "production"] = "development"
    database_url: str = Field(default_factory=lambda: f"sqlite:///{VAR_DIR / 'hallway.db'}")
    redis_url: str | None = None
    secret_key: str | None = None
    cors_origins: Annotated[list[str], NoDecode] = ["*"]
    public_url: str | None = None
    frontend_url: str = "http://localhost:4200"
    app_name: str = "Hallway"
    host: str = "127.0.0.1"
    port: int = 8000
    # A request may ask for the whole set with page[size]=0; above this many rows it is a 400.
    max_page_size: int = 10_000
    # The largest request body (bytes) outside uploads, which have their own cap; above it, 413.
    max_body_bytes: int = 1_000_000
    log_sql: bool = False
    # Reverse proxies whose X-Forwarded-For/-Proto are believed (addresses or networks,
    # comma-separated); empty: the headers are ignored and the peer is the client.
    trusted_proxies: Annotated[list[str], NoDecode] = []

    # Accounts and tokens
    access_token_minutes: int = 24 * 60
    refresh_token_days: int = 365
    remember_me_access_minutes: int = 90
    verify_token_hours: int = 24
    reset_token_minutes: int = 60
    # Guesses per minute for one account from one address (each address has five times this
    # for all accounts). Past `login_account_failures_per_hour` failures on an account, only
    # addresses that have not failed on it may still try: a stranger cannot lock the owner out.
    login_limit_per_minute: int = 10
    login_account_failures_per_hour: int = 100
    # Reset and verification mails per account from one address, and per account in all.
    reset_limit_per_hour: int = 3
    reset_account_limit_per_hour: int = 10
    # Sign-ups per address per hour, and from everywhere per minute.
    signup_limit_per_hour: int = 20
    signup_limit_per_minute: int = 120

    # Uploads: local directory served at /static/media, or S3-compatible when s3_bucket is set
    upload_dir: Path = VAR_DIR / "media"
    upload_max_bytes: int = 10 * 1024 * 1024
    upload_max_files: int = 10
    # Image budgets, checked from the header before decoding (see hallway.images.budget).
    upload_max_pixels: int = 30_000_000
    upload_max_frames: int = 200
    upload_max_animation_pixels: int = 20_000_000
    # Worker processes that decode images (0 = one per core), the uploads that may wait for
    # one (more are answered 503), images per worker before it is replaced, seconds one
    # image may take, and a worker's address-space limit in MB (0 = none).
    upload_workers: int = 0
    upload_queue: int = 8
    upload_worker_tasks: int = 20
    upload_worker_timeout: float = 30.0
    upload_worker_memory_mb: int = 1024
    # Files uploaded per account and per client address (a request counts once per file).
    upload_limit_per_minute: int = 20
    upload_limit_per_hour: int = 200
    upload_address_limit_per_minute: int = 60
    upload_address_limit_per_hour: int = 600
    s3_bucket: str | None = None
    s3_region: str | None = None
    s3_endpoint_url: str | None = None
    s3_access_key_id: str | None = None
    s3_secret_access_key: str | None = None
    s3_public_url: str | None = None

    # Mail: console (default), smtp or sendgrid
    mail_backend: Literal["console", "smtp", "sendgrid"] = "console"
    mail_from: str = "Hallway <noreply@localhost>"
    smtp_host: str = "localhost"
    smtp_port: int = 25
    smtp_username: str | None = None
    smtp_password: str | None = None
    smtp_encryption: Literal["none", "tls", "ssl"] = "none"
    sendgrid_key: str | None = None
    sendgrid_url: str = "https://api.sendgrid.com/v3/mail/send"
    mail_max_attempts: int = 8

    # Jobs: the beat's lock in Redis lasts this long after its holder stops (one beat runs).
    beat_lock_seconds: int = Field(default=30, ge=3)

    @field_validator("database_url")
    @classmethod
    def _async_driver(cls, value: str) -> str:
        return normalize_database_url(value)

    @field_validator("cors_origins", "trusted_proxies", mode="before")
    @classmethod
    def _split_list(cls, value: object) -> object:
        if isinstance(value, str) and not value.startswith("["):
            return [item.strip() for item in value.split(",") if item.strip()]
        return value

    @field_validator("trusted_proxies")
    @classmethod
    def _check_proxies(cls, value: list[str]) -> list[str]:
        for entry in value:
            try:
                ipaddress.ip_network(entry, strict=False)
            except ValueError:
                raise ValueError(f"{entry!r} is not an IP address or network") from None
        return value

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")

    def resolved_secret_key(self) -> str:
        """The configured key; outside production, one generated once and kept under `var/`."""
        if self.secret_key:
            return self.secret_key
        if self.environment == "production":
            raise RuntimeError("SECRET_KEY must be set in production")
        key_file = VAR_DIR / "secret_key"
        if key_file.exists():
            return key_file.read_text().strip()
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        key = secrets.token_urlsafe(48)
        key_file.write_text(key)
        key_file.chmod(0o600)
        return key


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
