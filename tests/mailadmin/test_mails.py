"""The mail log: every mail the outbox sends is logged when the provider accepts it; only
admins read the log, and nobody writes it through the API."""

from __future__ import annotations

import pytest

from hallway.mail import MailStatus
from tests.appfixtures import make_user, settle
from tests.mailadmin.conftest import ANONYMOUS, ask_verification, outbox_rows, people, sent_log


async def test_a_sent_mail_is_logged_and_admins_read_it(client, app_db, mailbox):
    who = await people(client, app_db)
    await make_user(app_db, "new@example.com", is_verified=False)

    await ask_verification(client, "new@example.com")
    await settle()

    (delivered,) = mailbox.to("new@example.com")
    (logged,) = await sent_log(app_db)
    (queued,) = await outbox_rows(app_db)
    assert queued.status == MailStatus.SENT
    listed = await client.get("/v1/mails", params={"sort": "-time"}, headers=who.admin)
    assert listed.status_code == 200
    assert listed.json()["meta"]["count"] == 1
    (item,) = listed.json()["data"]
    assert item["type"] == "mail" and item["id"] == str(logged.id)
    attributes = item["attributes"]
    assert attributes["recipient"] == "new@example.com"
    assert attributes["action"] == "verify_email"
    assert attributes["subject"] == delivered["Subject"] == logged.subject
    assert "verify?token=" in attributes["message"] and attributes["message"] == logged.message
    assert attributes["time"] is not None
    detail = await client.get(f"/v1/mails/{logged.id}", headers=who.admin)
    assert detail.status_code == 200 and detail.json()["data"]["attributes"] == attributes


async def test_the_log_is_filtered_by_recipient(client, app_db, mailbox):
    who = await people(client, app_db)
    await make_user(app_db, "one@example.com", is_verified=False)
    await make_user(app_db, "two@example.com", is_verified=False)
    await ask_verification(client, "one@example.com")
    await ask_verification(client, "two@example.com")
    await settle()

    only_two = await client.get(
        "/v1/mails",
        params={"filter": '[{"name":"recipient","op":"eq","val":"two@example.com"}]'},
        headers=who.admin,
    )

    assert only_two.status_code == 200
    assert [m["attributes"]["recipient"] for m in only_two.json()["data"]] == ["two@example.com"]
    assert len(await sent_log(app_db)) == 2


@pytest.mark.parametrize("caller", ["anonymous", "user", "organizer"])
async def test_only_admins_read_the_log(client, app_db, mailbox, caller):
    who = await people(client, app_db)
    await make_user(app_db, "new@example.com", is_verified=False)
    await ask_verification(client, "new@example.com")
    await settle()
    (logged,) = await sent_log(app_db)
    headers = {"anonymous": ANONYMOUS, "user": who.user, "organizer": who.organizer}[caller]

    listed = await client.get("/v1/mails", headers=headers)
    detail = await client.get(f"/v1/mails/{logged.id}", headers=headers)

    expected = 401 if caller == "anonymous" else 403
    assert listed.status_code == expected, listed.text
    assert "errors" in listed.json()
    assert detail.status_code in {expected, 404}
    assert "recipient" not in detail.text


async def test_nobody_writes_the_log(client, app_db, mailbox):
    who = await people(client, app_db)
    await make_user(app_db, "new@example.com", is_verified=False)
    await ask_verification(client, "new@example.com")
    await settle()
    (logged,) = await sent_log(app_db)
    item = {"type": "mail", "attributes": {"recipient": "x@example.com", "subject": "Hi"}}

    created = await client.post("/v1/mails", json={"data": item}, headers=who.admin)
    changed = await client.patch(
        f"/v1/mails/{logged.id}",
        json={"data": {**item, "id": str(logged.id)}},
        headers=who.admin,
    )
    deleted = await client.delete(f"/v1/mails/{logged.id}", headers=who.admin)

    assert created.status_code == 405 and changed.status_code == 405
    assert deleted.status_code == 405
    assert [(m.id, m.recipient) for m in await sent_log(app_db)] == [(logged.id, "new@example.com")]
