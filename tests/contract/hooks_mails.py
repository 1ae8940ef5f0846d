"""Setup hooks for the Mails, Message Settings, Email Notifications and User Emails groups: an
admin reads the mail log and the message settings; a user keeps their own e-mail preferences
for an event and their own alternate addresses."""

from __future__ import annotations

import copy
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select

from hallway.mail.models import MessageSetting, SentMail
from tests.contract.blueprint import load
from tests.contract.scene import Account, Plan, Scene, hook

# The action the documented PATCH names, seeded by the migration (an invitation to a role).
ROLE_INVITE = "role_invite"


# -- Mails ---------------------------------------------------------------------------------------
async def _logged_mail(scene: Scene) -> str:
    async with scene.db.sessions() as session, session.begin():
        mail = SentMail(
            recipient="example@example.com",
            time=datetime(2016, 12, 8, 11, 49, 12, tzinfo=UTC),
            action="verify_email",
            subject="example",
            message="example",
        )
        session.add(mail)
    return str(mail.id)


@hook("Mails::Show all mails", requires=("mail",))
@hook("Mails::Get Mail Details", requires=("mail",))
async def admin_reads_the_mail_log(scene: Scene) -> Plan:
    mail_id = await _logged_mail(scene)
    return Plan(token=(await scene.admin()).token, params={"mail_id": mail_id})


# -- Message Settings ----------------------------------------------------------------------------
async def _switch_id(scene: Scene, action: str) -> str:
    async with scene.db.sessions() as session:
        found = await session.scalar(
            select(MessageSetting.id).where(MessageSetting.action == action)
        )
    assert found is not None, f"setup: no seeded message setting {action!r}"
    return str(found)


def _documented_list_typed_right() -> Any:
    (transaction,) = [
        t for t in load(("Message Settings",)) if t.id == "Message Settings::List Message Settings"
    ]
    documented = copy.deepcopy(transaction.response.json())
    for item in documented["data"]:
        item["type"] = "message-setting"
    return documented


@hook("Message Settings::List Message Settings", requires=("message-setting",))
async def admin_lists_the_switches(scene: Scene) -> Plan:
    return Plan(
        token=(await scene.admin()).token,
        body=_documented_list_typed_right(),
        note="the documented list names its items `message-settings` (its detail says "
        "`message-setting`)",
    )


@hook("Message Settings::Get Message Setting Details", requires=("message-setting",))
@hook("Message Settings::Update Message Setting", requires=("message-setting",))
async def admin_reads_and_flips_a_switch(scene: Scene) -> Plan:
    switch = await _switch_id(scene, ROLE_INVITE)
    return Plan(
        token=(await scene.admin()).token,
        params={"message_settings_id": switch},
        ids={"message-setting": switch},
        fields={"action": ROLE_INVITE},
        note="Hallway's actions are its mail templates' names (`role_invite`, not `event_role`)",
    )


# -- Email Notifications -------------------------------------------------------------------------
async def _preferences(scene: Scene) -> tuple[Account, str, str]:
    owner = await scene.account()
    event = await scene.event(owner)
    fan = await scene.account()
    made = await scene.create(
        fan.token,
        "/v1/email-notifications",
        "email-notification",
        {"event": ("event", event["id"])},
        **{"session-schedule": True},
    )
    return fan, made["id"], event["id"]


@hook("Email Notifications::List All Email Notifications", requires=("email-notification",))
async def admin_lists_every_users_preferences(scene: Scene) -> Plan:
    await _preferences(scene)
    return Plan(token=(await scene.admin()).token)


@hook(
    "Email Notifications::List All Email Notifications (Email Notifications Collection)",
    requires=("email-notification",),
)
async def a_user_lists_their_preferences(scene: Scene) -> Plan:
    fan, _, _ = await _preferences(scene)
    return Plan(token=fan.token, params={"user_id": fan.id})


@hook("Email Notifications::Email Notification Detail", requires=("email-notification",))
@hook("Email Notifications::Update Email Notification", requires=("email-notification",))
@hook("Email Notifications::Delete Email Notification", requires=("email-notification",))
@hook("Users::Get User Details for an Email Notification", requires=("email-notification",))
@hook("Events::Event Details for an Email Notification", requires=("email-notification",))
async def a_users_own_preferences(scene: Scene) -> Plan:
    fan, preferences, event = await _preferences(scene)
    return Plan(
        token=fan.token,
        params={"email_notification_id": preferences},
        ids={"email-notification": preferences, "event": event},
        fields={"event-id": int(event)},
    )


# -- User Emails ---------------------------------------------------------------------------------
async def _alternate(scene: Scene) -> tuple[Account, str]:
    user = await scene.account()
    made = await scene.create(
        user.token,
        "/v1/user-emails",
        "user-email",
        **{"email-address": f"alt-{user.email}", "type": "work"},
    )
    return user, made["id"]


@hook("User Emails::List All User Emails", requires=("user-email",))
async def admin_lists_every_alternate_address(scene: Scene) -> Plan:
    await _alternate(scene)
    return Plan(token=(await scene.admin()).token)


@hook("User Emails::List All User Emails (User Email Collection)", requires=("user-email",))
async def a_user_lists_their_alternate_addresses(scene: Scene) -> Plan:
    user, _ = await _alternate(scene)
    return Plan(token=user.token, params={"user_id": user.id})


@hook("User Emails::User Email Detail", requires=("user-email",))
@hook("User Emails::Update User Email", requires=("user-email",))
@hook("User Emails::Delete User Email", requires=("user-email",))
async def a_users_own_alternate_address(scene: Scene) -> Plan:
    user, address = await _alternate(scene)
    return Plan(
        token=user.token,
        params={"user_email_id": address},
        ids={"user-email": address, "user": user.id},
    )
