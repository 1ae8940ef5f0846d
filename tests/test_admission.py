"""At most REQUESTS_AT_ONCE API requests are worked on at once per process: the others wait
their turn (in order, nothing done for them yet) and get a 503 with `Retry-After` once they have
waited REQUEST_WAIT_SECONDS. Slow senders and slow readers hold no turn; health checks are
never held."""

from __future__ import annotations

import asyncio
import gc
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI
from httpx import AsyncClient, Response
from sqlalchemy import func, select

from hallway.config import Settings
from hallway.db import Database
from hallway.events.models import Event
from hallway.jobs import TaskState, enqueue, job_state
from hallway.jsonapi.http import MEDIA_TYPE
from hallway.main import create_app
from tests.appfixtures import app, jwt, login, make_user, settings, smtp  # noqa: F401
from tests.conftest import client_for, http_scope
from tests.events.helpers import event_body
from tests.jobs import tasks  # noqa: F401 - declares the testing tasks
from tests.mail.conftest import eventually

MANY = 12


@asynccontextmanager
async def limited(
    settings: Settings,  # noqa: F811
    app_db: Database,
    *,
    at_once: int,
    wait: float,
) -> AsyncIterator[tuple[FastAPI, AsyncClient]]:
    served = create_app(
        settings.model_copy(update={"requests_at_once": at_once, "request_wait_seconds": wait}),
        database=app_db,
    )
    async with client_for(served) as http:
        yield served, http


async def together(*requests: Any) -> list[Response]:
    return list(await asyncio.gather(*requests))


async def test_requests_beyond_the_limit_wait_their_turn(settings, app, app_db):  # noqa: F811
    async with limited(settings, app_db, at_once=1, wait=30) as (_, http):
        answers = await together(*(http.get("/v1/events") for _ in range(MANY)))

    assert [a.status_code for a in answers] == [200] * MANY


async def test_a_request_not_let_in_in_time_gets_503_and_changes_nothing(
    settings,  # noqa: F811
    app,  # noqa: F811
    app_db,
):
    await make_user(app_db, "organizer@example.com")
    async with limited(settings, app_db, at_once=1, wait=0) as (_, http):
        headers = jwt(await login(http, "organizer@example.com"))
        answers = await together(
            *(
                http.post("/v1/events", json=event_body(f"Event {n}"), headers=headers)
                for n in range(MANY)
            )
        )
        after = await http.get("/v1/events")

    statuses = [a.status_code for a in answers]
    assert set(statuses) == {201, 503}, statuses
    busy = next(a for a in answers if a.status_code == 503)
    assert busy.headers["Retry-After"] == "5"
    assert busy.headers["content-type"] == MEDIA_TYPE
    assert busy.json()["errors"][0]["source"] == {"code": "busy"}
    async with app_db.sessions() as session:
        stored = await session.scalar(select(func.count()).select_from(Event))
    assert stored == statuses.count(201)
    assert after.status_code == 200  # every turn was given back


async def test_no_limit_lets_every_request_in_at_once(settings, app, app_db):  # noqa: F811
    async with limited(settings, app_db, at_once=0, wait=0) as (_, http):
        answers = await together(*(http.get("/v1/events") for _ in range(MANY)))

    assert [a.status_code for a in answers] == [200] * MANY


async def test_health_checks_and_stripes_webhook_are_never_held(settings, app, app_db):  # noqa: F811
    unsigned = {"Stripe-Signature": "t=1,v1=00", "Content-Type": "application/json"}
    async with limited(settings, app_db, at_once=1, wait=0) as (_, http):
        answers = await together(
            *(http.get("/v1/events") for _ in range(MANY)),
            *(http.get("/health/ready") for _ in range(MANY)),
            *(
                http.post("/v1/payments/stripe/webhook", content=b"{}", headers=unsigned)
                for _ in range(MANY)
            ),
        )

    events, health, webhook = answers[:MANY], answers[MANY : 2 * MANY], answers[2 * MANY :]
    assert 503 in {a.status_code for a in events}  # the limit was reached meanwhile
    assert [a.status_code for a in health] == [200] * MANY
    assert 503 not in {a.status_code for a in webhook}, [a.text for a in webhook]


async def test_a_slow_sender_holds_no_turn(settings, app, app_db):  # noqa: F811
    release = asyncio.Event()

    async def held_body() -> AsyncIterator[bytes]:
        yield b'{"email": "nobody@example.com", '
        await release.wait()
        yield b'"password": "not-the-password"}'

    async with limited(settings, app_db, at_once=1, wait=0) as (_, http):
        sending = asyncio.create_task(
            http.post(
                "/v1/auth/login",
                content=held_body(),
                headers={"Content-Type": "application/json"},
            )
        )
        await asyncio.sleep(0.2)
        meanwhile = await http.get("/v1/events")
        release.set()
        sent = await sending

    assert meanwhile.status_code == 200
    assert sent.status_code == 401


async def test_a_slow_reader_holds_no_turn(settings, app, app_db):  # noqa: F811
    """An answer being sent to a client that does not read it: its turn is already over."""
    release = asyncio.Event()
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        if not sent:
            return {"type": "http.request", "body": b"", "more_body": False}
        await release.wait()
        return {"type": "http.disconnect"}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)
        if message["type"] == "http.response.body":
            await release.wait()

    async with limited(settings, app_db, at_once=1, wait=0) as (served, http):
        reading = asyncio.create_task(served(http_scope("GET", "/v1/events"), receive, send))
        await eventually(lambda: sent)
        meanwhile = await http.get("/v1/events")
        release.set()
        await reading

    assert sent[0]["status"] == 200
    assert meanwhile.status_code == 200


async def test_the_lifespan_passes_through_and_starts_the_jobs(settings, app_db):  # noqa: F811
    """As a server runs the app: its start-up (the in-process jobs) goes through the stack."""
    served = create_app(settings, database=app_db)
    steps: asyncio.Queue[dict[str, str]] = asyncio.Queue()
    sent: list[str] = []

    async def send(message: dict[str, Any]) -> None:
        sent.append(message["type"])

    await steps.put({"type": "lifespan.startup"})
    scope = {"type": "lifespan", "asgi": {"version": "3.0"}, "state": {}}
    lifespan = asyncio.create_task(served(scope, steps.get, send))
    try:
        # Start-up first ends the jobs an earlier app left (up to their grace period), and
        # a job waits for a quiet moment (up to its patience): both bounded well within.
        await eventually(lambda: sent, within=60)
        job = await enqueue("testing.add", 1, 2)

        async def done() -> bool:
            return await job_state(job) == TaskState("SUCCESS", {"sum": 3})

        await eventually(done, within=60)
    finally:
        await steps.put({"type": "lifespan.shutdown"})
        await lifespan
        gc.unfreeze()  # what start-up froze, for the rest of the tests

    assert sent == ["lifespan.startup.complete", "lifespan.shutdown.complete"]
