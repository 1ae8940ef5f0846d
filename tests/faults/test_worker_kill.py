"""kill -9 of Celery workers: a job is acknowledged when it ends, so the job of a killed pool
process is run again at once, and the jobs a killed worker held are run by the next worker
once the visibility timeout has passed. Every job ends; none is lost."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
import time
from pathlib import Path

from hallway.config import Settings
from hallway.jobs.distributed import make_celery
from tests.faults.services import Child, Redis, wait_for

PROBE = "faults.probe"  # declared by tests/faults/probe_jobs.py, in the workers only
JOBS = 12
VISIBILITY_SECONDS = 4
COMPLETION_LIMIT_SECONDS = 90.0


def started(marks: Path) -> dict[int, set[int]]:
    """Job number -> the pids of the processes that started it."""
    found: dict[int, set[int]] = {}
    for mark in marks.glob("started-*"):
        _, number, pid = mark.name.split("-")
        found.setdefault(int(number), set()).add(int(pid))
    return found


def done(marks: Path) -> set[int]:
    return {int(mark.name.split("-")[1]) for mark in marks.glob("done-*")}


def start_worker(name: str, env: dict[str, str], workdir: Path) -> Child:
    command = [
        sys.executable, "-m", "celery", "-A", "tests.faults.probe_jobs", "worker",
        "--pool=prefork", "--concurrency=2", "--loglevel=INFO", "--without-gossip",
        "--without-mingle", f"--hostname={name}@%h",
    ]  # fmt: skip
    worker = Child(name, command, workdir, env)
    wait_for(lambda: "ready." in worker.log(), 120, f"{name} ready")
    return worker


async def test_kill_9_of_workers_gives_their_jobs_to_other_processes(
    base_env: dict[str, str], workdir: Path, running_redis: Redis
) -> None:
    marks = workdir / "probe-marks"
    marks.mkdir(exist_ok=True)
    env = base_env | {
        "REDIS_URL": running_redis.url,
        "JOB_VISIBILITY_TIMEOUT": str(VISIBILITY_SECONDS),
        "FAULTS_PROBE_DIR": str(marks),
        "FAULTS_PROBE_SECONDS": "1.5",
    }
    first = start_worker("first", env, workdir)
    second: Child | None = None
    try:
        celery = make_celery(
            Settings(redis_url=running_redis.url, database_url=env["DATABASE_URL"])
        )
        for number in range(JOBS):
            celery.send_task(PROBE, args=[number])
        celery.close()

        # 1. A pool process killed mid-job: its worker gives the job back at once.
        await asyncio.to_thread(wait_for, lambda: started(marks), 60, "a job started")
        number, pids = next(iter(started(marks).items()))
        pool_process = next(iter(pids))
        os.kill(pool_process, signal.SIGKILL)
        await asyncio.to_thread(
            wait_for, lambda: len(started(marks).get(number, ())) > 1, 60, "the job run again"
        )

        # 2. The whole worker killed: the jobs it held come back after the visibility timeout.
        in_flight = set(started(marks)) - done(marks)
        os.killpg(first.pid, signal.SIGKILL)
        first.popen.wait(timeout=10)
        killed = time.monotonic()
        await asyncio.sleep(VISIBILITY_SECONDS + 1)
        second = start_worker("second", env, workdir)
        await asyncio.to_thread(
            wait_for, lambda: done(marks) == set(range(JOBS)), COMPLETION_LIMIT_SECONDS,
            f"every job done (done: {sorted(done(marks))})",
        )  # fmt: skip
        finished = time.monotonic() - killed
    finally:
        first.stop()
        if second is not None:
            second.stop()

    runs = started(marks)
    print(
        f"\n[faults] kill -9 of Celery workers: {JOBS} jobs; job {number} run again after its"
        f" pool process was killed; {len(in_flight)} job(s) in flight when the worker was killed"
        f" ({sorted(in_flight)}), all {len(done(marks))} jobs done {finished:.1f} s after the kill"
        f" (visibility timeout {VISIBILITY_SECONDS} s); jobs run more than once:"
        f" {sorted(n for n, pids in runs.items() if len(pids) > 1)}"
    )
    assert done(marks) == set(range(JOBS))
    assert in_flight, "the worker was killed with no job in flight"
