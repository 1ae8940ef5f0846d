"""Message settings: one switch per kind of mail, seeded on; admins read and flip them, and a
switched-off kind of mail is not sent (delivery reads the switch per mail)."""

from __future__ import annotations

import pytest

from hallway.mail import MailStatus
from tests.appfixtures import make_user, settle
from tests.mailadmin.conftest import (
    ANONYMOUS,
    ask_verification,
    message_setting,
    outbox_rows,
    people,
    sent_log,
)


def switch(setting_id: int, enabled: object) -> dict:
    return {
        "data": {
            "type": "message-setting",
            "id": str(setting_id),
            "attributes": {"enabled": enabled, "action": "verify_email"},
        }
    }


async def test_admins_list_the_seeded_switches(client, app_db):
    who = await people(client, app_db)

    listed = await client.get("/v1/message-settings", params={"page[size]": 100}, headers=who.admin)

    assert listed.status_code == 200
    actions = {item["attributes"]["action"]: item for item in listed.json()["data"]}
    assert {"verify_email", "reset_password", "role_invite", "new_order"} <= set(actions)
    verify = actions["verify_email"]
    assert verify["type"] == "message-setting"
    assert verify["attributes"]["enabled"] is True
    assert verify["attributes"]["recipient"] == "User"
    assert verify["attributes"]["email-subject"]


async def test_a_switched_off_mail_is_not_sent_and_switching_on_sends_the_next(
    client, app_db, mailbox
):
    who = await people(client, app_db)
    await make_user(app_db, "new@example.com", is_verified=False)
    setting = await message_setting(app_db, "verify_email")

    off = await client.patch(
        f"/v1/message-settings/{setting.id}", json=switch(setting.id, False), headers=who.admin
    )
    await ask_verification(client, "new@example.com")
    await settle()

    assert off.status_code == 200 and off.json()["data"]["attributes"]["enabled"] is False
    assert (await message_setting(app_db, "verify_email")).enabled is False
    assert mailbox.to("new@example.com") == []
    assert [row.status for row in await outbox_rows(app_db)] == [MailStatus.DISABLED]
    assert await sent_log(app_db) == []

    on = await client.patch(
        f"/v1/message-settings/{setting.id}", json=switch(setting.id, True), headers=who.admin
    )
    await ask_verification(client, "new@example.com")
    await settle()

    assert on.status_code == 200
    assert len(mailbox.to("new@example.com")) == 1
    assert [row.action for row in await sent_log(app_db)] == ["verify_email"]


async def test_other_kinds_of_mail_still_go_when_one_is_off(client, app_db, mailbox):
    who = await people(client, app_db)
    await make_user(app_db, "new@example.com", is_verified=False)
    setting = await message_setting(app_db, "reset_password")
    await client.patch(
        f"/v1/message-settings/{setting.id}", json=switch(setting.id, False), headers=who.admin
    )

    await ask_verification(client, "new@example.com")
    await settle()

    assert len(mailbox.to("new@example.com")) == 1


@pytest.mark.parametrize("value", [None, "maybe", 3])
async def test_a_bad_switch_is_refused_and_changes_nothing(client, app_db, value):
    who = await people(client, app_db)
    setting = await message_setting(app_db, "verify_email")

    response = await client.patch(
        f"/v1/message-settings/{setting.id}", json=switch(setting.id, value), headers=who.admin
    )

    assert response.status_code == 422, response.text
    assert response.json()["errors"][0]["source"]["pointer"] == "/data/attributes/enabled"
    assert (await message_setting(app_db, "verify_email")).enabled is True


async def test_the_action_and_texts_are_read_only(client, app_db):
    who = await people(client, app_db)
    setting = await message_setting(app_db, "verify_email")
    body = switch(setting.id, True)
    body["data"]["attributes"] |= {"action": "other", "email-subject": "Changed"}

    response = await client.patch(
        f"/v1/message-settings/{setting.id}", json=body, headers=who.admin
    )

    assert response.status_code == 200
    stored = await message_setting(app_db, "verify_email")
    assert stored.id == setting.id and stored.email_subject != "Changed"


@pytest.mark.parametrize("caller", ["anonymous", "user", "organizer"])
async def test_only_admins_read_or_flip_a_switch(client, app_db, caller):
    who = await people(client, app_db)
    headers = {"anonymous": ANONYMOUS, "user": who.user, "organizer": who.organizer}[caller]
    setting = await message_setting(app_db, "verify_email")

    listed = await client.get("/v1/message-settings", headers=headers)
    detail = await client.get(f"/v1/message-settings/{setting.id}", headers=headers)
    flipped = await client.patch(
        f"/v1/message-settings/{setting.id}", json=switch(setting.id, False), headers=headers
    )

    expected = 401 if caller == "anonymous" else 403
    assert (listed.status_code, detail.status_code, flipped.status_code) == (expected,) * 3
    assert "errors" in flipped.json()
    assert (await message_setting(app_db, "verify_email")).enabled is True


async def test_switches_are_neither_created_nor_deleted(client, app_db):
    who = await people(client, app_db)
    setting = await message_setting(app_db, "verify_email")

    created = await client.post(
        "/v1/message-settings",
        json={"data": {"type": "message-setting", "attributes": {"action": "x"}}},
        headers=who.admin,
    )
    deleted = await client.delete(f"/v1/message-settings/{setting.id}", headers=who.admin)

    assert (created.status_code, deleted.status_code) == (405, 405)
    assert (await message_setting(app_db, "verify_email")).id == setting.id
