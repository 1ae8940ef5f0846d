"""The admission line itself, around a stand-in application that records who is inside: never
more than the limit at once, in arrival order, every turn given back (the application
raising, the client leaving the line), and a line holding too many bytes refused at once."""

from __future__ import annotations

import asyncio
import contextlib
from typing import Any

import pytest

from hallway import admission
from hallway.admission import Admission

Message = dict[str, Any]


class Inside:
    """An ASGI application that notes who comes in and stays until let out."""

    def __init__(self) -> None:
        self.entered: list[str] = []
        self.now = 0
        self.most = 0
        self.open = asyncio.Event()

    async def __call__(self, scope: Message, receive: Any, send: Any) -> None:
        self.entered.append(scope["path"])
        self.now += 1
        self.most = max(self.most, self.now)
        try:
            await receive()
            await self.open.wait()
            if scope["path"].endswith("/raise"):
                raise RuntimeError("the application failed")
            await send({"type": "http.response.start", "status": 200, "headers": []})
            await send({"type": "http.response.body", "body": b"{}"})
        finally:
            self.now -= 1


async def call(
    line: Admission, path: str, body: bytes = b"", leave: asyncio.Event | None = None
) -> list[Message]:
    """One request through the line: what was sent back."""
    sent: list[Message] = []
    first = True

    async def receive() -> Message:
        nonlocal first
        if first:
            first = False
            return {"type": "http.request", "body": body, "more_body": False}
        await (leave or asyncio.Event()).wait()
        return {"type": "http.disconnect"}

    async def send(message: Message) -> None:
        sent.append(message)

    scope = {"type": "http", "path": path, "method": "POST", "headers": []}
    with contextlib.suppress(RuntimeError):  # the failing application's own error
        await line(scope, receive, send)
    return sent


def status(sent: list[Message]) -> int | None:
    return sent[0]["status"] if sent else None


async def test_never_more_than_the_limit_inside_and_in_arrival_order():
    app = Inside()
    line = Admission(app, limit=2, wait=30)
    calls = []
    for n in range(10):
        calls.append(asyncio.create_task(call(line, f"/v1/orders/{n}")))
        await asyncio.sleep(0)  # each arrives after the one before
    await asyncio.sleep(0.05)
    assert app.entered == ["/v1/orders/0", "/v1/orders/1"]
    app.open.set()
    answers = await asyncio.gather(*calls)

    assert app.most == 2
    assert app.entered == [f"/v1/orders/{n}" for n in range(10)]
    assert [status(a) for a in answers] == [200] * 10


async def test_a_failing_request_gives_its_turn_back():
    app = Inside()
    app.open.set()
    line = Admission(app, limit=1, wait=0)

    await call(line, "/v1/orders/raise")
    after = await call(line, "/v1/orders/1")

    assert status(after) == 200


async def test_a_client_that_leaves_the_line_is_never_let_in():
    app = Inside()
    line = Admission(app, limit=1, wait=30)
    holder = asyncio.create_task(call(line, "/v1/orders/holder"))
    await asyncio.sleep(0.01)
    leave = asyncio.Event()
    leaver = asyncio.create_task(call(line, "/v1/orders/leaver", leave=leave))
    await asyncio.sleep(0.01)
    leave.set()
    left = await leaver
    app.open.set()
    await holder
    later = await call(line, "/v1/orders/later")

    assert status(left) == 400  # the answer nobody reads
    assert app.entered == ["/v1/orders/holder", "/v1/orders/later"]
    assert status(later) == 200


async def test_exempt_paths_and_paths_outside_the_api_pass_a_full_line():
    app = Inside()
    line = Admission(app, limit=1, wait=0, exempt=("/v1/upload/",))
    holder = asyncio.create_task(call(line, "/v1/orders/holder"))
    await asyncio.sleep(0.01)
    passing = [
        asyncio.create_task(call(line, path))
        for path in ("/v1/upload/image", "/health/ready", "/socket.io/")
    ]
    refused = await call(line, "/v1/orders/refused")
    await asyncio.sleep(0.01)
    app.open.set()
    await holder

    assert [status(await p) for p in passing] == [200, 200, 200]
    assert status(refused) == 503


async def test_a_line_holding_too_many_bytes_refuses_at_once(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(admission, "WAITING_BYTES", 100)
    app = Inside()
    line = Admission(app, limit=1, wait=30)
    holder = asyncio.create_task(call(line, "/v1/orders/holder"))
    await asyncio.sleep(0.01)
    small = asyncio.create_task(call(line, "/v1/orders/small", body=b"x" * 60))
    await asyncio.sleep(0.01)
    async with asyncio.timeout(5):  # answered without waiting its 30 s
        refused = await call(line, "/v1/orders/large", body=b"x" * 60)
    app.open.set()

    assert status(refused) == 503
    assert status(await small) == 200
    assert status(await holder) == 200
