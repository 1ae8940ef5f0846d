"""Embedded mode: tasks run in-process after `enqueue`, their states kept in memory."""

from __future__ import annotations

import asyncio

import pytest

from hallway.jobs import (
    JobsNotStarted,
    TaskState,
    UnknownTask,
    enqueue,
    job_state,
    start_jobs,
    stop_jobs,
)
from hallway.jobs.catalog import task
from hallway.jobs.embedded import RUNNING_JOBS
from tests.jobs import tasks
from tests.mail.conftest import eventually, mail_settings, settle


@pytest.fixture
async def embedded(outbox, database_url):
    await start_jobs(mail_settings(database_url), outbox, periodic={})
    yield
    await stop_jobs()


async def test_enqueued_task_runs_and_reports_success(embedded):
    job_id = await enqueue("testing.add", 2, 3)
    await settle()

    assert await job_state(job_id) == TaskState("SUCCESS", {"sum": 5})


async def test_enqueued_task_is_pending_until_it_runs(embedded):
    job_id = await enqueue("testing.add", 1, 1)
    before_it_runs = await job_state(job_id)
    await settle()

    assert before_it_runs == TaskState("PENDING")
    assert await job_state(job_id) == TaskState("SUCCESS", {"sum": 2})


async def test_failed_task_reports_the_error_type_only(embedded):
    job_id = await enqueue("testing.explode")
    await settle()

    assert await job_state(job_id) == TaskState("FAILURE", {"error": "ToyFailure"})


async def test_a_burst_of_jobs_runs_a_few_at_a_time(embedded):
    tasks.overlap.update(now=0, most=0)
    ids = [await enqueue("testing.overlap") for _ in range(3 * RUNNING_JOBS)]
    await settle()

    assert tasks.overlap["most"] == RUNNING_JOBS
    assert [await job_state(job_id) for job_id in ids] == [TaskState("SUCCESS")] * len(ids)


async def test_enqueue_rejects_unknown_tasks_and_non_json_arguments(embedded):
    with pytest.raises(UnknownTask):
        await enqueue("testing.nothing")
    with pytest.raises(TypeError):
        await enqueue("testing.add", object(), 1)


async def test_enqueue_before_start_is_an_error(outbox):
    await stop_jobs()

    with pytest.raises(JobsNotStarted):
        await enqueue("testing.add", 1, 2)
    assert await job_state("anything") is None


def test_task_names_are_domain_dot_verb():
    with pytest.raises(ValueError, match="domain"):
        task("Add")
    with pytest.raises(ValueError, match="twice"):
        task("testing.add")(tasks.explode)


async def test_periodic_task_runs_every_period_until_stopped(outbox, database_url):
    tasks.ticks.clear()
    await start_jobs(mail_settings(database_url), outbox, periodic={"testing.tick": 0.02})
    await eventually(lambda: len(tasks.ticks) >= 3)
    await stop_jobs()
    stopped_at = len(tasks.ticks)
    await asyncio.sleep(0.1)

    assert stopped_at >= 3
    assert len(tasks.ticks) == stopped_at
