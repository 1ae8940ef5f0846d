"""Outages of the database or Redis: answered 503 with `Retry-After`, logged once per kind.

A request that meets a dependency that does not answer is not a bug of ours: it gets a
JSON:API error naming the service and when to retry. The log gets one line per kind of
failure per LOG_INTERVAL (with the number of requests answered 503 meanwhile), not one
traceback per request.
"""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import Iterator
from types import ModuleType, TracebackType
from typing import Any

from sqlalchemy import exc as sa

from hallway.errors import ServiceUnavailable

log = logging.getLogger("hallway.outages")
RETRY_AFTER_SECONDS = 5
LOG_INTERVAL = 10.0
DATABASE, REDIS = "database", "redis"
# asyncpg's errors that mean the server is unreachable, starting, stopping or out of connections.
_PG_OUTAGE_NAMES = (
    "PostgresConnectionError",
    "CannotConnectNowError",
    "OperatorInterventionError",
    "ConnectionDoesNotExistError",
    "TooManyConnectionsError",
)
_REDIS_OUTAGE_NAMES = ("ConnectionError", "TimeoutError", "BusyLoadingError")
_SQLITE_OUTAGES = ("unable to open database file", "database is locked", "disk I/O error")
# What an outage may raise: the application's handlers look at these for a 503. asyncpg's
# errors join them where PostgreSQL is used (its engine imports the driver) and Redis's where
# Redis is (`outage_kinds`): the embedded server imports neither (about 1.5 and 15 MB).
MAY_BE_OUTAGES: tuple[type[Exception], ...] = (OSError, sa.SQLAlchemyError)


def _asyncpg() -> ModuleType | None:
    """asyncpg's exceptions, if its driver was imported (else none can have been raised)."""
    return sys.modules.get("asyncpg.exceptions")


def outage_kinds(with_redis: bool) -> tuple[type[Exception], ...]:
    kinds: tuple[type[Exception], ...] = MAY_BE_OUTAGES
    pg = _asyncpg()
    if pg is not None:
        kinds = (*kinds, pg.PostgresError, pg.InterfaceError)
    if not with_redis:
        return kinds
    from redis.exceptions import RedisError

    return (*kinds, RedisError)


def _pg_outages() -> tuple[Any, ...]:
    pg = _asyncpg()
    return tuple(getattr(pg, name) for name in _PG_OUTAGE_NAMES) if pg else ()


def _redis_outages() -> tuple[type[BaseException], ...]:
    """Redis's outage errors, if its client was imported (else none can have been raised)."""
    module = sys.modules.get("redis.exceptions")
    return tuple(getattr(module, name) for name in _REDIS_OUTAGE_NAMES) if module else ()


# Where a bare socket error was raised tells whose connection failed.
_OWNERS = {"redis": REDIS, "asyncpg": DATABASE, "sqlalchemy": DATABASE, "aiosqlite": DATABASE}


def unavailable_service(error: BaseException) -> str | None:
    """The service whose outage `error` is (`database` or `redis`), or None."""
    for link in _chain(error):
        service = _service_of(link)
        if service:
            return service
    return None


def _chain(error: BaseException) -> Iterator[BaseException]:
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        yield current
        current = current.__cause__ or current.__context__


def _service_of(error: BaseException) -> str | None:
    if isinstance(error, _redis_outages()):
        return REDIS
    pg = _asyncpg()
    if isinstance(error, (*_pg_outages(), sa.TimeoutError)):
        return DATABASE
    if pg and isinstance(error, pg.InterfaceError) and "connection is closed" in str(error):
        return DATABASE  # the driver's connection died before this statement
    if isinstance(error, sa.DBAPIError) and error.connection_invalidated:
        return DATABASE
    if isinstance(error, sa.OperationalError) and any(m in str(error) for m in _SQLITE_OUTAGES):
        return DATABASE
    if isinstance(error, OSError) and error.__traceback__:  # refused, reset, timed out, ...
        return _raised_in(error.__traceback__)
    return None


def _raised_in(traceback: TracebackType) -> str | None:
    """The service of the innermost frame that belongs to a client library."""
    owner = None
    frame: TracebackType | None = traceback
    while frame is not None:
        package = str(frame.tb_frame.f_globals.get("__name__", "")).split(".", 1)[0]
        owner = _OWNERS.get(package, owner)
        frame = frame.tb_next
    return owner


class OutageLog:
    """One line per (service, error kind) per interval."""

    def __init__(self, interval: float = LOG_INTERVAL) -> None:
        self.interval = interval
        self._last: dict[tuple[str, str], float] = {}
        self._quiet: dict[tuple[str, str], int] = {}

    def restart(self) -> None:
        """Begin a new interval for every kind: the next failure of each is logged."""
        self._last.clear()
        self._quiet.clear()

    def report(self, service: str, error: BaseException) -> None:
        kind = (service, type(error).__name__)
        now = time.monotonic()
        if now - self._last.get(kind, -self.interval) < self.interval:
            self._quiet[kind] = self._quiet.get(kind, 0) + 1
            return
        self._last[kind] = now
        more = self._quiet.pop(kind, 0)
        log.error(
            "%s unavailable: %s: %s (%d more since the last line)",
            service,
            kind[1],
            str(error)[:200],
            more,
        )


outage_log = OutageLog()


def outage_error(error: BaseException) -> ServiceUnavailable | None:
    """The 503 for an outage (logged once per kind per interval); None for anything else."""
    service = unavailable_service(error)
    if service is None:
        return None
    outage_log.report(service, error)
    return ServiceUnavailable(service, RETRY_AFTER_SECONDS)
