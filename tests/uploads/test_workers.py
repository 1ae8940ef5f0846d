"""Images are decoded in worker processes, a bounded number at a time: uploads beyond the
workers and their queue are answered 503 with Retry-After at once, an image that takes too
long is stopped, one that needs more memory than a worker may have is refused, and a
worker's refusal reaches the client as the same 4xx error."""

from __future__ import annotations

import asyncio
import subprocess
import sys
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import orjson
import pytest
from fastapi import FastAPI
from httpx import AsyncClient, Response

from hallway.images import PoolOptions, image_pool
from hallway.uploads import UploadOptions
from tests.uploads.conftest import configure
from tests.uploads.samples import data_url, image_bytes, one_colour_png, stored

URL = "/v1/upload/image"
ONE_WORKER = PoolOptions(workers=1)
QUICK_TIMEOUT = PoolOptions(timeout=0.3)
SMALL_MEMORY = PoolOptions(memory_mb=256)  # a worker starts in about 150 MB


@pytest.fixture
def private_pools() -> Iterator[None]:
    """The pools these tests make for themselves are stopped after each test."""
    yield
    for options in (ONE_WORKER, QUICK_TIMEOUT, SMALL_MEMORY):
        image_pool(options).close()


async def upload(client: AsyncClient, auth: dict[str, str], data: bytes) -> Response:
    return await client.post(URL, json={"data": data_url(data)}, headers=auth)


class HeldBody:
    """A request body that the server waits for until `release()`: the upload holds its
    slot meanwhile."""

    def __init__(self, data: bytes) -> None:
        self.body = orjson.dumps({"data": data_url(data)})
        self.reading = asyncio.Event()
        self._released = asyncio.Event()

    async def chunks(self) -> AsyncIterator[bytes]:
        self.reading.set()
        await self._released.wait()
        yield self.body

    def release(self) -> None:
        self._released.set()


async def test_uploads_beyond_the_workers_and_queue_are_503_with_retry_after(
    app: FastAPI,
    client: AsyncClient,
    auth: dict[str, str],
    upload_options: UploadOptions,
    media_root: Path,
    private_pools: None,
) -> None:
    configure(app, upload_options, workers=ONE_WORKER, queue=0)  # one upload at a time
    held = HeldBody(image_bytes(40, 20))
    headers = {**auth, "Content-Type": "application/json"}
    first = asyncio.create_task(client.post(URL, content=held.chunks(), headers=headers))
    await asyncio.wait_for(held.reading.wait(), timeout=10)

    refused = await upload(client, auth, image_bytes(30, 30))
    held.release()
    accepted = await asyncio.wait_for(first, timeout=30)
    after = await upload(client, auth, image_bytes(30, 30))

    assert refused.status_code == 503, refused.text
    assert refused.headers["Retry-After"] == "5"
    assert refused.json()["errors"][0] == {
        "status": 503,
        "title": "Uploads busy",
        "detail": "The server is processing as many uploads as it can; try again shortly",
    }
    assert (accepted.status_code, after.status_code) == (200, 200), accepted.text
    assert len(stored(media_root)) == 8  # two images and their variants, not three


async def test_uploads_within_the_queue_wait_for_the_worker(
    app: FastAPI,
    client: AsyncClient,
    auth: dict[str, str],
    upload_options: UploadOptions,
    media_root: Path,
    private_pools: None,
) -> None:
    configure(app, upload_options, workers=ONE_WORKER, queue=3)

    responses = await asyncio.gather(
        *(upload(client, auth, image_bytes(20 + i, 20)) for i in range(4))
    )

    assert [r.status_code for r in responses] == [200] * 4
    assert len(stored(media_root)) == 16


async def test_an_image_over_the_time_limit_is_503_and_the_next_one_is_processed(
    app: FastAPI,
    client: AsyncClient,
    auth: dict[str, str],
    upload_options: UploadOptions,
    media_root: Path,
    private_pools: None,
) -> None:
    configure(app, upload_options, workers=QUICK_TIMEOUT)

    slow = await upload(client, auth, one_colour_png(5000, 5000))  # about 1 s of work
    quick = await upload(client, auth, image_bytes(30, 30))

    assert slow.status_code == 503, slow.text
    assert slow.json()["errors"][0]["detail"] == ("The image could not be processed within 0.3 s")
    assert quick.status_code == 200, quick.text
    assert len(stored(media_root)) == 4


async def test_an_image_over_the_workers_memory_limit_is_refused(
    app: FastAPI,
    client: AsyncClient,
    auth: dict[str, str],
    upload_options: UploadOptions,
    media_root: Path,
    private_pools: None,
) -> None:
    configure(app, upload_options, workers=SMALL_MEMORY)

    large = await upload(client, auth, one_colour_png(5000, 5000))  # 75 MB decoded, and copies
    small = await upload(client, auth, image_bytes(30, 30))

    assert large.status_code == 422, large.text
    assert large.json()["errors"][0]["detail"] == (
        "The image needs more memory to decode than is allowed"
    )
    assert small.status_code == 200, small.text
    assert len(stored(media_root)) == 4


async def test_a_refusal_in_the_worker_reaches_the_client_as_the_same_error(
    client: AsyncClient, auth: dict[str, str], media_root: Path
) -> None:
    truncated = one_colour_png(300, 300)[:-40]  # a sound header, the data cut short

    response = await upload(client, auth, truncated)

    assert response.status_code == 422, response.text
    error = response.json()["errors"][0]
    assert (error["status"], error["title"]) == (422, "Invalid image")
    assert error["detail"].startswith("The image data is damaged or truncated")
    assert stored(media_root) == []


def test_the_worker_imports_pillow_and_no_application_code() -> None:
    script = (
        "import sys, hallway.images.worker as w; w._configure_pillow(); "
        "print(' '.join(sorted(m for m in sys.modules if m.split('.')[0] in "
        "('hallway', 'fastapi', 'starlette', 'sqlalchemy', 'pydantic', 'PIL'))))"
    )
    modules = subprocess.run(  # noqa: S603 - our own interpreter
        [sys.executable, "-c", script], check=True, capture_output=True, text=True
    ).stdout.split()

    ours = {m for m in modules if m.startswith("hallway")}
    assert ours <= {"hallway", "hallway.errors"} | {m for m in ours if "images" in m}
    assert not [m for m in modules if m.split(".")[0] in ("fastapi", "starlette", "sqlalchemy")]
    assert "PIL.Image" in modules
