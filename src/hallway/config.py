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
    """Every setting, from the environment (upper case) or `.env`. The docstring under each
    is its line in the README's settings table (`hallway settings --readme README.md`)."""

    model_config = SettingsConfigDict(
        env_file=".env", extra="ignore", use_attribute_docstrings=True
    )

    environment: Literal["development", "test", "production"] = "development"
    """`production`: SECRET_KEY is required, `run` seeds nothing (see "Running in production")."""
    database_url: str = Field(default_factory=lambda: f"sqlite:///{VAR_DIR / 'hallway.db'}")
    """`sqlite:///path` or `postgresql://user:pass@host/db` (mapped to the async drivers)."""
    redis_url: str | None = None
    """Unset: embedded mode, jobs run in-process. Set: Celery jobs, shared rate limits, live
    pushes across server processes."""
    secret_key: str | None = None
    """Signs tokens. Unset outside production: generated once into `var/secret_key`."""
    cors_origins: Annotated[list[str], NoDecode] = ["*"]
    """Comma-separated origins allowed to call the API from a browser."""
    public_url: str | None = None
    """Absolute base of `Location` headers and of uploaded files' URLs; unset, file URLs start
    with the address `run` listens on (a wildcard HOST read as localhost), never with a
    request's `Host` header."""
    frontend_url: str = "http://localhost:4200"
    """Base of the links in e-mails."""
    app_name: str = "Hallway"
    """The name in e-mails and the system settings."""
    host: str = "127.0.0.1"
    """Where `hallway run` listens (`--host`)."""
    port: int = 8000
    """Where `hallway run` listens (`--port`)."""
    max_page_size: int = 10_000
    """The most rows one list request returns (`page[size]=0` included); above it, 400."""
    max_body_bytes: int = 1_000_000
    """The largest request body outside uploads (they have their own cap); above it, 413."""
    requests_at_once: int = Field(default=16, ge=0)
    """API requests one server process works on at once (0: no limit); the others wait their
    turn in arrival order, nothing done for them yet. Uploads, Stripe's webhook, health
    checks, metrics, static files and the realtime socket are never held. With the
    in-process jobs, 16 keeps within the 20 pooled database connections of a process."""
    request_wait_seconds: float = Field(default=30.0, ge=0)
    """How long a request may wait for its turn; beyond it, 503 with `Retry-After`."""
    log_sql: bool = False
    """Log every SQL statement (development only: it is slow and verbose)."""
    log_format: Literal["auto", "console", "json"] = "auto"
    """`json`: one JSON object a line; `console`: readable lines; `auto`: JSON in production."""
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    """The least severe records logged."""
    access_log: bool = True
    """One record per request (method, route, status, duration, user id; not health probes)."""
    trusted_proxies: Annotated[list[str], NoDecode] = []
    """Comma-separated addresses or networks of reverse proxies whose `X-Forwarded-For` and
    `X-Forwarded-Proto` are believed; empty: the headers are ignored, the peer is the client."""

    access_token_minutes: int = 24 * 60
    """Life of an access token (JWT)."""
    refresh_token_days: int = 365
    """Life of a refresh token."""
    remember_me_access_minutes: int = 90
    """Life of the access token of a remember-me login."""
    verify_token_hours: int = 24
    """Life of the link of an e-mail verification."""
    reset_token_minutes: int = 60
    """Life of the link of a password reset."""
    login_limit_per_minute: int = 10
    """Password guesses a minute for one account from one address (an address has five times
    this for all accounts)."""
    login_account_failures_per_hour: int = 100
    """Past this many failures in an hour, an account refuses the addresses that failed on it;
    the others (its owner's) still log in."""
    reset_limit_per_hour: int = 3
    """Reset and verification mails an hour for one account from one address."""
    reset_account_limit_per_hour: int = 10
    """Reset and verification mails an hour for one account in all."""
    signup_limit_per_hour: int = 20
    """Sign-ups an hour from one address (admins making accounts are not counted)."""
    signup_limit_per_minute: int = 120
    """Sign-ups a minute from everywhere."""

    upload_dir: Path = VAR_DIR / "media"
    """Where uploaded files are stored (served at `/static/media`) unless S3_BUCKET is set."""
    upload_max_bytes: int = 10 * 1024 * 1024
    """The largest uploaded file; above it, 413."""
    upload_max_files: int = 10
    """The most files one request may carry."""
    upload_max_pixels: int = 30_000_000
    """The most pixels of an image (or one frame), read from its header before decoding; 422
    above. A 6000x4000 camera photo passes, a 6300x6300 decompression bomb does not."""
    upload_max_frames: int = 200
    """The most frames of an animated GIF, PNG or WebP; 422 above."""
    upload_max_animation_pixels: int = 20_000_000
    """The most pixels over all the frames of an animation; 422 above."""
    upload_workers: int = 0
    """Processes that decode and resize images, per server process (0: one per core); lower
    it with `run --workers N`. The server itself never decodes an image."""
    upload_queue: int = 8
    """Uploads that may wait for an image worker; beyond it, 503 with `Retry-After`."""
    upload_worker_tasks: int = 20
    """Images an image worker processes before a fresh one replaces it."""
    upload_worker_timeout: float = 30.0
    """Seconds one image may take before its worker is killed (503)."""
    upload_worker_memory_mb: int = 1024
    """An image worker's address-space limit in MB (0: none)."""
    upload_limit_per_minute: int = 20
    """Files one account may upload a minute; 429 with `Retry-After` above."""
    upload_limit_per_hour: int = 200
    """Files one account may upload an hour."""
    upload_address_limit_per_minute: int = 60
    """Files one client address may upload a minute, whoever signs in."""
    upload_address_limit_per_hour: int = 600
    """Files one client address may upload an hour."""
    s3_bucket: str | None = None
    """Set: uploads go to this S3-compatible bucket instead of UPLOAD_DIR."""
    s3_region: str | None = None
    """The bucket's region."""
    s3_endpoint_url: str | None = None
    """An S3-compatible service other than AWS (MinIO, Ceph, ...)."""
    s3_access_key_id: str | None = None
    """S3 credentials (unset: boto3's own lookup, e.g. an instance role)."""
    s3_secret_access_key: str | None = None
    """S3 credentials (unset: boto3's own lookup)."""
    s3_public_url: str | None = None
    """Base of the public URLs of stored files (a CDN or the bucket's website)."""

    mail_backend: Literal["console", "smtp", "sendgrid"] = "console"
    """Where mail goes: `console` (printed), `smtp` or `sendgrid`."""
    mail_from: str = "Hallway <noreply@localhost>"
    """The sender of every e-mail."""
    smtp_host: str = "localhost"
    """SMTP server (MAIL_BACKEND=smtp)."""
    smtp_port: int = 25
    """SMTP port."""
    smtp_username: str | None = None
    """SMTP login (unset: none)."""
    smtp_password: str | None = None
    """SMTP password."""
    smtp_encryption: Literal["none", "tls", "ssl"] = "none"
    """`tls` (STARTTLS), `ssl` (TLS from the start) or `none`."""
    sendgrid_key: str | None = None
    """Sendgrid API key (MAIL_BACKEND=sendgrid)."""
    sendgrid_url: str = "https://api.sendgrid.com/v3/mail/send"
    """Sendgrid's v3 send endpoint."""
    mail_max_attempts: int = 8
    """Deliveries of one e-mail tried before it is marked failed (with growing delays)."""

    metrics_token: str | None = None
    """Bearer token `/metrics` asks for (`Authorization: Bearer <token>`); unset: `/metrics`
    answers 404 and requests are not counted."""
    metrics_listen: str | None = None
    """`host:port` where `/metrics` is served on its own (e.g. `127.0.0.1:9100`), not on the
    public address (which then answers 404); with METRICS_TOKEN it asks for the token there
    too. Unset: `/metrics` on the public address, behind METRICS_TOKEN."""
    metrics_dir: Path | None = None
    """Where the workers of `run --workers N` keep their metrics files (emptied at start);
    unset: a new temporary directory per run."""
    stripe_secret_key: str | None = None
    """The platform's Stripe secret key (unset: Stripe payments are off)."""
    stripe_webhook_secret: str | None = None
    """The signing secret of the Stripe webhook endpoint (`whsec_…`; unset: webhooks refused)."""
    stripe_api_base: str | None = None
    """Base URL of the Stripe API (unset: Stripe's own)."""
    stripe_connect_base: str | None = None
    """Base URL of Stripe Connect's OAuth (unset: Stripe's own)."""

    export_retention_days: int = Field(default=7, ge=1)
    """Days an export's file (and its task) or a printed badge PDF is kept before the hourly
    clean-up deletes it."""

    beat_lock_seconds: int = Field(default=30, ge=3)
    """How long the beat's lock in Redis outlives its holder: one beat runs at a time."""
    job_visibility_timeout: int = Field(default=600, ge=1)
    """Seconds after which a job taken by a worker that died (kill -9, lost machine) is given
    to another worker. Longer than any job runs: a job still running then is run twice."""

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

    @field_validator("metrics_listen")
    @classmethod
    def _check_listen(cls, value: str | None) -> str | None:
        if value:
            host, _, port = value.rpartition(":")
            if not host or not port.isdigit() or not 0 < int(port) < 65536:
                raise ValueError(f"{value!r} is not host:port")
        return value or None

    @property
    def metrics_address(self) -> tuple[str, int] | None:
        """METRICS_LISTEN as (host, port); an IPv6 host may be given in brackets."""
        if not self.metrics_listen:
            return None
        host, _, port = self.metrics_listen.rpartition(":")
        return host.strip("[]"), int(port)

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
