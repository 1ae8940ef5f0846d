"""A process that serves no sockets (as a job worker does): once it has imported what the
worker and the supervisor of `hallway run` import, it prints `ready` (and whether Socket.IO is
loaded), reads a user id from its standard input, stores a notification for that user,
and prints whether it imported Socket.IO. `python -m tests.realtime.pusher`, with
DATABASE_URL and REDIS_URL in its environment."""

from __future__ import annotations

import asyncio
import sys

# What `hallway worker` and the supervisor of `hallway run` import (main: the module alone).
import hallway.cli
import hallway.jobs.distributed
import hallway.main  # noqa: F401
from hallway.aftercommit import drain
from hallway.config import get_settings
from hallway.db import Database
from hallway.notifications.models import Notification
from hallway.registry import register_all  # noqa: F401 - every mapper, as a worker has


async def main(user_id: int) -> None:
    db = Database(get_settings().database_url)
    try:
        async with db.sessions() as session, session.begin():
            session.add(Notification(user_id=user_id, title="From a job"))
        async with asyncio.timeout(30):
            await drain()
    finally:
        await db.dispose()
    print("socketio" in sys.modules, flush=True)


if __name__ == "__main__":
    print("ready", "socketio" in sys.modules, flush=True)
    asyncio.run(main(int(sys.stdin.readline())))
