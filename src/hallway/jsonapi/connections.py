"""Where a GET runs its SQL: one connection without a transaction (no BEGIN/ROLLBACK round
trips), on which the engine reads directly. The request's session, which authentication and
policies may use, is bound to that same connection and is closed only if it was used.

Reads wait for one of the pool's standing connections rather than open overflow ones: under
a burst, opening and closing connections per request costs more than the wait (writes may
still overflow).

Between reads, a few of those connections are kept aside already in autocommit, per engine and
event loop (`Held`): checking a connection out of the pool, switching its isolation level and
resetting it on return cost as much CPU as a small read itself. A kept connection is dropped
after an error, once it is older than the pool's recycle time, and at `release_held` (called
when the database is disposed)."""

from __future__ import annotations

import asyncio
import time
import weakref
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager, nullcontext
from typing import Any

from sqlalchemy.ext.asyncio import (
    AsyncConnection,
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
)

from hallway.errors import HallwayError

AUTOCOMMIT = {"isolation_level": "AUTOCOMMIT"}
SessionFactory = Callable[[], AsyncSession]
RECYCLE_SECONDS = 1800.0
"""As the engine's `pool_recycle`: a kept connection older than this is closed, not reused."""


class Held:
    """Autocommit connections kept between reads, for one engine on one event loop."""

    def __init__(self, loop: asyncio.AbstractEventLoop, keep: int) -> None:
        self.loop = loop
        self.keep = keep
        self.idle: list[tuple[AsyncConnection, float]] = []

    async def take(self, engine: AsyncEngine) -> tuple[AsyncConnection, float]:
        now = time.monotonic()
        while self.idle:
            connection, born = self.idle.pop()
            if driver_closed(connection):  # the server went away while it was kept
                await connection.invalidate()
                continue
            if now - born < RECYCLE_SECONDS and not connection.invalidated:
                return connection, born
            await connection.close()
        connection = await engine.connect()
        await connection.execution_options(**AUTOCOMMIT)
        return connection, now

    async def give(self, connection: AsyncConnection, born: float) -> None:
        """Keep the connection for the next read, or close it (back to the pool)."""
        if connection.in_transaction() and not connection.invalidated:
            await connection.rollback()  # the autobegun transaction, never begun on the server
        if len(self.idle) >= self.keep or connection.invalidated:
            await connection.close()
            return
        self.idle.append((connection, born))

    async def release(self) -> None:
        idle, self.idle = self.idle, []
        for connection, _ in idle:
            await connection.close()


def driver_closed(connection: AsyncConnection) -> bool:
    """Is the driver's connection under this one closed (its server stopped or unreachable)?
    SQLAlchemy notices that only on its own statements, not on the driver's fast path."""
    if connection.invalidated or connection.closed:
        return False
    raw = getattr(connection.sync_connection, "connection", None)
    is_closed = getattr(getattr(raw, "driver_connection", None), "is_closed", None)
    return bool(callable(is_closed) and is_closed())


async def discard(connection: AsyncConnection, engine: AsyncEngine | None) -> None:
    """After a failed read: a connection whose server went away is invalidated, and so is the
    rest of the pool (opened before the outage, it is gone too); another one is closed."""
    if not driver_closed(connection):
        await connection.close()
        return
    await connection.invalidate()
    if engine is not None:
        await engine.dispose()  # checked-out connections are closed when given back


# engine (its sync engine, which the async one wraps) -> its kept connections
_HELD: weakref.WeakKeyDictionary[Any, Held] = weakref.WeakKeyDictionary()


def held_for(engine: AsyncEngine, keep: int) -> Held:
    """The kept connections of `engine` on the running loop; those kept on another loop (a
    test's, now closed) are forgotten, as that loop cannot close them."""
    loop = asyncio.get_running_loop()
    held = _HELD.get(engine.sync_engine)
    if held is None or held.loop is not loop:
        held = _HELD[engine.sync_engine] = Held(loop, keep)
    return held


async def release_held(engine: AsyncEngine) -> None:
    """Close the connections kept for `engine` (before disposing of it)."""
    held = _HELD.pop(engine.sync_engine, None)
    if held is not None and held.loop is asyncio.get_running_loop():
        await held.release()


class Reader:
    """Opens the session and the connection of one GET."""

    def __init__(self, sessions: SessionFactory) -> None:
        self.sessions = sessions
        # With a sessionmaker bound to an engine, connections come straight from the engine;
        # any other factory is asked for a session first. (Not an engine copy with the
        # isolation level as an option: that one runs event hooks around every statement.)
        self.maker: async_sessionmaker[AsyncSession] | None = None
        self.engine: AsyncEngine | None = None
        if isinstance(sessions, async_sessionmaker):
            bind = sessions.kw.get("bind")
            if isinstance(bind, AsyncEngine):
                self.maker, self.engine = sessions, bind
        size = getattr(self.engine.pool, "size", None) if self.engine is not None else None
        self.limit: int | None = size() if callable(size) else None
        self._gate: tuple[asyncio.AbstractEventLoop, asyncio.Semaphore] | None = None

    def gate(self) -> Any:
        """The semaphore of this event loop (tests run several loops), or a no-op."""
        if self.limit is None:
            return nullcontext()
        loop = asyncio.get_running_loop()
        if self._gate is None or self._gate[0] is not loop:
            self._gate = (loop, asyncio.Semaphore(self.limit))
        return self._gate[1]

    @asynccontextmanager
    async def open(self) -> AsyncIterator[tuple[AsyncSession, AsyncConnection]]:
        async with self.gate(), self._open() as opened:
            yield opened

    @asynccontextmanager
    async def _open(self) -> AsyncIterator[tuple[AsyncSession, AsyncConnection]]:
        if self.engine is None or self.maker is None:
            async with self.sessions() as session:
                yield session, await session.connection(execution_options=AUTOCOMMIT)
            return
        held = held_for(self.engine, max(1, (self.limit or 2) // 2))
        connection, born = await held.take(self.engine)
        session = self.maker(bind=connection)
        sound = False  # is the connection known to be fit for the next read?
        try:
            yield session, connection
            sound = True
        except HallwayError:
            sound = True  # a 4xx of the request's own: the connection is fine
            raise
        finally:
            # An unused session holds nothing: closing it would only cost time.
            if session.in_transaction() or session.identity_map:
                await session.close()
            if sound:
                await held.give(connection, born)
            else:  # a failure or a cancellation midway: the connection goes
                await discard(connection, self.engine)
