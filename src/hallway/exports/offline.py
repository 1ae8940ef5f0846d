"""Exports and imports from the command line (`hallway export`, `hallway import`): the same
archive as the API's, read or written straight against the database, with progress."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

from sqlalchemy import func, select

from hallway.db import Database
from hallway.events.models import Event
from hallway.events.service import random_identifier
from hallway.exports.archive import event_files, zip_files
from hallway.exports.mediaimport import take_media
from hallway.exports.restore import ImportProblem, read_archive, restore
from hallway.uploads.options import UploadOptions
from hallway.users.models import User

Progress = Callable[[int], Awaitable[None]]


class NotFound(LookupError):
    """No such event or user."""


async def export_event(url: str, key: str, progress: Progress) -> tuple[bytes, str]:
    """The zip of the live event `key` (id or identifier) and its file name."""
    db = Database(url)
    try:
        async with db.sessions() as session:
            match = Event.id == int(key) if key.isdigit() else Event.identifier == key
            event = await session.scalar(select(Event).where(match, Event.deleted_at.is_(None)))
            if event is None:
                raise NotFound(f"no event {key!r}")
            files = await event_files(session, event.id, progress)
        content = await asyncio.to_thread(zip_files, files)
        await progress(100)
        return content, f"event-{event.identifier}.zip"
    finally:
        await db.dispose()


async def import_event(
    url: str, data: bytes, owner: str, progress: Progress, options: UploadOptions
) -> tuple[int, str]:
    """The id and identifier of the draft made from `data`, owned by the user `owner`
    (an e-mail address), its media stored as `options` say. ImportProblem when the archive
    cannot be imported."""
    files, copies = take_media(data, read_archive(data), options)
    await progress(10)
    db = Database(url)
    try:
        async with db.sessions() as session, session.begin():
            user_id = await session.scalar(
                select(User.id).where(func.lower(User.email) == owner.lower())
            )
            if user_id is None:
                raise NotFound(f"no user {owner!r}")
            identifier = random_identifier()
            event_id = await restore(session, files, user_id, identifier, progress)
            await copies.save()
        await progress(100)
        return event_id, identifier
    finally:
        await db.dispose()


__all__ = ["ImportProblem", "NotFound", "export_event", "import_event"]
