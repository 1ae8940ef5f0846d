"""Where stored URLs start: PUBLIC_URL when set, else the address `hallway run` listens on.
A request's Host header is the client's to choose, so it never becomes part of a stored URL
(one forged request would otherwise plant links to any site in events' pages). The last
tests run `hallway run` itself, which also shows that it never decodes an image."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI
from httpx import AsyncClient

from hallway.config import Settings
from hallway.db import Database
from hallway.main import create_app
from tests.appfixtures import PASSWORD
from tests.conftest import client_for
from tests.uploads.conftest import BASE_URL, UPLOADER
from tests.uploads.samples import PDF, data_url, image_bytes

IMAGE = {"data": data_url(image_bytes(5, 5))}
FORGED_HOSTS = ["attacker.example", "attacker.example:8443", "media.test:abc", "[::1]:99999"]


async def upload(client: AsyncClient, auth: dict[str, str], host: str | None = None) -> str:
    headers = {**auth, "Host": host} if host else auth
    response = await client.post("/v1/upload/image", json=IMAGE, headers=headers)
    assert response.status_code == 200, response.text
    return str(response.json()["url"])


async def test_a_forged_host_header_does_not_change_the_url(
    client: AsyncClient, auth: dict[str, str]
) -> None:
    first = await upload(client, auth, host="first.example")
    urls = [await upload(client, auth, host=host) for host in FORGED_HOSTS]

    assert first.startswith(f"{BASE_URL}/static/media/images/")
    assert all(url.startswith(f"{BASE_URL}/static/media/images/") for url in urls), urls


async def test_file_urls_ignore_the_host_header_too(
    client: AsyncClient, auth: dict[str, str]
) -> None:
    files = [("file", ("agenda.pdf", PDF, "application/pdf"))]
    headers = {**auth, "Host": "attacker.example"}
    response = await client.post("/v1/upload/files", files=files, headers=headers)

    assert response.status_code == 200, response.text
    assert response.json()["url"].startswith(f"{BASE_URL}/static/media/files/")


@pytest.fixture
def served_app(
    request: pytest.FixtureRequest, settings: Settings, app_db: Database, media_root: Path
) -> FastAPI:
    """The app with its uploads read from Settings (`request.param`: the changes)."""
    changes = {"upload_dir": media_root, **request.param}
    return create_app(settings.model_copy(update=changes), database=app_db)


@pytest.mark.parametrize(
    ("served_app", "base"),
    [
        ({"public_url": "https://events.example.org/"}, "https://events.example.org"),
        ({"host": "0.0.0.0", "port": 8080}, "http://localhost:8080"),  # noqa: S104
        ({"host": "::1", "port": 8080}, "http://[::1]:8080"),
        ({"host": "events.internal", "port": 80}, "http://events.internal"),
    ],
    ids=["public-url", "wildcard-host", "ipv6", "host-and-port"],
    indirect=["served_app"],
)
async def test_urls_start_with_the_configured_base(
    served_app: FastAPI, auth: dict[str, str], base: str
) -> None:
    async with client_for(served_app) as http:
        url = await upload(http, auth, host="attacker.example")

    assert url.startswith(f"{base}/static/media/images/")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Running:
    base_url: str
    process: subprocess.Popen[bytes]

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=15)


def start_hallway(workdir: Path) -> Running:
    """`hallway run --port N` on a fresh database with one account (so no demo data)."""
    port = _free_port()
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{workdir / 'run.db'}"}
    env.update(SECRET_KEY="origin-test", UPLOAD_DIR=str(workdir / "media"))
    for name in ("PUBLIC_URL", "HOST", "PORT", "REDIS_URL"):
        env.pop(name, None)
    hallway = [sys.executable, "-m", "hallway.cli"]
    subprocess.run(  # noqa: S603 - our own command; an account to sign in with
        [*hallway, "createsuperuser", "--email", UPLOADER, "--password", PASSWORD],
        cwd=workdir,
        env=env,
        check=True,
        capture_output=True,
    )
    server = subprocess.Popen(  # noqa: S603 - our own command
        [*hallway, "run", "--port", str(port)],
        cwd=workdir,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return Running(f"http://127.0.0.1:{port}", server)


@pytest.fixture(scope="module")
def hallway_run(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Running]:
    running = start_hallway(tmp_path_factory.mktemp("hallway-run"))
    try:
        yield running
    finally:
        running.stop()


def test_hallway_run_stores_urls_under_the_port_it_was_given(hallway_run: Running) -> None:
    url = _upload_to(hallway_run.base_url, host="attacker.example")

    assert url.startswith(f"{hallway_run.base_url}/static/media/images/")


def test_the_server_process_never_loads_the_image_decoder(hallway_run: Running) -> None:
    """Images are decoded by worker processes: the server never maps Pillow's C library."""
    _upload_to(hallway_run.base_url, host="localhost")

    maps = Path(f"/proc/{hallway_run.process.pid}/maps").read_text()
    assert "PIL/_imaging" not in maps


def test_stopping_the_server_stops_its_image_workers(tmp_path: Path) -> None:
    running = start_hallway(tmp_path)
    try:
        _upload_to(running.base_url, host="localhost")
        workers = _image_workers(running.process.pid)
    finally:
        running.stop()

    assert workers, "an image worker served the upload"
    deadline = time.monotonic() + 10
    while any(Path(f"/proc/{pid}").exists() for pid in workers):
        assert time.monotonic() < deadline, f"image workers {workers} outlived the server"
        time.sleep(0.1)


def _image_workers(pid: int) -> list[int]:
    """The server's child processes running `python -m hallway.images`."""
    children = [
        int(child)
        for task in Path(f"/proc/{pid}/task").iterdir()
        for child in (task / "children").read_text().split()
    ]
    return [
        child
        for child in children
        if b"hallway.images" in Path(f"/proc/{child}/cmdline").read_bytes()
    ]


def _upload_to(base: str, host: str) -> str:
    with httpx.Client(base_url=base, timeout=30) as http:
        deadline = time.monotonic() + 30
        while True:
            try:
                http.get("/health-check")
                break
            except httpx.TransportError:
                assert time.monotonic() < deadline, "the server did not start"
                time.sleep(0.2)
        login = http.post("/auth/session", json={"email": UPLOADER, "password": PASSWORD})
        token = login.json()["access_token"]
        headers = {"Authorization": f"JWT {token}", "Host": host}
        response = http.post("/v1/upload/image", json=IMAGE, headers=headers)
    assert response.status_code == 200, response.text
    return str(response.json()["url"])
