"""The real app (tests.appfixtures) and notifications stored straight in the database."""

from __future__ import annotations

from typing import Any

from hallway.db import Database
from hallway.notifications.models import Notification
from tests.appfixtures import app, client, mailbox, settings, smtp  # noqa: F401


async def make_notification(
    db: Database, user_id: int, title: str, *, is_read: bool = False, **values: Any
) -> Notification:
    async with db.sessions() as session, session.begin():
        notification = Notification(user_id=user_id, title=title, is_read=is_read, **values)
        session.add(notification)
    return notification


async def stored_notification(db: Database, notification_id: int) -> Notification | None:
    async with db.sessions() as session:
        return await session.get(Notification, notification_id)
