"""One beat per deployment: the periodic schedule runs only where a lock in Redis is held.

The beat that holds `hallway:beat:lock` refreshes it on every tick (at least three times a
lock's life); it expires BEAT_LOCK_SECONDS after its holder stops, killed or not, and another
beat then takes it. A second beat waits, scheduling nothing, and says so once in the log.
"""

from __future__ import annotations

import contextlib
import logging
import os
import socket
import uuid
from typing import Any

from celery.beat import PersistentScheduler  # type: ignore[import-untyped]
from redis import Redis
from redis.exceptions import RedisError

log = logging.getLogger("hallway.jobs.beat")
LOCK_KEY = "hallway:beat:lock"
# Extend the lock only while this beat still holds it.
_REFRESH = """
if redis.call('get', KEYS[1]) == ARGV[1] then
  return redis.call('expire', KEYS[1], ARGV[2])
end
return 0
"""
_RELEASE = """
if redis.call('get', KEYS[1]) == ARGV[1] then
  return redis.call('del', KEYS[1])
end
return 0
"""


class BeatLock:
    """The lock, as one beat process holds it: `hold()` takes or refreshes it."""

    def __init__(self, redis_url: str, seconds: int) -> None:
        self.seconds = seconds
        self.redis = Redis.from_url(redis_url, socket_timeout=3, socket_connect_timeout=3)
        self.owner = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
        self.held = False
        self._said = ""

    def hold(self) -> bool:
        try:
            if self.held:
                self.held = bool(self.redis.eval(_REFRESH, 1, LOCK_KEY, self.owner, self.seconds))
            else:
                self.held = bool(self.redis.set(LOCK_KEY, self.owner, nx=True, ex=self.seconds))
        except RedisError as exc:
            self.held = False
            self._say(f"beat paused: Redis unreachable ({type(exc).__name__})")
            return False
        if self.held:
            self._say("beat holds the lock: scheduling", logging.INFO)
        else:
            self._say("beat waits: another beat holds the lock")
        return self.held

    def release(self) -> None:
        with contextlib.suppress(RedisError):  # else it expires by itself
            self.redis.eval(_RELEASE, 1, LOCK_KEY, self.owner)
        self.held = False

    def _say(self, message: str, level: int = logging.WARNING) -> None:
        """Log a change of state once, not every tick."""
        if message != self._said:
            log.log(level, message)
            self._said = message


class LockedScheduler(PersistentScheduler):  # type: ignore[misc]
    """Celery's file-backed scheduler, ticking only while this beat holds the lock."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        conf = self.app.conf
        self.lock = BeatLock(conf.broker_url, int(conf.get("hallway_beat_lock_seconds", 30)))
        self.refresh_seconds = self.lock.seconds / 3

    def tick(self, *args: Any, **kwargs: Any) -> float:
        if not self.lock.hold():
            return self.refresh_seconds
        return float(min(super().tick(*args, **kwargs), self.refresh_seconds))

    def close(self) -> None:
        try:
            super().close()
        finally:
            self.lock.release()
