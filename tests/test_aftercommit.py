"""Callbacks queued in a transaction run after commit, never after a rollback."""

from __future__ import annotations

import asyncio

from hallway.aftercommit import drain, on_commit
from hallway.db import Database


async def test_callbacks_run_after_commit_only(database_url):
    db = Database(database_url)
    ran: list[str] = []

    async def record(name: str) -> None:
        ran.append(name)

    async with db.sessions() as session, session.begin():
        on_commit(session, lambda: record("committed"))
        assert ran == []
    async with db.sessions() as session:
        await session.begin()
        on_commit(session, lambda: record("rolled back"))
        await session.rollback()
    async with db.sessions() as session, session.begin():
        on_commit(session, lambda: ran.append("plain"))
    async with asyncio.timeout(10):
        await drain()
    await db.dispose()

    assert sorted(ran) == ["committed", "plain"]
