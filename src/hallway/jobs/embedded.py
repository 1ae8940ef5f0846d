"""Embedded mode (no REDIS_URL): tasks run as background tasks of the server's event loop,
their states kept in memory, and an asyncio loop per periodic task plays Celery beat.

At most RUNNING_JOBS run at once; the rest wait their turn (pending). Every job may hold a
database connection of the server's pool: a burst of jobs (a ticket rush completes hundreds
of orders, each with its documents and mails) must not take the connections the requests
that made them are waiting for. Nor their CPU: while the process is busy serving requests a
job waits, at most QUIET_PATIENCE seconds (traffic.py)."""

from __future__ import annotations

import asyncio
import logging
import uuid
from collections import OrderedDict
from collections.abc import Mapping
from typing import Any

from hallway import traffic
from hallway.aftercommit import spawn
from hallway.jobs.catalog import JobContext, TaskSpec, get_task
from hallway.jobs.state import PENDING, STARTED, SUCCESS, TaskState, failure
from hallway.metrics.instruments import JOBS_IN_PROGRESS
from hallway.outages import outage_error

log = logging.getLogger("hallway.jobs")
# Finished states kept for GET /v1/tasks/{id}; the oldest are forgotten first.
MAX_KEPT_STATES = 10_000
SHUTDOWN_GRACE_SECONDS = 10.0
RUNNING_JOBS = 4
QUIET_PATIENCE = 30.0


class EmbeddedJobs:
    def __init__(self, ctx: JobContext, schedule: Mapping[str, float]) -> None:
        self.ctx = ctx
        self.states: OrderedDict[str, TaskState] = OrderedDict()
        self.running: set[asyncio.Task[Any]] = set()
        self.slots = asyncio.Semaphore(RUNNING_JOBS)
        self.tickers = [
            asyncio.get_running_loop().create_task(self._tick(get_task(name), seconds))
            for name, seconds in schedule.items()
        ]

    async def submit(self, name: str, args: list[Any]) -> str:
        job_id, _ = self._start(get_task(name), args)
        return job_id

    async def state(self, job_id: str) -> TaskState | None:
        return self.states.get(job_id)

    async def close(self) -> None:
        for ticker in self.tickers:
            ticker.cancel()
        await asyncio.gather(*self.tickers, return_exceptions=True)
        if self.running:
            # Unfinished work is not lost: its rows stay pending for the next sweep.
            await asyncio.wait(list(self.running), timeout=SHUTDOWN_GRACE_SECONDS)

    def _start(self, spec: TaskSpec, args: list[Any]) -> tuple[str, asyncio.Task[Any]]:
        job_id = str(uuid.uuid4())
        self._record(job_id, TaskState(PENDING))
        job = spawn(self._run(job_id, spec, args))
        self.running.add(job)
        job.add_done_callback(self.running.discard)
        return job_id, job

    async def _run(self, job_id: str, spec: TaskSpec, args: list[Any]) -> None:
        async with self.slots:
            await traffic.quiet(QUIET_PATIENCE)
            self._record(job_id, TaskState(STARTED))
            JOBS_IN_PROGRESS.inc()
            try:
                result = await spec.run(self.ctx, *args)
            except Exception as exc:
                if outage_error(exc) is None:  # an outage is logged once per kind per interval
                    log.exception("task %s (%s) failed", spec.name, job_id)
                self._record(job_id, failure(exc))
            else:
                self._record(job_id, TaskState(SUCCESS, result))
            finally:
                JOBS_IN_PROGRESS.dec()

    def _record(self, job_id: str, state: TaskState) -> None:
        self.states[job_id] = state
        self.states.move_to_end(job_id)
        while len(self.states) > MAX_KEPT_STATES:
            self.states.popitem(last=False)

    async def _tick(self, spec: TaskSpec, seconds: float) -> None:
        """Run `spec` every `seconds`; a run that overlaps the next period delays it."""
        while True:
            await asyncio.sleep(seconds)
            _, job = self._start(spec, [])
            await asyncio.wait([job])
