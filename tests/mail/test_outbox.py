"""The outbox delivers after commit, never after a rollback, never twice, and keeps
retrying a mail the provider refused until it gives up."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest
from sqlalchemy import func, select, update

from hallway.jobs import enqueue, start_jobs
from hallway.mail import Attachment, InvalidRecipient, MailStatus, OutboxMail, queue_mail
from hallway.mail.delivery import Outcome, claim, deliver_due, deliver_mail, utcnow
from hallway.mail.render import UnknownMailTemplate
from tests.mail.conftest import (
    MAIL_FROM,
    VERIFY_CONTEXT,
    eventually,
    load_mail,
    make_due,
    settle,
    smtp_settings,
)

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\n%%EOF\n"


async def _commit_mail(db, **changes) -> int:
    values = {"to": "ann@example.com", "template": "verify_email", "context": VERIFY_CONTEXT}
    async with db.sessions() as session, session.begin():
        mail = await queue_mail(session, **(values | changes))
    return mail.id


async def test_queued_mail_reaches_smtp_server_after_commit(outbox, smtp_server, database_url):
    await start_jobs(smtp_settings(database_url, smtp_server), outbox, periodic={})
    attachment = Attachment("agenda.pdf", "application/pdf", PDF)

    async with outbox.sessions() as session, session.begin():
        mail = await queue_mail(
            session,
            to="ann@example.com",
            template="verify_email",
            context=VERIFY_CONTEXT,
            attachments=[attachment],
        )
        assert mail.id is not None
        await asyncio.sleep(0.05)
        assert smtp_server.received == []
    await settle()

    assert len(smtp_server.received) == 1
    received = smtp_server.received[0]
    assert received.mail_from == "noreply@hallway.test"
    assert received.rcpt_tos == ["ann@example.com"]
    message = received.message
    assert message["From"] == MAIL_FROM
    assert message["To"] == "ann@example.com"
    assert message["Subject"] == "Confirm your email address for Hallway"
    text = message.get_body(preferencelist=("plain",))
    html = message.get_body(preferencelist=("html",))
    assert "Hello Ann Lee," in text.get_content()
    assert "https://hallway.test/verify?token=abc" in text.get_content()
    assert 'href="https://hallway.test/verify?token=abc"' in html.get_content()
    [attached] = list(message.iter_attachments())
    assert attached.get_filename() == "agenda.pdf"
    assert attached.get_content_type() == "application/pdf"
    assert attached.get_content() == PDF
    row = await load_mail(outbox, mail.id)
    assert (row.status, row.attempts, row.last_error) == (MailStatus.SENT, 1, None)
    assert row.sent_at is not None and row.claim_token is None


async def test_rolled_back_mail_is_never_sent(outbox, smtp_server, database_url):
    settings = smtp_settings(database_url, smtp_server)
    await start_jobs(settings, outbox, periodic={})

    async with outbox.sessions() as session:
        await session.begin()
        await queue_mail(
            session, to="ann@example.com", template="verify_email", context=VERIFY_CONTEXT
        )
        await session.rollback()
    await settle()
    swept = await deliver_due(outbox, settings)

    assert smtp_server.received == []
    assert swept["sent"] == 0
    async with outbox.sessions() as session:
        assert await session.scalar(select(func.count()).select_from(OutboxMail)) == 0


async def test_mail_queued_while_smtp_is_down_arrives_once_it_is_back(
    outbox, smtp_server, database_url
):
    settings = smtp_settings(database_url, smtp_server)
    await start_jobs(settings, outbox, periodic={})
    smtp_server.stop()

    mail_id = await _commit_mail(outbox)
    await settle()

    row = await load_mail(outbox, mail_id)
    assert (row.status, row.attempts) == (MailStatus.PENDING, 1)
    assert row.next_attempt_at > utcnow()
    assert row.last_error and "SMTP" in row.last_error
    assert row.claim_token is None

    smtp_server.start()
    assert (await deliver_due(outbox, settings))["sent"] == 0  # not due yet: backoff holds
    await make_due(outbox, mail_id)
    await enqueue("mail.sweep")
    await settle()
    again = await deliver_due(outbox, settings)

    assert len(smtp_server.received) == 1
    assert smtp_server.received[0].message["To"] == "ann@example.com"
    assert again["sent"] == 0
    row = await load_mail(outbox, mail_id)
    assert (row.status, row.attempts) == (MailStatus.SENT, 2)


async def test_mail_fails_after_max_attempts(outbox, smtp_server, database_url):
    settings = smtp_settings(database_url, smtp_server, mail_max_attempts=3)
    await start_jobs(settings, outbox, periodic={})
    smtp_server.stop()
    mail_id = await _commit_mail(outbox)
    await settle()

    outcomes = []
    for _ in range(2):
        await make_due(outbox, mail_id)
        outcomes.append(await deliver_mail(outbox, settings, mail_id))
    await make_due(outbox, mail_id)
    late = await deliver_due(outbox, settings)

    assert outcomes == [Outcome.RETRY, Outcome.FAILED]
    assert late == {"sent": 0, "retry": 0, "failed": 0, "skipped": 0, "disabled": 0}
    row = await load_mail(outbox, mail_id)
    assert (row.status, row.attempts) == (MailStatus.FAILED, 3)
    assert row.last_error and "SMTP" in row.last_error


async def test_concurrent_deliverers_send_a_mail_once(outbox, smtp_server, database_url):
    settings = smtp_settings(database_url, smtp_server)
    mail_id = await _commit_mail(outbox)  # jobs are not started: only the sweepers send it

    outcomes = await asyncio.gather(
        *(deliver_mail(outbox, settings, mail_id) for _ in range(4)),
        *(deliver_due(outbox, settings) for _ in range(3)),
    )

    singles, sweeps = outcomes[:4], outcomes[4:]
    sent = singles.count(Outcome.SENT) + sum(sweep["sent"] for sweep in sweeps)
    assert sent == 1
    assert len(smtp_server.received) == 1
    row = await load_mail(outbox, mail_id)
    assert (row.status, row.attempts) == (MailStatus.SENT, 1)


async def test_claim_is_a_lease_that_expires(outbox, database_url):
    mail_id = await _commit_mail(outbox)

    first = await claim(outbox, mail_id)
    second = await claim(outbox, mail_id)
    async with outbox.engine.begin() as conn:
        await conn.execute(
            update(OutboxMail)
            .where(OutboxMail.id == mail_id)
            .values(claimed_until=utcnow() - timedelta(seconds=1))
        )
    third = await claim(outbox, mail_id)

    assert first is not None and second is None
    assert third is not None and third != first
    assert (await load_mail(outbox, mail_id)).claim_token == third


async def test_sweeper_loop_delivers_mail_queued_while_jobs_were_stopped(
    outbox, smtp_server, database_url
):
    mail_id = await _commit_mail(outbox)
    await settle()
    assert (await load_mail(outbox, mail_id)).attempts == 0

    await start_jobs(
        smtp_settings(database_url, smtp_server), outbox, periodic={"mail.sweep": 0.05}
    )

    async def sent() -> OutboxMail | None:
        row = await load_mail(outbox, mail_id)
        return row if row.status == MailStatus.SENT else None

    row = await eventually(sent)

    assert row.attempts == 1
    assert len(smtp_server.received) == 1


async def test_mail_that_cannot_render_fails_without_retry(outbox, smtp_server, database_url):
    settings = smtp_settings(database_url, smtp_server)
    await start_jobs(settings, outbox, periodic={})
    context = {"app_name": "Hallway", "user_name": "Ann Lee"}  # verify_url is missing

    mail_id = await _commit_mail(outbox, context=context)
    await settle()

    row = await load_mail(outbox, mail_id)
    assert (row.status, row.attempts) == (MailStatus.FAILED, 1)
    assert row.last_error and "verify_url" in row.last_error
    assert smtp_server.received == []


async def test_unknown_template_or_bad_recipient_fails_in_the_transaction(outbox):
    async with outbox.sessions() as session, session.begin():
        with pytest.raises(UnknownMailTemplate):
            await queue_mail(session, to="ann@example.com", template="nope", context={})
        with pytest.raises(UnknownMailTemplate):
            await queue_mail(session, to="ann@example.com", template="../x", context={})
        with pytest.raises(InvalidRecipient):
            await queue_mail(
                session, to="ann@example.com\r\nBcc: x@y", template="verify_email", context={}
            )
    async with outbox.sessions() as session:
        assert await session.scalar(select(func.count()).select_from(OutboxMail)) == 0
