"""A Celery worker's logs, formed as the server's (`hallway.logs`): readable lines on a
terminal, JSON lines in production, and one record per task with its name, id, final state
and duration in ms (logger `hallway.tasks`). Every record logged while a task runs carries
its `task` and `task_id`, as a request's records carry its `request_id`.

Celery's own per-task lines ("received", "succeeded in ...", which also print the result) are
quieted; its failure records, with their traceback, are kept.
"""

from __future__ import annotations

import logging
import threading
import time
from typing import Any

from celery import signals  # type: ignore[import-untyped]
from structlog.contextvars import bind_contextvars, unbind_contextvars

from hallway.config import Settings
from hallway.logs import configure_logging

log = logging.getLogger("hallway.tasks")
# Celery's loggers that write a line per task on top of ours.
CHATTY = ("celery.app.trace", "celery.worker.strategy")
_started: dict[str, float] = {}
_lock = threading.Lock()


def install_task_logging(settings: Settings) -> None:
    """Configure the worker's logging (instead of Celery) and log every task once."""

    def setup(**_: Any) -> None:
        configure_logging(settings)
        for name in CHATTY:
            logging.getLogger(name).setLevel(logging.WARNING)

    # A receiver of `setup_logging` replaces Celery's own configuration of the root logger.
    signals.setup_logging.connect(setup, weak=False, dispatch_uid="hallway.tasklog.setup")
    signals.task_prerun.connect(_started_task, weak=False, dispatch_uid="hallway.tasklog.pre")
    signals.task_postrun.connect(_ended_task, weak=False, dispatch_uid="hallway.tasklog.post")


def _started_task(task_id: str, task: Any, **_: Any) -> None:
    with _lock:
        _started[task_id] = time.perf_counter()
    bind_contextvars(task=task.name, task_id=task_id)


def _ended_task(task_id: str, task: Any, state: str | None = None, **_: Any) -> None:
    with _lock:
        started = _started.pop(task_id, None)
    duration = round((time.perf_counter() - started) * 1000, 2) if started else None
    fields = {"state": state or "UNKNOWN", "duration_ms": duration}
    log.info("%s %s %s", task.name, task_id, fields["state"], extra=fields)
    unbind_contextvars("task", "task_id")
