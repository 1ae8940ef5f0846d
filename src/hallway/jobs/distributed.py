"""Celery mode (REDIS_URL set): Redis is the broker and the result backend.

Each declared task becomes a Celery task under the same name: a thin sync function that
runs the async task on the worker thread's own event loop, with the thread's own Database.
The loop and the engine live as long as the worker thread, so an asyncpg connection never
crosses event loops; a forking pool creates them in each child, after the fork.
"""

from __future__ import annotations

import asyncio
import functools
import logging
import threading
import time
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from celery import Celery  # type: ignore[import-untyped]
from celery.backends.redis import RedisBackend  # type: ignore[import-untyped]
from celery.result import AsyncResult  # type: ignore[import-untyped]
from celery.signals import worker_process_shutdown, worker_shutdown  # type: ignore[import-untyped]

from hallway.config import VAR_DIR, Settings
from hallway.db import Database
from hallway.jobs import runner
from hallway.jobs.catalog import JobContext, TaskSpec, declared_tasks, get_task, schedule
from hallway.jobs.state import FAILURE, SUCCESS, TaskState

log = logging.getLogger("hallway.jobs")
RESULT_TTL_SECONDS = 24 * 3600
SETTLE_TIMEOUT_SECONDS = 120.0


def make_celery(settings: Settings) -> Any:
    """A Celery app for these settings, with every declared task and the beat schedule."""
    if not settings.redis_url:
        raise ValueError("REDIS_URL must be set to run jobs through Celery")
    backend = f"{__name__}:StoredResults+{settings.redis_url}"
    app = Celery("hallway", broker=settings.redis_url, backend=backend, set_as_current=False)
    app.conf.update(
        task_serializer="json",
        result_serializer="json",
        accept_content=["json"],
        task_track_started=True,
        result_expires=RESULT_TTL_SECONDS,
        broker_connection_retry_on_startup=True,
        # A job is acknowledged when it ends, not when it starts: a worker killed mid-job
        # (or its pool process) gives the job back. A worker that died holding jobs gives
        # them back after the visibility timeout; each worker holds one job per process.
        task_acks_late=True,
        task_reject_on_worker_lost=True,
        worker_prefetch_multiplier=1,
        broker_transport_options={"visibility_timeout": settings.job_visibility_timeout},
        beat_schedule={
            name: {"task": name, "schedule": seconds} for name, seconds in schedule().items()
        },
        beat_schedule_filename=str(VAR_DIR / "celerybeat-schedule"),
        # One beat per deployment, whatever runs: a lock in Redis (hallway.jobs.beatlock).
        beat_scheduler="hallway.jobs.beatlock:LockedScheduler",
        hallway_beat_lock_seconds=settings.beat_lock_seconds,
    )
    for spec in declared_tasks():
        app.task(name=spec.name)(_sync_entry(app, settings, spec))
    return app


class StoredResults(RedisBackend):  # type: ignore[misc]
    """Celery's Redis result store, read by job id only (`job_state`). Celery's own one also
    subscribes to every submitted task's result channel, for a blocking `get()` Hallway never
    makes; while Redis is down that subscription logs a retry a second, then gives up for good."""

    def on_task_call(self, producer: Any, task_id: str) -> None:
        """No subscription: a job's state is read when asked for."""


def run_worker(
    settings: Settings, *, beat: bool = False, pool: str = "prefork", concurrency: int = 0
) -> None:
    """Serve the tasks until stopped (`hallway worker`). `beat` also runs the periodic
    schedule: give it to exactly one worker of the deployment."""
    from hallway.jobs.tasklog import install_task_logging

    install_task_logging(settings)
    app = make_celery(settings)
    argv = ["worker", f"--loglevel={settings.log_level}", f"--pool={pool}"]
    if concurrency:
        argv.append(f"--concurrency={concurrency}")
    if beat:
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        argv.append("--beat")
    app.worker_main(argv)


class BrokerUnavailable(ConnectionError):
    """Redis did not take the job (or did not a moment ago): the caller's fallback applies
    (the mail outbox's sweep delivers a mail whose job could not be queued)."""


class CeleryJobs:
    """The runner in Celery mode: submit by name, states from the result backend.

    Jobs are published from one thread of their own, so a broker that does not answer
    never holds the threads requests hash passwords in. After a failed publish, submits
    fail at once for RETRY_SECONDS (one log line, not one traceback per job)."""

    RETRY_SECONDS = 5.0

    def __init__(self, app: Any) -> None:
        self.app = app
        self._publisher = ThreadPoolExecutor(max_workers=1, thread_name_prefix="jobs-publish")
        self._down_until = 0.0

    async def submit(self, name: str, args: list[Any]) -> str:
        get_task(name)
        if time.monotonic() < self._down_until:
            raise BrokerUnavailable(f"{name} not queued: Redis did not answer a moment ago")
        job_id = str(uuid.uuid4())
        publish = functools.partial(self.app.send_task, name, args=args, task_id=job_id)
        try:
            await asyncio.get_running_loop().run_in_executor(self._publisher, publish)
        except Exception as exc:
            if not self._down_until:
                log.error("Redis did not take job %s (%s): %s", name, type(exc).__name__, exc)
            self._down_until = time.monotonic() + self.RETRY_SECONDS
            raise BrokerUnavailable(f"{name} not queued: {type(exc).__name__}") from exc
        if self._down_until:
            log.warning("Redis takes jobs again")
            self._down_until = 0.0
        return job_id

    async def state(self, job_id: str) -> TaskState | None:
        return await asyncio.to_thread(self._read_state, job_id)

    async def close(self) -> None:
        self._publisher.shutdown(wait=False, cancel_futures=True)
        await asyncio.to_thread(self.app.close)

    def _read_state(self, job_id: str) -> TaskState:
        result = AsyncResult(job_id, app=self.app)
        state = str(result.state)
        if state == SUCCESS:
            return TaskState(state, result.result)
        if state == FAILURE:
            return TaskState(state, {"error": type(result.result).__name__})
        return TaskState(state)


class WorkerRuntime:
    """One worker thread's event loop and Database, kept across its tasks."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.loop = asyncio.Runner()
        self.db = Database(settings.database_url, echo=settings.log_sql)

    def run(self, spec: TaskSpec, args: tuple[Any, ...]) -> Any:
        return self.loop.run(self._call(spec, args))

    async def _call(self, spec: TaskSpec, args: tuple[Any, ...]) -> Any:
        result = await spec.run(JobContext(self.settings, self.db), *args)
        # Work the task started after its commits (jobs, mail) ends before the task does.
        await _settle()
        return result

    def close(self) -> None:
        try:
            self.loop.run(self.db.dispose())
        finally:
            self.loop.close()


async def _settle() -> None:
    current = asyncio.current_task()
    try:
        async with asyncio.timeout(SETTLE_TIMEOUT_SECONDS):
            while others := [task for task in asyncio.all_tasks() if task is not current]:
                await asyncio.wait(others)
    except TimeoutError:
        log.warning("background work still running after %.0f s", SETTLE_TIMEOUT_SECONDS)


_local = threading.local()
_runtimes: list[WorkerRuntime] = []
_runtimes_lock = threading.Lock()


def _thread_runtime(app: Any, settings: Settings) -> WorkerRuntime:
    found = getattr(_local, "runtime", None)
    if isinstance(found, WorkerRuntime):
        return found
    created = WorkerRuntime(settings)
    _local.runtime = created
    with _runtimes_lock:
        _runtimes.append(created)
    # Tasks may enqueue further tasks: in a worker they go through Celery too.
    runner.install(CeleryJobs(app))
    return created


def _sync_entry(app: Any, settings: Settings, spec: TaskSpec) -> Callable[..., Any]:
    def run(*args: Any) -> Any:
        return _thread_runtime(app, settings).run(spec, args)

    run.__name__ = run.__qualname__ = spec.name.replace(".", "_")
    return run


def _close_runtimes(**_: Any) -> None:
    with _runtimes_lock:
        runtimes = list(_runtimes)
        _runtimes.clear()
    for runtime in runtimes:
        try:
            runtime.close()
        except Exception:
            log.exception("could not close a worker's database")


worker_process_shutdown.connect(_close_runtimes, weak=False, dispatch_uid="hallway.jobs.close")
worker_shutdown.connect(_close_runtimes, weak=False, dispatch_uid="hallway.jobs.close.main")
