"""The migrations build exactly the schema the models describe."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys

import pytest
from sqlalchemy import MetaData

from hallway import migrate
from hallway.db import Database
from hallway.registry import metadata


def _drop_hallway_tables(conn) -> None:
    reflected = MetaData()
    reflected.reflect(conn)
    ours = [t for t in reflected.sorted_tables if not t.name.startswith("toy_")]
    reflected.drop_all(conn, tables=ours)


async def _reset(db: Database) -> None:
    """Start from an empty schema so the whole migration chain runs."""
    async with db.engine.begin() as conn:
        await conn.run_sync(_drop_hallway_tables)


async def test_models_equal_the_migrated_schema(database_url):
    db = Database(database_url)
    await _reset(db)
    await asyncio.to_thread(migrate.upgrade, database_url)

    revision, differences = await migrate.schema_state(db.engine, metadata)
    await db.dispose()

    assert revision == migrate.head_revision(database_url)
    assert [d for d in differences if not _is_toy(d)] == []


def _is_toy(difference) -> bool:
    """Engine tests create toy tables in the same database; they are not part of the models."""
    return "toy_" in repr(difference)


def test_two_migrators_at_once_on_postgresql(database_url):
    """Web processes and a migration job may upgrade the same empty database at the same
    moment: the first applies the chain, the others wait for it and find nothing to do."""
    if not database_url.startswith("postgresql"):
        pytest.skip("one process migrates an embedded SQLite database")
    asyncio.run(_reset_at(database_url))
    environment = {**os.environ, "DATABASE_URL": database_url}
    command = [sys.executable, "-m", "hallway.cli", "migrate"]
    runs = [
        subprocess.Popen(command, env=environment, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)  # noqa: S603
        for _ in range(3)
    ]
    outputs = [run.communicate(timeout=300)[0].decode() for run in runs]

    assert [run.returncode for run in runs] == [0, 0, 0], outputs
    assert asyncio.run(_revision_at(database_url)) == migrate.head_revision(database_url)


async def _reset_at(database_url: str) -> None:
    db = Database(database_url)
    await _reset(db)
    await db.dispose()


async def _revision_at(database_url: str) -> str | None:
    db = Database(database_url)
    revision, _ = await migrate.schema_state(db.engine, metadata)
    await db.dispose()
    return revision
