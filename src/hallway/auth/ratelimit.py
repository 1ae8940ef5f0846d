"""Fixed-window rate limits: in Redis when REDIS_URL is set, in process otherwise."""

from __future__ import annotations

import logging
import time
from typing import Protocol, TypeVar

from starlette.requests import Request

from hallway.errors import TooManyRequests
from hallway.metrics.instruments import refused_by_rate_limit

log = logging.getLogger("hallway.ratelimit")
T = TypeVar("T")


class Limiter(Protocol):
    async def hit(self, key: str, limit: int, window: int) -> int:
        """Count one hit; return 0 when allowed, else the seconds until the window resets."""
        ...

    async def peek(self, key: str) -> tuple[int, int]:
        """The hits counted in the key's current window and the seconds it has left (0, 0
        when none), without counting one."""
        ...


class MemoryLimiter:
    def __init__(self) -> None:
        # key -> (window start, hits, window length)
        self._windows: dict[str, tuple[float, int, int]] = {}

    async def hit(self, key: str, limit: int, window: int) -> int:
        now = time.monotonic()
        started, count, _ = self._windows.get(key, (now, 0, window))
        if now - started >= window:
            started, count = now, 0
        count += 1
        self._windows[key] = (started, count, window)
        if len(self._windows) > 100_000:
            self._forget_old(now)
        return 0 if count <= limit else max(1, int(window - (now - started)) + 1)

    async def peek(self, key: str) -> tuple[int, int]:
        count, left = self._current(key, time.monotonic())
        return (count, max(1, int(left) + 1)) if left else (0, 0)

    def _current(self, key: str, now: float) -> tuple[int, float]:
        """Hits in the key's open window and the seconds it has left; (0, 0) when closed."""
        started, count, window = self._windows.get(key, (now, 0, 0))
        left = window - (now - started)
        return (count, left) if left > 0 else (0, 0.0)

    def _forget_old(self, now: float) -> None:
        for key, (started, _, window) in list(self._windows.items()):
            if now - started >= window:
                del self._windows[key]


class RedisLimiter:
    def __init__(self, url: str) -> None:
        from redis.asyncio import Redis

        # Short timeouts: a Redis that does not answer must not hold a login for long.
        self._redis = Redis.from_url(url, socket_connect_timeout=1, socket_timeout=1)

    async def hit(self, key: str, limit: int, window: int) -> int:
        name = f"hallway:ratelimit:{key}"
        async with self._redis.pipeline(transaction=True) as pipe:
            pipe.incr(name)
            pipe.expire(name, window, nx=True)
            pipe.ttl(name)
            count, _, ttl = await pipe.execute()
        return 0 if int(count) <= limit else max(1, int(ttl))

    async def peek(self, key: str) -> tuple[int, int]:
        name = f"hallway:ratelimit:{key}"
        async with self._redis.pipeline(transaction=True) as pipe:
            pipe.get(name)
            pipe.ttl(name)
            count, ttl = await pipe.execute()
        return (int(count), max(1, int(ttl))) if count is not None and int(ttl) != -2 else (0, 0)

    async def close(self) -> None:
        await self._redis.aclose()


class FallbackLimiter:
    """Redis while it answers; while it does not, this process counts on its own (so logins
    go on during a Redis outage) and says so once. Redis is tried again every RETRY_SECONDS."""

    RETRY_SECONDS = 5.0

    def __init__(self, redis: RedisLimiter, memory: MemoryLimiter) -> None:
        from redis.exceptions import RedisError  # only where Redis is used

        self.redis, self.memory = redis, memory
        self._errors = RedisError
        self._down_until = 0.0

    async def hit(self, key: str, limit: int, window: int) -> int:
        if time.monotonic() >= self._down_until:
            try:
                return self._back(await self.redis.hit(key, limit, window))
            except self._errors as exc:
                self._down(exc)
        return await self.memory.hit(key, limit, window)

    async def peek(self, key: str) -> tuple[int, int]:
        if time.monotonic() >= self._down_until:
            try:
                return self._back(await self.redis.peek(key))
            except self._errors as exc:
                self._down(exc)
        return await self.memory.peek(key)

    def _down(self, exc: Exception) -> None:
        if not self._down_until:
            log.warning(
                "Redis unreachable (%s): rate limits are counted in this process until it "
                "answers again",
                type(exc).__name__,
            )
        self._down_until = time.monotonic() + self.RETRY_SECONDS

    def _back(self, result: T) -> T:
        if self._down_until:
            log.warning("Redis answers again: rate limits are shared again")
            self._down_until = 0.0
        return result

    async def close(self) -> None:
        await self.redis.close()


def make_limiter(redis_url: str | None) -> Limiter:
    if not redis_url:
        return MemoryLimiter()
    return FallbackLimiter(RedisLimiter(redis_url), MemoryLimiter())


def client_ip(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def too_many(retry_after: int, *, limit: str) -> TooManyRequests:
    """The 429 of the limit named `limit` (counted in the metrics)."""
    refused_by_rate_limit(limit)
    return TooManyRequests(
        "Too many attempts; try again later", headers={"Retry-After": str(retry_after)}
    )


async def enforce(request: Request, key: str, limit: int, window: int) -> None:
    limiter: Limiter = request.app.state.limiter
    retry_after = await limiter.hit(key, limit, window)
    if retry_after:
        raise too_many(retry_after, limit=key.split(":", 1)[0])
