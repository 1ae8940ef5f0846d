"""The catalogue of tasks: each declared once, by name, with its periodic schedule.

A task is an async function `(ctx, *ids) -> JSON-able result`: ids in, it loads what it
needs through `ctx.db`. Names are `<domain>.<verb>` (`mail.deliver`). The same catalogue
runs in-process (embedded mode) and in Celery workers.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from hallway.config import Settings
from hallway.db import Database

# Every module that declares tasks; workers import them all before serving.
TASK_MODULES: tuple[str, ...] = (
    "hallway.mail.tasks",
    "hallway.orders.tasks",
    "hallway.invoices.tasks",
    "hallway.sessions.tasks",
    "hallway.exports.tasks",
    "hallway.exports.cleanup",
    "hallway.badges.tasks",
)

TaskFunction = Callable[..., Awaitable[Any]]
F = TypeVar("F", bound=TaskFunction)
_NAME = re.compile(r"[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*")


@dataclass(frozen=True)
class JobContext:
    """What a running task may use: the settings and the database of its process."""

    settings: Settings
    db: Database


@dataclass(frozen=True)
class TaskSpec:
    name: str
    run: TaskFunction


class UnknownTask(LookupError):
    """No task is declared under this name."""


_tasks: dict[str, TaskSpec] = {}
_schedule: dict[str, float] = {}


def task(name: str) -> Callable[[F], F]:
    """Declare `fn` as the task `name`; the function itself is returned unchanged."""
    if not _NAME.fullmatch(name):
        raise ValueError(f"task names are <domain>.<verb>, not {name!r}")

    def declare(fn: F) -> F:
        known = _tasks.get(name)
        if known is not None and known.run is not fn:
            raise ValueError(f"task {name!r} is declared twice")
        _tasks[name] = TaskSpec(name, fn)
        return fn

    return declare


def periodic(name: str, *, seconds: float) -> None:
    """Run the task `name` (without arguments) every `seconds`."""
    if seconds <= 0:
        raise ValueError("a period is a positive number of seconds")
    _schedule[name] = seconds


def get_task(name: str) -> TaskSpec:
    load_tasks()
    try:
        return _tasks[name]
    except KeyError:
        raise UnknownTask(name) from None


def declared_tasks() -> list[TaskSpec]:
    load_tasks()
    return list(_tasks.values())


def schedule() -> dict[str, float]:
    """Task name -> period in seconds."""
    load_tasks()
    return dict(_schedule)


def load_tasks() -> None:
    for module in TASK_MODULES:
        importlib.import_module(module)
