"""Embedded jobs give way to requests: a job waits while the server is busy serving them,
and runs once it is not, or when it has waited its patience out; on an idle server at once."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

from hallway import traffic
from hallway.jobs import TaskState, embedded, enqueue, job_state
from tests.jobs import tasks  # noqa: F401 - declares the testing tasks
from tests.mail.conftest import eventually, settle


def _held_login(release: asyncio.Event) -> AsyncIterator[bytes]:
    async def body() -> AsyncIterator[bytes]:
        yield b'{"email": "nobody@example.com", '
        await release.wait()
        yield b'"password": "not-the-password"}'

    return body()


async def _job_while_a_request_is_in_flight(client) -> tuple[TaskState | None, str, int]:
    release = asyncio.Event()
    login = asyncio.create_task(
        client.post(
            "/v1/auth/login",
            content=_held_login(release),
            headers={"Content-Type": "application/json"},
        )
    )
    await eventually(lambda: traffic.in_flight() > 0)
    job_id = await enqueue("testing.add", 1, 2)
    await asyncio.sleep(0.5)
    during = await job_state(job_id)
    release.set()
    answer = await login
    return during, job_id, answer.status_code


async def test_a_job_waits_while_a_request_is_in_flight(client):
    during, job_id, status = await _job_while_a_request_is_in_flight(client)
    await settle()

    assert during == TaskState("PENDING")
    assert status == 401
    assert traffic.in_flight() == 0
    assert await job_state(job_id) == TaskState("SUCCESS", {"sum": 3})


async def test_a_job_runs_under_load_once_its_patience_is_out(client, monkeypatch):
    monkeypatch.setattr(embedded, "QUIET_PATIENCE", 0.1)
    during, _, status = await _job_while_a_request_is_in_flight(client)

    assert during == TaskState("SUCCESS", {"sum": 3})
    assert status == 401


async def test_a_job_of_an_idle_server_starts_at_once(client):
    answer = await client.get("/health-check")
    await asyncio.sleep(traffic.WINDOW)
    job_id = await enqueue("testing.add", 2, 2)
    for _ in range(10):  # a few turns of the loop, far less than a window
        await asyncio.sleep(0)

    assert answer.status_code == 200
    assert await job_state(job_id) == TaskState("SUCCESS", {"sum": 4})
