"""The migrations build exactly the schema the models describe."""

from __future__ import annotations

import asyncio

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
