"""Where a GET runs its SQL: one connection without a transaction (no BEGIN/ROLLBACK round
trips), on which the engine reads directly. The request's session, which authentication and
policies may use, is bound to that same connection and is closed only if it was used.

Reads wait for one of the pool's standing connections rather than open overflow ones: under
a burst, opening and closing connections per request costs more than the wait (writes may
still overflow)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager, nullcontext
from typing import Any

from sqlalchemy.ext.asyncio import (
    AsyncConnection,
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
)

AUTOCOMMIT = {"isolation_level": "AUTOCOMMIT"}
SessionFactory = Callable[[], AsyncSession]


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
        async with self.engine.connect() as connection:
            await connection.execution_options(**AUTOCOMMIT)
            session = self.maker(bind=connection)
            try:
                yield session, connection
            finally:
                # An unused session holds nothing: closing it would only cost time.
                if session.in_transaction() or session.identity_map:
                    await session.close()
