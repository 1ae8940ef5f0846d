"""The real distributed path: the server queues the verification mail of a sign-up on Redis
and a Celery worker in its own process delivers it to the SMTP server."""

from __future__ import annotations

import asyncio
import os
import re
import signal
import subprocess
import sys
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from sqlalchemy import select

from hallway.aftercommit import drain
from hallway.config import Settings
from hallway.db import Database
from hallway.jobs import start_jobs, stop_jobs
from hallway.mail import MailStatus, OutboxMail
from hallway.main import create_app
from hallway.users.models import User
from tests.appfixtures import JSONAPI, PASSWORD
from tests.conftest import clean_app_tables, client_for
from tests.mail.servers import SmtpServer
from tests.redisfixtures import REDIS_URL, delete_keys, requires_redis

pytestmark = requires_redis
DELIVERY_TIMEOUT_SECONDS = 60
SECRET = "test-secret-key-for-celery-signup"
CELERY_KEYS = ("celery*", "_kombu*", "unacked*")


@pytest.fixture
def smtp_server() -> Iterator[SmtpServer]:
    server = SmtpServer()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def worker(database_url: str, smtp_server: SmtpServer, tmp_path: Path) -> Iterator[Path]:
    """A Celery worker process on the test Redis database; its log file. Stopped in any case."""
    delete_keys(*CELERY_KEYS)
    log = tmp_path / "worker.log"
    env = os.environ | {
        "REDIS_URL": REDIS_URL,
        "DATABASE_URL": database_url,
        "MAIL_BACKEND": "smtp",
        "SMTP_HOST": "127.0.0.1",
        "SMTP_PORT": str(smtp_server.port),
        "SMTP_ENCRYPTION": "none",
    }
    command = [
        sys.executable, "-m", "celery", "-A", "hallway.jobs.celery_app", "worker",
        "--pool=solo", "--loglevel=INFO", "--without-gossip", "--without-mingle",
        f"--hostname=hallway-signup-{uuid.uuid4().hex[:8]}@%h",
    ]  # fmt: skip
    with log.open("wb") as output:
        process = subprocess.Popen(command, env=env, stdout=output, stderr=subprocess.STDOUT)  # noqa: S603
    try:
        yield log
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        delete_keys(*CELERY_KEYS)


@pytest.fixture
async def celery_app(
    database_url: str, smtp_server: SmtpServer, app_db: Database
) -> AsyncIterator[FastAPI]:
    """The server in Celery mode: it only queues; the worker delivers."""
    settings = Settings(
        database_url=database_url,
        redis_url=REDIS_URL,
        secret_key=SECRET,
        mail_backend="smtp",
        smtp_host="127.0.0.1",
        smtp_port=smtp_server.port,
        frontend_url="https://frontend.test",
    )
    await start_jobs(settings, app_db)
    app = create_app(settings, database=app_db)
    try:
        yield app
    finally:
        async with asyncio.timeout(30):
            await drain()
        await stop_jobs()
        await app.state.limiter.close()
        await clean_app_tables(app_db)


async def eventually_sent(db: Database, within: float) -> OutboxMail | None:
    """The outbox row once the worker has recorded the delivery (None if it never does)."""
    try:
        async with asyncio.timeout(within):
            while True:
                async with db.sessions() as session:
                    mail = await session.scalar(select(OutboxMail))
                if mail is not None and mail.status is not MailStatus.PENDING:
                    return mail
                await asyncio.sleep(0.1)
    except TimeoutError:
        return None


async def test_a_celery_worker_delivers_the_verification_mail_of_a_sign_up(
    celery_app, worker, smtp_server, app_db
):
    async with client_for(celery_app) as client:
        signed_up = await client.post(
            "/v1/users",
            headers={"Content-Type": JSONAPI},
            json={
                "data": {
                    "type": "user",
                    "attributes": {"email": "new@example.com", "password": PASSWORD},
                }
            },
        )
        mail = await eventually_sent(app_db, DELIVERY_TIMEOUT_SECONDS)
        if mail is None or not smtp_server.received:
            pytest.fail(f"the worker did not deliver in time; its log:\n{worker.read_text()}")

        assert signed_up.status_code == 201
        assert (mail.status, mail.attempts, mail.recipient) == (
            MailStatus.SENT,
            1,
            "new@example.com",
        )
        (received,) = smtp_server.received
        assert received.rcpt_tos == ["new@example.com"]
        assert received.message["Subject"] == "Confirm your email address for Hallway"
        text = received.message.get_body(preferencelist=("plain",)).get_content()
        match = re.search(r"https://frontend\.test/verify\?token=([A-Za-z0-9_.-]+)", text)
        assert match, text
        verified = await client.post(
            "/v1/auth/verify-email", json={"data": {"token": match.group(1)}}
        )

    assert verified.status_code == 200 and verified.json() == {"message": "Email Verified"}
    async with app_db.sessions() as session:
        user = await session.get(User, int(signed_up.json()["data"]["id"]))
    assert user is not None and user.is_verified
    assert "mail.deliver" in worker.read_text()
