"""The app served by uvicorn on a real socket, in the test's own event loop, for tests that
need the whole HTTP stack under concurrency; and buyers made straight in the database with
tokens issued for them (logging 200 people in would only time the password hash)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import httpx
import uvicorn
from fastapi import FastAPI

from hallway.auth import tokens
from hallway.db import Database
from hallway.users.models import User


@asynccontextmanager
async def served(app: FastAPI, connections: int) -> AsyncIterator[httpx.AsyncClient]:
    config = uvicorn.Config(
        app,
        host="127.0.0.1",
        port=0,
        lifespan="off",
        log_level="warning",
        access_log=False,
        backlog=4096,
        # A loaded machine leaves connections idle for seconds: the server keeps them longer
        # than the client does, so the client never sends on one the server just closed.
        timeout_keep_alive=120,
    )
    server = uvicorn.Server(config)
    task = asyncio.create_task(server.serve())
    try:
        while not server.started:
            if task.done():
                task.result()
            await asyncio.sleep(0.01)
        port = server.servers[0].sockets[0].getsockname()[1]
        limits = httpx.Limits(
            max_connections=connections, max_keepalive_connections=connections, keepalive_expiry=60
        )
        async with httpx.AsyncClient(
            base_url=f"http://127.0.0.1:{port}", limits=limits, timeout=120
        ) as client:
            yield client
    finally:
        server.should_exit = True
        await task


async def buyers(db: Database, secret: str, n: int) -> list[str]:
    """n verified accounts, and an access token for each."""
    async with db.sessions() as session, session.begin():
        people = [
            User(email=f"buyer-{i}@example.com", password_hash="-", is_verified=True)
            for i in range(n)
        ]
        session.add_all(people)
        await session.flush()
        ids = [person.id for person in people]
    return [
        tokens.issue(secret, user_id, type_="access", fresh=True, seconds=3600) for user_id in ids
    ]
