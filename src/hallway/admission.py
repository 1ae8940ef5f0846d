"""A limit on the API requests one server process works on at once; the others wait their turn.

Under a rush (a thousand buyers at once for one event) a process that starts every request as
it arrives holds as many sessions, pool connections and half-done requests as there are
buyers: each of them waits longer, and the process spends more CPU per request (statements
prepared anew on more connections, more objects alive for the collector). Starting at most
`limit` at once and holding the rest in arrival order, before any work is done for them, serves
the same buyers sooner and with less CPU (bench/results/rush.md).

- Only `/v1/` requests count, except the exempt paths: uploads and imports (their bodies are
  large and streamed; the image workers have their own queue) and Stripe's webhook (it
  completes paid orders). Health checks, metrics, static files, the docs and the realtime
  socket are never held.
- A request's body (capped by BodyLimit, which wraps this) is read before it takes its turn,
  and its turn ends when its answer begins: a client that sends or reads slowly holds no turn.
- A request whose client goes away before its turn leaves the line, nothing done for it; it
  ends as a 4xx (nobody reads it), as a request whose client vanishes does anywhere.
- A request that has waited `wait` seconds is answered 503 with `Retry-After`, as is one that
  arrives while the waiting requests already hold WAITING_BYTES of bodies; nothing was done
  for either.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from hallway.errors import Busy, ClientClosed
from hallway.jsonapi.http import error_response

RETRY_AFTER_SECONDS = 5
GONE = "The connection closed before the request was let in"
# The most body bytes the waiting requests of a process may hold together.
WAITING_BYTES = 64 * 1024 * 1024


class Admission:
    """Pure ASGI middleware: `Admission(app, limit=16, wait=30.0, exempt=("/v1/upload/",))`;
    `limit=0` lets every request in at once."""

    def __init__(
        self, app: ASGIApp, *, limit: int, wait: float, exempt: Iterable[str] = ()
    ) -> None:
        self.app, self.limit, self.wait = app, limit, wait
        self.exempt = tuple(exempt)
        self._turns: dict[asyncio.AbstractEventLoop, asyncio.Semaphore] = {}
        self._waiting_bytes = 0

    def counts(self, scope: Scope) -> bool:
        if scope["type"] != "http" or self.limit <= 0:
            return False  # the lifespan and websocket scopes have no path to look at
        path: str = scope["path"]
        return path.startswith("/v1/") and not path.startswith(self.exempt)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if not self.counts(scope):
            await self.app(scope, receive, send)
            return
        body = await _Body.read(receive)
        turns = self._turns_of_this_loop()
        if body.gone or not await self._take(turns, body):
            # Never let in: a 4xx for a client gone (nobody reads it, as any such request
            # ends), else the 503 of a full line.
            refusal = ClientClosed(GONE) if body.gone else Busy(RETRY_AFTER_SECONDS)
            await error_response(refusal)(scope, body.replay, send)
            return
        turn = _Turn(turns)
        try:
            await self.app(scope, body.replay, turn.sending(send))
        finally:
            turn.end()

    async def _take(self, turns: asyncio.Semaphore, body: _Body) -> bool:
        """Take a turn: at once when one is free, else after waiting in line (False: the wait
        ran out, the line holds too many bytes, or the client went away meanwhile)."""
        if not turns.locked():
            return await turns.acquire()  # free: taken without suspending
        if self._waiting_bytes + body.size > WAITING_BYTES:
            return False
        self._waiting_bytes += body.size
        taking = asyncio.ensure_future(turns.acquire())
        leaving = asyncio.ensure_future(body.await_disconnect())
        try:
            async with asyncio.timeout(self.wait):
                await asyncio.wait((taking, leaving), return_when=asyncio.FIRST_COMPLETED)
                if not body.gone:  # the server said something other than goodbye
                    await asyncio.shield(taking)
        except TimeoutError:
            pass
        except BaseException:
            if taking.done() and not taking.cancelled():
                turns.release()
            raise
        finally:
            self._waiting_bytes -= body.size
            leaving.cancel()
            taking.cancel()  # nothing when it is done
        took = taking.done() and not taking.cancelled()
        if took and body.gone:
            turns.release()
        return took and not body.gone

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


class _Body:
    """A request's messages read ahead: `replay` hands them over again, then defers to the
    server's `receive` (which answers the disconnect)."""

    def __init__(self, receive: Receive, kept: list[Message]) -> None:
        self._receive = receive
        self._kept = kept
        self.size = sum(len(m.get("body", b"")) for m in kept)
        self.gone = kept[-1]["type"] == "http.disconnect"

    @classmethod
    async def read(cls, receive: Receive) -> _Body:
        kept: list[Message] = []
        while True:
            message = await receive()
            kept.append(message)
            if message["type"] != "http.request" or not message.get("more_body", False):
                return cls(receive, kept)

    async def await_disconnect(self) -> None:
        """Return once the client has gone (the server's next message, after the body, is
        its disconnect); kept for the replay."""
        message = await self._receive()
        self._kept.append(message)
        self.gone = message["type"] == "http.disconnect"

    async def replay(self) -> Message:
        if self._kept:
            return self._kept.pop(0)
        return await self._receive()
