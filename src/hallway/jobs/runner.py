"""The process's job runner: embedded without REDIS_URL, Celery with it.

The app lifespan calls `start_jobs(settings, db)` and `stop_jobs()`; anything may then
`await enqueue("<domain>.<verb>", *ids)`.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Mapping
from typing import Any

from hallway.config import Settings
from hallway.db import Database
from hallway.jobs.catalog import JobContext, schedule
from hallway.jobs.state import JobBackend, TaskState


class JobsNotStarted(RuntimeError):
    """`enqueue` was called before `start_jobs` (or after `stop_jobs`)."""


_backend: JobBackend | None = None


async def start_jobs(
    settings: Settings, db: Database, *, periodic: Mapping[str, float] | None = None
) -> None:
    """Install the runner for this process. Embedded mode also runs the periodic tasks
    (`periodic`: name -> seconds; the declared schedule when None, `{}` for none); in Celery
    mode `hallway worker --beat` runs them."""
    global _backend
    await stop_jobs()
    if settings.redis_url:
        # Celery is imported only where REDIS_URL asks for it.
        from hallway.jobs.distributed import CeleryJobs, make_celery

        _backend = CeleryJobs(await asyncio.to_thread(make_celery, settings))
    else:
        from hallway.jobs.embedded import EmbeddedJobs

        chosen = schedule() if periodic is None else periodic
        _backend = EmbeddedJobs(JobContext(settings, db), chosen)


def install(backend: JobBackend) -> None:
    """Use `backend` unless one is installed already (Celery workers call this)."""
    global _backend
    if _backend is None:
        _backend = backend


async def stop_jobs() -> None:
    global _backend
    backend, _backend = _backend, None
    if backend is not None:
        await backend.close()


async def enqueue(name: str, *args: Any) -> str:
    """Run the task `name(*args)` in the background; its job id. Arguments must be JSON
    (ids, not objects), in embedded mode too, so both modes accept the same calls."""
    if _backend is None:
        raise JobsNotStarted(f"cannot run {name}: jobs are not started")
    return await _backend.submit(name, json.loads(json.dumps(list(args))))


async def job_state(job_id: str) -> TaskState | None:
    """None for a job this runner does not know (Celery reports unknown ids as PENDING)."""
    if _backend is None:
        return None
    return await _backend.state(job_id)
