"""A speaker's photo in the speaker image sizes the admin sets (`/v1/speaker-image-sizes`):
once a speaker with a new photo uploaded to this server's disk is saved, a job crops the
photo into squares of the small, thumbnail and icon sizes (at their JPEG/WEBP quality),
stores them beside it and points the speaker's size URLs at them. Until then (and for a
photo stored elsewhere) the upload's own variants stand in."""

from __future__ import annotations

import asyncio
import io
import logging
from pathlib import PurePosixPath

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from hallway.aftercommit import on_commit
from hallway.config import Settings
from hallway.jobs import JobsNotStarted, enqueue
from hallway.sessions.models import Speaker
from hallway.uploads import variants_for
from hallway.uploads.options import MEDIA_PATH, UploadOptions
from hallway.uploads.sizes import SPEAKER_SIZES_ID, SpeakerImageSize
from hallway.uploads.storage import LocalStorage

log = logging.getLogger("hallway.sessions")
RESIZE = "sessions.speaker_photo"
FORMATS = {".png": "PNG", ".jpg": "JPEG", ".jpeg": "JPEG", ".gif": "GIF", ".webp": "WEBP"}
SizeSet = dict[str, tuple[int, int]]  # size name -> (side in px, quality)


def resize_after_commit(session: AsyncSession, speaker: Speaker) -> None:
    """Run the job once the speaker is saved, when its photo is one of our uploads."""
    url = speaker.photo_url
    if url and variants_for(url) is not None:
        on_commit(session, lambda: _enqueue(speaker.id, url))


async def _enqueue(speaker_id: int, url: str) -> None:
    try:
        await enqueue(RESIZE, speaker_id, url)
    except JobsNotStarted:
        log.warning("jobs are not running: speaker %s keeps its photo's upload sizes", speaker_id)


async def _sizes(session: AsyncSession) -> SizeSet:
    row = await session.scalar(
        select(SpeakerImageSize).where(SpeakerImageSize.id == SPEAKER_SIZES_ID)
    )
    if row is None:
        return {}
    found = {
        "small": (row.small_size_width_height, row.small_size_quality),
        "thumbnail": (row.thumbnail_size_width_height, row.thumbnail_size_quality),
        "icon": (row.icon_size_width_height, row.icon_size_quality),
    }
    return {name: (side, quality or 80) for name, (side, quality) in found.items() if side}


def _squares(data: bytes, suffix: str, sizes: SizeSet) -> dict[str, bytes]:
    from PIL import Image, ImageOps  # only where photos are resized

    made: dict[str, bytes] = {}
    with Image.open(io.BytesIO(data)) as image:
        image.load()
        for name, (side, quality) in sizes.items():
            square = ImageOps.fit(image, (side, side), Image.Resampling.LANCZOS)
            buffer = io.BytesIO()
            square.save(buffer, format=FORMATS[suffix], quality=max(1, min(quality, 100)))
            made[name] = buffer.getvalue()
    return made


async def resize_photo(session: AsyncSession, settings: Settings, speaker_id: int, url: str) -> int:
    """Store the photo's speaker sizes and point the speaker at them (in the caller's
    transaction); the number of sizes made (0 when the photo changed or is not on disk)."""
    options = UploadOptions.from_settings(settings)
    prefix = f"{options.public_url.rstrip('/')}{MEDIA_PATH}/"
    speaker = await session.get(Speaker, speaker_id, with_for_update=True)
    if speaker is None or speaker.photo_url != url or not url.startswith(prefix):
        return 0
    key, storage = url[len(prefix) :], LocalStorage(options.media_root)
    suffix = PurePosixPath(key).suffix.lower()
    sizes = await _sizes(session)
    if suffix not in FORMATS or not sizes:
        return 0
    try:
        data = await asyncio.to_thread(storage.path_of(key).read_bytes)
    except (OSError, ValueError):
        return 0
    made = await asyncio.to_thread(_squares, data, suffix, sizes)
    stem, urls = key[: -len(suffix)], {}
    for name, content in made.items():
        new_key = f"{stem}_speaker_{name}_{sizes[name][0]}{suffix}"
        await storage.save(new_key, content, f"image/{FORMATS[suffix].lower()}")
        urls[f"{name}_image_url"] = storage.url(new_key, options.public_url.rstrip("/"))
    # Not every database locks the row above: the sizes land only while the speaker
    # still shows this photo, so a photo changed meanwhile keeps its own sizes.
    written = await session.execute(
        update(Speaker)
        .where(Speaker.id == speaker_id, Speaker.photo_url == url)
        .values(**urls)
        .execution_options(synchronize_session=False)
    )
    return len(made) if written.rowcount else 0  # type: ignore[attr-defined]
