"""With REDIS_URL, live notifications cross processes: a connection on one server process
hears what was created through another, and what a process serving no sockets (a job
worker) creates; each user still hears only their own."""

from __future__ import annotations

import asyncio
import os
import socket
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI
from httpx import AsyncClient
from redis import Redis

from hallway.config import Settings
from hallway.db import Database
from hallway.main import create_app
from hallway.realtime.hub import channel_of
from hallway.realtime.server import stop_live
from tests.orders.served import served
from tests.realtime.helpers import QUIET_SECONDS, Listener, propose, two_owners
from tests.realtime.test_live import identity
from tests.redisfixtures import REDIS_URL, delete_keys, requires_redis

pytestmark = requires_redis
CELERY_KEYS = ("celery*", "_kombu*", "unacked*")
ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _environment(settings: Settings) -> dict[str, str]:
    return os.environ | {
        "DATABASE_URL": settings.database_url,
        "REDIS_URL": REDIS_URL,
        "SECRET_KEY": settings.resolved_secret_key(),
        "MAIL_BACKEND": "console",
        "FRONTEND_URL": settings.frontend_url,
    }


@pytest.fixture
def second_process(settings: Settings, tmp_path: Path) -> Iterator[str]:
    """`hallway.main:create_app` served by uvicorn in a child process, with Redis."""
    port = _free_port()
    command = [
        sys.executable, "-m", "uvicorn", "--factory", "hallway.main:create_app",
        "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning",
    ]  # fmt: skip
    log = tmp_path / "server.log"
    with log.open("wb") as output:
        process = subprocess.Popen(  # noqa: S603 - our own interpreter and app
            command, env=_environment(settings), cwd=ROOT, stdout=output, stderr=subprocess.STDOUT
        )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_live(base, process, log)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        delete_keys(*CELERY_KEYS)


def _wait_until_live(base: str, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 180  # a loaded machine imports slowly
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(log.read_text())
        try:
            if httpx.get(f"{base}/health/live", timeout=2).is_success:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.1)
    raise RuntimeError(f"the second server did not start:\n{log.read_text()}")


@pytest.fixture
async def first_process(settings: Settings, app_db: Database) -> AsyncIterator[FastAPI]:
    """This process's server, with Redis."""
    app = create_app(settings.model_copy(update={"redis_url": REDIS_URL}), database=app_db)
    yield app
    await stop_live(app)


async def _subscribed(count: int) -> None:
    """Until `count` server processes listen on the channel (each after its first client)."""
    channel = channel_of(REDIS_URL)
    with Redis.from_url(REDIS_URL) as redis:
        for _ in range(500):
            if dict(redis.pubsub_numsub(channel)).get(channel.encode(), 0) >= count:
                return
            await asyncio.sleep(0.02)
    raise TimeoutError(f"{count} listeners expected on {channel}")


@pytest.fixture
def pusher(settings: Settings) -> Iterator[subprocess.Popen[str]]:
    """The process serving no sockets, started beside the second server (imports overlap)."""
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.realtime.pusher"],
        env=_environment(settings),
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    yield process
    if process.poll() is None:
        process.kill()
    process.communicate(timeout=30)


async def test_notifications_cross_processes_through_redis(
    pusher: subprocess.Popen[str],
    first_process: FastAPI,
    second_process: str,
    client: AsyncClient,
    app_db: Database,
) -> None:
    """Client A on this process, B on the second: what is created through the second process,
    and by a process serving no sockets, reaches its user's connection, and only that."""
    owners = await two_owners(client, app_db)
    here, there = Listener(), Listener()
    async with served(first_process, connections=4) as http:
        await here.connect(str(http.base_url), auth={"token": owners.token("owner")})
        await there.connect(second_process, auth={"token": owners.token("stranger")})
        await _subscribed(2)
        try:
            async with AsyncClient(base_url=second_process, timeout=30) as through_second:
                await propose(through_second, owners.first, "Across processes")
                near = await here.next()
                await propose(through_second, owners.second, "Same process")
                far = await there.next()
            pushed = await asyncio.to_thread(_push_from, pusher, identity(owners.token("owner")))
            from_job = await here.next()
            await asyncio.sleep(QUIET_SECONDS)
        finally:
            await here.close()
            await there.close()

    assert [len(here.received), len(there.received)] == [2, 1]
    assert "Across processes" in near["data"]["attributes"]["message"]
    assert "Same process" in far["data"]["attributes"]["message"]
    assert from_job["data"]["attributes"]["title"] == "From a job"
    # Imported for its first push alone, not at start-up.
    assert pushed == ("ready False", "True")


def _push_from(process: subprocess.Popen[str], user_id: int) -> tuple[str, str]:
    assert process.stdin is not None and process.stdout is not None
    ready = process.stdout.readline().strip()
    process.stdin.write(f"{user_id}\n")
    process.stdin.flush()
    return ready, process.stdout.readline().strip()
