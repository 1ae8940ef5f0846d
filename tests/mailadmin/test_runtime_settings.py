"""The settings row drives mail at run time: a `PATCH /v1/settings` of the mail service, the
SMTP server, the sender or the Sendgrid key reaches the next mail without a restart, because
every delivery reads the row (there is no cache to invalidate). Empty fields keep the
environment's values. The secrets are never shown."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from hallway.config import Settings
from hallway.mail import MailStatus
from tests.appfixtures import MEDIA_ROOT, make_user, settle
from tests.mail.servers import HttpRecorder, SmtpServer
from tests.mailadmin.conftest import ANONYMOUS, ask_verification, outbox_rows, people, sent_log


@pytest.fixture
def sendgrid() -> Iterator[HttpRecorder]:
    recorder = HttpRecorder()
    yield recorder
    recorder.close()


@pytest.fixture
def settings(database_url, smtp, sendgrid) -> Settings:
    """The app's environment: SMTP to the `smtp` server, Sendgrid's URL on a local stand-in."""
    return Settings(
        database_url=database_url,
        secret_key="test-secret-key-for-hallway-tests",
        mail_backend="smtp",
        smtp_host="127.0.0.1",
        smtp_port=smtp[0].port,
        mail_from="Hallway <noreply@hallway.test>",
        sendgrid_url=sendgrid.url,
        frontend_url="https://frontend.test",
        redis_url=None,
        upload_dir=MEDIA_ROOT,
    )


@pytest.fixture
def second_smtp() -> Iterator[SmtpServer]:
    server = SmtpServer()
    server.start()
    yield server
    server.stop()


def change(**attributes: object) -> dict:
    return {"data": {"type": "setting", "id": "1", "attributes": attributes}}


async def test_the_next_mail_goes_to_the_smtp_server_the_settings_name(
    client, app_db, mailbox, second_smtp
):
    who = await people(client, app_db)
    await make_user(app_db, "new@example.com", is_verified=False)
    await ask_verification(client, "new@example.com")
    await settle()
    assert len(mailbox.to("new@example.com")) == 1

    patched = await client.patch(
        "/v1/settings",
        json=change(
            **{
                "email-service": "smtp",
                "smtp-host": "127.0.0.1",
                "smtp-port": second_smtp.port,
                "smtp-encryption": "none",
                "email-from": "events@convene.test",
                "email-from-name": "Convene",
            }
        ),
        headers=who.admin,
    )
    await ask_verification(client, "new@example.com")
    await settle()

    assert patched.status_code == 200, patched.text
    assert len(mailbox.to("new@example.com")) == 1  # the first server got nothing more
    (received,) = second_smtp.received
    assert received.rcpt_tos == ["new@example.com"]
    assert received.message["From"] == "Convene <events@convene.test>"
    assert [row.recipient for row in await sent_log(app_db)] == ["new@example.com"] * 2


async def test_sendgrid_named_in_the_settings_gets_the_next_mail_with_the_stored_key(
    client, app_db, mailbox, sendgrid
):
    who = await people(client, app_db)
    await make_user(app_db, "new@example.com", is_verified=False)

    patched = await client.patch(
        "/v1/settings",
        json=change(**{"email-service": "sendgrid", "sendgrid-key": "SG.stored-key"}),
        headers=who.admin,
    )
    await ask_verification(client, "new@example.com")
    await settle()

    assert patched.status_code == 200
    assert mailbox.to("new@example.com") == []
    (request,) = sendgrid.requests
    assert request.headers["Authorization"] == "Bearer SG.stored-key"
    assert request.body["personalizations"] == [{"to": [{"email": "new@example.com"}]}]
    assert request.body["from"] == {"email": "noreply@hallway.test", "name": "Hallway"}
    assert [row.status for row in await outbox_rows(app_db)] == [MailStatus.SENT]


async def test_email_service_disable_stops_mail(client, app_db, mailbox):
    who = await people(client, app_db)
    await make_user(app_db, "new@example.com", is_verified=False)

    await client.patch(
        "/v1/settings", json=change(**{"email-service": "disable"}), headers=who.admin
    )
    await ask_verification(client, "new@example.com")
    await settle()

    assert mailbox.to("new@example.com") == []
    assert [row.status for row in await outbox_rows(app_db)] == [MailStatus.DISABLED]


async def test_an_empty_row_keeps_the_environment(client, app_db, mailbox, second_smtp):
    """The seeded row names no mail service: the environment's SMTP server gets the mail."""
    await make_user(app_db, "new@example.com", is_verified=False)

    await ask_verification(client, "new@example.com")
    await settle()

    (message,) = mailbox.to("new@example.com")
    assert message["From"] == "Hallway <noreply@hallway.test>"
    assert second_smtp.received == []


async def test_mail_secrets_are_never_shown(client, app_db):
    who = await people(client, app_db)
    await client.patch(
        "/v1/settings",
        json=change(
            **{"smtp-password": "pw-secret", "sendgrid-key": "SG.secret", "smtp-host": "mx.test"}
        ),
        headers=who.admin,
    )

    for headers in (who.admin, who.user, who.organizer, ANONYMOUS):
        shown = await client.get("/v1/settings", headers=headers)
        assert shown.status_code == 200
        assert "pw-secret" not in shown.text and "SG.secret" not in shown.text
        assert "smtp-password" not in shown.json()["data"]["attributes"]
    as_user = (await client.get("/v1/settings", headers=who.user)).json()["data"]["attributes"]
    assert "smtp-host" not in as_user and "email-service" not in as_user
    as_admin = (await client.get("/v1/settings", headers=who.admin)).json()["data"]["attributes"]
    assert as_admin["smtp-host"] == "mx.test"
