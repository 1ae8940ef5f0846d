"""/metrics: closed without METRICS_TOKEN, refused without the token, and counting requests by
route template (never by raw id), latency, connections, mail and rate-limit refusals."""

from __future__ import annotations

import socket
from collections.abc import AsyncIterator
from datetime import UTC, datetime

import pytest
from fastapi import FastAPI
from httpx import AsyncClient
from redis import Redis

from hallway.config import Settings
from hallway.db import Database
from hallway.mail.models import MailStatus, OutboxMail
from hallway.main import create_app
from hallway.metrics.scrape import CELERY_QUEUE
from tests.conftest import client_for
from tests.metrics.scraping import BEARER, TOKEN, samples, value
from tests.redisfixtures import REDIS_URL, delete_keys, requires_redis

REQUESTS = "hallway_http_requests_total"


@pytest.fixture
async def metered(settings: Settings, app: FastAPI, app_db: Database) -> AsyncIterator[AsyncClient]:
    """The app with METRICS_TOKEN set (and one login a minute per account and address)."""
    metered = settings.model_copy(update={"metrics_token": TOKEN, "login_limit_per_minute": 1})
    async with client_for(create_app(metered, database=app_db)) as http:
        yield http


async def scrape(client: AsyncClient) -> str:
    response = await client.get("/metrics", headers=BEARER)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/plain; version=0.0.4")
    return response.text


async def test_metrics_answer_404_when_no_token_is_configured(client):
    response = await client.get("/metrics", headers=BEARER)

    assert response.status_code == 404
    assert response.json()["errors"][0]["status"] == 404
    assert "hallway_http" not in response.text


@pytest.mark.parametrize(
    "headers",
    [{}, {"Authorization": "Bearer wrong-token"}, {"Authorization": f"JWT {TOKEN}"}],
    ids=["anonymous", "wrong token", "wrong scheme"],
)
async def test_metrics_refuse_a_caller_without_the_token(metered, headers):
    response = await metered.get("/metrics", headers=headers)

    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"].startswith("Bearer")
    assert response.json()["errors"][0]["status"] == 401
    assert "hallway_http" not in response.text


async def test_requests_are_counted_by_route_template_method_and_status(metered, app_db):
    before = await scrape(metered)
    listed = await metered.get("/v1/events")
    by_id = await metered.get("/v1/events/987654")
    by_identifier = await metered.get("/v1/events/a1b2c3d4")
    related = await metered.get("/v1/events/987654/tickets")
    nowhere = await metered.get("/no-such-page-4242")
    after = await scrape(metered)

    assert listed.status_code == 200
    assert by_id.status_code == by_identifier.status_code == related.status_code == 404
    assert nowhere.status_code == 404

    def moved(route: str, status: str) -> float:
        labels = {"route": route, "method": "GET", "status": status}
        return value(after, REQUESTS, **labels) - value(before, REQUESTS, **labels)

    assert moved("/v1/events", "200") == 1
    assert moved("/v1/events/{id}", "404") == 2
    assert moved("/v1/events/{id}/tickets", "404") == 1
    assert moved("unmatched", "404") == 1
    routes = {labels.get("route") for _, labels, _ in samples(after)}
    assert not any("987654" in str(r) or "a1b2c3d4" in str(r) or "4242" in str(r) for r in routes)
    count = "hallway_http_request_duration_seconds_count"
    assert (
        value(after, count, route="/v1/events/{id}") - value(before, count, route="/v1/events/{id}")
        == 2
    )


async def test_a_custom_route_is_counted_by_its_template(metered):
    before = await scrape(metered)
    response = await metered.get("/v1/events/some-identifier-77/has-streams")
    after = await scrape(metered)

    assert response.status_code == 404
    labels = {"route": "/v1/events/{event}/has-streams", "status": "404"}
    assert value(after, REQUESTS, **labels) - value(before, REQUESTS, **labels) == 1
    assert "some-identifier-77" not in after


async def test_rate_limit_refusals_are_counted_by_limit(metered):
    before = await scrape(metered)
    body = {"email": "nobody@example.com", "password": "not the password"}
    first = await metered.post("/auth/session", json=body)
    second = await metered.post("/auth/session", json=body)
    after = await scrape(metered)

    assert first.status_code == 401 and second.status_code == 429
    name = "hallway_rate_limit_refusals_total"
    assert value(after, name, limit="login") - value(before, name, limit="login") == 1


async def test_the_outbox_backlog_and_failed_mail_are_read_at_each_scrape(metered, app_db):
    before = await scrape(metered)
    now = datetime.now(UTC)
    async with app_db.sessions() as session, session.begin():
        for status in (MailStatus.PENDING, MailStatus.FAILED, MailStatus.FAILED):
            session.add(
                OutboxMail(
                    recipient="a@example.com",
                    subject="s",
                    template="t",
                    context={},
                    attachments=[],
                    status=status,
                    attempts=0,
                    next_attempt_at=now,
                    created_at=now,
                )
            )
    after = await scrape(metered)

    assert value(before, "hallway_mail_outbox_pending") == 0
    assert value(after, "hallway_mail_outbox_pending") == 1
    assert value(after, "hallway_mail_failed") - value(before, "hallway_mail_failed") == 2
    assert value(after, "hallway_mail_outbox_oldest_pending_seconds") >= 0
    assert value(after, "hallway_metrics_source_up", source="database") == 1


async def test_database_connections_are_reported(metered):
    text = await scrape(metered)

    assert value(text, "hallway_db_pool_size") >= 1
    assert "hallway_db_connections_in_use" in text


@requires_redis
async def test_the_celery_queue_depth_is_read_from_redis(settings, app, app_db):
    queued = settings.model_copy(update={"metrics_token": TOKEN, "redis_url": REDIS_URL})
    with Redis.from_url(REDIS_URL) as redis:
        redis.delete(CELERY_QUEUE)
        redis.rpush(CELERY_QUEUE, "job-1", "job-2", "job-3")
    try:
        async with client_for(create_app(queued, database=app_db)) as http:
            text = await scrape(http)
    finally:
        delete_keys(CELERY_QUEUE)

    assert value(text, "hallway_job_queue_depth") == 3
    assert value(text, "hallway_metrics_source_up", source="redis") == 1


async def test_a_source_that_does_not_answer_is_reported_down_not_failed(settings, app, app_db):
    unreachable = f"redis://127.0.0.1:{_closed_port()}/0"
    down = settings.model_copy(update={"metrics_token": TOKEN, "redis_url": unreachable})
    async with client_for(create_app(down, database=app_db)) as http:
        text = await scrape(http)

    assert value(text, "hallway_metrics_source_up", source="redis") == 0
    assert value(text, "hallway_metrics_source_up", source="database") == 1
    assert "hallway_job_queue_depth" not in text


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])
