"""Where a push goes from this process.

A web process pushes through its own Socket.IO server (`serve`): with REDIS_URL its manager
publishes on Redis and every web process delivers to its own connections; embedded, it
delivers in-process. A process that serves no sockets (a job worker) publishes with a
write-only Redis manager, one per event loop; without Redis it has nobody to tell.
"""

from __future__ import annotations

import asyncio
from typing import Any
from urllib.parse import urlsplit
from weakref import WeakKeyDictionary

from hallway.config import get_settings

NAMESPACE = "/notifs"
_server: Any = None
_writers: WeakKeyDictionary[asyncio.AbstractEventLoop, Any] = WeakKeyDictionary()


def room_of(user_id: int) -> str:
    return f"user:{user_id}"


def channel_of(redis_url: str) -> str:
    """Redis pub/sub ignores the database number: the channel names it, so deployments that
    share a Redis server on different databases do not hear each other."""
    database = urlsplit(redis_url).path.strip("/") or "0"
    return f"hallway-live:{database}"


def serve(server: Any) -> None:
    """Push through `server` (the Socket.IO server this process serves)."""
    global _server
    _server = server


def stop_serving(server: Any) -> None:
    global _server
    if _server is server:
        _server = None


async def push(user_id: int, event: str, data: dict[str, Any]) -> None:
    """Send `event` with `data` to every connection of the user, in any process."""
    target = _server if _server is not None else _writer()
    if target is not None:
        await target.emit(event, data, room=room_of(user_id), namespace=NAMESPACE)


def _writer() -> Any:
    url = get_settings().redis_url
    if not url:
        return None
    loop = asyncio.get_running_loop()
    writer = _writers.get(loop)
    if writer is None:
        import socketio  # only processes that push without serving sockets need it

        writer = socketio.AsyncRedisManager(url, channel=channel_of(url), write_only=True)
        _writers[loop] = writer
    return writer
