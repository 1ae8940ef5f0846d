"""`/v1/notifications` and `/v1/users/{id}/notifications`: read, mark read, delete."""

from __future__ import annotations

from hallway.auth.rules import is_admin, is_self
from hallway.jsonapi import Attachment, Attributes, Policy, Resource, ToMany, ToOne, relate
from hallway.notifications.models import Notification, notifications_of


class NotificationUpdate(Attributes):
    is_read: bool = False


own = is_self("user_id")


def notification_resource() -> Resource:
    return Resource(
        type="notification",
        model=Notification,
        attributes=("title", "message", "is_read", "actions", "content", "received_at"),
        update=NotificationUpdate,
        relationships={"user": ToOne("user")},
        filters=("is_read", "received_at", "title"),
        sorts=("received_at", "is_read"),
        policy=Policy(list=own | is_admin, view=own | is_admin, update=own, delete=own),
    )


def notification_attachments() -> list[Attachment]:
    return [relate("user", notifications=ToMany("notification", orm=notifications_of))]
