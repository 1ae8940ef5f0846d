"""The state of a background job, as Celery names it: what `GET /v1/tasks/{task_id}` answers
for a job that is not a data job (the route is `hallway.exports.routes.task_status`)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from pydantic import BaseModel

from hallway.errors import ObjectNotFound
from hallway.jobs.runner import job_state

router = APIRouter(prefix="/v1/tasks", tags=["tasks"])


class TaskStatus(BaseModel):
    state: str
    result: Any = None


@router.get("/{task_id}")
async def get_task_status(task_id: str) -> TaskStatus:
    """PENDING, STARTED, SUCCESS (with the task's result) or FAILURE (with the error type).
    In Celery mode an unknown id reads as PENDING; in embedded mode it is a 404."""
    found = await job_state(task_id)
    if found is None:
        raise ObjectNotFound(f"no task {task_id}")
    return TaskStatus(state=found.state, result=found.result)
