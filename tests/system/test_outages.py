"""Outages: a database or Redis that does not answer (here: an address where nothing
listens) gets 503 with Retry-After and an error naming it, one log line per kind of failure,
and login and reads go on while Redis is down."""

from __future__ import annotations

import asyncio
import logging

import pytest
from sqlalchemy import text

from hallway.config import Settings
from hallway.db import Database
from hallway.jobs import enqueue, job_state, start_jobs, stop_jobs
from hallway.main import create_app
from hallway.outages import outage_log
from tests.appfixtures import PASSWORD, make_user
from tests.conftest import clean_app_tables, client_for
from tests.system.processes import free_port

JSONAPI = {"Accept": "application/vnd.api+json"}


@pytest.fixture
def fresh_outage_log():
    outage_log.restart()
    yield
    outage_log.restart()


def _no_tracebacks(records: list[logging.LogRecord]) -> bool:
    return not [r for r in records if r.exc_info]


async def test_a_database_that_does_not_answer_is_a_503_logged_once(caplog, fresh_outage_log):
    dead = f"postgresql://hallway:hallway@127.0.0.1:{free_port()}/hallway"
    app = create_app(Settings(database_url=dead, secret_key="x" * 40, redis_url=None))
    caplog.set_level(logging.INFO)
    async with client_for(app) as client:
        reads = [await client.get("/v1/events", headers=JSONAPI) for _ in range(20)]
        login = await client.post("/auth/session", json={"email": "a@b.co", "password": "x" * 9})
    await app.state.db.dispose()

    assert {r.status_code for r in reads} == {503} and login.status_code == 503
    assert reads[0].headers["Retry-After"] == "5"
    [error] = reads[0].json()["errors"]
    assert error["status"] == 503 and error["title"] == "Service unavailable"
    assert error["detail"] == "The database is unavailable; try again in a few seconds"
    assert error["source"] == {"code": "database-unavailable"}
    lines = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(lines) == 1 and lines[0].getMessage().startswith("database unavailable: ")
    assert _no_tracebacks(caplog.records)


async def test_login_and_reads_go_on_while_redis_is_down(app_db, database_url, caplog):
    await make_user(app_db, "during@outage.test")
    settings = Settings(
        database_url=database_url,
        secret_key="x" * 40,
        redis_url=f"redis://127.0.0.1:{free_port()}/10",
        login_limit_per_minute=3,
    )
    app = create_app(settings, database=app_db)
    caplog.set_level(logging.INFO)
    try:
        async with client_for(app) as client:
            login = await client.post(
                "/auth/session", json={"email": "during@outage.test", "password": PASSWORD}
            )
            events = await client.get("/v1/events", headers=JSONAPI)
            wrong = {"email": "during@outage.test", "password": "not the password"}
            guesses = [
                (await client.post("/auth/session", json=wrong)).status_code for _ in range(4)
            ]
    finally:
        await clean_app_tables(app_db)

    assert login.status_code == 200 and "access_token" in login.json()
    assert events.status_code == 200
    # Still limited, counted in this process: three guesses a minute, the fourth refused.
    assert guesses == [401, 401, 429, 429]
    fallback = [r for r in caplog.records if "counted in this process" in r.getMessage()]
    assert len(fallback) == 1 and _no_tracebacks(caplog.records)


async def test_a_sign_up_while_redis_is_down_keeps_its_mail_and_logs_no_retries(
    app_db, database_url, caplog
):
    settings = Settings(
        database_url=database_url,
        secret_key="x" * 40,
        redis_url=f"redis://127.0.0.1:{free_port()}/10",
    )
    await start_jobs(settings, app_db)
    app = create_app(settings, database=app_db)
    caplog.set_level(logging.INFO)
    body = {
        "data": {"type": "user", "attributes": {"email": "new@example.com", "password": PASSWORD}}
    }
    try:
        async with client_for(app) as client:
            signup = await client.post(
                "/v1/users", json=body, headers={"Content-Type": "application/vnd.api+json"}
            )
            await asyncio.sleep(2)  # a subscription to the job's result would retry meanwhile
        async with app_db.engine.connect() as conn:
            pending = await conn.scalar(text("select count(*) from outbox_mails"))
    finally:
        await stop_jobs()
        await clean_app_tables(app_db)

    assert signup.status_code == 201
    assert pending == 1  # delivered by the sweeper once Redis is back
    assert not [r for r in caplog.records if r.name.startswith("celery")]


async def test_a_job_that_meets_a_database_outage_logs_no_traceback(caplog, fresh_outage_log):
    dead = f"postgresql://hallway:hallway@127.0.0.1:{free_port()}/hallway"
    settings = Settings(database_url=dead, secret_key="x" * 40, redis_url=None)
    db = Database(settings.database_url)
    caplog.set_level(logging.INFO)
    await start_jobs(settings, db, periodic={})
    try:
        states = []
        for _ in range(3):  # as the sweeper does every 30 seconds
            job_id = await enqueue("mail.sweep")
            await asyncio.sleep(0.3)
            states.append(await job_state(job_id))
    finally:
        await stop_jobs()
        await db.dispose()

    assert {state.state for state in states if state} == {"FAILURE"}
    assert _no_tracebacks(caplog.records)
    assert [r.getMessage()[:21] for r in caplog.records] == ["database unavailable:"]
