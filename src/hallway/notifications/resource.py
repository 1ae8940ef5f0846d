"""`/v1/notifications` and `/v1/users/{id}/notifications`: read, mark read, delete."""

from __future__ import annotations

from hallway.jsonapi import Attachment, Resource, ToMany, ToOne, relate
from hallway.notifications.models import Notification, notifications_of
from hallway.notifications.policy import notification_policy
from hallway.notifications.schemas import NotificationUpdate


def notification_resource() -> Resource:
    return Resource(
        type="notification",
        model=Notification,
        attributes=("title", "message", "is_read", "actions", "content", "received_at"),
        update=NotificationUpdate,
        relationships={"user": ToOne("user")},
        filters=("is_read", "received_at", "title"),
        sorts=("received_at", "is_read"),
        policy=notification_policy,
    )


def notification_attachments() -> list[Attachment]:
    return [relate("user", notifications=ToMany("notification", orm=notifications_of))]
