"""The outbox table on the test database, a real SMTP server, and settings for them."""

from __future__ import annotations

import asyncio
import inspect
from collections.abc import AsyncIterator, Callable, Iterator
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import delete, update

from hallway.aftercommit import drain
from hallway.config import Settings
from hallway.db import Database
from hallway.jobs import stop_jobs
from hallway.mail import OutboxMail
from hallway.mail.delivery import utcnow
from hallway.mail.models import MessageSetting, SentMail
from hallway.settings.models import Setting
from tests.mail.servers import SmtpServer

MAIL_FROM = "Hallway <noreply@hallway.test>"
VERIFY_CONTEXT = {
    "app_name": "Hallway",
    "user_name": "Ann Lee",
    "verify_url": "https://hallway.test/verify?token=abc",
}


def mail_settings(database_url: str, **changes: Any) -> Settings:
    values: dict[str, Any] = {
        "database_url": database_url,
        "redis_url": None,
        "secret_key": "test",
        "mail_backend": "console",
        "mail_from": MAIL_FROM,
        "mail_max_attempts": 3,
    }
    return Settings(**(values | changes))


def smtp_settings(database_url: str, smtp: SmtpServer, **changes: Any) -> Settings:
    return mail_settings(
        database_url,
        mail_backend="smtp",
        smtp_host="127.0.0.1",
        smtp_port=smtp.port,
        smtp_encryption="none",
        **changes,
    )


async def settle() -> None:
    async with asyncio.timeout(30):
        await drain()


async def eventually(check: Callable[[], Any], *, within: float = 10.0) -> Any:
    """Poll `check` (sync or async) until it returns something truthy; that value."""
    async with asyncio.timeout(within):
        while True:
            found = check()
            if inspect.isawaitable(found):
                found = await found
            if found:
                return found
            await asyncio.sleep(0.05)


async def load_mail(db: Database, mail_id: int) -> OutboxMail:
    async with db.sessions() as session:
        mail = await session.get(OutboxMail, mail_id)
    assert mail is not None
    return mail


async def make_due(db: Database, mail_id: int) -> None:
    """Move the next attempt into the past instead of waiting for the backoff."""
    async with db.engine.begin() as conn:
        await conn.execute(
            update(OutboxMail)
            .where(OutboxMail.id == mail_id)
            .values(next_attempt_at=utcnow() - timedelta(seconds=1))
        )


@pytest.fixture(scope="session")
async def mail_db(database_url: str) -> AsyncIterator[Database]:
    db = Database(database_url)
    yield db
    await db.dispose()


@pytest.fixture
async def outbox(mail_db: Database) -> AsyncIterator[Database]:
    """The database with an empty outbox table (and the tables delivery reads and writes);
    jobs stopped and rows removed afterwards."""
    tables = (OutboxMail, SentMail, MessageSetting, Setting)
    async with mail_db.engine.begin() as conn:
        for model in tables:
            await conn.run_sync(model.__table__.create, checkfirst=True)
    yield mail_db
    await stop_jobs()
    await settle()
    async with mail_db.engine.begin() as conn:
        await conn.execute(delete(OutboxMail))
        await conn.execute(delete(SentMail))


@pytest.fixture
def smtp_server() -> Iterator[SmtpServer]:
    server = SmtpServer()
    server.start()
    yield server
    server.stop()
