"""The settings row over the environment, read per delivery (no cache: every process sees a
change at its next mail), and the message settings' switches."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from sqlalchemy import delete, select, update

from hallway.config import Settings
from hallway.db import Database
from hallway.mail import MailStatus, queue_mail
from hallway.mail.delivery import Outcome, deliver_mail
from hallway.mail.models import MessageSetting
from hallway.mail.runtime import apply_row
from hallway.settings.models import Setting
from tests.mail.conftest import VERIFY_CONTEXT, load_mail, smtp_settings
from tests.mail.servers import SmtpServer

ENVIRONMENT = Settings(
    database_url="sqlite+aiosqlite:///:memory:",
    secret_key="test",
    redis_url=None,
    mail_backend="smtp",
    smtp_host="mx.env.test",
    smtp_port=2525,
    mail_from="Hallway <noreply@env.test>",
)


def test_an_empty_row_keeps_the_environment():
    row = {name: None for name in ("email_service", "smtp_host", "smtp_port", "email_from")}

    assert apply_row(ENVIRONMENT, row) is ENVIRONMENT
    assert apply_row(ENVIRONMENT, {}) is ENVIRONMENT


def test_the_rows_fields_win_over_the_environment():
    row = {
        "email_service": "sendgrid",
        "smtp_host": "mx.row.test",
        "smtp_port": 587,
        "smtp_username": "mailer",
        "smtp_password": "pw",
        "smtp_encryption": "tls",
        "sendgrid_key": "SG.key",
        "email_from_name": "Convene",
    }

    applied = apply_row(ENVIRONMENT, row)

    assert applied.mail_backend == "sendgrid" and applied.sendgrid_key == "SG.key"
    assert (applied.smtp_host, applied.smtp_port, applied.smtp_encryption) == (
        "mx.row.test",
        587,
        "tls",
    )
    assert (applied.smtp_username, applied.smtp_password) == ("mailer", "pw")
    assert applied.mail_from == "Convene <noreply@env.test>"
    assert ENVIRONMENT.smtp_host == "mx.env.test"  # the environment itself is unchanged


def test_unknown_choices_keep_the_environment():
    applied = apply_row(ENVIRONMENT, {"email_service": "carrier pigeon", "smtp_encryption": "x"})

    assert (applied.mail_backend, applied.smtp_encryption) == ("smtp", "none")


async def _queued(db: Database, template: str = "verify_email") -> int:
    async with db.sessions() as session, session.begin():
        mail = await queue_mail(
            session, to="ann@example.com", template=template, context=VERIFY_CONTEXT
        )
    return mail.id


MAIL_COLUMNS = ("smtp_host", "smtp_port", "email_service")


@pytest.fixture
async def settings_row(outbox: Database) -> AsyncIterator[Database]:
    """The settings row (the migrated one when the database has it, else a new one) and the
    verify_email switch, put back as they were afterwards."""
    async with outbox.sessions() as session, session.begin():
        row = await session.get(Setting, 1)
        made = row is None
        if row is None:
            session.add(Setting(id=1, app_name="Hallway"))
            kept = {}
        else:
            kept = {name: getattr(row, name) for name in MAIL_COLUMNS}
        switch = await session.scalar(
            select(MessageSetting).where(MessageSetting.action == "verify_email")
        )
        was_on = None if switch is None else switch.enabled
    yield outbox
    async with outbox.engine.begin() as conn:
        if made:
            await conn.execute(delete(Setting))
        else:
            await conn.execute(update(Setting).values(**kept))
        switches = MessageSetting.__table__
        if was_on is None:
            await conn.execute(delete(switches).where(switches.c.action == "verify_email"))
        else:
            await conn.execute(
                update(switches).where(switches.c.action == "verify_email").values(enabled=was_on)
            )


async def switch_off(db: Database, action: str) -> None:
    async with db.sessions() as session, session.begin():
        switch = await session.scalar(select(MessageSetting).where(MessageSetting.action == action))
        if switch is None:
            session.add(MessageSetting(action=action, enabled=False))
        else:
            switch.enabled = False


async def test_every_process_reads_the_row_at_each_delivery(
    settings_row, smtp_server, database_url
):
    """Two deliverers (as two worker processes: their own engines and settings) started on
    the environment's server; the row then names another server; both send there."""
    second = SmtpServer()
    second.start()
    other_worker = Database(database_url)
    try:
        environment = smtp_settings(database_url, smtp_server)
        first_id = await _queued(settings_row)
        assert await deliver_mail(settings_row, environment, first_id) == Outcome.SENT
        async with settings_row.engine.begin() as conn:
            await conn.execute(
                update(Setting).values(
                    smtp_host="127.0.0.1", smtp_port=second.port, email_service="smtp"
                )
            )
        later = [await _queued(settings_row), await _queued(settings_row)]

        outcomes = [
            await deliver_mail(settings_row, environment, later[0]),
            await deliver_mail(other_worker, environment, later[1]),
        ]

        assert outcomes == [Outcome.SENT, Outcome.SENT]
        assert len(smtp_server.received) == 1 and len(second.received) == 2
    finally:
        second.stop()
        await other_worker.dispose()


async def test_a_switched_off_kind_is_marked_disabled_and_never_retried(
    settings_row, smtp_server, database_url
):
    environment = smtp_settings(database_url, smtp_server)
    await switch_off(settings_row, "verify_email")
    mail_id = await _queued(settings_row)

    first = await deliver_mail(settings_row, environment, mail_id)
    again = await deliver_mail(settings_row, environment, mail_id)

    assert (first, again) == (Outcome.DISABLED, Outcome.SKIPPED)
    assert (await load_mail(settings_row, mail_id)).status == MailStatus.DISABLED
    assert smtp_server.received == []
