"""Health, readiness and liveness."""

from __future__ import annotations

import logging

from hallway.config import Settings
from hallway.db import Database
from hallway.main import create_app
from tests.conftest import StatementCounter, client_for
from tests.system.processes import free_port


async def test_health_check_passes_on_a_migrated_database(client):
    response = await client.get("/health-check")

    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "success"
    assert {r["checker"]: r["passed"] for r in body["results"]} == {
        "health_check_db": True,
        "health_check_migrations": True,
    }
    assert (await client.get("/health/ready")).status_code == 200
    assert (await client.get("/health/live")).json() == {"status": "alive"}


async def test_health_check_fails_on_an_unmigrated_database(tmp_path):
    url = f"sqlite+aiosqlite:///{tmp_path / 'empty.db'}"
    db = Database(url)
    settings = Settings(database_url=url, secret_key="x" * 40, redis_url=None)
    app = create_app(settings, database=db)
    async with client_for(app) as client:
        health = await client.get("/health-check")
        ready = await client.get("/health/ready")
        live = await client.get("/health/live")
    await db.dispose()

    assert health.status_code == 503 and ready.status_code == 503
    assert health.json()["status"] == "failure"
    failed = {r["checker"] for r in health.json()["results"] if not r["passed"]}
    assert failed == {"health_check_migrations"}
    assert live.status_code == 200


async def test_health_check_reports_an_unreachable_redis(app_db, database_url):
    settings = Settings(
        database_url=database_url, secret_key="x" * 40, redis_url="redis://127.0.0.1:1/0"
    )
    app = create_app(settings, database=app_db)
    async with client_for(app) as client:
        response = await client.get("/health-check")

    assert response.status_code == 503
    results = {r["checker"]: r for r in response.json()["results"]}
    assert results["health_check_db"]["passed"] is True
    assert results["health_check_migrations"]["passed"] is True
    assert results["health_check_redis"]["passed"] is False
    assert results["health_check_celery"]["passed"] is False


async def test_info_names_the_build(client):
    response = await client.get("/info")

    assert response.json()["name"] == "hallway"


async def test_a_healthy_check_logs_nothing_and_compares_migrations_once(app_db, settings, caplog):
    app = create_app(settings, database=app_db)
    caplog.set_level(logging.INFO)
    async with client_for(app) as client:
        first = await client.get("/health-check")
        with StatementCounter(app_db) as later:
            again = await client.get("/health/ready")
        with StatementCounter(app_db) as asked:
            rechecked = await client.get("/health/ready?recheck=migrations")

    assert first.status_code == again.status_code == rechecked.status_code == 200
    assert not [r for r in caplog.records if r.name != "httpx"]
    assert later.count == 1  # select 1: the migrations were compared by the first check
    assert asked.count > 1


async def test_checks_keep_their_names_when_the_database_is_down():
    dead = f"postgresql://hallway:hallway@127.0.0.1:{free_port()}/hallway"
    settings = Settings(database_url=dead, secret_key="x" * 40, redis_url=None)
    app = create_app(settings)
    async with client_for(app) as client:
        response = await client.get("/health-check")
    await app.state.db.dispose()

    assert response.status_code == 503
    assert {r["checker"]: r["passed"] for r in response.json()["results"]} == {
        "health_check_db": False,
        "health_check_migrations": False,
    }
