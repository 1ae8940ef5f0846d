"""Alembic environment: async engines, the URL from Hallway's settings."""

from __future__ import annotations

import asyncio

from alembic import context
from sqlalchemy import pool
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import create_async_engine

from hallway.config import get_settings
from hallway.registry import metadata

config = context.config


def database_url() -> str:
    return config.attributes.get("database_url") or get_settings().database_url


def configure(connection: Connection | None = None, url: str | None = None) -> None:
    batch = (url or database_url()).startswith("sqlite")
    context.configure(
        connection=connection,
        url=url,
        target_metadata=metadata,
        render_as_batch=batch,
        compare_type=True,
        literal_binds=connection is None,
    )


def run_offline() -> None:
    configure(url=database_url())
    with context.begin_transaction():
        context.run_migrations()


# Held for the upgrade's transaction on PostgreSQL: web processes and a migration job started
# together upgrade one after the other, and the later ones find nothing left to do.
MIGRATION_LOCK = 0x48414C4C  # "HALL"


def _run(connection: Connection) -> None:
    configure(connection)
    with context.begin_transaction():
        if connection.dialect.name == "postgresql":
            connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({MIGRATION_LOCK})")
        context.run_migrations()


async def run_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    engine = create_async_engine(database_url(), poolclass=pool.NullPool)
    async with engine.connect() as conn:
        await conn.run_sync(_run)
        await conn.commit()
    await engine.dispose()


if context.is_offline_mode():
    run_offline()
else:
    asyncio.run(run_online())
