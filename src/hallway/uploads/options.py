"""Upload limits and where files go, read from Settings with safe defaults."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from hallway.config import VAR_DIR, Settings
from hallway.images import ImageBudget, PoolOptions

MEDIA_PATH = "/static/media"
"""Where the local directory is served (see `mount_media`)."""
DEFAULT_ORIGIN = "http://127.0.0.1:8000"
"""Where `hallway run` listens unless told otherwise (Settings.host and .port)."""
WILDCARD_HOSTS = ("", "0.0.0.0", "::", "[::]")  # noqa: S104 - names, not a bind


@dataclass(frozen=True)
class S3Options:
    bucket: str
    region: str | None = None
    endpoint_url: str | None = None
    access_key_id: str | None = None
    secret_access_key: str | None = None
    public_url: str | None = None
    """Base URL objects are read from (a CDN or a public bucket domain); derived when unset."""


@dataclass(frozen=True)
class UploadLimits:
    """Files one account, and one client address, may upload per minute and per hour. A
    request counts once per file it carries (ten files count ten)."""

    account_per_minute: int = 20
    account_per_hour: int = 200
    address_per_minute: int = 60
    address_per_hour: int = 600


@dataclass(frozen=True)
class UploadOptions:
    media_root: Path = VAR_DIR / "media"
    max_bytes: int = 10 * 1024 * 1024
    max_files: int = 10
    budget: ImageBudget = field(default_factory=ImageBudget)
    """Pixels of an image, frames and pixels of an animation; checked before decoding."""
    public_url: str = DEFAULT_ORIGIN
    """The base of every stored file's URL: never taken from a request's Host header."""
    s3: S3Options | None = None
    workers: PoolOptions = field(default_factory=PoolOptions)
    queue: int = 8
    """Uploads that may wait for a worker, beyond those being processed; more are a 503."""
    limits: UploadLimits = field(default_factory=UploadLimits)

    @classmethod
    def from_settings(cls, settings: Settings) -> UploadOptions:
        """The `upload_*` and `s3_*` settings."""
        return cls(
            media_root=Path(settings.upload_dir),
            max_bytes=settings.upload_max_bytes,
            max_files=settings.upload_max_files,
            budget=ImageBudget(
                max_pixels=settings.upload_max_pixels,
                max_frames=settings.upload_max_frames,
                max_animation_pixels=settings.upload_max_animation_pixels,
            ),
            public_url=public_origin(settings),
            s3=_s3_options(settings),
            workers=PoolOptions(
                workers=settings.upload_workers,
                tasks_per_worker=settings.upload_worker_tasks,
                timeout=settings.upload_worker_timeout,
                memory_mb=settings.upload_worker_memory_mb,
            ),
            queue=settings.upload_queue,
            limits=UploadLimits(
                account_per_minute=settings.upload_limit_per_minute,
                account_per_hour=settings.upload_limit_per_hour,
                address_per_minute=settings.upload_address_limit_per_minute,
                address_per_hour=settings.upload_address_limit_per_hour,
            ),
        )


def public_origin(settings: Settings) -> str:
    """PUBLIC_URL when set; else the address `hallway run` listens on (HOST, PORT), with a
    wildcard host (0.0.0.0, ::) read as localhost. Fixed for the app's life: a request's
    Host header is the client's to choose, so it never becomes part of a stored URL."""
    if settings.public_url:
        return settings.public_url.rstrip("/")
    host = "localhost" if settings.host in WILDCARD_HOSTS else settings.host
    if ":" in host and not host.startswith("["):
        host = f"[{host}]"  # an IPv6 address
    port = "" if settings.port == 80 else f":{settings.port}"
    return f"http://{host}{port}"


def _s3_options(settings: Settings) -> S3Options | None:
    if not settings.s3_bucket:
        return None
    return S3Options(
        bucket=settings.s3_bucket,
        region=settings.s3_region,
        endpoint_url=settings.s3_endpoint_url,
        access_key_id=settings.s3_access_key_id,
        secret_access_key=settings.s3_secret_access_key,
        public_url=settings.s3_public_url,
    )
