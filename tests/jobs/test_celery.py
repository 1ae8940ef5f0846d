"""Celery mode: a real worker process (Redis broker) delivers a mail queued here."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from hallway.jobs import TaskState, enqueue, job_state, start_jobs, stop_jobs
from hallway.mail import MailStatus, queue_mail
from tests.mail.conftest import (
    MAIL_FROM,
    VERIFY_CONTEXT,
    eventually,
    load_mail,
    settle,
    smtp_settings,
)
from tests.mail.servers import SmtpServer

# A Redis database of its own, so workers of other runs on the same Redis stay out of it.
REDIS_URL = "redis://127.0.0.1:6379/14"
DELIVERY_TIMEOUT_SECONDS = 60


def _redis_is_up() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1) as conn:
            conn.sendall(b"PING\r\n")
            return conn.recv(16).startswith(b"+PONG")
    except OSError:
        return False


pytestmark = pytest.mark.skipif(
    not _redis_is_up(), reason="Redis is not reachable at 127.0.0.1:6379 (CI starts it)"
)


@pytest.fixture
def worker(database_url: str, smtp_server: SmtpServer, tmp_path: Path) -> Iterator[Path]:
    """A Celery worker in its own process; its log file."""
    log = tmp_path / "worker.log"
    env = os.environ | {
        "REDIS_URL": REDIS_URL,
        "DATABASE_URL": database_url,
        "MAIL_BACKEND": "smtp",
        "MAIL_FROM": MAIL_FROM,
        "SMTP_HOST": "127.0.0.1",
        "SMTP_PORT": str(smtp_server.port),
        "SMTP_ENCRYPTION": "none",
    }
    command = [
        sys.executable, "-m", "celery", "-A", "hallway.jobs.celery_app", "worker",
        "--pool=solo", "--loglevel=INFO", "--without-gossip", "--without-mingle",
        f"--hostname=hallway-test-{uuid.uuid4().hex[:8]}@%h",
    ]  # fmt: skip
    with log.open("wb") as output:
        process = subprocess.Popen(command, env=env, stdout=output, stderr=subprocess.STDOUT)  # noqa: S603
    yield log
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


async def _finished(job_id: str) -> TaskState | None:
    state = await job_state(job_id)
    return state if state and state.state in ("SUCCESS", "FAILURE") else None


async def test_worker_delivers_mail_queued_in_celery_mode(
    outbox, smtp_server, worker, database_url
):
    settings = smtp_settings(database_url, smtp_server, redis_url=REDIS_URL)
    await start_jobs(settings, outbox)

    async with outbox.sessions() as session, session.begin():
        mail = await queue_mail(
            session, to="ann@example.com", template="verify_email", context=VERIFY_CONTEXT
        )
    await settle()
    try:
        await eventually(lambda: smtp_server.received, within=DELIVERY_TIMEOUT_SECONDS)
        sweep_id = await enqueue("mail.sweep")
        state = await eventually(lambda: _finished(sweep_id), within=DELIVERY_TIMEOUT_SECONDS)
    except TimeoutError:
        pytest.fail(f"the worker did not deliver in time; its log:\n{worker.read_text()}")
    finally:
        await stop_jobs()

    [received] = smtp_server.received
    assert received.message["To"] == "ann@example.com"
    assert received.message["Subject"] == "Confirm your email address for Hallway"
    assert state.state == "SUCCESS"
    assert state.result == {"sent": 0, "retry": 0, "failed": 0, "skipped": 0, "disabled": 0}
    row = await load_mail(outbox, mail.id)
    assert (row.status, row.attempts) == (MailStatus.SENT, 1)
