"""Two server processes on one database: a matrix change made through one holds on the
other's next request (no process keeps the matrix between requests)."""

from __future__ import annotations

import asyncio
import os
import socket
import subprocess
import sys
from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

from hallway.config import normalize_database_url
from tests.appfixtures import jwt, login, make_user
from tests.fuzz.server import NOT_PASSED_ON
from tests.permissions.helpers import flags_body, matrix_id
from tests.program.helpers import body, cast

SERVE = Path(__file__).parents[1] / "fuzz" / "serve.py"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def _server(database_url: str, secret: str, log: Path) -> Iterator[str]:
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(NOT_PASSED_ON)}
    env.update(
        PYTHONUNBUFFERED="1",
        ENVIRONMENT="test",
        DATABASE_URL=normalize_database_url(database_url),
        SECRET_KEY=secret,
        MAIL_BACKEND="console",
        UPLOAD_DIR=str(log.parent / "media"),
    )
    with log.open("wb") as out:
        process = subprocess.Popen(  # noqa: S603 - our own interpreter and file
            [sys.executable, str(SERVE), str(port)], env=env, stdout=out, stderr=subprocess.STDOUT
        )
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


async def _healthy(base_url: str, log: Path) -> None:
    async with httpx.AsyncClient(base_url=base_url, timeout=5) as http:
        for _ in range(300):
            try:
                if (await http.get("/health-check")).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            await asyncio.sleep(0.2)
    text = await asyncio.to_thread(log.read_text)
    raise AssertionError(f"server at {base_url} not healthy:\n{text}")


@pytest.fixture
async def two_servers(settings, app_db, tmp_path) -> AsyncIterator[tuple[str, str]]:
    secret = str(settings.secret_key)  # the tokens the in-process app issues hold on both
    with (
        _server(settings.database_url, secret, tmp_path / "one.log") as one,
        _server(settings.database_url, secret, tmp_path / "two.log") as two,
    ):
        await _healthy(one, tmp_path / "one.log")
        await _healthy(two, tmp_path / "two.log")
        yield one, two


async def test_a_change_through_one_process_holds_on_the_other(client, app_db, two_servers):
    c = await cast(client, app_db)
    await make_user(app_db, "super@example.com", is_admin=True, is_super_admin=True)
    super_admin = jwt(await login(client, "super@example.com"))
    row = await matrix_id(app_db, "coorganizer", "track")
    one, two = two_servers

    def track(name: str) -> dict:
        return body("track", {"name": name, "color": "#112233"}, event=("event", c.event_id))

    async with (
        httpx.AsyncClient(base_url=one, timeout=30) as first,
        httpx.AsyncClient(base_url=two, timeout=30) as second,
    ):
        coorganizer = c.headers("coorganizer")
        before = await second.post("/v1/tracks", json=track("Before"), headers=coorganizer)
        assert before.status_code == 201, before.text
        revoked = await first.patch(
            f"/v1/event-role-permissions/{row}",
            json=flags_body(row, can_create=False),
            headers=super_admin,
        )
        assert revoked.status_code == 200, revoked.text
        refused = await second.post("/v1/tracks", json=track("Refused"), headers=coorganizer)
        assert refused.status_code == 403, refused.text
        restored = await second.patch(
            f"/v1/event-role-permissions/{row}",
            json=flags_body(row, can_create=True),
            headers=super_admin,
        )
        assert restored.status_code == 200, restored.text
        again = await first.post("/v1/tracks", json=track("Again"), headers=coorganizer)
        assert again.status_code == 201, again.text
        listed = await first.get(f"/v1/events/{c.event_id}/tracks")
        assert sorted(t["attributes"]["name"] for t in listed.json()["data"]) == ["Again", "Before"]
