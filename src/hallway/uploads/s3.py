"""An S3-compatible bucket (AWS, MinIO, Ceph, R2...) through boto3, off the event loop."""

from __future__ import annotations

import asyncio
import logging
import threading
from typing import Any

from hallway.uploads.options import S3Options
from hallway.uploads.storage import StorageUnavailable

log = logging.getLogger("hallway.uploads")
CACHE_CONTROL = "public, max-age=31536000, immutable"  # names are random: never rewritten


class S3Storage:
    def __init__(self, options: S3Options, client: Any = None) -> None:
        self.options = options
        self._client = client
        self._lock = threading.Lock()

    def client(self) -> Any:
        """The boto3 client, made on first use (in a worker thread: it loads JSON models)."""
        with self._lock:
            if self._client is None:
                import boto3  # type: ignore[import-untyped]

                self._client = boto3.session.Session().client(
                    "s3",
                    region_name=self.options.region,
                    endpoint_url=self.options.endpoint_url,
                    aws_access_key_id=self.options.access_key_id,
                    aws_secret_access_key=self.options.secret_access_key,
                )
            return self._client

    def put_request(self, key: str, data: bytes, content_type: str) -> dict[str, Any]:
        """The `put_object` parameters for one object."""
        return {
            "Bucket": self.options.bucket,
            "Key": key,
            "Body": data,
            "ContentType": content_type,
            "CacheControl": CACHE_CONTROL,
        }

    async def save(self, key: str, data: bytes, content_type: str) -> None:
        from botocore.exceptions import (  # type: ignore[import-untyped]
            BotoCoreError,
            ClientError,
        )

        request = self.put_request(key, data, content_type)
        try:
            await asyncio.to_thread(self._put, request)
        except (BotoCoreError, ClientError) as exc:
            log.exception("cannot store %s in bucket %s", key, self.options.bucket)
            raise StorageUnavailable("The file could not be stored") from exc

    def _put(self, request: dict[str, Any]) -> None:
        self.client().put_object(**request)

    def key_of(self, url: str) -> str | None:
        """The key of an object of this bucket given its public URL (what `url` made)."""
        prefix = self.url("", "")
        return url[len(prefix) :] if url.startswith(prefix) and len(url) > len(prefix) else None

    async def read(self, key: str, limit: int) -> bytes | None:
        """The object's bytes; None when it is missing, larger than `limit` bytes, or the
        bucket cannot be read (logged)."""
        from botocore.exceptions import (
            BotoCoreError,
            ClientError,
        )

        try:
            return await asyncio.to_thread(self._get, key, limit)
        except (BotoCoreError, ClientError):
            log.warning("cannot read %s from bucket %s", key, self.options.bucket)
            return None

    def _get(self, key: str, limit: int) -> bytes | None:
        answer = self.client().get_object(Bucket=self.options.bucket, Key=key)
        body = answer["Body"]
        try:
            if int(answer.get("ContentLength") or 0) > limit:
                return None
            data: bytes = body.read(limit + 1)
            return data if len(data) <= limit else None
        finally:
            body.close()

    def url(self, key: str, origin: str) -> str:
        """The public URL of `key`: under `public_url` when set, path-style under a custom
        endpoint, else the bucket's virtual-hosted AWS address. `origin` is not used."""
        options = self.options
        if options.public_url:
            return f"{options.public_url.rstrip('/')}/{key}"
        if options.endpoint_url:
            return f"{options.endpoint_url.rstrip('/')}/{options.bucket}/{key}"
        region = f".{options.region}" if options.region else ""
        return f"https://{options.bucket}.s3{region}.amazonaws.com/{key}"
