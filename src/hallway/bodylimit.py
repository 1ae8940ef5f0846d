"""A cap on request bodies, ahead of authentication and of every route.

A request whose `Content-Length` is over the cap is refused with 413 at once, its body unread,
before the application sees it. A body without one (chunked) is counted as it arrives: once
more than the cap has come, the application's `receive` raises instead of passing the excess
on, whatever the application then answers is dropped, and the client gets the 413. Nothing is
buffered here.

Paths under an exempt prefix (uploads, which have their own, larger cap) pass untouched. The
cap in force is left in `request.state.max_body_bytes` for the readers of bodies, which check
it again.
"""

from __future__ import annotations

from collections.abc import Iterable

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from hallway.jsonapi.body import CAP_STATE, body_too_large
from hallway.jsonapi.http import error_response


class BodyLimit:
    """Pure ASGI middleware: `BodyLimit(app, max_bytes=..., exempt=("/v1/upload/",))`."""

    def __init__(self, app: ASGIApp, *, max_bytes: int, exempt: Iterable[str] = ()) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.exempt = tuple(exempt)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"].startswith(self.exempt):
            await self.app(scope, receive, send)
            return
        declared = declared_length(scope)
        if declared is not None and declared > self.max_bytes:
            await self.refuse(scope, receive, send)
            return
        scope.setdefault("state", {})[CAP_STATE] = self.max_bytes
        guard = _Guard(receive, send, self.max_bytes)
        try:
            await self.app(scope, guard.receive, guard.send)
        except Exception:
            # Raised because the body went over the cap (or in answer to that): refused below.
            if not guard.refusable:
                raise
        if guard.refusable:
            await self.refuse(scope, receive, send)

    async def refuse(self, scope: Scope, receive: Receive, send: Send) -> None:
        error = body_too_large(self.max_bytes)
        # The rest of the body is never read, so the connection cannot carry another request.
        error.headers = {"Connection": "close"}
        await error_response(error)(scope, receive, send)


class _Guard:
    """`receive` counting the body and `send` dropping the application's answer once the body
    has gone over the cap (unless that answer had already begun)."""

    def __init__(self, receive: Receive, send: Send, max_bytes: int) -> None:
        self._receive = receive
        self._send = send
        self.max_bytes = max_bytes
        self.received = 0
        self.over = False
        self.started = False

    @property
    def refusable(self) -> bool:
        return self.over and not self.started

    async def receive(self) -> Message:
        if self.over:
            raise body_too_large(self.max_bytes)
        message = await self._receive()
        if message["type"] == "http.request":
            self.received += len(message.get("body", b""))
            if self.received > self.max_bytes:
                self.over = True
                raise body_too_large(self.max_bytes)
        return message

    async def send(self, message: Message) -> None:
        if self.over and not self.started:
            return
        self.started = True
        await self._send(message)


def declared_length(scope: Scope) -> int | None:
    """The request's `Content-Length`, or None when it has none (or one that is no number)."""
    for name, value in scope["headers"]:
        if name == b"content-length":
            return int(value) if value.isdigit() else None
    return None
