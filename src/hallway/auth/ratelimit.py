"""Fixed-window rate limits: in Redis when REDIS_URL is set, in process otherwise."""

from __future__ import annotations

import time
from typing import Protocol

from starlette.requests import Request

from hallway.errors import TooManyRequests


class Limiter(Protocol):
    async def hit(self, key: str, limit: int, window: int) -> int:
        """Count one hit; return 0 when allowed, else the seconds until the window resets."""
        ...


class MemoryLimiter:
    def __init__(self) -> None:
        self._windows: dict[str, tuple[float, int]] = {}

    async def hit(self, key: str, limit: int, window: int) -> int:
        now = time.monotonic()
        started, count = self._windows.get(key, (now, 0))
        if now - started >= window:
            started, count = now, 0
        count += 1
        self._windows[key] = (started, count)
        if len(self._windows) > 100_000:
            self._forget_old(now, window)
        return 0 if count <= limit else max(1, int(window - (now - started)) + 1)

    def _forget_old(self, now: float, window: int) -> None:
        for key, (started, _) in list(self._windows.items()):
            if now - started >= window:
                del self._windows[key]


class RedisLimiter:
    def __init__(self, url: str) -> None:
        from redis.asyncio import Redis

        self._redis = Redis.from_url(url)

    async def hit(self, key: str, limit: int, window: int) -> int:
        name = f"hallway:ratelimit:{key}"
        async with self._redis.pipeline(transaction=True) as pipe:
            pipe.incr(name)
            pipe.expire(name, window, nx=True)
            pipe.ttl(name)
            count, _, ttl = await pipe.execute()
        return 0 if int(count) <= limit else max(1, int(ttl))

    async def close(self) -> None:
        await self._redis.aclose()


def make_limiter(redis_url: str | None) -> Limiter:
    return RedisLimiter(redis_url) if redis_url else MemoryLimiter()


def client_ip(request: Request) -> str:
    return request.client.host if request.client else "unknown"


async def enforce(request: Request, key: str, limit: int, window: int) -> None:
    limiter: Limiter = request.app.state.limiter
    retry_after = await limiter.hit(key, limit, window)
    if retry_after:
        raise TooManyRequests(
            "Too many attempts; try again later", headers={"Retry-After": str(retry_after)}
        )
