"""A client that goes away before its body has arrived ends its request with a 4xx, not with
a logged server error (wrk does this at the end of every benchmark run)."""

from __future__ import annotations

import logging

import pytest

from tests.conftest import http_scope


async def _send_and_vanish(app, method: str, path: str) -> list[dict]:
    scope = http_scope(
        method,
        path,
        (b"content-type", b"application/vnd.api+json"),
        (b"accept", b"application/vnd.api+json"),
        (b"content-length", b"64"),
    )
    sent: list[dict] = []

    async def receive() -> dict:
        return {"type": "http.disconnect"}

    async def send(message: dict) -> None:
        sent.append(message)

    await app(scope, receive, send)
    return sent


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("POST", "/auth/session"),
        ("POST", "/v1/auth/token/refresh"),
        ("POST", "/v1/users"),
        ("PATCH", "/v1/events/1"),
    ],
)
async def test_a_vanished_client_is_a_4xx_and_no_logged_error(app, caplog, method, path):
    caplog.set_level(logging.ERROR)

    sent = await _send_and_vanish(app, method, path)

    (start,) = [m for m in sent if m["type"] == "http.response.start"]
    assert 400 <= start["status"] < 500
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
