"""Redis for the tests that need it: one database of the local server (13 unless
`HALLWAY_TEST_REDIS_DB` names another, so two suites can run side by side), and key clean-up."""

from __future__ import annotations

import os
import socket

import pytest

REDIS_HOST, REDIS_PORT = "127.0.0.1", 6379
REDIS_DB = int(os.environ.get("HALLWAY_TEST_REDIS_DB", "13"))
REDIS_URL = f"redis://{REDIS_HOST}:{REDIS_PORT}/{REDIS_DB}"


def redis_is_up() -> bool:
    try:
        with socket.create_connection((REDIS_HOST, REDIS_PORT), timeout=1) as conn:
            conn.sendall(b"PING\r\n")
            return conn.recv(16).startswith(b"+PONG")
    except OSError:
        return False


requires_redis = pytest.mark.skipif(
    not redis_is_up(), reason=f"Redis is not reachable at {REDIS_HOST}:{REDIS_PORT} (CI starts it)"
)


def delete_keys(*patterns: str) -> int:
    """Remove the keys matching `patterns` from the test database; how many there were."""
    from redis import Redis

    with Redis.from_url(REDIS_URL) as redis:
        keys = [key for pattern in patterns for key in redis.scan_iter(match=pattern)]
        return int(redis.delete(*keys)) if keys else 0
