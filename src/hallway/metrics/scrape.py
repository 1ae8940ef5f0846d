"""The `/metrics` route: the processes' instruments plus what is read when asked.

Read at each scrape (one process's view would be wrong for them, or they live outside any
process): the outbox's pending mails and the age of the oldest, the mails given up on, and
with REDIS_URL the jobs waiting in Celery's queue. A source that does not answer is reported
with `hallway_metrics_source_up{source=...} 0` rather than failing the scrape.
"""

from __future__ import annotations

import hmac
from datetime import UTC, datetime
from typing import Any

from prometheus_client import CONTENT_TYPE_PLAIN_0_0_4, REGISTRY, CollectorRegistry, generate_latest
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.multiprocess import MultiProcessCollector
from sqlalchemy import func, select
from starlette.requests import Request
from starlette.responses import Response

from hallway.config import Settings
from hallway.db import Database
from hallway.errors import RouteNotFound, Unauthorized
from hallway.jsonapi.http import error_response
from hallway.mail.models import MailStatus, OutboxMail
from hallway.metrics.workers import mark_dead_workers, multiprocess_directory
from hallway.outages import outage_kinds

CELERY_QUEUE = "celery"  # Celery's default queue, a Redis list on the broker


class Snapshot:
    """A collector of metric families already read."""

    def __init__(self, families: list[Metric]) -> None:
        self.families = families

    def collect(self) -> list[Metric]:
        return self.families


def _gauge(name: str, documentation: str, value: float) -> GaugeMetricFamily:
    return GaugeMetricFamily(name, documentation, value=value)


async def _outbox(db: Database) -> list[Metric]:
    stmt = (
        select(OutboxMail.status, func.count(), func.min(OutboxMail.created_at))
        .where(OutboxMail.status.in_((MailStatus.PENDING, MailStatus.FAILED)))
        .group_by(OutboxMail.status)
    )
    async with db.engine.connect() as conn:
        rows = {row[0]: (row[1], row[2]) for row in await conn.execute(stmt)}
    pending, oldest = rows.get(MailStatus.PENDING, (0, None))
    failed, _ = rows.get(MailStatus.FAILED, (0, None))
    if isinstance(oldest, datetime) and oldest.tzinfo is None:
        oldest = oldest.replace(tzinfo=UTC)
    age = (datetime.now(UTC) - oldest).total_seconds() if oldest else 0.0
    return [
        _gauge("hallway_mail_outbox_pending", "Mails in the outbox not sent yet.", pending),
        _gauge(
            "hallway_mail_outbox_oldest_pending_seconds",
            "Age of the oldest mail not sent yet (0 when none waits).",
            max(age, 0.0),
        ),
        _gauge("hallway_mail_failed", "Mails given up on after every attempt.", failed),
    ]


async def _queue(redis_url: str) -> list[Metric]:
    from redis.asyncio import Redis

    redis = Redis.from_url(redis_url, socket_connect_timeout=1, socket_timeout=1)
    try:
        depth = await redis.llen(CELERY_QUEUE)
    finally:
        await redis.aclose()
    return [_gauge("hallway_job_queue_depth", "Jobs waiting in Celery's queue.", depth)]


async def read_sources(settings: Settings, db: Database) -> list[Metric]:
    up = GaugeMetricFamily(
        "hallway_metrics_source_up",
        "Whether a source read at scrape time answered (1) or not (0).",
        labels=["source"],
    )
    families: list[Metric] = [up]
    reads: list[tuple[str, Any]] = [("database", lambda: _outbox(db))]
    if settings.redis_url:
        url = settings.redis_url
        reads.append(("redis", lambda: _queue(url)))
    failures = outage_kinds(with_redis=bool(settings.redis_url))
    for source, read in reads:
        try:
            families += await read()
        except failures:
            up.add_metric([source], 0)
        else:
            up.add_metric([source], 1)
    return families


def authorized(given: str, token: str | None) -> bool:
    """Whether an `Authorization` header value carries the bearer token (none asked: yes)."""
    if not token:
        return True
    scheme, _, credentials = given.partition(" ")
    return scheme.lower() == "bearer" and hmac.compare_digest(
        credentials.strip().encode(), token.encode()
    )


async def exposition(settings: Settings, db: Database) -> bytes:
    """Every process's instruments (summed over the workers of `--workers N`), then what is
    read at scrape time, in the Prometheus text format."""
    directory = multiprocess_directory()
    if directory:
        mark_dead_workers(directory)
        processes = CollectorRegistry()
        MultiProcessCollector(processes, directory)  # type: ignore[no-untyped-call]
    else:
        processes = REGISTRY
    read = CollectorRegistry(auto_describe=True)
    read.register(Snapshot(await read_sources(settings, db)))
    return generate_latest(processes) + generate_latest(read)


async def metrics(request: Request) -> Response:
    """The metrics, for a caller with `Authorization: Bearer <METRICS_TOKEN>`; not on the
    public address when METRICS_LISTEN gives them their own."""
    settings: Settings = request.app.state.settings
    if not settings.metrics_token or settings.metrics_listen:
        return error_response(RouteNotFound(f"no route for {request.url.path}"))
    if not authorized(request.headers.get("authorization", ""), settings.metrics_token):
        error = Unauthorized("a valid metrics token is required")
        response = error_response(error)
        response.headers["WWW-Authenticate"] = 'Bearer realm="metrics"'
        return response
    body = await exposition(settings, request.app.state.db)
    return Response(body, media_type=CONTENT_TYPE_PLAIN_0_0_4)
