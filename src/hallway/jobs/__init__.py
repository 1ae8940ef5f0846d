"""Background jobs: tasks declared once by name, run in-process (embedded mode, no
REDIS_URL) or by Celery workers (REDIS_URL set).

    @task("mail.deliver")
    async def deliver(ctx: JobContext, mail_id: int) -> dict[str, Any]: ...

    job_id = await enqueue("mail.deliver", mail.id)
"""

from __future__ import annotations

from hallway.jobs.catalog import JobContext, UnknownTask, periodic, task
from hallway.jobs.runner import JobsNotStarted, enqueue, job_state, start_jobs, stop_jobs
from hallway.jobs.state import TaskState

__all__ = [
    "JobContext",
    "JobsNotStarted",
    "TaskState",
    "UnknownTask",
    "enqueue",
    "job_state",
    "periodic",
    "start_jobs",
    "stop_jobs",
    "task",
]
