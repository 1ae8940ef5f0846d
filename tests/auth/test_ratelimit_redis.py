"""With REDIS_URL set, rate limits live in Redis: several server processes (here, two app
instances with limiters of their own) count the attempts together."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterator

import pytest
from fastapi import FastAPI
from httpx import AsyncClient
from redis import Redis

from hallway.config import Settings
from hallway.db import Database
from hallway.main import create_app
from tests.appfixtures import PASSWORD, make_user
from tests.conftest import clean_app_tables, client_for
from tests.redisfixtures import REDIS_URL, delete_keys, requires_redis
from tests.security.clients import client_at

pytestmark = requires_redis
LIMIT_PER_MINUTE = 3
ACCOUNT_FAILURES = 4
KEYS = "hallway:ratelimit:*"
WRONG = "not the password"


@pytest.fixture
def redis_keys() -> Iterator[Callable[[], dict[str, tuple[int, int]]]]:
    """Our rate-limit keys, removed before and after; a reader of key -> (count, ttl)."""
    delete_keys(KEYS)

    def read() -> dict[str, tuple[int, int]]:
        with Redis.from_url(REDIS_URL) as redis:
            return {
                key.decode(): (int(redis.get(key) or 0), int(redis.ttl(key)))
                for key in redis.scan_iter(match=KEYS)
            }

    yield read
    delete_keys(KEYS)


def server(database_url: str, app_db: Database, *, redis_url: str | None) -> FastAPI:
    settings = Settings(
        database_url=database_url,
        redis_url=redis_url,
        secret_key="test-secret-key-for-hallway-tests",
        login_limit_per_minute=LIMIT_PER_MINUTE,
        login_account_failures_per_hour=ACCOUNT_FAILURES,
        reset_limit_per_hour=2,
    )
    return create_app(settings, database=app_db)


@pytest.fixture
async def two_servers(
    database_url: str, app_db: Database, redis_keys
) -> AsyncIterator[tuple[AsyncClient, AsyncClient]]:
    """Clients of two app instances sharing the database and the test Redis database."""
    apps = [server(database_url, app_db, redis_url=REDIS_URL) for _ in range(2)]
    try:
        async with client_for(apps[0]) as first, client_for(apps[1]) as second:
            yield first, second
    finally:
        for app in apps:
            await app.state.limiter.close()
        await clean_app_tables(app_db)


async def test_login_attempts_on_two_servers_share_the_per_account_limit(
    two_servers, app_db, redis_keys
):
    first, second = two_servers
    await make_user(app_db, "ann@example.com")
    await make_user(app_db, "bob@example.com")
    wrong = {"email": "ann@example.com", "password": WRONG}

    statuses = [
        (await first.post("/auth/session", json=wrong)).status_code,
        (await second.post("/v1/auth/login", json=wrong)).status_code,
        (await first.post("/v1/auth/login", json=wrong)).status_code,
    ]
    over = await second.post("/auth/session", json=wrong)
    right_but_late = await first.post(
        "/auth/session", json={"email": "ANN@example.com", "password": PASSWORD}
    )
    other_account = await second.post(
        "/auth/session", json={"email": "bob@example.com", "password": PASSWORD}
    )

    assert statuses == [401] * LIMIT_PER_MINUTE
    assert over.status_code == 429
    assert over.json()["errors"][0]["title"] == "Request Limit Exceeded"
    assert 0 < int(over.headers["retry-after"]) <= 60
    assert right_but_late.status_code == 429
    assert 0 < int(right_but_late.headers["retry-after"]) <= 60
    assert "access_token" not in right_but_late.text
    assert other_account.status_code == 200 and "access_token" in other_account.json()
    counted = redis_keys()
    count, ttl = counted["hallway:ratelimit:login:account-ip:ann@example.com:127.0.0.1"]
    assert count == LIMIT_PER_MINUTE + 2 and 0 < ttl <= 60
    assert counted["hallway:ratelimit:login:account-ip:bob@example.com:127.0.0.1"][0] == 1
    failures, ttl = counted["hallway:ratelimit:login:failed:ann@example.com"]
    assert failures == LIMIT_PER_MINUTE and 3500 < ttl <= 3600


async def test_the_per_address_login_limit_is_shared_too(two_servers, redis_keys):
    first, second = two_servers
    per_address = LIMIT_PER_MINUTE * 5

    statuses = [
        (
            await (first, second)[n % 2].post(
                "/auth/session", json={"email": f"nobody{n}@example.com", "password": WRONG}
            )
        ).status_code
        for n in range(per_address)
    ]
    over = await first.post(
        "/auth/session", json={"email": "another@example.com", "password": WRONG}
    )

    assert statuses == [401] * per_address
    assert over.status_code == 429 and int(over.headers["retry-after"]) > 0
    (ip_key,) = [key for key in redis_keys() if key.startswith("hallway:ratelimit:login:ip:")]
    assert redis_keys()[ip_key][0] == per_address + 1


async def test_password_reset_requests_on_two_servers_share_the_hourly_limit(
    two_servers, app_db, redis_keys
):
    first, second = two_servers
    await make_user(app_db, "ann@example.com")
    body = {"data": {"email": "ann@example.com"}}

    asked = [
        (await first.post("/v1/auth/reset-password", json=body)).status_code,
        (await second.post("/v1/auth/reset-password", json=body)).status_code,
    ]
    over = await first.post("/v1/auth/reset-password", json=body)

    assert asked == [200, 200]
    assert over.status_code == 429 and 3000 < int(over.headers["retry-after"]) <= 3600
    count, ttl = redis_keys()["hallway:ratelimit:reset:email-ip:ann@example.com:127.0.0.1"]
    assert count == 3 and 3000 < ttl <= 3600


async def test_without_redis_each_server_counts_on_its_own(database_url, app_db, redis_keys):
    apps = [server(database_url, app_db, redis_url=None) for _ in range(2)]
    await make_user(app_db, "ann@example.com")
    wrong = {"email": "ann@example.com", "password": WRONG}
    try:
        async with client_for(apps[0]) as first, client_for(apps[1]) as second:
            on_first = [
                (await first.post("/auth/session", json=wrong)).status_code
                for _ in range(LIMIT_PER_MINUTE + 1)
            ]
            on_second = (await second.post("/auth/session", json=wrong)).status_code
    finally:
        await clean_app_tables(app_db)

    assert on_first == [401] * LIMIT_PER_MINUTE + [429]
    assert on_second == 401
    assert redis_keys() == {}


async def test_an_account_under_attack_is_seen_by_every_server(database_url, app_db, redis_keys):
    """Failures from other addresses, counted on another server, hold off an address that
    failed; an address that never failed still logs in."""
    apps = [server(database_url, app_db, redis_url=REDIS_URL) for _ in range(2)]
    await make_user(app_db, "ann@example.com")
    wrong = {"email": "ann@example.com", "password": WRONG}
    right = {"email": "ann@example.com", "password": PASSWORD}
    try:
        for n in range(ACCOUNT_FAILURES + 1):
            async with client_at(apps[n % 2], f"203.0.113.{n}") as attacker:
                assert (await attacker.post("/auth/session", json=wrong)).status_code == 401
        async with client_at(apps[1], "203.0.113.0") as attacker:
            held_off = await attacker.post("/auth/session", json=right)
        async with client_at(apps[0], "198.51.100.7") as owner:
            owners = await owner.post("/auth/session", json=right)
    finally:
        for app in apps:
            await app.state.limiter.close()
        await clean_app_tables(app_db)

    assert held_off.status_code == 429 and 3500 < int(held_off.headers["retry-after"]) <= 3600
    assert owners.status_code == 200
