"""A Celery worker logs as the server does: JSON lines in production, one record per task with
its name, id, final state and duration, and none of Celery's own per-task lines."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from hallway.jobs import TaskState, enqueue, job_state, start_jobs, stop_jobs
from tests.mail.conftest import eventually, smtp_settings
from tests.mail.servers import SmtpServer
from tests.redisfixtures import REDIS_URL, requires_redis

pytestmark = requires_redis
TIMEOUT_SECONDS = 60


@pytest.fixture(params=["solo", "prefork"])
def worker_log(
    request: pytest.FixtureRequest, database_url: str, smtp_server: SmtpServer, tmp_path: Path
) -> Iterator[Path]:
    """`hallway worker` in production mode in its own process (the tasks in it, or in a child
    process of its pool); its output."""
    log = tmp_path / "worker.log"
    env = {
        "PATH": "/usr/bin:/bin",
        "ENVIRONMENT": "production",
        "SECRET_KEY": "worker-logs",
        "REDIS_URL": REDIS_URL,
        "DATABASE_URL": database_url,
        "MAIL_BACKEND": "smtp",
        "SMTP_HOST": "127.0.0.1",
        "SMTP_PORT": str(smtp_server.port),
    }
    pool = ["--pool", request.param, "--concurrency", "1"]
    command = [sys.executable, "-m", "hallway.cli", "worker", *pool]
    with log.open("wb") as output:
        process = subprocess.Popen(  # noqa: S603 - our own interpreter and module
            command, env=env, cwd=tmp_path, stdout=output, stderr=subprocess.STDOUT
        )
    yield log
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


async def _finished(job_id: str) -> TaskState | None:
    state = await job_state(job_id)
    return state if state and state.state in ("SUCCESS", "FAILURE") else None


def _records(log: Path) -> list[dict]:
    lines = log.read_text().splitlines()
    return [json.loads(line) for line in lines if line.startswith("{")]


async def test_a_worker_logs_one_json_line_per_task(outbox, smtp_server, worker_log, database_url):
    await start_jobs(smtp_settings(database_url, smtp_server, redis_url=REDIS_URL), outbox)
    try:
        job_id = await enqueue("mail.sweep")
        state = await eventually(lambda: _finished(job_id), within=TIMEOUT_SECONDS)
    except TimeoutError:
        pytest.fail(f"the worker did not run the task; its log:\n{worker_log.read_text()}")
    finally:
        await stop_jobs()
    text = worker_log.read_text()

    assert state.state == "SUCCESS"
    lines = [line for line in text.splitlines() if job_id in line]
    [record] = [json.loads(line) for line in lines]  # only ours names the task's id
    assert record["logger"] == "hallway.tasks" and record["level"] == "info"
    assert (record["task"], record["task_id"], record["state"]) == ("mail.sweep", job_id, "SUCCESS")
    assert isinstance(record["duration_ms"], float) and record["timestamp"].endswith("Z")
    assert all("timestamp" in r and "level" in r for r in _records(worker_log))
    assert "succeeded in" not in text
