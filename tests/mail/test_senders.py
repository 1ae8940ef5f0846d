"""The Sendgrid and console senders, end to end from the outbox."""

from __future__ import annotations

import base64
from collections.abc import Iterator

import pytest

from hallway.jobs import start_jobs
from hallway.mail import Attachment, MailStatus, queue_mail
from tests.mail.conftest import VERIFY_CONTEXT, load_mail, mail_settings, settle
from tests.mail.servers import HttpRecorder


@pytest.fixture
def sendgrid_api() -> Iterator[HttpRecorder]:
    recorder = HttpRecorder()
    yield recorder
    recorder.close()


def sendgrid_settings(database_url, api: HttpRecorder):
    return mail_settings(
        database_url,
        mail_backend="sendgrid",
        sendgrid_key="SG.test-key",
        sendgrid_url=api.url,
    )


async def _commit_mail(db, attachments=()) -> int:
    async with db.sessions() as session, session.begin():
        mail = await queue_mail(
            session,
            to="ann@example.com",
            template="verify_email",
            context=VERIFY_CONTEXT,
            attachments=attachments,
        )
    return mail.id


async def test_sendgrid_receives_the_v3_payload(outbox, sendgrid_api, database_url):
    await start_jobs(sendgrid_settings(database_url, sendgrid_api), outbox, periodic={})

    mail_id = await _commit_mail(outbox, [Attachment("notes.txt", "text/plain", b"see you")])
    await settle()

    [request] = sendgrid_api.requests
    assert request.path == "/v3/mail/send"
    assert request.headers["Authorization"] == "Bearer SG.test-key"
    body = request.body
    assert body["personalizations"] == [{"to": [{"email": "ann@example.com"}]}]
    assert body["from"] == {"email": "noreply@hallway.test", "name": "Hallway"}
    assert body["subject"] == "Confirm your email address for Hallway"
    [text, html] = body["content"]
    assert text["type"] == "text/plain" and "Hello Ann Lee," in text["value"]
    assert html["type"] == "text/html" and "<p>Hello Ann Lee,</p>" in html["value"]
    assert body["attachments"] == [
        {
            "content": base64.b64encode(b"see you").decode(),
            "type": "text/plain",
            "filename": "notes.txt",
            "disposition": "attachment",
        }
    ]
    row = await load_mail(outbox, mail_id)
    assert (row.status, row.attempts) == (MailStatus.SENT, 1)


async def test_sendgrid_error_leaves_the_mail_pending(outbox, sendgrid_api, database_url):
    sendgrid_api.status = 500
    await start_jobs(sendgrid_settings(database_url, sendgrid_api), outbox, periodic={})

    mail_id = await _commit_mail(outbox)
    await settle()

    assert len(sendgrid_api.requests) == 1
    row = await load_mail(outbox, mail_id)
    assert (row.status, row.attempts) == (MailStatus.PENDING, 1)
    assert row.last_error and "500" in row.last_error
    assert "SG.test-key" not in row.last_error


async def test_console_backend_prints_the_mail(outbox, database_url, capsys):
    await start_jobs(mail_settings(database_url), outbox, periodic={})

    mail_id = await _commit_mail(outbox, [Attachment("notes.txt", "text/plain", b"see you")])
    await settle()

    printed = capsys.readouterr().out
    assert "From: Hallway <noreply@hallway.test>" in printed
    assert "To: ann@example.com" in printed
    assert "Subject: Confirm your email address for Hallway" in printed
    assert "https://hallway.test/verify?token=abc" in printed
    assert "notes.txt (text/plain, 7 bytes)" in printed
    row = await load_mail(outbox, mail_id)
    assert row.status == MailStatus.SENT
