"""What a job runner reports about a job, in Celery's words."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

PENDING = "PENDING"
STARTED = "STARTED"
SUCCESS = "SUCCESS"
FAILURE = "FAILURE"


@dataclass(frozen=True)
class TaskState:
    """`state` is PENDING, STARTED, SUCCESS or FAILURE (Celery may add RETRY, REVOKED).
    `result` is the task's return value on SUCCESS, `{"error": <exception type>}` on
    FAILURE, otherwise None: never an exception message, which may carry secrets."""

    state: str
    result: Any = None


def failure(exc: BaseException) -> TaskState:
    return TaskState(FAILURE, {"error": type(exc).__name__})


class JobBackend(Protocol):
    async def submit(self, name: str, args: list[Any]) -> str:
        """Start the task `name(*args)`; the job id."""
        ...

    async def state(self, job_id: str) -> TaskState | None:
        """None when the backend knows no such job."""
        ...

    async def close(self) -> None: ...
