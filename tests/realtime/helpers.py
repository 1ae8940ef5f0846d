"""Socket.IO clients of the `/notifs` namespace, two event owners whose events take session
proposals, and a proposal sent in (which notifies the event's owner)."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import Any

import socketio
from httpx import AsyncClient

from hallway.db import Database
from tests.events.helpers import create_event
from tests.program.helpers import Cast
from tests.sessions.helpers import open_call, program, submitted

NAMESPACE = "/notifs"
# How long a committed notification may take to reach an open connection.
DELIVERY_SECONDS = 1.0
# How long a connection is watched for a push that must not come.
QUIET_SECONDS = 0.3


@dataclass
class Listener:
    """One Socket.IO connection and what it heard."""

    received: list[dict[str, Any]] = field(default_factory=list)
    refusal: str | None = None
    taken: int = 0

    def __post_init__(self) -> None:
        self.sio = socketio.AsyncClient(reconnection=False)
        self._arrived = asyncio.Event()
        self.sio.on("notification", self._got, namespace=NAMESPACE)
        self.sio.on("connect_error", self._refused, namespace=NAMESPACE)

    async def _got(self, document: dict[str, Any]) -> None:
        self.received.append(document)
        self._arrived.set()

    async def _refused(self, data: Any) -> None:
        self.refusal = data.get("message") if isinstance(data, dict) else str(data)

    async def connect(self, base_url: str, **options: Any) -> None:
        await self.sio.connect(
            base_url,
            namespaces=[NAMESPACE],
            transports=options.pop("transports", ["websocket"]),
            wait_timeout=10,
            **options,
        )

    async def next(self, seconds: float = DELIVERY_SECONDS) -> dict[str, Any]:
        """The next notification not taken yet, which must arrive within `seconds`."""
        async with asyncio.timeout(seconds):
            while len(self.received) == self.taken:
                self._arrived.clear()
                await self._arrived.wait()
        self.taken += 1
        return self.received[self.taken - 1]

    async def close(self) -> None:
        await self.sio.disconnect()


@dataclass
class Owners:
    """Two events, each of its own owner, both taking proposals; `user` proposes."""

    first: Cast
    second: Cast

    def token(self, who: str) -> str:
        token = self.first.tokens[who]
        assert token is not None
        return token


async def two_owners(client: AsyncClient, db: Database) -> Owners:
    first = await program(client, db)
    stranger = first.tokens["stranger"]
    assert stranger is not None
    event = await create_event(client, stranger, "Stranger Days", state="published")
    second = Cast(event, {**first.tokens, "owner": stranger})
    await open_call(client, second)
    return Owners(first, second)


async def propose(client: AsyncClient, c: Cast, title: str) -> None:
    await submitted(client, c, "user", title, state="pending")
