"""`/metrics` on its own address (METRICS_LISTEN), not on the public one.

Each server process listens there (with SO_REUSEPORT, so the workers of `--workers N` share
the address as they share the public one; the kernel hands a connection to one of them, and
it answers for all, as on the public address). A deliberately small HTTP/1.1 server: one
`GET /metrics` per connection, anything else 404 (405 for another method), 401 without the
token when METRICS_TOKEN is set.
"""

from __future__ import annotations

import asyncio
import contextlib
import socket
from collections.abc import Awaitable, Callable

from prometheus_client import CONTENT_TYPE_PLAIN_0_0_4

from hallway.config import Settings
from hallway.db import Database
from hallway.metrics.scrape import authorized, exposition

HEAD_LIMIT = 64  # header lines read before a request is refused
READ_SECONDS = 5.0
Answer = Callable[[str, str, str], Awaitable[tuple[int, bytes, str]]]
REASONS = {
    200: "OK",
    400: "Bad Request",
    401: "Unauthorized",
    404: "Not Found",
    405: "Method Not Allowed",
}


def _socket(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    if hasattr(socket, "SO_REUSEPORT"):
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    sock.bind((host, port))
    sock.listen(64)
    sock.setblocking(False)
    return sock


def answer_for(settings: Settings, db: Database) -> Answer:
    async def answer(method: str, path: str, authorization: str) -> tuple[int, bytes, str]:
        if path.partition("?")[0] != "/metrics":
            return 404, b"not found\n", "text/plain"
        if method not in ("GET", "HEAD"):
            return 405, b"method not allowed\n", "text/plain"
        if not authorized(authorization, settings.metrics_token):
            return 401, b"a valid metrics token is required\n", "text/plain"
        return 200, await exposition(settings, db), CONTENT_TYPE_PLAIN_0_0_4

    return answer


async def _request(reader: asyncio.StreamReader) -> tuple[str, str, str] | None:
    line = (await reader.readline()).decode("latin-1").split()
    if len(line) != 3:
        return None
    authorization = ""
    for _ in range(HEAD_LIMIT):
        header = (await reader.readline()).decode("latin-1")
        if header in ("\r\n", "\n", ""):
            return line[0], line[1], authorization
        name, _, value = header.partition(":")
        if name.strip().lower() == "authorization":
            authorization = value.strip()
    return None


def _handler(
    answer: Answer,
) -> Callable[[asyncio.StreamReader, asyncio.StreamWriter], Awaitable[None]]:
    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            async with asyncio.timeout(READ_SECONDS):
                request = await _request(reader)
            status, body, kind = (
                await answer(*request) if request else (400, b"bad request\n", "text/plain")
            )
            head = (
                f"HTTP/1.1 {status} {REASONS[status]}\r\nContent-Type: {kind}\r\n"
                f"Content-Length: {len(body)}\r\nConnection: close\r\n"
            )
            if status == 401:
                head += 'WWW-Authenticate: Bearer realm="metrics"\r\n'
            sent = body if request and request[0] != "HEAD" else b""
            writer.write(head.encode("latin-1") + b"\r\n" + sent)
            await writer.drain()
        except (TimeoutError, ConnectionError):
            pass
        finally:
            writer.close()
            with contextlib.suppress(ConnectionError):
                await writer.wait_closed()

    return handle


async def start_listener(settings: Settings, db: Database) -> asyncio.Server | None:
    """Serve `/metrics` at METRICS_LISTEN (None when unset)."""
    address = settings.metrics_address
    if address is None:
        return None
    sock = _socket(*address)
    return await asyncio.start_server(_handler(answer_for(settings, db)), sock=sock)


async def stop_listener(server: asyncio.Server | None) -> None:
    if server is not None:
        server.close()
        with contextlib.suppress(TimeoutError):
            async with asyncio.timeout(2.0):
                await server.wait_closed()
