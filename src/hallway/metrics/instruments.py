"""What each process counts. Nothing here imports application code: any layer may count.

The request instruments are touched only when metrics are enabled (METRICS_TOKEN set): the
access-log middleware calls `observe_request` once a request is answered. Its label children
are cached per (route, method, status), so a request costs two dictionary look-ups, one
counter increment and one histogram observation.
"""

from __future__ import annotations

import re
import weakref
from typing import Any

from prometheus_client import Counter, Gauge, Histogram
from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncEngine
from starlette.types import Scope

LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)
UNMATCHED = "unmatched"
_STATIC = re.compile(r"^/static/[^/]+")

REQUESTS = Counter(
    "hallway_http_requests",
    "HTTP requests answered, by route template, method and status.",
    ("route", "method", "status"),
)
LATENCY = Histogram(
    "hallway_http_request_duration_seconds",
    "Time from a request's arrival to the end of its answer, by route template and method.",
    ("route", "method"),
    buckets=LATENCY_BUCKETS,
)
CONNECTIONS_IN_USE = Gauge(
    "hallway_db_connections_in_use",
    "Database connections checked out of the pools of the serving processes.",
    multiprocess_mode="livesum",
)
POOL_SIZE = Gauge(
    "hallway_db_pool_size",
    "Connections the pools of the serving processes keep open (overflow not counted).",
    multiprocess_mode="livesum",
)
JOBS_IN_PROGRESS = Gauge(
    "hallway_jobs_in_progress",
    "Jobs started and not finished by the in-process runner (embedded mode, no REDIS_URL).",
    multiprocess_mode="livesum",
)
RATE_LIMITED = Counter(
    "hallway_rate_limit_refusals",
    "Requests refused with 429 by a rate limit, by the limit's name.",
    ("limit",),
)

_children: dict[tuple[str, str, int], tuple[Any, Any]] = {}
_tracked_pools: weakref.WeakSet[Any] = weakref.WeakSet()


def route_label(scope: Scope) -> str:
    """The matched route's template (the engine's too: `/v1/events/{id}`, whether the URL
    named an id or an identifier); `unmatched` for a URL no route matched, so that the
    labels stay few whatever strangers ask for."""
    path = getattr(scope.get("route"), "path", None)
    if isinstance(path, str):
        return path
    engine = scope.get("route_template")
    if isinstance(engine, str):
        return engine
    static = _STATIC.match(scope.get("path", ""))
    return static.group(0) if static else UNMATCHED


def observe_request(scope: Scope, status: int, seconds: float) -> None:
    key = (route_label(scope), scope["method"], status)
    pair = _children.get(key)
    if pair is None:
        route, method, _ = key
        pair = (REQUESTS.labels(route, method, str(status)), LATENCY.labels(route, method))
        _children[key] = pair
    pair[0].inc()
    pair[1].observe(seconds)


def track_pool(engine: AsyncEngine) -> None:
    """Count the connections `engine` lends out and the pool's size."""
    pool = engine.sync_engine.pool
    if pool in _tracked_pools:  # several apps may share one Database (tests do)
        return
    _tracked_pools.add(pool)
    size = getattr(pool, "size", None)
    if callable(size):
        POOL_SIZE.inc(size())
    event.listen(pool, "checkout", lambda *_: CONNECTIONS_IN_USE.inc())
    event.listen(pool, "checkin", lambda *_: CONNECTIONS_IN_USE.dec())


def refused_by_rate_limit(limit: str) -> None:
    RATE_LIMITED.labels(limit).inc()
