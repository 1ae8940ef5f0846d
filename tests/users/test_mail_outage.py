"""Nothing is lost when the SMTP server is down: a sign-up while it is stopped keeps its
verification mail in the outbox, and the sweeper delivers it, once, after the server is back."""

from __future__ import annotations

import asyncio
import re
from collections.abc import AsyncIterator, Iterator
from datetime import timedelta

import pytest
from fastapi import FastAPI
from httpx import AsyncClient
from sqlalchemy import select, update

from hallway.aftercommit import drain
from hallway.config import Settings
from hallway.db import Database
from hallway.jobs import start_jobs, stop_jobs
from hallway.mail import MailStatus, OutboxMail, deliver_due
from hallway.mail.delivery import utcnow
from hallway.main import create_app
from hallway.users.models import User
from tests.appfixtures import JSONAPI, PASSWORD, settle
from tests.conftest import clean_app_tables, client_for
from tests.mail.servers import SmtpServer

SECRET = "test-secret-key-for-the-mail-outage-tests"
NOTHING_DUE = {"sent": 0, "retry": 0, "failed": 0, "skipped": 0, "disabled": 0}


@pytest.fixture
def smtp_server() -> Iterator[SmtpServer]:
    """An SMTP server on a port of its own, not started: the outage comes first."""
    server = SmtpServer()
    yield server
    server.stop()


@pytest.fixture
def outage_settings(database_url: str, smtp_server: SmtpServer) -> Settings:
    return Settings(
        database_url=database_url,
        secret_key=SECRET,
        mail_backend="smtp",
        smtp_host="127.0.0.1",
        smtp_port=smtp_server.port,
        smtp_encryption="none",
        frontend_url="https://frontend.test",
        redis_url=None,
    )


@pytest.fixture
async def outage_client(outage_settings: Settings, app_db: Database) -> AsyncIterator[AsyncClient]:
    await start_jobs(outage_settings, app_db, periodic={})
    app: FastAPI = create_app(outage_settings, database=app_db)
    try:
        async with client_for(app) as http:
            yield http
    finally:
        async with asyncio.timeout(30):
            await drain()
        await stop_jobs()
        await clean_app_tables(app_db)


async def outbox(db: Database) -> list[OutboxMail]:
    async with db.sessions() as session:
        return list(await session.scalars(select(OutboxMail).order_by(OutboxMail.id)))


async def make_due(db: Database, mail_id: int) -> None:
    """Move the retry into the past instead of sleeping through the backoff."""
    async with db.engine.begin() as conn:
        await conn.execute(
            update(OutboxMail)
            .where(OutboxMail.id == mail_id)
            .values(next_attempt_at=utcnow() - timedelta(seconds=1))
        )


def token_in(text: str) -> str:
    match = re.search(r"https://frontend\.test/verify\?token=([A-Za-z0-9_.-]+)", text)
    assert match, text
    return match.group(1)


async def test_sign_up_during_an_smtp_outage_mails_the_link_once_the_server_is_back(
    outage_client, outage_settings, app_db, smtp_server
):
    signed_up = await outage_client.post(
        "/v1/users",
        headers={"Content-Type": JSONAPI},
        json={
            "data": {
                "type": "user",
                "attributes": {"email": "new@example.com", "password": PASSWORD},
            }
        },
    )
    await settle()

    assert signed_up.status_code == 201
    assert signed_up.json()["data"]["attributes"]["is-verified"] is False
    (waiting,) = await outbox(app_db)
    assert (waiting.recipient, waiting.template) == ("new@example.com", "verify_email")
    assert (waiting.status, waiting.attempts) == (MailStatus.PENDING, 1)
    assert f"127.0.0.1:{smtp_server.port}" in (waiting.last_error or "")
    assert waiting.next_attempt_at > utcnow() and waiting.claimed_until is None
    assert smtp_server.received == []
    # While the backoff runs, the sweeper leaves the mail alone.
    assert await deliver_due(app_db, outage_settings) == NOTHING_DUE

    smtp_server.start()
    await make_due(app_db, waiting.id)
    swept = await deliver_due(app_db, outage_settings)
    swept_again = await deliver_due(app_db, outage_settings)

    assert swept == {**NOTHING_DUE, "sent": 1}
    assert swept_again == NOTHING_DUE
    (received,) = smtp_server.received
    assert received.rcpt_tos == ["new@example.com"]
    assert received.message["Subject"] == "Confirm your email address for Hallway"
    (delivered,) = await outbox(app_db)
    assert (delivered.status, delivered.attempts) == (MailStatus.SENT, 2)
    assert delivered.sent_at is not None and delivered.claimed_until is None
    text = received.message.get_body(preferencelist=("plain",)).get_content()
    verified = await outage_client.post(
        "/v1/auth/verify-email", json={"data": {"token": token_in(text)}}
    )
    assert verified.status_code == 200 and verified.json() == {"message": "Email Verified"}
    async with app_db.sessions() as session:
        user = await session.get(User, int(signed_up.json()["data"]["id"]))
    assert user is not None and user.is_verified
