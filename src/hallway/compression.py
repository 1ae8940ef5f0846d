"""Gzip for answers of one body message, when the client accepts it.

A request whose `Accept-Encoding` does not name gzip passes straight through: nothing wraps
its answer (most API clients and load balancers ask for none). Otherwise an answer sent as a
single body message (every JSON document) is compressed when it is large enough, of a
textual type and not encoded already; streamed answers (files) pass unchanged.
"""

from __future__ import annotations

import gzip

from starlette.types import ASGIApp, Message, Receive, Scope, Send

COMPRESSIBLE = (b"application/json", b"application/vnd.api+json", b"text/", b"application/xml")


def _accepts_gzip(scope: Scope) -> bool:
    for name, value in scope["headers"]:
        if name == b"accept-encoding":
            return b"gzip" in value.lower()
    return False


class Gzip:
    def __init__(self, app: ASGIApp, *, minimum_size: int = 1024, level: int = 5) -> None:
        self.app, self.minimum_size, self.level = app, minimum_size, level

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not _accepts_gzip(scope):
            await self.app(scope, receive, send)
            return
        await self.app(scope, receive, _Compressor(send, self.minimum_size, self.level))


class _Compressor:
    """Holds the response start until the first body message shows whether to compress."""

    def __init__(self, send: Send, minimum_size: int, level: int) -> None:
        self.send, self.minimum_size, self.level = send, minimum_size, level
        self.start: Message | None = None

    async def __call__(self, message: Message) -> None:
        if message["type"] == "http.response.start":
            self.start = message
            return
        start, self.start = self.start, None
        if start is None:  # later messages of a streamed answer
            await self.send(message)
            return
        body: bytes = message.get("body", b"")
        if message.get("more_body") or not self._worth_it(start, body):
            await self.send(start)
            await self.send(message)
            return
        zipped = gzip.compress(body, compresslevel=self.level)
        headers, vary = [], [b"Accept-Encoding"]
        for name, value in start.get("headers", []):
            if name == b"vary":
                vary.insert(0, value)
            elif name != b"content-length":
                headers.append((name, value))
        headers += [
            (b"content-encoding", b"gzip"),
            (b"content-length", str(len(zipped)).encode()),
            (b"vary", b", ".join(vary)),
        ]
        await self.send({**start, "headers": headers})
        await self.send({**message, "body": zipped})

    def _worth_it(self, start: Message, body: bytes) -> bool:
        if len(body) < self.minimum_size:
            return False
        content_type = b""
        for name, value in start.get("headers", []):
            if name == b"content-encoding":
                return False
            if name == b"content-type":
                content_type = value
        return content_type.startswith(COMPRESSIBLE)
