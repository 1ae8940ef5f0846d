"""Where the next upload goes, read at upload time from the platform settings row
(`storage-place` local/s3/gs and the bucket fields the admin sets through `/v1/settings`),
in the short session that already reads the image sizes: a change reaches the next upload
of every process without a restart. An empty row keeps the environment's choice
(`S3_*`, else `UPLOAD_DIR`), and an S3 field the row leaves empty keeps the environment's.

Google Cloud Storage is reached through its S3-compatible XML API with HMAC keys
(`gs-key`, `gs-secret`), so one backend serves both."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from sqlalchemy import column, select, table
from sqlalchemy.ext.asyncio import AsyncSession

from hallway.uploads.options import S3Options

GCS_ENDPOINT = "https://storage.googleapis.com"
LOCAL = "local"
"""The place that stores on this server's disk whatever the environment says."""

# The settings row is owned by the settings domain (a higher layer); uploads read only
# these columns of it.
_ROW_ID = 1
_COLUMNS = (
    "storage_place",
    "aws_bucket_name",
    "aws_region",
    "aws_key",
    "aws_secret",
    "gs_bucket_name",
    "gs_key",
    "gs_secret",
)
_settings_row = table("settings", column("id"), *(column(name) for name in _COLUMNS))

Place = S3Options | None | str
"""A bucket, `LOCAL`, or None for the environment's default."""


async def storage_row(session: AsyncSession) -> dict[str, Any]:
    """The storage columns of the settings row (empty when there is no row)."""
    row = (
        await session.execute(
            select(*(_settings_row.c[name] for name in _COLUMNS)).where(
                _settings_row.c.id == _ROW_ID
            )
        )
    ).first()
    return dict(row._mapping) if row is not None else {}


def chosen_place(values: dict[str, Any], default: S3Options | None) -> Place:
    """The place the row names: `LOCAL`, a bucket (the row's fields laid over the
    environment's S3 options), or None (the environment's default) when the row names
    nothing usable, such as `s3` without any bucket."""
    place = values.get("storage_place")
    if place == LOCAL:
        return LOCAL
    if place == "s3":
        return _aws_bucket(values, default)
    if place == "gs" and values.get("gs_bucket_name"):
        return S3Options(
            bucket=values["gs_bucket_name"],
            region="auto",
            endpoint_url=GCS_ENDPOINT,
            access_key_id=values.get("gs_key") or None,
            secret_access_key=values.get("gs_secret") or None,
        )
    return None


def _aws_bucket(values: dict[str, Any], default: S3Options | None) -> S3Options | None:
    bucket = values.get("aws_bucket_name") or (default.bucket if default else None)
    if not bucket:
        return None
    base = default or S3Options(bucket)
    if bucket != base.bucket:
        # The environment's public URL names its own bucket's address, not this one's.
        base = replace(base, bucket=bucket, public_url=None)
    return replace(
        base,
        region=values.get("aws_region") or base.region,
        access_key_id=values.get("aws_key") or base.access_key_id,
        secret_access_key=values.get("aws_secret") or base.secret_access_key,
    )
