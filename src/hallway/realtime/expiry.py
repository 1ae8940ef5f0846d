"""A live connection lasts as long as the access token it connected with: each connection
gets a timer at its token's expiry, and the server disconnects it then (the client hears
`disconnect` and reconnects with a fresh token). A connection that ends first cancels its
timer."""

from __future__ import annotations

import asyncio
import logging
import time
from typing import Any

from hallway.realtime.hub import NAMESPACE

log = logging.getLogger("hallway.realtime")


class Expiries:
    def __init__(self, server: Any) -> None:
        self.server = server
        self._timers: dict[str, asyncio.TimerHandle] = {}
        self._closing: set[asyncio.Task[None]] = set()

    def watch(self, sid: str, expires_at: float) -> None:
        """Disconnect `sid` at `expires_at` (seconds since the epoch)."""
        self.forget(sid)
        delay = max(0.0, expires_at - time.time())
        self._timers[sid] = asyncio.get_running_loop().call_later(delay, self._expire, sid)

    def forget(self, sid: str) -> None:
        timer = self._timers.pop(sid, None)
        if timer is not None:
            timer.cancel()

    def stop(self) -> None:
        for sid in list(self._timers):
            self.forget(sid)

    @property
    def watched(self) -> int:
        return len(self._timers)

    def _expire(self, sid: str) -> None:
        self._timers.pop(sid, None)
        task = asyncio.get_running_loop().create_task(self._close(sid))
        self._closing.add(task)
        task.add_done_callback(self._closing.discard)

    async def _close(self, sid: str) -> None:
        try:
            await self.server.disconnect(sid, namespace=NAMESPACE)
        except Exception:  # the connection may be gone already; the server lives on
            log.exception("cannot close the expired connection %s", sid)
