"""Where a badge form's background image is read from: this server's disk, or a bucket that
uploads are stored in (the environment's, or the one the settings row names). An image
hosted anywhere else is never fetched: the print job makes no request to an address a user
chose. The large variant is preferred to the original (it is the size a badge needs)."""

from __future__ import annotations

import asyncio
import re
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.ext.asyncio import AsyncSession

from hallway.config import Settings
from hallway.uploads import S3Options, UploadOptions
from hallway.uploads.place import chosen_place, storage_row
from hallway.uploads.s3 import S3Storage

STORED_IMAGE = re.compile(r"images/([0-9a-f]{2})/([0-9a-f]{32})\.(jpg|png|gif|webp)$")
LARGEST = 20 * 1024 * 1024


def _names(url: str) -> list[str] | None:
    """The storage keys to try for an image stored by the uploads (large variant first)."""
    found = STORED_IMAGE.search(url)
    if found is None:
        return None
    folder, name, extension = found.groups()
    return [f"images/{folder}/{name}_large.{extension}", f"images/{folder}/{name}.{extension}"]


def _from_disk(media: Path, keys: list[str]) -> bytes | None:
    for key in keys:
        path = media / key
        if path.is_file() and path.stat().st_size <= LARGEST:
            return path.read_bytes()
    return None


@dataclass(frozen=True)
class Backgrounds:
    media: Path | None = None
    buckets: tuple[S3Storage, ...] = ()

    async def read(self, url: str | None) -> bytes | None:
        keys = _names(url or "")
        if keys is None:
            return None
        for bucket in self.buckets:
            key = bucket.key_of(url or "")
            if key is not None and STORED_IMAGE.fullmatch(key):
                for candidate in keys:
                    data = await bucket.read(candidate, LARGEST)
                    if data is not None:
                        return data
                return None
        if self.media is None:
            return None
        return await asyncio.to_thread(_from_disk, self.media, keys)


async def backgrounds_for(session: AsyncSession, settings: Settings) -> Backgrounds:
    """The disk and the buckets uploads go to now (the settings row's place, the
    environment's)."""
    options = UploadOptions.from_settings(settings)
    place = chosen_place(await storage_row(session), options.s3)
    buckets: list[S3Options] = [b for b in (place, options.s3) if isinstance(b, S3Options)]
    unique = tuple(S3Storage(b) for b in dict.fromkeys(buckets))
    return Backgrounds(options.media_root, unique)
