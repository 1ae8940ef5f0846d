"""Work that may only start once a transaction has committed (mail, jobs, pushes).

`on_commit(session, callback)` queues a callback on the session; when that session's
transaction commits, each callback runs as a background task; on rollback they are dropped.
`drain()` waits for the tasks started so far (tests and shutdown use it).
"""

from __future__ import annotations

import asyncio
import inspect
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session

log = logging.getLogger("hallway.aftercommit")
Callback = Callable[[], Awaitable[Any] | Any]
_KEY = "hallway_after_commit"
_running: set[asyncio.Task[Any]] = set()


def on_commit(session: AsyncSession | Session, callback: Callback) -> None:
    sync = session.sync_session if isinstance(session, AsyncSession) else session
    sync.info.setdefault(_KEY, []).append(callback)


def spawn(awaitable: Awaitable[Any]) -> asyncio.Task[Any]:
    """Run a coroutine in the background, keeping a reference until it ends."""

    async def guarded() -> Any:
        try:
            return await awaitable
        except Exception:
            log.exception("background work failed")
            return None

    task = asyncio.get_running_loop().create_task(guarded())
    _running.add(task)
    task.add_done_callback(_running.discard)
    return task


async def drain() -> None:
    """Wait until every background task started so far (and those they start) has ended.
    Callers bound the wait with `asyncio.timeout`."""
    while _running:
        await asyncio.wait(list(_running))


def _run_callbacks(session: Session) -> None:
    callbacks = session.info.pop(_KEY, [])
    for callback in callbacks:
        result = callback()
        if inspect.isawaitable(result):
            spawn(result)


def _drop_callbacks(session: Session, *args: Any) -> None:
    session.info.pop(_KEY, None)


event.listen(Session, "after_commit", _run_callbacks)
event.listen(Session, "after_rollback", _drop_callbacks)
