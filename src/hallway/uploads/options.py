"""Upload limits and where files go, read from Settings with safe defaults."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from hallway.config import VAR_DIR, Settings

T = TypeVar("T")

MEDIA_PATH = "/static/media"
"""Where the local directory is served (see `mount_media`)."""


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
class UploadOptions:
    media_root: Path = VAR_DIR / "media"
    max_bytes: int = 10 * 1024 * 1024
    max_files: int = 10
    max_pixels: int = 40_000_000
    """Width x height of an image (summed over frames for animations); a guard against bombs."""
    public_url: str | None = None
    s3: S3Options | None = None

    @classmethod
    def from_settings(cls, settings: Settings) -> UploadOptions:
        """The `upload_*` and `s3_*` settings."""
        s3 = None
        if settings.s3_bucket:
            s3 = S3Options(
                bucket=settings.s3_bucket,
                region=settings.s3_region,
                endpoint_url=settings.s3_endpoint_url,
                access_key_id=settings.s3_access_key_id,
                secret_access_key=settings.s3_secret_access_key,
                public_url=settings.s3_public_url,
            )
        return cls(
            media_root=Path(settings.upload_dir),
            max_bytes=settings.upload_max_bytes,
            max_files=settings.upload_max_files,
            max_pixels=settings.upload_max_pixels,
            public_url=settings.public_url,
            s3=s3,
        )
