"""Celery mode: a real worker process (Redis broker) runs the export job; `/v1/tasks/{id}`
reads its progress and outcome from the database the worker writes."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from hallway.config import Settings
from tests.appfixtures import MEDIA_ROOT
from tests.redisfixtures import REDIS_URL, requires_redis
from tests.sessions.helpers import accepted_talk, program

pytestmark = requires_redis
FINISH_TIMEOUT_SECONDS = 90


@pytest.fixture
def settings(database_url: str, smtp: Any) -> Settings:
    return Settings(
        database_url=database_url,
        secret_key="test-secret-key-for-hallway-tests",
        redis_url=REDIS_URL,
        upload_dir=MEDIA_ROOT,
    )


@pytest.fixture
def worker(database_url: str, tmp_path: Path) -> Iterator[Path]:
    log = tmp_path / "worker.log"
    env = os.environ | {"REDIS_URL": REDIS_URL, "DATABASE_URL": database_url}
    command = [
        sys.executable, "-m", "celery", "-A", "hallway.jobs.celery_app", "worker",
        "--pool=solo", "--loglevel=INFO", "--without-gossip", "--without-mingle",
        f"--hostname=hallway-export-{uuid.uuid4().hex[:8]}@%h",
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


async def test_a_worker_runs_the_export(client, app_db, worker):
    c = await program(client, app_db)
    await accepted_talk(client, c)
    started = await client.post(
        f"/v1/events/{c.event_id}/export/json", json={}, headers=c.headers("owner")
    )
    assert started.status_code == 200, started.text
    url = started.json()["task_url"]

    status: dict[str, Any] = {}
    async with asyncio.timeout(FINISH_TIMEOUT_SECONDS):
        while status.get("state") not in ("SUCCESS", "FAILURE"):
            await asyncio.sleep(0.5)
            status = (await client.get(url, headers=c.headers("owner"))).json()

    assert status["state"] == "SUCCESS", (status, worker.read_text()[-3000:])
    download = await client.get(status["result"]["download_url"])
    assert download.status_code == 200
    assert download.content.startswith(b"PK")
