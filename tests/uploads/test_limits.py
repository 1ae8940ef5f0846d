"""Upload rate limits: files per account and per client address, per minute and per hour,
answered 429 with Retry-After before the body is read. A request counts once per file.

The apps here count in their own process (the settings fixture leaves REDIS_URL unset), and
every test uses addresses of its own, so a limiter shared across the run would not mix
these counts with other tests' either."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from pathlib import Path

from fastapi import FastAPI
from httpx import ASGITransport, AsyncClient, Response

from hallway.db import Database
from hallway.uploads import UploadLimits, UploadOptions
from tests.appfixtures import login, make_user
from tests.uploads.conftest import configure
from tests.uploads.samples import PDF, data_url, image_bytes, stored

IMAGE = {"data": data_url(image_bytes(8, 8))}
HIGH = 1000
Clients = Callable[[str], AbstractAsyncContextManager[AsyncClient]]


def unique_address() -> str:
    return f"10.{uuid.uuid4().int % 250}.{uuid.uuid4().int % 250}.{uuid.uuid4().int % 250}"


async def sign_in(app_db: Database, http: AsyncClient, name: str) -> dict[str, str]:
    email = f"{name}-{uuid.uuid4().hex[:8]}@example.com"
    await make_user(app_db, email)
    return {"Authorization": f"JWT {await login(http, email)}"}


def clients(app: FastAPI) -> Clients:
    """HTTP clients that reach the app from the given address."""

    @asynccontextmanager
    async def from_address(address: str) -> AsyncIterator[AsyncClient]:
        transport = ASGITransport(app=app, raise_app_exceptions=False, client=(address, 4321))
        async with AsyncClient(transport=transport, base_url="http://testserver") as http:
            yield http

    return from_address


async def upload(http: AsyncClient, auth: dict[str, str]) -> Response:
    return await http.post("/v1/upload/image", json=IMAGE, headers=auth)


def assert_limited(response: Response, longest_wait: int) -> None:
    assert response.status_code == 429, response.text
    assert 1 <= int(response.headers["Retry-After"]) <= longest_wait
    assert response.json()["errors"][0]["status"] == 429


async def test_an_account_is_limited_from_any_address(
    app: FastAPI, upload_options: UploadOptions, app_db: Database, media_root: Path
) -> None:
    configure(app, upload_options, limits=UploadLimits(2, HIGH, HIGH, HIGH))
    reach = clients(app)
    async with reach(unique_address()) as one, reach(unique_address()) as other:
        alice = await sign_in(app_db, one, "alice")
        first, second = await upload(one, alice), await upload(other, alice)
        third = await upload(other, alice)
        someone_else = await upload(other, await sign_in(app_db, other, "bob"))

    assert (first.status_code, second.status_code) == (200, 200)
    assert_limited(third, 60)
    assert someone_else.status_code == 200, "the address itself is not limited"
    assert len(stored(media_root)) == 3 * 4  # the refused upload stored nothing


async def test_an_address_is_limited_whoever_signs_in(
    app: FastAPI, upload_options: UploadOptions, app_db: Database
) -> None:
    configure(app, upload_options, limits=UploadLimits(HIGH, HIGH, 3, HIGH))
    reach = clients(app)
    async with reach(unique_address()) as office, reach(unique_address()) as elsewhere:
        accounts = [await sign_in(app_db, office, f"user{i}") for i in range(4)]
        responses = [await upload(office, auth) for auth in accounts]
        from_elsewhere = await upload(elsewhere, accounts[3])

    assert [r.status_code for r in responses[:3]] == [200, 200, 200]
    assert_limited(responses[3], 60)
    assert from_elsewhere.status_code == 200


async def test_the_hourly_limit_holds_when_the_minute_allows(
    app: FastAPI, upload_options: UploadOptions, app_db: Database
) -> None:
    configure(app, upload_options, limits=UploadLimits(HIGH, 1, HIGH, HIGH))
    async with clients(app)(unique_address()) as http:
        auth = await sign_in(app_db, http, "hourly")
        first, second = await upload(http, auth), await upload(http, auth)

    assert first.status_code == 200
    assert_limited(second, 3600)
    assert int(second.headers["Retry-After"]) > 60


async def test_a_request_counts_once_per_file(
    app: FastAPI, upload_options: UploadOptions, app_db: Database, media_root: Path
) -> None:
    configure(app, upload_options, limits=UploadLimits(HIGH, HIGH, 2, HIGH))
    three = [("files[]", (f"{i}.pdf", PDF, "application/pdf")) for i in range(3)]
    async with clients(app)(unique_address()) as http:
        auth = await sign_in(app_db, http, "batch")
        response = await http.post("/v1/upload/files", files=three, headers=auth)

    assert_limited(response, 60)
    assert stored(media_root) == []


async def test_the_default_limits_come_from_settings(
    app: FastAPI, app_db: Database, media_root: Path
) -> None:
    """Twenty files a minute per account (the fixture's app reads them from Settings once its
    uploads are built from them)."""
    app.state.uploads = None  # built again from Settings on the next upload
    async with clients(app)(unique_address()) as http:
        auth = await sign_in(app_db, http, "defaults")
        statuses = [(await upload(http, auth)).status_code for _ in range(21)]

    assert statuses == [200] * 20 + [429]
