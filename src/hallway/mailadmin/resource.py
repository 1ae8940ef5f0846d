"""`/v1/mails` (the sent-mail log, read-only), `/v1/message-settings` (a switch per kind of
mail) and `/v1/email-notifications` with `/v1/users/{id}/email-notifications`."""

from __future__ import annotations

from hallway.jsonapi import Attachment, Hooks, Resource, ToMany, ToOne, relate
from hallway.mail.models import MessageSetting, SentMail
from hallway.mailadmin import service
from hallway.mailadmin.models import EmailNotification, email_notifications_of
from hallway.mailadmin.policy import email_notification_policy, mail_policy, message_setting_policy
from hallway.mailadmin.schemas import (
    EmailNotificationCreate,
    EmailNotificationUpdate,
    MessageSettingUpdate,
)

FLAGS = ("next_event", "new_paper", "session_accept_reject", "session_schedule")


def mail_resource() -> Resource:
    return Resource(
        type="mail",
        model=SentMail,
        attributes=("recipient", "time", "action", "subject", "message"),
        filters=("recipient", "time", "action", "subject"),
        sorts=("time", "recipient", "action", "id"),
        deletable=False,
        policy=mail_policy,
    )


def message_setting_resource() -> Resource:
    return Resource(
        type="message-setting",
        model=MessageSetting,
        attributes=("action", "enabled", "recipient", "email_subject", "email_message"),
        update=MessageSettingUpdate,
        filters=("action", "enabled"),
        sorts=("action", "id"),
        deletable=False,
        policy=message_setting_policy,
        hooks=Hooks(apply=service.apply_flags),
    )


def email_notification_resource() -> Resource:
    return Resource(
        type="email-notification",
        model=EmailNotification,
        attributes=(*FLAGS, "after_ticket_purchase", "event_id", "deleted_at"),
        create=EmailNotificationCreate,
        update=EmailNotificationUpdate,
        relationships={
            "user": ToOne("user", writable=True),
            "event": ToOne("event", writable=True),
        },
        filters=(*FLAGS, "after_ticket_purchase", "user", "event"),
        sorts=(*FLAGS, "after_ticket_purchase", "id"),
        policy=email_notification_policy,
        hooks=Hooks(
            build=service.build_email_notification,
            apply=service.apply_flags,
            before_create=service.refuse_second_preferences,
            before_update=service.refuse_second_preferences,
        ),
    )


def mailadmin_resources() -> list[Resource]:
    return [mail_resource(), message_setting_resource(), email_notification_resource()]


def mailadmin_attachments() -> list[Attachment]:
    return [
        relate("user", email_notifications=ToMany("email-notification", orm=email_notifications_of))
    ]
