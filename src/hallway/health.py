"""Health checks: `/health-check` (every dependency), `/health/live` and `/health/ready`."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from fastapi import APIRouter
from sqlalchemy import text
from starlette.requests import Request
from starlette.responses import JSONResponse

from hallway import revisions
from hallway.config import Settings
from hallway.db import Base, Database

router = APIRouter(tags=["system"])
# Each check has its own limit; they run together, so a report takes at most the longest.
TIMEOUTS = {"db": 2.0, "migrations": 5.0, "redis": 2.0, "celery": 3.0}


@dataclass
class Check:
    checker: str
    passed: bool
    output: str

    def to_json(self) -> dict[str, Any]:
        return {
            "checker": self.checker,
            "passed": self.passed,
            "output": self.output,
            "timestamp": time.time(),
            "expires": time.time() + 30,
        }


async def check_db(settings: Settings, db: Database) -> Check:
    async with db.engine.connect() as conn:
        await conn.execute(text("select 1"))
    return Check("health_check_db", True, "database reachable")


# Databases whose schema was found at the newest migration, once per process (by engine URL):
# a schema does not change under a running server except by `hallway migrate` (then ask with
# `?recheck=migrations`). A failing result is not kept: the next probe compares again.
_migrated: set[str] = set()


async def check_migrations(settings: Settings, db: Database) -> Check:
    if str(db.engine.url) in _migrated:
        return Check("health_check_migrations", True, "at the newest migration (at start-up)")
    async with db.engine.connect() as conn:
        # Every domain's models: hallway.registry, which serves this route, imported them.
        applied, missing = await conn.run_sync(revisions.schema_state, Base.metadata)
    heads = await asyncio.to_thread(revisions.head_revisions)
    if applied != heads:
        at, newest = ", ".join(sorted(applied)) or None, ", ".join(sorted(heads))
        return Check("health_check_migrations", False, f"at {at}, newest is {newest}")
    if missing:
        return Check(
            "health_check_migrations",
            False,
            f"{len(missing)} differences between models and schema",
        )
    _migrated.add(str(db.engine.url))
    return Check(
        "health_check_migrations", True, f"at {', '.join(heads)}, schema matches the models"
    )


async def check_redis(settings: Settings, db: Database) -> Check:
    from redis.asyncio import Redis

    client = Redis.from_url(settings.redis_url or "", socket_connect_timeout=1, socket_timeout=1)
    try:
        await client.ping()
    finally:
        await client.aclose()
    return Check("health_check_redis", True, "redis answers")


async def check_celery(settings: Settings, db: Database) -> Check:
    from hallway.jobs.distributed import make_celery  # Celery only where REDIS_URL is set

    # Without a broker, Celery would retry its connection past the check's limit.
    await check_redis(settings, db)

    def ping() -> list[Any]:
        return make_celery(settings).control.ping(timeout=1.0) or []

    workers = await asyncio.to_thread(ping)
    if not workers:
        return Check("health_check_celery", False, "no worker answered")
    return Check("health_check_celery", True, f"{len(workers)} worker(s) answered")


CheckFn = Callable[[Settings, Database], Awaitable[Check]]


def checks_for(settings: Settings, *, ready_only: bool = False) -> list[CheckFn]:
    checks: list[CheckFn] = [check_db, check_migrations]
    if settings.redis_url and not ready_only:
        checks += [check_redis, check_celery]
    return checks


async def run(check: CheckFn, settings: Settings, db: Database) -> Check:
    kind = check.__name__.removeprefix("check_")
    name = f"health_check_{kind}"  # the same name whether the check passes or fails
    try:
        async with asyncio.timeout(TIMEOUTS[kind]):
            return await check(settings, db)
    except TimeoutError:
        return Check(name, False, f"no answer within {TIMEOUTS[kind]:g} s")
    except Exception as exc:  # a failing dependency is a result here, not an error
        return Check(name, False, type(exc).__name__)


async def report(request: Request, *, ready_only: bool = False) -> JSONResponse:
    settings: Settings = request.app.state.settings
    db: Database = request.app.state.db
    if request.query_params.get("recheck") == "migrations":
        _migrated.discard(str(db.engine.url))
    results = await asyncio.gather(
        *(run(c, settings, db) for c in checks_for(settings, ready_only=ready_only))
    )
    passed = all(r.passed for r in results)
    # No host name: whoever may probe health need not learn the machine's name.
    body = {
        "status": "success" if passed else "failure",
        "timestamp": datetime.now(UTC).timestamp(),
        "results": [r.to_json() for r in results],
    }
    return JSONResponse(body, status_code=200 if passed else 503)


@router.get("/health-check")
async def health_check(request: Request) -> JSONResponse:
    """Database, migrations and schema, and Redis and a Celery worker when configured."""
    return await report(request)


@router.get("/health/ready")
async def ready(request: Request) -> JSONResponse:
    """Ready to serve: the database answers and is at the newest migration."""
    return await report(request, ready_only=True)


@router.get("/health/live")
async def live() -> dict[str, str]:
    """The process is up (no dependency is touched)."""
    return {"status": "alive"}
