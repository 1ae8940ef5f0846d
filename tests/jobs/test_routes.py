"""GET /v1/tasks/{task_id} on the real app."""

from __future__ import annotations

import pytest

from hallway.config import Settings
from hallway.jobs import enqueue, start_jobs, stop_jobs
from hallway.jobs.routes import router
from hallway.main import create_app
from tests.conftest import client_for
from tests.jobs import tasks  # noqa: F401  (declares the testing.* tasks)
from tests.mail.conftest import mail_settings, settle


def _register(app, api) -> None:
    app.include_router(router)


@pytest.fixture
async def client(outbox, database_url):
    settings: Settings = mail_settings(database_url)
    await start_jobs(settings, outbox, periodic={})
    app = create_app(settings, database=outbox, register=_register)
    async with client_for(app) as http:
        yield http
    await stop_jobs()


async def test_finished_task_reports_success_and_result(client):
    job_id = await enqueue("testing.add", 20, 22)
    await settle()

    response = await client.get(f"/v1/tasks/{job_id}")

    assert response.status_code == 200
    assert response.json() == {"state": "SUCCESS", "result": {"sum": 42}}


async def test_failed_task_reports_failure_without_its_message(client):
    job_id = await enqueue("testing.explode")
    await settle()

    response = await client.get(f"/v1/tasks/{job_id}")

    assert response.status_code == 200
    assert response.json() == {"state": "FAILURE", "result": {"error": "ToyFailure"}}
    assert "secret-token-123" not in response.text


async def test_unknown_task_is_404(client):
    response = await client.get("/v1/tasks/5d1f3a9e-0000-4000-8000-000000000000")

    assert response.status_code == 404
    [error] = response.json()["errors"]
    assert error["status"] == 404
    assert error["title"] == "Object not found"
