"""A limit on the API requests one server process works on at once; the others wait their turn.

Under a rush (a thousand buyers at once for one event) a process that starts every request as
it arrives holds as many sessions, pool connections and half-done requests as there are
buyers: each of them waits longer, and the process spends more CPU per request (statements
prepared anew on more connections, more objects alive for the collector). Starting at most
`limit` at once and holding the rest in arrival order, before any work is done for them, serves
the same buyers sooner and with less CPU (bench/results/rush.md).

- Only `/v1/` requests count, uploads and imports excepted (their bodies are large and
  streamed; the image workers have their own queue). Health checks, metrics, static files,
  the docs and the realtime socket are never held.
- A request's body (capped by BodyLimit, which wraps this) is read before it takes its turn,
  and its turn ends when its answer begins: a client that sends or reads slowly holds no turn.
- A request that has waited `wait` seconds is answered 503 with `Retry-After`; nothing was done
  for it.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from hallway.errors import Busy
from hallway.jsonapi.http import error_response

RETRY_AFTER_SECONDS = 5


class Admission:
    """Pure ASGI middleware: `Admission(app, limit=16, wait=30.0, exempt=("/v1/upload/",))`;
    `limit=0` lets every request in at once."""

    def __init__(
        self, app: ASGIApp, *, limit: int, wait: float, exempt: Iterable[str] = ()
    ) -> None:
        self.app, self.limit, self.wait = app, limit, wait
        self.exempt = tuple(exempt)
        self._turns: dict[asyncio.AbstractEventLoop, asyncio.Semaphore] = {}

    def counts(self, scope: Scope) -> bool:
        if scope["type"] != "http" or self.limit <= 0:
            return False  # the lifespan and websocket scopes have no path to look at
        path: str = scope["path"]
        return path.startswith("/v1/") and not path.startswith(self.exempt)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if not self.counts(scope):
            await self.app(scope, receive, send)
            return
        receive = await _read_body(receive)
        turns = self._turns_of_this_loop()
        try:
            async with asyncio.timeout(self.wait):
                await turns.acquire()
        except TimeoutError:
            await error_response(Busy(RETRY_AFTER_SECONDS))(scope, receive, send)
            return
        turn = _Turn(turns)
        try:
            await self.app(scope, receive, turn.sending(send))
        finally:
            turn.end()

    def _turns_of_this_loop(self) -> asyncio.Semaphore:
        """One semaphore per event loop (an app may outlive a loop, as in the tests)."""
        loop = asyncio.get_running_loop()
        turns = self._turns.get(loop)
        if turns is None:
            self._turns = {other: t for other, t in self._turns.items() if not other.is_closed()}
            turns = self._turns[loop] = asyncio.Semaphore(self.limit)
        return turns


class _Turn:
    """A request's turn: given back once, when its answer starts or when it ends."""

    def __init__(self, turns: asyncio.Semaphore) -> None:
        self._turns: asyncio.Semaphore | None = turns

    def end(self) -> None:
        if self._turns is not None:
            self._turns.release()
            self._turns = None

    def sending(self, send: Send) -> Send:
        async def send_and_end(message: Message) -> None:
            if message["type"] == "http.response.start":
                self.end()
            await send(message)

        return send_and_end


async def _read_body(receive: Receive) -> Receive:
    """Read the whole body now; the returned `receive` hands it over again, then defers to the
    server's (for the disconnect)."""
    kept: list[Message] = []
    while True:
        message = await receive()
        kept.append(message)
        if message["type"] != "http.request" or not message.get("more_body", False):
            break
    kept.reverse()

    async def replay() -> Message:
        return kept.pop() if kept else await receive()

    return replay
